"""The form for a new self-check: municipality, kind, date, respondents, consultant."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from weltoffen_tui.core.assessment import Respondent
from weltoffen_tui.core.values import KINDS

if TYPE_CHECKING:
    from weltoffen_tui.tui.app import WeltoffenApp


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

    app: WeltoffenApp

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static("Neuer Selbstcheck", classes="title")
            yield Label("Kommune *")
            yield Input(placeholder="z. B. Musterstadt", id="municipality")
            yield Static(id="municipality-error", classes="error-text")
            yield Label("Art der Kommune *")
            yield Select([(kind, kind) for kind in KINDS], prompt="Bitte wählen", id="kind")
            yield Static(id="kind-error", classes="error-text")
            yield Label("Datum der Sitzung *")
            yield Input(date.today().isoformat(), id="date")
            yield Static(id="date-error", classes="error-text")
            yield Label("Beteiligte * (eine Person pro Zeile: Name, Rolle)")
            yield TextArea(id="respondents", soft_wrap=True)
            yield Static(id="respondents-error", classes="error-text")
            yield Label("Begleitung (Beratung oder Moderation, freiwillig)")
            yield Input(placeholder="z. B. Name der Beraterin", id="consultant")
            with Horizontal(id="buttons"):
                yield Button("Selbstcheck beginnen (Strg+S)", id="create", variant="primary")
                yield Button("Abbrechen (Esc)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#municipality", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self.action_create()
        else:
            self.action_cancel()

    def _error(self, field: str, message: str) -> None:
        self.query_one(f"#{field}-error", Static).update(message)

    def action_create(self) -> None:
        from weltoffen_tui.core.errors import UserError
        from weltoffen_tui.core.storage.editing import EditSession

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
        try:
            session = EditSession.create(
                self.app.data_dir,
                self.app.pack,
                municipality=municipality,
                kind=str(kind),
                consultant=self.query_one("#consultant", Input).value.strip(),
                respondents=people,
                session_date=session_date,
            )
        except UserError as exc:
            self.app.show_error("Neue Einschätzung kann nicht angelegt werden", exc)
            return
        self.notify(f"Angelegt: {session.path}", timeout=4)
        self.app.start_session(session)

    def action_cancel(self) -> None:
        self.app.pop_screen()
