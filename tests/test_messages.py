"""Screens ask the app by message; the app answers; nothing is done twice."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from textual.app import App
from textual.widgets import Input, Select, TextArea

from weltoffen_tui.paths import sample_path
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.messages import ShowField
from weltoffen_tui.tui.screens.compare import CompareScreen
from weltoffen_tui.tui.screens.field import FieldScreen
from weltoffen_tui.tui.screens.setup import SetupScreen
from weltoffen_tui.tui.screens.start import StartScreen
from weltoffen_tui.tui.screens.summary import SummaryScreen

TUI = Path(__file__).parent.parent / "weltoffen_tui" / "tui"
PERSPECTIVES = (
    "musterstadt-verwaltungsleitung.toml",
    "musterstadt-integrationsbuero.toml",
    "musterstadt-integrationsbeirat.toml",
)


def test_screens_use_only_textuals_app_api() -> None:
    """Screens and widgets post messages instead of calling the app's own methods."""
    used = {
        (path.name, name)
        for folder in ("screens", "widgets")
        for path in (TUI / folder).glob("*.py")
        for name in re.findall(r"\bself\.app\.(\w+)", path.read_text())
    }
    assert used and not {(file, name) for file, name in used if not hasattr(App, name)}


async def test_a_repeated_ctrl_s_creates_one_assessment(tmp_path: Path) -> None:
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        screen.query_one("#municipality", Input).value = "Einmalingen"
        screen.query_one("#kind", Select).value = "Gemeinde"
        screen.query_one("#respondents", TextArea).load_text("Eva Ernst, Leitung")
        # Two presses handled before the app has answered the first request.
        screen.action_create()
        screen.action_create()
        await pilot.pause()
        assert isinstance(app.screen, FieldScreen)
    assert len(list(tmp_path.glob("*.toml"))) == 1


async def test_a_repeated_w_starts_one_workshop(tmp_path: Path) -> None:
    for name in PERSPECTIVES:
        shutil.copyfile(sample_path().parent / name, tmp_path / name)
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        from weltoffen_tui.core.storage.opening import open_assessment

        loaded = [(tmp_path / n, *open_assessment(tmp_path / n)) for n in PERSPECTIVES]
        paths = [path for path, _, _ in loaded]
        items = [(path.name, assessment) for path, assessment, _ in loaded]
        screen = CompareScreen(loaded[0][2], paths, items)
        await app.push_screen(screen)
        await pilot.pause()
        screen.action_workshop()
        screen.action_workshop()
        await pilot.pause()
        assert isinstance(app.screen, FieldScreen) and app.perspectives is not None
    assert len(list(tmp_path.glob("*gemeinsam*.toml"))) == 1


async def test_a_field_of_a_closed_assessment_is_not_shown(tmp_path: Path) -> None:
    target = tmp_path / "musterstadt.toml"
    shutil.copyfile(sample_path(), target)
    app = WeltoffenApp(data_dir=tmp_path, open_file=target)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        session = summary.session
        await app.run_action("home")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) and app.session is None
        app.screen.post_message(ShowField(session, 0))
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)


async def test_export_answer_goes_to_the_screen_that_asked(tmp_path: Path) -> None:
    target = tmp_path / "musterstadt.toml"
    shutil.copyfile(sample_path(), target)
    app = WeltoffenApp(data_dir=tmp_path, open_file=target)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        await pilot.press("g")
        await pilot.pause()
        preview = app.screen  # the agenda preview asks for the export and shows the answer
        await pilot.press("ctrl+s")
        await pilot.pause()
        banner = str(preview.query_one("#agenda-status").render())
        assert "Tagesordnung (Markdown und HTML) geschrieben" in banner
        assert str(tmp_path / "musterstadt-tagesordnung.html") in banner
