"""The base of every full screen: F1 for help comes first in its footer.

Textual lists a screen's keys before the app's, so an app-wide F1 binding is the first
to be cut off at 80 columns, where a projector needs it most. Bindings of a base class
come before those of the subclass, so this one key stays visible on every screen.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.screen import Screen

from weltoffen_tui.tui.messages import ExportStarted


class AppScreen(Screen[None]):
    """A full screen of the app (dialogs are ModalScreens and have their own keys)."""

    BINDINGS: ClassVar = [Binding("f1", "app.help", "Hilfe", key_display="F1")]

    def on_export_started(self, message: ExportStarted) -> None:
        """An export runs in the background: say so in the screen's status banner."""
        from weltoffen_tui.tui.widgets.status import StatusBanner

        for banner in self.query(StatusBanner):
            banner.show(message.text)
