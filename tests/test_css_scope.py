"""Each screen's styles stay with that screen.

Textual reads a screen's ``CSS_PATH`` into the app's one stylesheet the first time the
screen is shown, and keeps it. A rule in it that is not scoped to its screen restyles
every widget elsewhere with the same id or class from then on: once an article had been
read (``article.tcss``: ``#article { max-width: 100; }``), the library's reading pane, also
``#article``, was narrower. So: record the layout of the start screen and the library,
visit every screen and dialog of the app, come back, and compare.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import shutil
from pathlib import Path

from textual.app import App
from textual.css.model import SelectorType
from textual.css.stylesheet import Stylesheet
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select, SelectionList, TextArea

from weltoffen_tui.paths import sample_path
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.screens.actionplan import ActionPlanScreen, MeasureDialog
from weltoffen_tui.tui.screens.article import ArticleScreen
from weltoffen_tui.tui.screens.compare import CompareScreen, FilesDialog, TimelineScreen
from weltoffen_tui.tui.screens.dialogs import ArticleChooser, HelpDialog, MessageDialog, NoteDialog
from weltoffen_tui.tui.screens.field import FieldScreen
from weltoffen_tui.tui.screens.library import LibraryScreen
from weltoffen_tui.tui.screens.overview import OverviewDialog
from weltoffen_tui.tui.screens.setup import SetupScreen
from weltoffen_tui.tui.screens.start import StartScreen
from weltoffen_tui.tui.screens.summary import SummaryScreen

# Wide, so that the article screen's narrower text column would show in the library.
SIZE = (200, 50)
START_WIDGETS = (
    "#start",
    "#headline",
    "#location",
    "#assessments",
    "#actions",
)
LIBRARY_WIDGETS = ("#search", "#library", "#nav", "#tree", "#reader", "#article")
PERSPECTIVES = (
    "musterstadt-verwaltungsleitung.toml",
    "musterstadt-integrationsbuero.toml",
    "musterstadt-integrationsbeirat.toml",
)
EVERY_SCREEN = {
    StartScreen,
    SetupScreen,
    FieldScreen,
    OverviewDialog,
    SummaryScreen,
    ArticleChooser,
    ArticleScreen,
    LibraryScreen,
    FilesDialog,
    CompareScreen,
    TimelineScreen,
    ActionPlanScreen,
    HelpDialog,
    NoteDialog,
    MeasureDialog,
    MessageDialog,
}

SCREENS = Path(__file__).parent.parent / "weltoffen_tui" / "tui" / "screens"
Layout = dict[str, tuple[Region, Region]]


def screen_classes() -> dict[str, type[Screen[object]]]:
    """Every screen class of the app, by name."""
    found: dict[str, type[Screen[object]]] = {}
    for info in pkgutil.iter_modules([str(SCREENS)]):
        module = importlib.import_module(f"weltoffen_tui.tui.screens.{info.name}")
        for value in vars(module).values():
            ours = inspect.isclass(value) and value.__module__ == module.__name__
            if ours and issubclass(value, Screen):
                found[value.__name__] = value
    return found


def test_every_screen_rule_starts_with_a_screen_that_loads_it() -> None:
    """So a rule can only ever match inside its own screen (or dialog)."""
    screens = screen_classes()
    variables = App[None]().get_css_variables()
    for path in sorted(SCREENS.glob("*.tcss")):
        sheet = Stylesheet(variables=variables)
        sheet.read(path)
        sheet.parse()
        assert sheet.rules, path
        for rule in sheet.rules:
            for selectors in rule.selector_set:
                first = selectors.selectors[0]
                owner = screens.get(first.name)
                assert first.type is SelectorType.TYPE and owner is not None, (path.name, first)
                assert path.name == owner.CSS_PATH, (path.name, first.name)


def layout(screen: Screen[object], selectors: tuple[str, ...]) -> Layout:
    """Where each widget is and where its content goes (so padding counts too)."""
    return {
        selector: (widget.region, widget.content_region)
        for selector in selectors
        for widget in [screen.query_one(selector)]
    }


class Visit:
    """Drives the app with keys and remembers which screens it has seen."""

    def __init__(self, app: WeltoffenApp, pilot: Pilot[int]) -> None:
        self.app = app
        self.pilot = pilot
        self.seen: set[type[Screen[object]]] = set()

    async def to(self, expected: type[Screen[object]], *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.pilot.pause()
        assert isinstance(self.app.screen, expected), (keys, self.app.screen)
        self.seen.add(type(self.app.screen))

    async def dialog(self, expected: type[Screen[object]], *keys: str) -> None:
        """Open a dialog with ``keys`` and close it again with Esc."""
        back = type(self.app.screen)
        await self.to(expected, *keys)
        await self.to(back, "escape")

    async def open_row(self, expected: type[Screen[object]], name: str) -> None:
        """Open the start screen's entry for the file ``name``."""
        screen = self.app.screen
        assert isinstance(screen, StartScreen)
        row = [entry.path.name for entry in screen.entries].index(name)
        screen.query_one(DataTable).move_cursor(row=row)
        await self.to(expected, "enter")

    async def several(
        self, expected: type[Screen[object]], names: tuple[str, ...], action: str
    ) -> None:
        """Choose files in the dialog for several assessments and what to do with them."""
        await self.to(FilesDialog, "v")
        dialog = self.app.screen
        assert isinstance(dialog, FilesDialog)
        for index, entry in enumerate(dialog.entries):
            if entry.path.name in names:
                dialog.query_one(SelectionList).select(index)
        await self.pilot.click(f"#{action}")
        await self.pilot.pause()
        assert isinstance(self.app.screen, expected), self.app.screen
        self.seen.add(type(self.app.screen))


