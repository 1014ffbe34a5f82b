"""A session in front of a room: exports in the background and the screens at 80×24.

Each test here protects one point of issues 12 and 13: the UI answers keys while a
(slow) export is written, quitting waits for it, and at 80 columns the footers keep the
keys to go on, the field header stays one line, the plan table and the file choice stay
readable and copies are told apart from their originals.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from weltoffen_tui.paths import sample_path
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.messages import ExportRequested
from weltoffen_tui.tui.screens.dialogs import HelpDialog
from weltoffen_tui.tui.screens.summary import SummaryScreen
from weltoffen_tui.tui.widgets.status import StatusBanner

SIZE = (80, 24)


def screen_lines(app: WeltoffenApp) -> list[str]:
    update = app.screen._compositor.render_update(full=True)
    assert update is not None
    return ["".join(segment.text for segment in strip) for strip in update.strips]


def slow_writer(target: Path, released: threading.Event, seen: list[bool]):  # type: ignore[no-untyped-def]
    """A writer that blocks until the test releases it (at most a few seconds).

    ``seen`` records whether it was released in time, i.e. whether the test could press
    keys while it ran: on the UI thread it would block the app and time out instead.
    """
    from weltoffen_tui.core.storage.exports import write_document

    def write() -> Path:
        seen.append(released.wait(timeout=5))
        return write_document(target, b"%PDF-1.7 fake\n")

    return write


async def test_the_app_answers_keys_while_an_export_is_written(data: Path) -> None:
    app = WeltoffenApp(data_dir=data, open_file=data / sample_path().name)
    released, seen = threading.Event(), []  # type: ignore[var-annotated]
    target = data / "bericht.pdf"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        summary.post_message(
            ExportRequested(slow_writer(target, released, seen), "PDF", reply_to=summary)
        )
        await pilot.pause()
        # While it runs the screen says so ...
        banner = summary.query_one(StatusBanner)
        assert "PDF wird erstellt" in str(banner.render())
        assert app.exporting
        # ... and keys still work: F1 opens the help.
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        # A second export is refused while the first runs.
        summary.post_message(ExportRequested(lambda: target, "Noch eins", reply_to=summary))
        await pilot.pause()
        released.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert seen == [True]
        assert target.read_bytes().startswith(b"%PDF-")
        assert app.exported == [target]  # the second one never ran
        assert not app.exporting
        await pilot.press("escape")
        await pilot.pause()
        assert "✓ PDF geschrieben" in str(summary.query_one(StatusBanner).render())


async def test_a_failed_export_is_reported_in_german(data: Path) -> None:
    from weltoffen_tui.core.errors import Problem, UserError
    from weltoffen_tui.tui.screens.dialogs import MessageDialog

    def fail() -> Path:
        problem = Problem(data / "bericht.pdf", "Der Ordner ist schreibgeschützt.")
        raise UserError([problem])

    app = WeltoffenApp(data_dir=data, open_file=data / sample_path().name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.post_message(ExportRequested(fail, "PDF", reply_to=app.screen))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        assert "schreibgeschützt" in "\n".join(screen_lines(app))
        assert app.exported == []
        assert app.return_code is None  # no crash


async def test_quitting_during_an_export_waits_for_the_whole_file(data: Path) -> None:
    app = WeltoffenApp(data_dir=data, open_file=data / sample_path().name)
    released, seen = threading.Event(), []  # type: ignore[var-annotated]
    target = data / "bericht.pdf"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.post_message(
            ExportRequested(slow_writer(target, released, seen), "PDF", reply_to=app.screen)
        )
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code is None  # still running: the export is not done
        released.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.return_code == 0  # ... and then it quits by itself
    assert target.read_bytes() == b"%PDF-1.7 fake\n"
    assert app.exported == [target]
    assert not [p.name for p in data.iterdir() if p.name.endswith(".tmp")]


# ---------------------------------------------------------------- 80×24: footers


def footer_line(app: WeltoffenApp) -> str:
    return screen_lines(app)[-1]


def footer_descriptions(app: WeltoffenApp) -> set[str]:
    """Every ``key description`` pair the screen's bindings could show in the footer."""
    pairs = set()
    for active in app.screen.active_bindings.values():
        binding = active.binding
        if binding.description:
            key = binding.key_display or app.get_key_display(binding)
            pairs.add(f"{key} {binding.description}")
    return pairs


