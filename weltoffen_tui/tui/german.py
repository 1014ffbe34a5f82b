"""German wording for the strings Textual itself shows to users.

Textual has no translations. Here, in one place:

* the command palette's placeholder and "no matches" line;
* a German description for every key binding Textual's own widgets, screens and the
  app bring along (``DESCRIPTIONS``; the footer, the key panel and the help show them);
* German key names, ``Strg+S``, ``Esc``, ``Bild↓``, ``Pos1`` (:func:`key_display`, used
  by ``WeltoffenApp.get_key_display`` for every key Textual shows itself).

Written against Textual 8.2 (``pyproject.toml`` caps it): Textual merges a class's
``BINDINGS`` with its bases' when the class is created (``DOMNode.__init_subclass__``
calls ``_merge_bindings``). :func:`install` therefore rewrites the ``BINDINGS`` of the
Textual classes already imported, merges every class's bindings again, and has
``__init_subclass__`` rewrite those of Textual classes imported later (the text area,
say, is imported only when a dialog needs it). ``tests/test_german_ui.py`` checks that
every binding of every Textual widget ends up German.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.dom import DOMNode
from textual.widgets.option_list import Option

PLACEHOLDER = "Befehl suchen …"

# --------------------------------------------------------------------------- key names

KEY_NAMES = {
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "space": "Leertaste",
    "backspace": "Rücktaste",
    "delete": "Entf",
    "insert": "Einfg",
    "home": "Pos1",
    "end": "Ende",
    "pageup": "Bild↑",
    "pagedown": "Bild↓",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
}
MODIFIER_NAMES = {
    "ctrl": "Strg",
    "shift": "Umschalt",
    "alt": "Alt",
    "super": "Befehl",  # the Cmd key of a Mac ("Befehlstaste")
    "meta": "Meta",
}


def key_display(keys: str) -> str:
    """How a key is written for people: ``ctrl+s`` → ``Strg+S``, ``pagedown`` → ``Bild↓``.

    Of a comma-separated list (``"delete,ctrl+d"``) the first key is shown.
    """
    from textual.keys import format_key

    key = keys.split(",")[0].strip()
    *modifiers, name = key.split("+") if key != "+" else ["+"]
    if name in KEY_NAMES:
        shown = KEY_NAMES[name]
    elif len(name) > 1 and name[0] == "f" and name[1:].isdigit():
        shown = name.upper()  # F1
    else:
        shown = format_key(name)  # "question_mark" → "?", "a" → "a"
        if modifiers and len(shown) == 1:
            shown = shown.upper()  # Strg+S, as printed on the key
    return "+".join([*(MODIFIER_NAMES.get(m, m.capitalize()) for m in modifiers), shown])


# --------------------------------------------------------------------------- descriptions

# By action; ``(class name, action)`` where one class means something else by it.
DESCRIPTIONS: dict[str | tuple[str, str], str] = {
    # Screen and App
    "app.focus_next": "Nächstes Element",
    "app.focus_previous": "Voriges Element",
    "screen.copy_text": "Markierten Text kopieren",
    "quit": "Beenden",
    "help_quit": "Beenden",
    # Command palette
    "escape": "Befehlssuche schließen",
    "command_list('cursor_up')": "Voriger Befehl",
    ("CommandPalette", "cursor_down"): "Nächster Befehl",
    "command_list('first')": "Zum ersten Befehl",
    "command_list('last')": "Zum letzten Befehl",
    "command_list('page_down')": "Eine Seite weiter",
    "command_list('page_up')": "Eine Seite zurück",
    # Text: Input and TextArea
    "copy": "Kopieren",
    ("Input", "copy"): "Markierten Text kopieren",
    "cut": "Ausschneiden",
    ("Input", "cut"): "Markierten Text ausschneiden",
    "paste": "Einfügen",
    ("Input", "paste"): "Text aus der Zwischenablage einfügen",
    "undo": "Rückgängig",
    "redo": "Wiederholen",
    "select_all": "Alles markieren",
    "select_line": "Zeile markieren",
    "submit": "Bestätigen",
    "cursor_left": "Nach links",
    "cursor_right": "Nach rechts",
    ("Input", "cursor_right"): "Nach rechts oder Vorschlag übernehmen",
    "cursor_up": "Nach oben",
    "cursor_down": "Nach unten",
    "cursor_left(True)": "Nach links markieren",
    "cursor_right(True)": "Nach rechts markieren",
    "cursor_up(True)": "Nach oben markieren",
    "cursor_down(True)": "Nach unten markieren",
    "cursor_left_word": "Ein Wort nach links",
    "cursor_right_word": "Ein Wort nach rechts",
    "cursor_left_word(True)": "Bis zum vorigen Wort markieren",
    "cursor_right_word(True)": "Bis zum nächsten Wort markieren",
    "cursor_word_left": "Ein Wort nach links",
    "cursor_word_right": "Ein Wort nach rechts",
    "cursor_word_left(True)": "Bis zum vorigen Wort markieren",
    "cursor_word_right(True)": "Bis zum nächsten Wort markieren",
    "cursor_line_start": "Zum Zeilenanfang",
    "cursor_line_end": "Zum Zeilenende",
    "cursor_line_start(True)": "Bis zum Zeilenanfang markieren",
    "cursor_line_end(True)": "Bis zum Zeilenende markieren",
    "cursor_page_up": "Eine Seite nach oben",
    "cursor_page_down": "Eine Seite nach unten",
    "home": "Zum Anfang",
    "end": "Zum Ende",
    "home(True)": "Bis zum Anfang markieren",
    "end(True)": "Bis zum Ende markieren",
    "delete_left": "Zeichen links löschen",
    "delete_right": "Zeichen rechts löschen",
    "delete_left_word": "Wort links löschen",
    "delete_right_word": "Wort rechts löschen",
    "delete_word_left": "Wort links löschen",
    "delete_word_right": "Wort rechts löschen",
    "delete_left_all": "Alles links löschen",
    "delete_right_all": "Alles rechts löschen",
    "delete_line": "Zeile löschen",
    "delete_to_start_of_line": "Bis zum Zeilenanfang löschen",
    "delete_to_end_of_line_or_delete_line": "Bis zum Zeilenende löschen",
    # Lists, tables, trees
    "select": "Auswählen",
    ("SelectionList", "select"): "An- oder abwählen",
    "select_cursor": "Auswählen",
    "first": "Zum ersten Eintrag",
    "last": "Zum letzten Eintrag",
    "page_up": "Eine Seite nach oben",
    "page_down": "Eine Seite nach unten",
    "page_left": "Eine Seite nach links",
    "page_right": "Eine Seite nach rechts",
    "scroll_up": "Nach oben",
    "scroll_down": "Nach unten",
    "scroll_left": "Nach links",
    "scroll_right": "Nach rechts",
    "scroll_home": "Zum Anfang",
    "scroll_end": "Zum Ende",
    "scroll_top": "Ganz nach oben",
    "scroll_bottom": "Ganz nach unten",
    "toggle_node": "Auf- oder zuklappen",
    "toggle_expand_all": "Alles auf- oder zuklappen",
    "cursor_parent": "Zur übergeordneten Ebene",
    "cursor_parent_next_sibling": "Zum nächsten Eintrag der übergeordneten Ebene",
    "cursor_next_sibling": "Zum nächsten Eintrag derselben Ebene",
    "cursor_previous_sibling": "Zum vorigen Eintrag derselben Ebene",
    # Buttons, choices, menus
    "press": "Knopf drücken",
    "toggle_button": "An- oder abwählen",
    "toggle_switch": "Umschalten",
    "next_button": "Nächste Möglichkeit",
    "previous_button": "Vorige Möglichkeit",
    "show_overlay": "Liste öffnen",
    "dismiss": "Liste schließen",
    "toggle_collapsible": "Auf- oder zuklappen",
    "next_tab": "Nächster Reiter",
    "previous_tab": "Voriger Reiter",
    "open_link": "Link öffnen",
}


def german_description(class_name: str, binding: Binding) -> str | None:
    """The German description of one of Textual's bindings, or None if there is none."""
    return DESCRIPTIONS.get((class_name, binding.action)) or DESCRIPTIONS.get(binding.action)


