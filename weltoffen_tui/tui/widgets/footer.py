"""Textual's footer, with each key styled once instead of three times.

Written against Textual 8.2 (``pyproject.toml`` caps it); it changes how much work the
footer does, never what it shows. A ``FooterKey`` starts as ``compact=True`` and is
then bound to the footer's ``compact=False``: its CSS class goes on and off again, and
each time the key's styles are computed anew. Here each key bound to the footer starts
with its value (the command palette's key is not bound and stays compact, as in Textual).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.app import ComposeResult


class Footer(TextualFooter):
    """The keys of the screen in one line at the bottom, exactly as Textual draws them."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            # Only the keys bound to the footer's ``compact`` (not the palette's key).
            bound = getattr(widget, "_reactive_connect", None) or {}
            if isinstance(widget, FooterKey) and "compact" in bound:
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget
