"""Playing a scripted demo in the running app: keys, pauses, captions, and handing over.

The tour's own key presses carry a mark; any other key (a person at the keyboard)
stops the tour at once, is not passed on, and the caption says the person now steers.
"""

from __future__ import annotations

import asyncio
import unicodedata
from typing import TYPE_CHECKING, Any

from textual import events

from weltoffen_tui.tui.widgets.caption import Caption

if TYPE_CHECKING:
    from textual.app import App

    from weltoffen_tui.core.tour import Scenario

KEY_GAP = 0.35  # seconds between two keys of one step, at tempo 1
HANDED_OVER = "Rundgang angehalten – Sie steuern jetzt selbst. Strg+Q beendet die Demo."
FINISHED = "Ende des Rundgangs – probieren Sie es jetzt selbst aus. Strg+Q beendet die Demo."
MARK = "_weltoffen_tour"
CAPTION_STAYS = 10.0  # seconds the hand-over and end captions stay


def tour_key(key: str) -> events.Key:
    """A key event as Textual's Pilot makes it, marked as the tour's own."""
    from textual.keys import _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    setattr(event, MARK, True)
    return event


def is_tour_key(event: events.Event) -> bool:
    return bool(getattr(event, MARK, False))


def show_caption(app: App[Any], text: str) -> None:
    """Put ``text`` in the caption bar of every open screen (mounted on the top one).

    Screens come and go while keys are still on their way, so every caption already
    mounted gets the text too: whichever screen ends up on top shows the current one.
    """
    captions = [caption for screen in app.screen_stack for caption in screen.query(Caption)]
    if not app.screen.query(Caption):
        caption = Caption()
        app.screen.mount(caption)
        captions.append(caption)
    for caption in captions:
        caption.show(text)
        caption.display = bool(text)


class TourPlayer:
    """Plays a scenario step by step until its end or until a person presses a key."""

    def __init__(self, app: App[Any], scenario: Scenario, tempo: float = 1.0) -> None:
        self.app = app
        self.scenario = scenario
        self.tempo = max(tempo, 0.01)
        self.stopped = False
        self.finished = False
        self.step_index = 0

    def stop(self) -> None:
        """A person took over: stop before the next key and say so."""
        if self.stopped or self.finished:
            return
        self.stopped = True
        show_caption(self.app, HANDED_OVER)
        self.app.set_timer(CAPTION_STAYS, self._hide)

    async def play(self) -> None:
        for index, step in enumerate(self.scenario.steps):
            if self.stopped:
                return
            self.step_index = index
            show_caption(self.app, step.text)
            for key in step.keys:
                await asyncio.sleep(KEY_GAP / self.tempo)
                if self.stopped:
                    return
                self.app.post_message(tour_key(key))
                await asyncio.sleep(0)
                show_caption(self.app, step.text)
            await asyncio.sleep(0.05)
            show_caption(self.app, step.text)
            await asyncio.sleep(step.pause / self.tempo)
        if not self.stopped:
            self.finished = True
            show_caption(self.app, FINISHED)
            self.app.set_timer(CAPTION_STAYS, self._hide)

    def _hide(self) -> None:
        """The last caption has been read: give the screen back its top lines."""
        show_caption(self.app, "")
