"""Textual's footer, with each key styled once and a narrow form for a projector.

Written against Textual 8.2 (``pyproject.toml`` caps it). A ``FooterKey`` starts as
``compact=True`` and is then bound to the footer's ``compact=False``: its CSS class goes
on and off again, and each time the key's styles are computed anew. Here each key bound
to the footer starts with its value (the command palette's key is not bound and stays
compact, as in Textual).

Where the keys do not fit, the room goes to the keys that lead on: below
``NARROW_BELOW`` columns (80×24 on a projector) the footer is Textual's compact footer
(one space less around each key); the command palette's key on the right is left out
when the screen's keys need its room (Strg+P still works and F1 lists it); and a key
that would still be cut off is left out whole, so the line never ends in half a word.
Screens list their keys in order of importance. The footer follows the terminal's
width when that changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual import events
    from textual.app import ComposeResult

# Below this many columns the footer is compact.
NARROW_BELOW = 100
# The command palette's key on the right: border, "Strg+P Befehle", padding.
PALETTE_WIDTH = 16


def key_width(key: FooterKey, compact: bool) -> int:
    """The cells ``key`` takes in the footer, with its margin (Textual 8.2's CSS).

    Compact: key, a space, the description, a margin of one; otherwise a space on each
    side of the key and one after the description.
    """
    from rich.cells import cell_len

    text = cell_len(key.key_display) + (cell_len(key.description) + 1 if key.description else 0)
    return text + (1 if compact else 2)


class Footer(TextualFooter):
    """The keys of the screen in one line at the bottom, compact where room is short."""

    def _narrow(self) -> bool:
        return self.app.size.width < NARROW_BELOW

    def compose(self) -> ComposeResult:
        narrow = self._narrow()
        # Without watchers: compose is running anyway.
        self.set_reactive(TextualFooter.compact, narrow)
        self.set_class(narrow, "-compact", update=False)
        widgets = list(super().compose())
        keys = []
        for widget in widgets:
            # Only the keys bound to the footer's ``compact`` (not the palette's key).
            bound = getattr(widget, "_reactive_connect", None) or {}
            if isinstance(widget, FooterKey) and "compact" in bound:
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
                keys.append(widget)
        room = self.app.size.width
        # The last key's margin may fall off the edge.
        needed = sum(key_width(key, narrow) for key in keys) - (1 if narrow else 0)
        palette = [w for w in widgets if isinstance(w, FooterKey) and w not in keys]
        if palette and needed + PALETTE_WIDTH > room:
            widgets = [w for w in widgets if w not in palette]  # Strg+P: in F1's list
        elif palette:
            room -= PALETTE_WIDTH
        used = 0
        for widget in widgets:
            if widget in keys:
                # A key that would be cut off is left out whole (F1 lists every key).
                used += key_width(widget, narrow)
                if used - (1 if narrow else 0) > room:
                    continue
            yield widget

    def on_resize(self, event: events.Resize) -> None:
        if self._narrow() != self.compact and self._bindings_ready:
            self.call_after_refresh(self.recompose)