def assert_no_half_key(app: WeltoffenApp) -> None:
    """The footer ends with a whole key (never „Strg+T Da“ cut off at the edge)."""
    line = footer_line(app).split("▏")[0].rstrip()  # the keys left of Strg+P, if shown
    assert any(line.endswith(pair) for pair in footer_descriptions(app)), line


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    directory = tmp_path / "daten"
    directory.mkdir()
    for sample in sorted(sample_path().parent.glob("*.toml")):
        shutil.copyfile(sample, directory / sample.name)
    return directory


PERSPECTIVES = (
    "musterstadt-verwaltungsleitung.toml",
    "musterstadt-integrationsbuero.toml",
    "musterstadt-integrationsbeirat.toml",
)


def load(directory: Path, names: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from weltoffen_tui.core.storage.opening import open_assessment

    loaded = [(directory / n, *open_assessment(directory / n)) for n in names]
    return loaded[0][2], [p for p, _, _ in loaded], [(p.name, a) for p, a, _ in loaded]


async def test_footers_at_80_columns_show_the_keys_to_go_on(samples: Path) -> None:
    from weltoffen_tui.tui.screens.actionplan import ActionPlanScreen
    from weltoffen_tui.tui.screens.compare import CompareScreen
    from weltoffen_tui.tui.screens.field import FieldScreen

    app = WeltoffenApp(data_dir=samples, open_file=samples / "musterstadt.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen: dict[str, str] = {}

        async def look(kind: type) -> str:
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, kind)
            assert_no_half_key(app)
            seen[kind.__name__] = footer_line(app)
            return seen[kind.__name__]

        summary = await look(SummaryScreen)
        for pair in ("F1 Hilfe", "Esc Zurück", "e Export", "p Plan", "g Tagesordnung"):
            assert pair in summary, summary
        assert "l Großansicht" in summary, summary
        await pilot.press("p")
        plan = await look(ActionPlanScreen)
        for pair in ("F1 Hilfe", "Esc Zurück", "n Neu", "m Markdown", "x HTML", "c CSV"):
            assert pair in plan, plan
        await pilot.press("escape")
        app.show_field(1, 0)
        field = await look(FieldScreen)
        for pair in ("F1 Hilfe", "Esc Startseite", "n Weiter", "v Zurück", "z Auswertung"):
            assert pair in field, field
        assert "o Übersicht" in field and "e Notiz" in field, field
        app.push_screen(CompareScreen(*load(samples, PERSPECTIVES)))
        compare = await look(CompareScreen)
        for pair in ("F1 Hilfe", "Esc Zurück", "w Workshop", "g Tagesordnung", "l Großansicht"):
            assert pair in compare, compare
        # The F1 help still lists the keys left out, with their longer words.
        await pilot.press("f1")
        await pilot.pause()
        from textual.widgets import Markdown

        assert isinstance(app.screen, HelpDialog)
        keys = app.screen.query_one(Markdown).source
        assert "| `b` | Live-Workshop im Browser |" in keys, keys
        assert "| `m` | Export als Markdown |" in keys, keys


async def test_every_screen_ends_its_footer_with_a_whole_key(samples: Path) -> None:
    """Start, setup, edit, library, timeline, agenda, large print: no key cut in half."""
    from weltoffen_tui.tui.screens.agenda import AgendaScreen
    from weltoffen_tui.tui.screens.compare import TimelineScreen

    app = WeltoffenApp(data_dir=samples)
    async with app.run_test(size=SIZE) as pilot:

        async def check(*keys: str) -> None:
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            assert "F1 Hilfe" in footer_line(app), footer_line(app)
            assert_no_half_key(app)

        await check()
        await check("n")
        await check("escape", "e")
        await check("escape", "ctrl+b")
        await pilot.press("escape")
        app.push_screen(
            TimelineScreen(*load(samples, ("musterstadt-2025.toml", "musterstadt.toml")))
        )
        await check()
        await check("l")
        await pilot.press("escape", "escape")
        app.push_screen(AgendaScreen(*load(samples, PERSPECTIVES)))
        await check()
        assert "Esc Zurück" in footer_line(app)


async def test_a_wide_footer_is_not_compact_and_keeps_the_palette_key(data: Path) -> None:
    app = WeltoffenApp(data_dir=data)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert "Strg+P Befehle" in footer_line(app)
        assert footer_line(app).startswith(" F1 Hilfe  ")  # Textual's spacing
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert footer_line(app).startswith("F1 Hilfe ")  # compact at 80 columns
        assert_no_half_key(app)


# ---------------------------------------------------------------- 80×24: the field header


async def test_the_field_header_is_one_line_at_80_columns(samples: Path) -> None:
    from textual.widgets import Static

    from weltoffen_tui.tui.screens.field import FieldScreen

    app = WeltoffenApp(data_dir=samples, open_file=samples / "musterstadt.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pack = app.pack
        for index, field in enumerate(pack.fields):
            app.show_field(index, 0)
            await pilot.pause()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, FieldScreen)
            bar = screen.query_one(".topbar")
            assert bar.outer_size.height == 1, (field.id, screen_lines(app)[:3])
            top = screen_lines(app)[0]
            assert field.short_name in top, top
            assert "✓ Gespeichert" in top, top
            assert "   ✓ Gespeichert" in top, top  # never run into the heading
            assert f"Feld {index + 1}/7" in top or f"{index + 1} von 7" in top, top
            title = screen.query_one("#field-title", Static)
            assert "…" not in str(title.render()), top


async def test_the_workshop_header_and_cards_fit_at_80_columns(samples: Path) -> None:
    from weltoffen_tui.tui.screens.field import FieldScreen

    app = WeltoffenApp(data_dir=samples)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.start_workshop(*load(samples, PERSPECTIVES))
        for _ in range(3):
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FieldScreen)
        assert screen.query_one(".topbar").outer_size.height == 1
        top = screen_lines(app)[0]
        assert top.startswith(" Workshop · ") and "✓ Gespeichert" in top, top
        # ms-03: 2 – In Ansätzen from all three perspectives.
        await pilot.press("down", "down")
        await pilot.pause()
        await pilot.pause()
        shown = screen_lines(app)
        rows = [line for line in shown if "✓ Einstimmig · Vorschlag (Enter übernimmt)" in line]
        assert len(rows) == 1, shown
        assert "2 – In Ansätzen" in rows[0], rows[0]
        # The consensus file's summary names it as such, in full.
        await pilot.press("z")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        top = screen_lines(app)[0]
        assert "· Gemeinsam (Workshop) ·" in top, top


