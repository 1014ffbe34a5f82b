"""The command palette in German: our commands, and German wording for Textual's."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.app import SystemCommand
    from textual.screen import Screen

    from weltoffen_tui.tui.app import WeltoffenApp

PLACEHOLDER = "Befehl suchen …"


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


def system_commands(app: WeltoffenApp, screen: Screen) -> Iterable[SystemCommand]:
    """Every command of the palette, in German."""
    from textual.app import SystemCommand

    from weltoffen_tui.tui.themes import THEMES

    yield SystemCommand(
        "Wissensbibliothek",
        "Artikel nach Handlungsfeld und Säule, mit Suche",
        app.action_library,
    )
    yield SystemCommand("Hilfe", "Hilfe zur aktuellen Ansicht", app.action_help)
    yield SystemCommand("Startseite", "Zurück zur Liste der Einschätzungen", app.action_home)
    if app.session is not None:
        yield SystemCommand(
            "Übersicht", "Alle Handlungsfelder mit offenen Fragen", app.action_overview
        )
        yield SystemCommand(
            "Zusammenfassung", "Auswertung mit Anregungen und Export", app.action_summary
        )
    for name, label in THEMES:
        yield SystemCommand(
            f"Darstellung: {label}",
            f"Farbschema „{label}“ verwenden",
            partial(app.set_theme, name),
        )
    yield SystemCommand("Beenden", "Programm beenden (alles ist gespeichert)", app.action_quit)
