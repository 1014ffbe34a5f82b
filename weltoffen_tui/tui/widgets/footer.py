"""Textual's footer, built once per change of the keys and each key styled once.

Written against Textual 8.2 (``pyproject.toml`` caps it); it changes how often the
footer works, never what it shows:

* Textual's ``Footer`` schedules a full recompose (every key widget removed, created
  and styled again) for each "bindings changed" signal, and a screen sends several in
  one go (focus set, screen resumed). This footer queues one recompose and lets later
  signals ride on it; the recompose reads the bindings when it runs, so it shows the
  newest keys.
* A ``FooterKey`` starts as ``compact=True`` and is then bound to the footer's
  ``compact=False``: its CSS class goes on and off again, and each time the key's
  styles are computed anew. Here each key bound to the footer starts with its value
  (the command palette's key is not bound and stays compact, as in Textual).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen


class Footer(TextualFooter):
    """The keys of the screen in one line at the bottom, exactly as Textual draws them."""

    _recompose_queued = False

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            # Only the keys bound to the footer's ``compact`` (not the palette's key).
            bound = getattr(widget, "_reactive_connect", None) or {}
            if isinstance(widget, FooterKey) and "compact" in bound:
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._recompose_queued:
            self._recompose_queued = True
            self.call_after_refresh(self._recompose_now)

    async def _recompose_now(self) -> None:
        self._recompose_queued = False  # a change from here on queues the next one
        await self.recompose()
