"""The dialog offered when an assessment of an earlier questionnaire version is opened."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.tui.screens.dialogs import Dialog


class MigrateDialog(Dialog[bool]):
    """Offer to move the file to the installed version as a new file (True), or not."""

    BINDINGS: ClassVar = [
        Binding("escape", "choose(False)", "Nicht übertragen"),
        Binding("u", "choose(True)", "Übertragen"),
        Binding("down,right", "app.focus_next", "Nächster Knopf", show=False),
        Binding("up,left", "app.focus_previous", "Voriger Knopf", show=False),
    ]
    HELP = (
        "Die Einschätzung wurde mit einer früheren Version des Fragebogens angelegt. "
        "**u** oder „Übertragen“ legt eine neue Datei mit der installierten Version an: "
        "umbenannte Fragen behalten ihre Antworten, gestrichene entfallen (sie bleiben in der "
        "alten Datei), unbekannte Antworten bleiben erhalten. Die alte Datei bleibt unverändert. "
        "**Esc** öffnet die Datei so, wie sie ist."
    )

    def __init__(self, file_name: str, old: str, new: str, lines: list[str]) -> None:
        super().__init__()
        self.file_name = file_name
        self.old = old
        self.new = new
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Neue Fragebogen-Version", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(
                    Text(
                        visible(
                            f"{self.file_name} gehört zur Version {self.old or '(ohne Angabe)'}; "
                            f"installiert ist {self.new}. Als neue Datei übertragen? Die alte "
                            "Datei bleibt unverändert."
                        )
                    )
                )
                yield Static(Text(visible("\n".join(self.lines))))
            with Horizontal(classes="buttons"):
                yield Button("Übertragen (u)", id="migrate", variant="primary", compact=True)
                yield Button("So öffnen (Esc)", id="keep", compact=True)

    def on_mount(self) -> None:
        self.query_one("#migrate", Button).focus()

    @on(Button.Pressed, ".buttons Button")
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "migrate")

    def action_choose(self, choice: bool) -> None:
        self.dismiss(choice)
