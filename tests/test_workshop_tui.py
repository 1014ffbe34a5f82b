"""Issue 4 in the TUI: three perspectives to a consensus, an action plan, an agenda, a timeline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, SelectionList, Static

from tests.test_tui import plain
from weltoffen_tui.core.storage.store import load_assessment
from weltoffen_tui.paths import sample_path
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.screens.actionplan import ActionPlanScreen, MeasureDialog
from weltoffen_tui.tui.screens.compare import CompareScreen, FilesDialog, TimelineScreen
from weltoffen_tui.tui.screens.dialogs import MessageDialog
from weltoffen_tui.tui.screens.field import FieldScreen
from weltoffen_tui.tui.screens.start import StartScreen
from weltoffen_tui.tui.screens.summary import SummaryScreen
from weltoffen_tui.tui.widgets.question import QuestionCard

PERSPECTIVES = (
    "musterstadt-verwaltungsleitung.toml",
    "musterstadt-integrationsbuero.toml",
    "musterstadt-integrationsbeirat.toml",
)


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    for sample in sample_path().parent.glob("*.toml"):
        shutil.copyfile(sample, tmp_path / sample.name)
    return tmp_path


async def choose(app: WeltoffenApp, pilot, names: tuple[str, ...], action: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("v")
    dialog = app.screen
    assert isinstance(dialog, FilesDialog)
    selection = dialog.query_one(SelectionList)
    for index, entry in enumerate(dialog.entries):
        if entry.path.name in names:
            selection.select(index)
    await pilot.click(f"#{action}")
    await pilot.pause()


async def test_three_perspectives_to_consensus_plan_and_agenda(samples: Path) -> None:
    sources = {name: (samples / name).read_bytes() for name in PERSPECTIVES}
    app = WeltoffenApp(data_dir=samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await choose(app, pilot, PERSPECTIVES, "compare")
        assert isinstance(app.screen, CompareScreen)
        assert "Diskussionspunkte" in plain(app.screen.query_one("#compare", Static).content)
        await pilot.press("w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FieldScreen) and app.perspectives is not None
        card = app.focused
        assert isinstance(card, QuestionCard) and card.perspectives is not None
        assert "Vorschlag" in card.perspectives.plain
        # Accept the suggestion for the first question (Enter moves on), set the second by hand.
        await pilot.press("enter", "4")
        await pilot.pause()
        session = app.session
        assert session is not None and "gemeinsam" in session.path.name
        consensus = load_assessment(session.path)
        first = screen.field.questions[0].id
        assert consensus.answer(screen.field.id, first).value == card.suggestion  # type: ignore[union-attr]
        assert consensus.answer(screen.field.id, screen.field.questions[1].id).value == 4  # type: ignore[union-attr]
        assert sorted(s.file for s in consensus.sources) == sorted(PERSPECTIVES)
        # The sources are never changed.
        assert {n: (samples / n).read_bytes() for n in PERSPECTIVES} == sources
        # Summary: a measure from the first recommendation, then the plan and exports.
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MeasureDialog)
        dialog.query_one("#responsible", Input).value = "Integrationsbüro"
        dialog.query_one("#due", Input).value = "30.06.2027"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = load_assessment(session.path)
        assert len(saved.measures) == 1
        assert saved.measures[0].responsible == "Integrationsbüro"
        assert saved.measures[0].due is not None and saved.measures[0].due.year == 2027
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ActionPlanScreen)
        assert app.screen.query_one(DataTable).row_count == 1
        await pilot.press("c")
        await pilot.pause()
        csv_file = session.path.with_name(session.path.stem + "-massnahmenplan.csv")
        assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")
        await pilot.press("escape", "g")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the agenda preview: export as shown
        await pilot.pause()
        agenda = session.path.with_name(session.path.stem + "-tagesordnung.md")
        assert agenda.exists() and "Dialogveranstaltung" in agenda.read_text()
        await pilot.press("escape", "m")
        await pilot.pause()
        report = session.path.with_name(session.path.stem + "-bericht.md").read_text()
        assert "## Maßnahmenplan" in report


async def test_timeline_and_a_refused_comparison(samples: Path) -> None:
    app = WeltoffenApp(data_dir=samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await choose(app, pilot, ("musterstadt-2025.toml", "musterstadt.toml"), "timeline")
        assert isinstance(app.screen, TimelineScreen)
        assert "gestiegen" in plain(app.screen.query_one("#compare", Static).content)
        await pilot.press("escape")
        other = load_assessment(samples / "musterstadt.toml")
        other.municipality = "Anderswo"
        from weltoffen_tui.core.storage.store import save_assessment

        save_assessment(other, samples / "anderswo.toml")
        assert isinstance(app.screen, StartScreen)
        await pilot.press("r")
        await choose(app, pilot, ("musterstadt-2025.toml", "anderswo.toml"), "timeline")
        assert isinstance(app.screen, MessageDialog)
        assert "Kommune" in " ".join(app.screen.lines)


async def test_measure_dialog_rejects_a_bad_date(samples: Path) -> None:
    """Found by the monkey test: a typo in the date must give a message, not a crash."""
    app = WeltoffenApp(data_dir=samples, open_file=samples / "musterstadt.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MeasureDialog)
        dialog.query_one("#due", Input).value = "wo"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "TT.MM.JJJJ" in str(dialog.query_one("#due-error", Static).render())
        assert load_assessment(samples / "musterstadt.toml").measures == []


async def test_enter_on_a_discussion_point_tells_once_then_moves_on_once_agreed(
    samples: Path,
) -> None:
    """No suggestion: Enter says so once (no stack of toasts); agreed, Enter goes on."""
    app = WeltoffenApp(data_dir=samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await choose(app, pilot, PERSPECTIVES, "compare")
        await pilot.press("w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FieldScreen)
        cards = list(screen.query(QuestionCard))
        point = next(c for c in cards if c.discussion and c.suggestion is None)
        screen._focus(point)
        await pilot.pause()
        before = len(app._notifications)
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        assert len(app._notifications) == before + 1
        assert app.focused is point  # nothing agreed yet: Enter does not move on
        await pilot.press("2", "enter")  # agreed by hand, then Enter goes on
        await pilot.pause()
        assert app.focused is not point
        assert isinstance(app.focused, QuestionCard)
        assert cards.index(app.focused) == cards.index(point) + 1
