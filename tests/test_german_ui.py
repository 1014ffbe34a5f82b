"""One German convention: every key, binding, palette entry and date a person reads."""

from __future__ import annotations

import importlib
import io
import pkgutil
import re
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import pytest
import textual.widgets
from rich.console import Console
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widget import Widget

from weltoffen_tui.core.labels import format_iso_date, parse_date
from weltoffen_tui.tui import german
from weltoffen_tui.tui.app import WeltoffenApp

# Words of Textual's English descriptions (and their like) that must not reach a user.
ENGLISH = {
    "focus", "copy", "page", "scroll", "select", "selected", "toggle", "quit", "cursor",
    "submit", "delete", "paste", "cut", "undo", "redo", "home", "end", "next", "previous",
    "up", "down", "left", "right", "show", "dismiss", "exit", "press", "open", "go", "top",
    "bottom", "first", "last", "word", "line", "menu", "option", "command", "palette",
    "all", "the", "to", "and", "or", "of", "expand", "collapse", "keys",
    "summary", "back", "close", "search", "help", "save", "cancel", "move", "button",
}  # fmt: skip
# Key names as Textual writes them (lower case, English, symbols Germans do not read);
# "Esc" and "Ende" are the German way.
ENGLISH_KEYS = {
    "esc", "escape", "pgdn", "pgup", "del", "home", "end", "ctrl", "shift", "space",
    "backspace", "⌫", "⏎", "super", "Super", "delete", "pageup", "pagedown",
}  # fmt: skip
GERMAN_KEY_NAMES = {
    *german.KEY_NAMES.values(), *german.MODIFIER_NAMES.values(), "?", "/", "+", "-",
}  # fmt: skip


def english_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-zÄÖÜäöüß]+", text) if w.casefold() in ENGLISH]


def english_keys(shown: str) -> list[str]:
    """Parts of a key display that are not written the German way."""
    if "^" in shown:
        return [shown]
    bad = []
    for part in shown.split("+") if shown != "+" else ["+"]:
        allowed = part in GERMAN_KEY_NAMES or re.fullmatch(r"F\d+|[A-Za-z0-9]|[^\w⌫⏎]", part)
        if not allowed or part in ENGLISH_KEYS:
            bad.append(part)
    return bad


def textual_classes() -> list[type[DOMNode]]:
    """Every class of Textual's own that brings key bindings (all widget modules loaded)."""
    for module in pkgutil.iter_modules(textual.widgets.__path__):
        importlib.import_module(f"textual.widgets.{module.name}")
    importlib.import_module("textual.command")
    importlib.import_module("textual.screen")
    importlib.import_module("textual.app")
    found: list[type[DOMNode]] = []
    pending: list[type[DOMNode]] = [DOMNode]
    while pending:
        cls = pending.pop()
        if cls.__module__.startswith("textual.") and cls.__dict__.get("BINDINGS"):
            found.append(cls)
        pending.extend(s for s in cls.__subclasses__() if s not in found)
    return found


# --------------------------------------------------------------------------- bindings


def test_every_builtin_binding_of_textual_is_german() -> None:
    german.install()
    classes = textual_classes()
    names = {cls.__name__ for cls in classes}
    # The widgets the app uses are among them (the introspection found them) ...
    assert {
        "Input", "TextArea", "DataTable", "ListView", "OptionList", "SelectOverlay", "Select",
        "Button", "ToggleButton", "RadioSet", "ScrollableContainer", "Tree", "Screen", "App",
        "CommandPalette",
    } <= names  # fmt: skip
    english = []
    for cls in classes:
        for entry in cls.__dict__["BINDINGS"]:
            binding = Binding(*entry) if isinstance(entry, tuple) else entry
            if binding.description and (
                english_words(binding.description)
                or german.german_description(cls.__name__, binding) is None
            ):
                english.append(f"{cls.__name__}.{binding.action}: {binding.description}")
    # ... and not one of their bindings is left in English.
    assert english == []


def test_textual_classes_imported_later_are_german_too() -> None:
    """The text area is imported only when a dialog needs it: later than install()."""
    german.install()

    class LateTextualWidget(Widget):
        __module__ = "textual.widgets._late"
        BINDINGS: ClassVar = [Binding("ctrl+c", "copy", "Copy"), Binding("f7", "select_all", "x")]

    class OurSubclass(LateTextualWidget):
        pass

    merged = {
        binding.action: binding.description
        for bindings in OurSubclass._merged_bindings.key_to_bindings.values()  # type: ignore[union-attr]
        for binding in bindings
    }
    assert merged == {"copy": "Kopieren", "select_all": "Alles markieren"}


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("ctrl+s", "Strg+S"),
        ("escape", "Esc"),
        ("pagedown", "Bild↓"),
        ("pageup", "Bild↑"),
        ("home", "Pos1"),
        ("end", "Ende"),
        ("delete", "Entf"),
        ("tab", "Tab"),
        ("shift+tab", "Umschalt+Tab"),
        ("up", "↑"),
        ("down", "↓"),
        ("left", "←"),
        ("right", "→"),
        ("f1", "F1"),
        ("ctrl+shift+left", "Strg+Umschalt+←"),
        ("question_mark", "?"),
        ("delete,ctrl+d", "Entf"),
        ("n", "n"),
    ],
)
def test_keys_are_written_the_german_way(key: str, shown: str, tmp_path: Path) -> None:
    assert german.key_display(key) == shown
    app = WeltoffenApp(data_dir=tmp_path)
    assert app.get_key_display(Binding(key, "x", "y")) == shown


