"""Housekeeping: edit an assessment's details; dialogs to rename, copy and delete a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.tui.messages import SaveDetails
from weltoffen_tui.tui.screens.dialogs import FORM_KEYS, Dialog, EditDialog
from weltoffen_tui.tui.screens.setup import DetailsForm
from weltoffen_tui.tui.widgets.footer import Footer
from weltoffen_tui.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from weltoffen_tui.core.assessment import Assessment


class EditScreen(DetailsForm):
    """Change who took part, the date, the kind, the perspective and the consultant."""

    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Speichern", key_display="Strg+S"),
        Binding("escape", "cancel", "Abbrechen", key_display="Esc"),
        *FORM_KEYS,
    ]
    HELP = (
        "## Angaben bearbeiten\n\n"
        "Ändern Sie Art der Kommune, Datum der Sitzung (TT.MM.JJJJ), Perspektive, Beteiligte "
        "(eine Person pro Zeile: „Name, Rolle“) und Begleitung. Strg+S speichert sofort in "
        "die Datei (die vorige Fassung bleibt als Sicherung .bak), Esc verwirft die "
        "Änderungen. Antworten und Maßnahmen bleiben unverändert; der Dateiname auch "
        "(umbenennen mit u auf der Startseite)."
    )

    def __init__(self, path: Path, assessment: Assessment) -> None:
        super().__init__()
        self.path = Path(path)
        self.assessment = assessment

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static(
                Text(visible(f"Angaben bearbeiten: {self.assessment.municipality}")),
                classes="title",
            )
            yield Static(Text(visible(f"Datei: {self.path.name}")), classes="hint")
            yield from self.compose_details(self.assessment)
            with Horizontal(id="buttons"):
                yield Button("Speichern (Strg+S)", id="save", variant="primary")
                yield Button("Abbrechen (Esc)", id="cancel")
        yield Footer()

    # The field most often filled in later; also after the command palette, which hands
    # the focus back when it closes (a focus() in on_mount would be overridden).
    AUTO_FOCUS = "#perspective"

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        details = self.read_details()
        if details is None:
            return
        self.post_message(
            SaveDetails(
                self.path,
                kind=details.kind,
                session_date=details.session_date,
                perspective=details.perspective,
                respondents=details.respondents,
                consultant=details.consultant,
                screen=self,
                kreisfrei=details.kreisfrei,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss()


class NameDialog(EditDialog[str | None]):
    """Ask for a new file name (rename or copy); the name is checked by the app."""

    HELP = (
        "Geben Sie den neuen Dateinamen ein (ohne Ordner; „.toml“ wird ergänzt). Vorhandene "
        "Dateien werden nie überschrieben. Strg+S oder Enter bestätigt, Esc bricht ab."
    )

    def __init__(self, title: str, question: str, name: str, confirm: str) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.name_text = name
        self.confirm = confirm

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(visible(self.title_text)), classes="dialog-title")
            yield Static(Text(visible(self.question)), classes="hint")
            yield SafeInput(self.name_text, id="name")
            yield Static(id="name-error", classes="error-text")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.confirm} (Enter)", id="save", variant="primary")
                yield Button("Abbrechen (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#name")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        if not name:
            self.query_one("#name-error", Static).update("Bitte einen Dateinamen angeben.")
            return
        self.dismiss(name)


class ConfirmDialog(Dialog[bool]):
    """A yes/no question; the safe answer (Abbrechen) has the focus."""

    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Abbrechen", key_display="Esc"),
        Binding("down,right", "app.focus_next", "Nächster Knopf", key_display="→", show=False),
        Binding("up,left", "app.focus_previous", "Voriger Knopf", key_display="←", show=False),
    ]
    HELP = (
        "Bestätigen Sie mit dem ersten Knopf (← und Enter) oder brechen Sie mit Esc ab; "
        "Enter allein bricht ab."
    )

    def __init__(self, title: str, lines: list[str], confirm: str) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.confirm = confirm

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(visible(self.title_text)), classes="dialog-title")
            for line in self.lines:  # not a scroll area: Tab moves between the two buttons
                yield Static(Text(visible(line)), classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(self.confirm, id="confirm", variant="warning")
                yield Button("Abbrechen (Esc)", id="cancel", variant="primary")
            yield Static(
                Text(visible(f"← und Enter: {self.confirm} · Esc oder Enter: abbrechen")),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed, "#confirm")
    def _confirm_pressed(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(False)