async def test_visiting_every_screen_leaves_the_others_layout_alone(tmp_path: Path) -> None:
    for sample in sample_path().parent.glob("*.toml"):
        shutil.copyfile(sample, tmp_path / sample.name)
    (tmp_path / "kaputt.toml").write_text("municipality = \n")
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        visit = Visit(app, pilot)
        await visit.to(StartScreen)
        start = layout(app.screen, START_WIDGETS)
        await visit.to(LibraryScreen, "b")
        library = layout(app.screen, LIBRARY_WIDGETS)
        await visit.to(StartScreen, "escape")

        # Help, and the message about a file that cannot be read.
        await visit.dialog(HelpDialog, "f1")
        await visit.open_row(MessageDialog, "kaputt.toml")
        await visit.to(StartScreen, "escape")

        # A new self-check: the form, a field with a note and the overview, its summary.
        await visit.to(SetupScreen, "n")
        setup = app.screen
        await pilot.press(*"Scopingen")
        setup.query_one("#kind", Select).value = "Stadt"
        setup.query_one("#respondents", TextArea).load_text("Eva Ernst, Leitung")
        setup.query_one("#consultant", Input).value = "Beratung"
        await visit.to(FieldScreen, "ctrl+s")
        await visit.dialog(NoteDialog, "e")
        await visit.dialog(OverviewDialog, "o")
        await visit.to(SummaryScreen, "z")
        await visit.to(FieldScreen, "escape")
        await visit.to(StartScreen, "escape")

        # The complete sample: summary, measure, action plan, articles, library from there.
        await visit.open_row(SummaryScreen, "musterstadt.toml")
        summary = app.screen
        await visit.dialog(OverviewDialog, "o")
        await visit.dialog(MeasureDialog, "a")
        await visit.to(ActionPlanScreen, "p")
        await visit.to(SummaryScreen, "escape")
        assert isinstance(summary, SummaryScreen)
        articles = list(summary.session.pack.articles.values())[:2]
        app.push_screen(ArticleChooser(articles), summary.open_article)
        await visit.to(ArticleChooser)
        await visit.to(ArticleScreen, "enter")
        await visit.to(LibraryScreen, "ctrl+b")
        await visit.to(ArticleScreen, "escape")
        await visit.to(SummaryScreen, "escape")
        await visit.to(StartScreen, "escape")

        # Several files: compare, a workshop from there, the timeline.
        await visit.several(CompareScreen, PERSPECTIVES, "compare")
        await visit.to(FieldScreen, "w")
        assert app.perspectives is not None
        await visit.to(StartScreen, "escape")
        await visit.several(
            TimelineScreen, ("musterstadt-2025.toml", "musterstadt.toml"), "timeline"
        )
        await visit.to(StartScreen, "escape")

        assert visit.seen == EVERY_SCREEN
        start_after = layout(app.screen, START_WIDGETS)
        await visit.to(LibraryScreen, "b")
        library_after = layout(app.screen, LIBRARY_WIDGETS)
        assert {"start": start_after, "library": library_after} == {
            "start": start,
            "library": library,
        }
