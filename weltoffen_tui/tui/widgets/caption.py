"""The caption bar of a scripted demo: one or two lines at the top saying what happens."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class Caption(Static):
    """What the tour is showing right now (plain text, never markup)."""

    DEFAULT_CSS = """
    Caption {
        dock: top;
        width: 100%;
        height: auto;
        max-height: 4;
        padding: 0 1;
        background: $panel;
        color: $foreground;
        text-style: bold;
        border-bottom: solid $accent;
    }
    """

    def show(self, text: str) -> None:
        from weltoffen_tui.core.textsafe import visible

        self.update(Text(visible(text)))
