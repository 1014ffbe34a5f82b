"""The form for a new self-check: municipality, kind, date, respondents, consultant."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from weltoffen_tui.core.assessment import Respondent
from weltoffen_tui.core.values import KINDS
from weltoffen_tui.tui.messages import CreateAssessment
from weltoffen_tui.tui.widgets.safe_input import SafeInput, SafeTextArea


def parse_respondents(text: str) -> tuple[list[Respondent], str]:
    """People from lines "Name, Rolle"; the second value is an error message or ''."""
    people: list[Respondent] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, _, role = line.partition(",")
        if not name.strip() or not role.strip():
            return (
                [],
                f"Zeile {number}: bitte „Name, Rolle“ angeben "
                "(z. B. „Aylin Kaya, Integrationsbeauftragte“).",
            )
        people.append(Respondent(name=name.strip(), role=role.strip()))
    if not people:
        return [], "Bitte mindestens eine beteiligte Person mit Rolle angeben."
    return people, ""


def parse_date(text: str) -> tuple[date | None, str]:
    try:
        return date.fromisoformat(text.strip()), ""
    except ValueError:
        return None, "Bitte das Datum als JJJJ-MM-TT angeben, z. B. 2026-03-01."


class SetupScreen(Screen[None]):
    """Create a new assessment; every field is checked with a message beside it."""

    CSS_PATH = "setup.tcss"
    BINDINGS: ClassVar = [
        Binding("ctrl+s", "create", "Beginnen", key_display="^s"),
        Binding("escape", "cancel", "Abbrechen"),
    ]
    HELP = (
        "## Neuer Selbstcheck\n\n"
        "Tragen Sie die Kommune, ihre Art, das Datum der Sitzung und die Beteiligten ein "
        "(eine Person pro Zeile: „Name, Rolle“). Die Begleitung (Beratung, Moderation) ist "
        "freiwillig. Mit Tab wechseln Sie zwischen den Feldern, Strg+S beginnt den Selbstcheck. "
        "Die Datei wird sofort im Datenordner angelegt."
    )

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static("Neuer Selbstcheck", classes="title")
            yield Label("Kommune *")
            yield SafeInput(placeholder="z. B. Musterstadt", id="municipality")
            yield Static(id="municipality-error", classes="error-text")
            yield Label("Art der Kommune *")
            yield Select([(kind, kind) for kind in KINDS], prompt="Bitte wählen", id="kind")
            yield Static(id="kind-error", classes="error-text")
            yield Label("Datum der Sitzung *")
            yield SafeInput(date.today().isoformat(), id="date")
            yield Static(id="date-error", classes="error-text")
            yield Label("Beteiligte * (eine Person pro Zeile: Name, Rolle)")
            yield SafeTextArea(id="respondents", soft_wrap=True)
            yield Static(id="respondents-error", classes="error-text")
            yield Label("Begleitung (Beratung oder Moderation, freiwillig)")
            yield SafeInput(placeholder="z. B. Name der Beraterin", id="consultant")
            with Horizontal(id="buttons"):
                yield Button("Selbstcheck beginnen (Strg+S)", id="create", variant="primary")
                yield Button("Abbrechen (Esc)", id="cancel")
        yield Footer()

    def __init__(self) -> None:
        super().__init__()
        # Set once the new assessment is asked for, so a repeated Ctrl+S cannot create two.
        self.requested = False

    def on_mount(self) -> None:
        self.query_one("#municipality", Input).focus()

    def on_screen_resume(self) -> None:
        self.requested = False  # back from a message: creating failed, the user may retry

    @on(Button.Pressed, "#create")
    def _create_pressed(self) -> None:
        self.action_create()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def _error(self, field: str, message: str) -> None:
        self.query_one(f"#{field}-error", Static).update(message)

    def action_create(self) -> None:
        if self.requested:
            return
        municipality = self.query_one("#municipality", Input).value.strip()
        kind = self.query_one("#kind", Select).value
        session_date, date_error = parse_date(self.query_one("#date", Input).value)
        people, people_error = parse_respondents(self.query_one("#respondents", TextArea).text)
        errors = {
            "municipality": "" if municipality else "Bitte den Namen der Kommune angeben.",
            "kind": "" if kind in KINDS else "Bitte Stadt, Gemeinde oder Landkreis wählen.",
            "date": date_error,
            "respondents": people_error,
        }
        for field, message in errors.items():
            self._error(field, message)
        first_bad = next((f for f, m in errors.items() if m), None)
        if first_bad:
            self.query_one(f"#{first_bad}").focus()
            return
        self.requested = True
        self.post_message(
            CreateAssessment(
                municipality=municipality,
                kind=str(kind),
                consultant=self.query_one("#consultant", Input).value.strip(),
                respondents=people,
                session_date=session_date,
            )
        )

    def action_cancel(self) -> None:
        self.app.pop_screen()
