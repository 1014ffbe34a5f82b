"""The new-assessment form typed fast: text right after Tab lands in the next field."""

from __future__ import annotations

from pathlib import Path

from textual import events

from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.screens.setup import SetupScreen


async def test_setup_form_typed_fast_fills_the_field_the_tab_moved_to(tmp_path: Path) -> None:
    from textual.widgets import Input

    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        date = app.screen.query_one("#date", Input)
        perspective = app.screen.query_one("#perspective", Input)
        date.value = ""
        date.focus()
        await pilot.pause()
        # Queued at once, as a terminal delivers fast typing (Pilot would wait per key).
        for key in [*"15.01.2027", "tab", *"Verwaltungsleitung"]:
            character = "\t" if key == "tab" else key
            app.post_message(events.Key(key, character))
        for _ in range(5):
            await pilot.pause()
        assert date.value == "15.01.2027"
        assert perspective.value == "Verwaltungsleitung"
