"""Joining a live workshop from the browser: name and role, then the questions.

The participant's app (``weltoffen participate``, one process per browser) starts here.
The name decides the participant's own perspective file in the workshop folder; the same
name later continues the same file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Footer, Label, Static

from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.tui.screens.base import AppScreen
from weltoffen_tui.tui.widgets.safe_input import SafeInput


class JoinScreen(AppScreen):
    """Name and role of a participant; Enter joins."""

    DEFAULT_CSS = """
    JoinScreen { align: center middle; }
    JoinScreen #join { width: 70; max-width: 100%; height: auto; padding: 1 2;
                       border: round $accent; }
    JoinScreen .join-title { text-style: bold; margin-bottom: 1; }
    JoinScreen Label { margin-top: 1; }
    JoinScreen #join-error { color: $error; text-style: bold; margin-top: 1; }
    JoinScreen Button { margin-top: 1; }
    """
    # Enter as a priority key: resolved one key after the other, so a name typed fast
    # with Enter and the role right after never ends up in the wrong field.
    BINDINGS: ClassVar = [
        Binding("enter", "enter", "Weiter", key_display="Enter", priority=True),
        Binding("ctrl+q", "app.quit", "Beenden", key_display="Strg+Q"),
    ]
    HELP = (
        "## Am Workshop teilnehmen\n\n"
        "Geben Sie Ihren **Namen** und Ihre **Rolle** ein (z. B. Integrationsbüro, Beirat, "
        "Verein) und drücken Sie **Enter**. Danach beantworten Sie die Fragen wie im "
        "Fragebogen: 1 bis 4, w (weiß nicht) oder t (trifft nicht zu). Jede Antwort wird "
        "sofort gespeichert.\n\n"
        "Wenn Sie das Fenster schließen und später mit **demselben Namen** wiederkommen, "
        "geht es mit Ihren Antworten weiter. Was andere antworten, sehen Sie hier nicht."
    )

    @dataclass
    class JoinRequested(Message):
        """The participant typed a name (and a role) and wants to start."""

        name: str
        role: str

    def __init__(self, municipality: str, fields: list[str], name: str = "") -> None:
        super().__init__()
        self.municipality = municipality
        self.fields = fields
        self.name_value = name

    def compose(self) -> ComposeResult:
        with Vertical(id="join"):
            yield Static(
                Text(visible(f"Workshop {self.municipality}: Selbstcheck Weltoffene Kommune")),
                classes="join-title",
            )
            yield Static(Text(self._fields_text()))
            yield Label("Ihr Name")
            yield SafeInput(value=self.name_value, id="name", max_length=60)
            yield Label("Ihre Rolle (z. B. Verwaltung, Beirat, Verein; freiwillig)")
            yield SafeInput(id="role", max_length=60)
            yield Static(id="join-error")
            yield Button("Teilnehmen (Enter)", id="join-button", variant="primary")
        yield Footer()

    def _fields_text(self) -> str:
        if len(self.fields) == 1:
            return f"Heute gefragt: das Handlungsfeld „{self.fields[0]}“."
        return f"Heute gefragt: {len(self.fields)} Handlungsfelder."

    def on_mount(self) -> None:
        self.query_one("#name", SafeInput).focus()

    def show_error(self, text: str) -> None:
        self.query_one("#join-error", Static).update(Text(visible(text)))

    @dataclass
    class Drained(Message):
        """Posted through an input's queue: the keys typed into it before are in."""

        stage: str

    def action_enter(self) -> None:
        """Enter in the name: on to the role; in the role or on the button: join.

        A priority key runs before the letters typed just before it reach their input,
        so joining waits for a message sent through both inputs' queues.
        """
        name = self.query_one("#name", SafeInput)
        if self.focused is name:
            self.set_focus(self.query_one("#role", SafeInput))
        else:
            name.post_message(self.Drained("name"))

    def on_join_screen_drained(self, message: Drained) -> None:
        message.stop()
        if message.stage == "name":
            self.query_one("#role", SafeInput).post_message(self.Drained("role"))
        else:
            self._join()

    @on(Button.Pressed, "#join-button")
    def _join(self) -> None:
        from weltoffen_tui.core.workshop.live import check_participant

        name = self.query_one("#name", SafeInput).value
        role = self.query_one("#role", SafeInput).value
        errors = check_participant(name, role)
        if errors:
            self.show_error(" ".join(errors))
            self.query_one("#name", SafeInput).focus()
            return
        self.show_error("")
        self.post_message(self.JoinRequested(name, role))