# --------------------------------------------------------------------------- in the app


def _shown_bindings(app: WeltoffenApp) -> list[tuple[str, str, str]]:
    """(where, key as shown, description) of every binding of every node on the screen."""
    screen = app.screen
    found = []
    for node in [app, *screen.walk_children(with_self=True)]:
        for bindings in node._bindings.key_to_bindings.values():
            for binding in bindings:
                if binding.description:
                    where = f"{type(screen).__name__}/{type(node).__name__}"
                    found.append((where, app.get_key_display(binding), binding.description))
    return found


def _key_panel_text(app: WeltoffenApp) -> str:
    from textual.widgets._key_panel import BindingsTable

    table = app.screen.query_one(BindingsTable).render_bindings_table()
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(table)
    return console.export_text()


async def _visit(app: WeltoffenApp, pilot: Any, seen: list[tuple[str, str, str]]) -> None:
    await pilot.pause()
    seen.extend(_shown_bindings(app))


async def test_no_english_in_any_key_list_of_the_app(sample_copy: Path) -> None:
    """Footer, help (F1), Textual's key panel: every description and key is German."""
    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    seen: list[tuple[str, str, str]] = []
    panels: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await _visit(app, pilot, seen)  # the summary (sample is complete) or a field
        await pilot.press("escape")  # start screen
        await _visit(app, pilot, seen)
        app.action_show_help_panel()
        await pilot.pause()
        panels.append(_key_panel_text(app))
        app.action_hide_help_panel()
        await pilot.press("b")  # library: tree, then search field, then hits
        await _visit(app, pilot, seen)
        await pilot.press(*"hass")
        await _visit(app, pilot, seen)
        app.action_show_help_panel()
        await pilot.pause()
        panels.append(_key_panel_text(app))
        app.action_hide_help_panel()
        await pilot.press("down")
        await _visit(app, pilot, seen)
        await pilot.press("f1")  # our help dialog
        await _visit(app, pilot, seen)
        await pilot.press("escape", "escape", "escape")
        await pilot.press("n")  # setup form: inputs, selects
        await _visit(app, pilot, seen)
        await pilot.press("escape")
        await pilot.press("ctrl+p")  # the command palette
        await _visit(app, pilot, seen)
    assert len(seen) > 50
    english = [entry for entry in seen if english_words(entry[2]) or english_keys(entry[1])]
    assert english == []
    for panel in panels:
        assert "Nächstes Element" in panel
        assert not english_words(panel), panel
        assert "^" not in panel and "pgdn" not in panel and "esc" not in panel


async def test_palette_speaks_of_the_auswertung(sample_copy: Path) -> None:
    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
    assert "Auswertung" in titles
    assert not [t for t in titles if "Zusammenfassung" in t]


def test_no_zusammenfassung_in_labels_of_the_package() -> None:
    """One term per thing: the result of a check is the „Auswertung“ in every label."""
    package = Path(german.__file__).parents[1]
    offenders = [
        f"{path.relative_to(package)}:{number}"
        for path in sorted(package.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "Zusammenfassung" in line and path.name != "texts.py"  # texts.py explains the rule
    ]
    assert offenders == []


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("30.06.2027", date(2027, 6, 30)),
        ("1.7.2027", date(2027, 7, 1)),
        (" 30.06.2027 ", date(2027, 6, 30)),
        ("2027-06-30", date(2027, 6, 30)),
        ("", None),
    ],
)
def test_dates_are_typed_german_or_iso(typed: str, meant: date | None) -> None:
    assert parse_date(typed) == meant


@pytest.mark.parametrize("typed", ["30.06.27", "30.06.0027", "31.02.2027", "2027/06/30", "morgen"])
def test_unclear_dates_are_refused_with_the_german_hint(typed: str) -> None:
    with pytest.raises(ValueError, match=r"TT\.MM\.JJJJ"):
        parse_date(typed)


def test_iso_dates_from_the_index_read_as_tt_mm_jjjj() -> None:
    assert format_iso_date("2027-06-30") == "30.06.2027"
    assert format_iso_date("") == ""
    assert format_iso_date("irgendwann") == "irgendwann"


async def test_start_screen_shows_session_dates_as_tt_mm_jjjj(sample_copy: Path) -> None:
    from textual.widgets import DataTable

    app = WeltoffenApp(data_dir=sample_copy.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        cells = [str(c) for row in range(table.row_count) for c in table.get_row_at(row)]
    assert any(re.fullmatch(r"\d\d\.\d\d\.\d{4}", c) for c in cells), cells
    assert not any(re.search(r"\d{4}-\d\d-\d\d", c) for c in cells), cells
