"""The start screen as a user drives it: perspectives, dates, editing and housekeeping."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, Static, TextArea

from weltoffen_tui.core.storage.housekeeping import TRASH_NAME
from weltoffen_tui.core.storage.locking import AssessmentLock
from weltoffen_tui.core.storage.store import backup_path, load_assessment
from weltoffen_tui.paths import sample_path
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.screens.compare import FileChoice, FilesDialog
from weltoffen_tui.tui.screens.dialogs import MessageDialog
from weltoffen_tui.tui.screens.edit import ConfirmDialog, EditScreen, NameDialog
from weltoffen_tui.tui.screens.field import FieldScreen
from weltoffen_tui.tui.screens.setup import SetupScreen
from weltoffen_tui.tui.screens.start import StartScreen

SIZE = (80, 24)
PERSPECTIVES = (
    "musterstadt-verwaltungsleitung.toml",
    "musterstadt-integrationsbuero.toml",
    "musterstadt-integrationsbeirat.toml",
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    directory = tmp_path / "daten"
    directory.mkdir()
    for name in PERSPECTIVES:
        shutil.copyfile(sample_path().parent / name, directory / name)
    return directory


def cell_text(screen: StartScreen, row: int, column: int = 0) -> str:
    return str(screen.query_one(DataTable).get_row_at(row)[column])


async def choose(app: WeltoffenApp, pilot, name: str) -> StartScreen:  # type: ignore[no-untyped-def]
    """Put the start screen's cursor on the file ``name``."""
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, StartScreen)
    row = [entry.path.name for entry in screen.entries].index(name)
    screen.query_one(DataTable).move_cursor(row=row)
    await pilot.pause()
    return screen