def _translated(cls: type[DOMNode]) -> list[Any] | None:
    own = cls.__dict__.get("BINDINGS")
    if not own or not cls.__module__.startswith("textual."):
        return None
    result: list[Any] = []
    for entry in own:
        binding = Binding(*entry) if isinstance(entry, tuple) else entry
        german = german_description(cls.__name__, binding) if binding.description else None
        if german is not None:
            binding = dataclasses.replace(binding, description=german, tooltip="")
        result.append(binding)
    return result


def _translate_class(cls: type[DOMNode]) -> None:
    german = _translated(cls)
    if german is not None:
        cls.BINDINGS = german


def _subclasses(cls: type[DOMNode]) -> list[type[DOMNode]]:
    found: list[type[DOMNode]] = []
    pending = [cls]
    while pending:
        for sub in pending.pop().__subclasses__():
            if sub not in found:
                found.append(sub)
                pending.append(sub)
    return found


_installed = False


def install() -> None:
    """Make every binding of Textual's own classes German, now and for classes to come."""
    global _installed
    if _installed:
        return
    _installed = True
    classes: list[type[DOMNode]] = [DOMNode, *_subclasses(DOMNode)]
    for cls in classes:
        _translate_class(cls)
    for cls in classes:  # each class merges its bases' (now German) BINDINGS again
        cls._merged_bindings = cls._merge_bindings()

    original = DOMNode.__dict__["__init_subclass__"].__func__

    def init_subclass(cls: type[DOMNode], /, **kwargs: Any) -> None:
        _translate_class(cls)
        original(cls, **kwargs)

    DOMNode.__init_subclass__ = classmethod(init_subclass)  # type: ignore[method-assign, assignment]


# --------------------------------------------------------------------------- the palette


class GermanCommandPalette(CommandPalette):
    """Textual's command palette with a German placeholder and "no matches" line."""

    def __init__(self) -> None:
        super().__init__(placeholder=PLACEHOLDER, id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text("Nichts gefunden", style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(
            self._NO_MATCHES_COUNTDOWN, show_no_matches, name="no-matches"
        )
