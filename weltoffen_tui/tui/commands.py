"""The commands of the command palette, in German."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.app import SystemCommand
    from textual.screen import Screen

    from weltoffen_tui.tui.app import WeltoffenApp


def system_commands(app: WeltoffenApp, screen: Screen[Any]) -> Iterable[SystemCommand]:
    """Every command of the palette, in German."""
    from textual.app import SystemCommand

    from weltoffen_tui.tui.themes import THEMES

    yield SystemCommand("Hilfe", "Hilfe zur aktuellen Ansicht", app.action_help)
    if not screen.is_modal:  # leaving a dialog half-done would strand its result
        yield SystemCommand(
            "Wissensbibliothek",
            "Artikel nach Handlungsfeld und Säule, mit Suche",
            app.action_library,
        )
        yield SystemCommand("Startseite", "Zurück zur Liste der Einschätzungen", app.action_home)
    if app.session is not None and not screen.is_modal:
        yield SystemCommand(
            "Übersicht", "Alle Handlungsfelder mit offenen Fragen", app.action_overview
        )
        yield SystemCommand(
            "Auswertung", "Punkte je Handlungsfeld, Anregungen und Export", app.action_summary
        )
        yield SystemCommand(
            "Angaben bearbeiten",
            "Art, Datum, Perspektive, Beteiligte und Begleitung dieser Einschätzung",
            app.action_edit_details,
        )
    for name, label in THEMES:
        yield SystemCommand(
            f"Darstellung: {label}",
            f"Farbschema „{label}“ verwenden",
            partial(app.set_theme, name),
        )
    yield SystemCommand(
        "Beenden",
        "Programm beenden (fragt nach, wenn etwas nicht gespeichert ist)",
        app.action_quit,
    )