async def test_rows_show_perspective_and_german_dates(data: Path) -> None:
    path = data / PERSPECTIVES[0]
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'perspective = "Verwaltungsleitung"', 'perspective = "Verwaltungsspitze"'
        ),
        encoding="utf-8",
    )
    app = WeltoffenApp(data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        screen = await choose(app, pilot, PERSPECTIVES[0])
        row = [e.path.name for e in screen.entries].index(PERSPECTIVES[0])
        assert cell_text(screen, row).endswith("\nVerwaltungsspitze")
        assert cell_text(screen, row, 1) == "20.02.2026"
        details = str(screen.query_one("#details", Static).render())
        assert f"Datei: {PERSPECTIVES[0]}" in details
        assert "Perspektive: Verwaltungsspitze" in details
        # Every perspective row is told apart by its label, not all alike.
        labels = {cell_text(screen, r).split("\n")[1] for r in range(len(screen.entries))}
        assert len(labels) == len(PERSPECTIVES)


async def test_consensus_is_marked_with_its_sources(data: Path) -> None:
    app = WeltoffenApp(data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        from weltoffen_tui.core.storage.opening import open_assessment

        loaded = [(data / n, *open_assessment(data / n)) for n in PERSPECTIVES]
        paths = [p for p, _, _ in loaded]
        app.start_workshop(loaded[0][2], paths, [(p.name, a) for p, a, _ in loaded])
        await pilot.pause()
        assert isinstance(app.screen, FieldScreen)
        labels = [p.label for p in app.perspectives.perspectives]  # type: ignore[union-attr]
        await app.run_action("home")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        consensus = [e for e in screen.entries if "gemeinsam" in e.path.name]
        assert len(consensus) == 1 and consensus[0].label == "Gemeinsam (Workshop)"
        screen = await choose(app, pilot, consensus[0].path.name)
        details = str(screen.query_one("#details", Static).render())
        assert f"Gemeinsame Einschätzung (Workshop) aus: {', '.join(labels)}" in details


async def test_new_self_check_takes_german_date_and_perspective(tmp_path: Path) -> None:
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        screen.query_one("#municipality", Input).value = "Neustadt"
        screen.query_one("#kind", Select).value = "Stadt"
        screen.query_one("#date", Input).value = "15.01.2027"
        screen.query_one("#perspective", Input).value = "Integrationsbeirat"
        screen.query_one("#respondents", TextArea).load_text("Eva Ernst, Vorsitz")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FieldScreen)
    (path,) = tmp_path.glob("*.toml")
    assert path.name == "neustadt-integrationsbeirat-2027-01-15.toml"
    saved = load_assessment(path)
    assert (saved.session_date, saved.perspective) == (date(2027, 1, 15), "Integrationsbeirat")


async def test_edit_details_from_the_start_screen(data: Path) -> None:
    path = data / PERSPECTIVES[1]
    before = load_assessment(path)
    app = WeltoffenApp(data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await choose(app, pilot, path.name)
        await pilot.press("e")
        await pilot.pause()
        edit = app.screen
        assert isinstance(edit, EditScreen)
        assert edit.query_one("#date", Input).value == "23.02.2026"
        assert "Leitung Integrationsbüro" in edit.query_one("#respondents", TextArea).text
        edit.query_one("#date", Input).value = "kein Datum"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is edit  # a bad date keeps the form open, with the reason
        assert "TT.MM.JJJJ" in str(edit.query_one("#date-error", Static).render())
        edit.query_one("#date", Input).value = "2026-02-24"
        edit.query_one("#perspective", Input).value = "Integrationsbüro"
        edit.query_one("#kind", Select).value = "Landkreis"
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        assert screen.entries[screen.query_one(DataTable).cursor_row].path == path
        assert "Integrationsbüro" in cell_text(screen, screen.query_one(DataTable).cursor_row)
    after = load_assessment(path)
    assert (after.perspective, after.kind, after.session_date) == (
        "Integrationsbüro",
        "Landkreis",
        date(2026, 2, 24),
    )
    assert after.answers == before.answers and after.respondents == before.respondents
    assert backup_path(path).exists()  # saved the usual way: atomically, with a backup


async def test_edit_details_of_the_open_assessment(data: Path) -> None:
    path = data / PERSPECTIVES[2]
    app = WeltoffenApp(data_dir=data, open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        opened = app.screen
        assert app.session is not None
        commands = [c.title for c in app.get_system_commands(opened)]
        assert "Angaben bearbeiten" in commands
        app.action_edit_details()
        await pilot.pause()
        edit = app.screen
        assert isinstance(edit, EditScreen)
        edit.query_one("#perspective", Input).value = "Integrationsbeirat"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is opened
        assert app.session.assessment.perspective == "Integrationsbeirat"
    assert load_assessment(path).perspective == "Integrationsbeirat"


async def rename_to(app: WeltoffenApp, pilot, key: str, name: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(key)
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, NameDialog)
    dialog.query_one("#name", Input).value = name
    await pilot.press("enter")
    await pilot.pause()


async def test_rename_and_copy_from_the_start_screen(data: Path) -> None:
    path = data / PERSPECTIVES[0]
    content = path.read_bytes()
    app = WeltoffenApp(data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await choose(app, pilot, path.name)
        await rename_to(app, pilot, "u", "leitung")
        screen = app.screen
        assert isinstance(screen, StartScreen)
        renamed = data / "leitung.toml"
        assert renamed.read_bytes() == content and not path.exists()
        assert screen.entries[screen.query_one(DataTable).cursor_row].path == renamed
        await rename_to(app, pilot, "k", "leitung-kopie")
        assert (data / "leitung-kopie.toml").read_bytes() == content
        assert renamed.exists()
        # Names that are paths, or taken, are refused with a message; nothing changes.
        await choose(app, pilot, "leitung.toml")
        for key, name in (("u", "../anderswo"), ("u", "unter/ordner"), ("k", PERSPECTIVES[1])):
            files = sorted(p.name for p in data.iterdir())
            await rename_to(app, pilot, key, name)
            assert isinstance(app.screen, MessageDialog)
            await pilot.press("enter")
            assert sorted(p.name for p in data.iterdir()) == files
        assert not (data.parent / "anderswo.toml").exists()


async def test_delete_moves_into_the_recycle_folder(data: Path) -> None:
    path = data / PERSPECTIVES[1]
    content = path.read_bytes()
    app = WeltoffenApp(data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await choose(app, pilot, path.name)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the focus is on "Abbrechen"
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) and path.exists()
        await pilot.press("delete")
        await pilot.pause()
        await pilot.click("#confirm")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        assert path.name not in [e.path.name for e in screen.entries]
    assert not path.exists()
    assert (data / TRASH_NAME / path.name).read_bytes() == content


async def test_file_open_elsewhere_is_not_moved(data: Path) -> None:
    path = data / PERSPECTIVES[1]
    other_window = AssessmentLock(path)
    assert other_window.acquire()
    try:
        app = WeltoffenApp(data_dir=data)
        async with app.run_test(size=SIZE) as pilot:
            await choose(app, pilot, path.name)
            await pilot.press("delete")
            await pilot.pause()
            await pilot.click("#confirm")
            await pilot.pause()
            assert isinstance(app.screen, MessageDialog)
            assert "anderen Fenster" in " ".join(app.screen.lines)
            await pilot.press("enter")
            await rename_to(app, pilot, "u", "neu")
            assert isinstance(app.screen, MessageDialog)
    finally:
        other_window.release()
    assert path.exists() and not (data / "neu.toml").exists()
    assert not (data / TRASH_NAME).exists()


async def test_file_choice_marks_only_chosen_files_and_shows_names(data: Path) -> None:
    app = WeltoffenApp(data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FilesDialog)
        await pilot.press("space")
        await pilot.pause()
        files = dialog.query_one(FileChoice)
        lines = [files.render_line(y).text for y in range(len(dialog.entries))]
        assert lines[0].lstrip().startswith("[✓]")
        assert all(line.lstrip().startswith("[ ]") for line in lines[1:])
        assert not any("X" in line[:6] for line in lines)
        for entry, line in zip(dialog.entries, lines, strict=True):
            assert entry.path.name in line  # in full, at 80 columns
        details = str(dialog.query_one("#file-details", Static).render())
        assert f"Datei: {dialog.entries[0].path.name}" in details


async def test_edit_from_the_command_palette_types_into_the_perspective(data: Path) -> None:
    path = data / PERSPECTIVES[2]
    app = WeltoffenApp(data_dir=data, open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Angaben bearbeiten")
        await pilot.pause(0.5)  # the palette searches in a worker
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        await pilot.press(*"Beirat")
        assert app.screen.query_one("#perspective", Input).value == "Beirat"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert load_assessment(path).perspective == "Beirat"
