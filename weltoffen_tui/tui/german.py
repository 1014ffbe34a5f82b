"""German wording for the few strings Textual itself shows to users.

Textual has no translations; the command palette's placeholder and "no matches" line
and the Select menu's footer entry are replaced here, in one place.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.widgets._select import SelectOverlay
from textual.widgets.option_list import Option

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


def install() -> None:
    """Give Textual's Select menu a German footer entry."""
    SelectOverlay.BINDINGS = [Binding("escape", "dismiss", "Liste schließen")]
    SelectOverlay._merged_bindings = SelectOverlay._merge_bindings()