# ---------------------------------------------------------------- 80×24: the action plan


async def test_the_plan_table_shows_short_field_names_and_wraps_at_80_columns(
    data: Path,
) -> None:
    from datetime import date

    from textual.widgets import DataTable

    from weltoffen_tui.core.storage.store import load_assessment, save_assessment
    from weltoffen_tui.core.workshop.actionplan import add_measure, measure_from_recommendation
    from weltoffen_tui.tui.screens.actionplan import ActionPlanScreen

    path = data / sample_path().name
    assessment = load_assessment(path)
    pack = WeltoffenApp(data_dir=data).pack
    measure = measure_from_recommendation(pack, assessment, "io-01.low")
    office = "Integrationsbüro mit Personalamt"
    add_measure(
        assessment,
        measure.model_copy(update={"due": date(2027, 6, 30), "responsible": office}),
    )
    save_assessment(assessment, path)
    app = WeltoffenApp(data_dir=data, open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ActionPlanScreen)
        table = app.screen.query_one(DataTable)
        shown = screen_lines(app)
        first = next(i for i, line in enumerate(shown) if "30.06.2027" in line)
        row = shown[first : first + table.rows[next(iter(table.rows))].height]
        text = "\n".join(row)
        # The field by its short name (in up to two lines), the office whole, in lines.
        assert "Interkulturelle" in text and "Öffnung" in text, text
        assert "Integrationsbüro" in text and "Personalamt" in text, text
        assert "30.06.2027" in row[0] and "offen" in row[0], row
        # The title wraps: its first words and more than one line of it.
        words = measure.title.split()
        assert " ".join(words[:2]) in row[0], row
        assert len(row) >= 2, row


