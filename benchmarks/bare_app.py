"""The baseline for start-up: a bare Textual app (Header, Static, Footer).

It quits as soon as its first screen is shown, exactly like weltoffen does when
WELTOFFEN_EXIT_WHEN_READY is set, so both are launched and timed the same way.
"""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hallo")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self.exit)


if __name__ == "__main__":
    BareApp().run()
