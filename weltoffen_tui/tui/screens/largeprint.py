"""The large-print view for the room: the summary's results, one field per line.

A terminal cannot enlarge its font, so "large" means what a projector needs: few
columns, short names, long bars and space between the lines. Esc goes back.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from weltoffen_tui.tui.screens.base import AppScreen
from weltoffen_tui.tui.widgets.footer import Footer


class LargePrintScreen(AppScreen):
    """Shows one renderable (built by the render layer) big and calm."""

    DEFAULT_CSS = """
    LargePrintScreen {
        & #large {
            padding: 1 2;
            height: auto;
        }
        & #large-scroll {
            height: 1fr;
        }
    }
    """
    BINDINGS: ClassVar = [
        Binding("escape,l", "app.pop_screen", "Zurück", key_display="Esc"),
    ]
    HELP = (
        "## Großansicht\n\n"
        "Die Ergebnisse für den Raum: je Handlungsfeld eine Zeile mit Kurzname, Balken, "
        "Punkten und Stufe. **Esc** oder **l** führt zurück. Für noch größere Schrift die "
        "Schrift des Terminals vergrößern (oft Strg+Plus)."
    )

    def __init__(self, renderable: RenderableType) -> None:
        super().__init__()
        self.renderable = renderable

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="large-scroll"):
            yield Static(self.renderable, id="large")
        yield Footer()