# ---------------------------------------------------------------- the file choice and copies


async def test_the_file_choice_names_its_keys_and_a_chooses_all(samples: Path) -> None:
    from textual.widgets import SelectionList

    from weltoffen_tui.tui.screens.compare import FilesDialog

    app = WeltoffenApp(data_dir=samples)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, FilesDialog)
        shown = "\n".join(screen_lines(app))
        for word in ("Leertaste wählt", "a wählt alle", "Tab, Enter: weiter", "Esc: zurück"):
            assert word in shown, shown
        choice = app.screen.query_one(SelectionList)
        await pilot.press("a")
        await pilot.pause()
        assert len(choice.selected) == choice.option_count > 1
        await pilot.press("a")
        await pilot.pause()
        assert choice.selected == []


async def test_a_copy_is_told_apart_from_its_original_in_the_start_list(data: Path) -> None:
    from weltoffen_tui.tui.screens.start import StartScreen

    app = WeltoffenApp(data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = "\n".join(screen_lines(app))
        assert "Datei musterstadt" not in before  # alone, a file shows its perspective
        await pilot.press("k")  # copy, under the proposed name „musterstadt-kopie“
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(3):
            await pilot.pause()
        assert (data / "musterstadt-kopie.toml").exists()
        assert isinstance(app.screen, StartScreen)
        shown = screen_lines(app)
        assert sum("Datei musterstadt-kopie" in line for line in shown) == 1, shown
        assert sum(line.strip() == "Datei musterstadt" for line in shown) == 1, shown


async def test_space_typed_in_one_burst_marks_the_row_it_was_typed_on(samples: Path) -> None:
    """Down, Space, Down, Space … arriving in one read of the terminal (a fast typist, a
    paste, tmux send-keys) are handled one after the other before any message: each
    Space must still mark the row highlighted when it was typed, not the last one."""
    from weltoffen_tui.tui.screens.compare import FileChoice, FilesDialog

    app = WeltoffenApp(data_dir=samples)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, FilesDialog)
        choice = app.screen.query_one(FileChoice)
        assert choice.option_count >= 4
        for _ in range(2):  # the keys' actions, without a pause for messages between
            choice.action_cursor_down()
        choice.action_select()
        choice.action_cursor_down()
        choice.action_select()
        choice.action_cursor_down()
        choice.action_select()
        await pilot.pause()
        assert sorted(choice.selected) == [2, 3, 4]
        assert "[✓]" in "\n".join(screen_lines(app))


def test_a_heading_that_does_not_fit_shortens_the_name_not_the_filter(shipped_pack) -> None:  # type: ignore[no-untyped-def]
    from weltoffen_tui.tui.screens.field import field_heading

    field = shipped_pack.fields[0]
    for room in (53, 45):
        text = field_heading(
            field, (1, 7), (0, 15), workshop=True, only_discussion=True, room=room
        ).plain
        assert len(text) <= room and text.endswith("0/15 · nur ⚑"), text
        assert text.startswith("Workshop · Feld 1/7: ") and "…" in text, text
