"""The form for a new self-check: municipality, kind, date, perspective, respondents, consultant.

``DetailsForm`` holds the fields a new assessment and an existing one share; the edit
screen (``edit.py``) uses it for the details of an existing assessment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from weltoffen_tui.core.assessment import Respondent
from weltoffen_tui.core.labels import format_date
from weltoffen_tui.core.labels import parse_date as parse_typed_date
from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.core.timestamps import today
from weltoffen_tui.core.values import KINDS
from weltoffen_tui.tui.messages import CreateAssessment
from weltoffen_tui.tui.screens.base import AppScreen
from weltoffen_tui.tui.screens.dialogs import FORM_KEYS
from weltoffen_tui.tui.widgets.footer import Footer
from weltoffen_tui.tui.widgets.safe_input import SafeInput
from weltoffen_tui.tui.widgets.safe_textarea import SafeTextArea

if TYPE_CHECKING:
    from weltoffen_tui.core.assessment import Assessment


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


def respondents_text(people: list[Respondent]) -> str:
    """The lines "Name, Rolle" the form shows for people already entered."""
    return "\n".join(f"{p.name}, {p.role}" if p.role else p.name for p in people)


def parse_date(text: str) -> tuple[date | None, str]:
    """The session date typed as TT.MM.JJJJ (or JJJJ-MM-TT); the second value is an error."""
    try:
        typed = parse_typed_date(text)
    except ValueError as exc:
        return None, str(exc)
    if typed is None:
        return None, "Bitte das Datum der Sitzung angeben, z. B. 15.01.2027."
    return typed, ""


@dataclass(frozen=True)
class Details:
    """What the form says about an assessment, checked."""

    kind: str
    session_date: date | None
    perspective: str
    respondents: list[Respondent]
    consultant: str
    # A Stadt: kreisfrei (True), kreisangehörig (False), not stated (None).
    kreisfrei: bool | None = None


KREISFREI_CHOICES = [
    ("nicht angegeben", "offen"),
    ("kreisfreie Stadt", "ja"),
    ("kreisangehörige Stadt", "nein"),
]
_KREISFREI_VALUES = {"offen": None, "ja": True, "nein": False}


class DetailsForm(AppScreen):
    """The fields a new and an existing assessment share, each checked with a message."""

    CSS_PATH = "setup.tcss"

    def compose_details(self, assessment: Assessment | None = None) -> ComposeResult:
        """Art, Datum, Perspektive, Beteiligte, Begleitung (filled from ``assessment``)."""
        kind = assessment.kind if assessment is not None else Select.NULL
        when = assessment.session_date if assessment is not None else today()
        yield Label("Art der Kommune *")
        yield Select([(k, k) for k in KINDS], prompt="Bitte wählen", id="kind", value=kind)
        yield Static(id="kind-error", classes="error-text")
        kreisfrei = assessment.kreisfrei if assessment is not None else None
        label = Label(
            "Kreisfrei? (nur für Städte; manche Fragen gelten nur für eine Art)",
            id="kreisfrei-label",
        )
        choice: Select[str] = Select(
            KREISFREI_CHOICES,
            allow_blank=False,
            id="kreisfrei",
            value={None: "offen", True: "ja", False: "nein"}[kreisfrei],
        )
        label.display = choice.display = kind == "Stadt"
        yield label
        yield choice
        yield Label("Datum der Sitzung * (TT.MM.JJJJ)")
        yield SafeInput(format_date(when), placeholder="z. B. 15.01.2027", id="date")
        yield Static(id="date-error", classes="error-text")
        yield Label("Perspektive (freiwillig: wessen Sicht, z. B. Verwaltungsleitung)")
        yield SafeInput(
            assessment.perspective if assessment is not None else "",
            placeholder="z. B. Integrationsbeirat",
            id="perspective",
        )
        yield Label("Beteiligte * (eine Person pro Zeile: Name, Rolle)")
        yield SafeTextArea(
            respondents_text(assessment.respondents) if assessment is not None else "",
            id="respondents",
            soft_wrap=True,
        )
        yield Static(id="respondents-error", classes="error-text")
        yield Label("Begleitung (Beratung oder Moderation, freiwillig)")
        yield SafeInput(
            assessment.consultant if assessment is not None else "",
            placeholder="z. B. Name der Beraterin",
            id="consultant",
        )

    @on(Select.Changed, "#kind")
    def _kind_changed(self) -> None:
        """The kreisfrei choice only for a Stadt."""
        is_stadt = self.query_one("#kind", Select).value == "Stadt"
        self.query_one("#kreisfrei", Select).display = is_stadt
        self.query_one("#kreisfrei-label", Label).display = is_stadt

    def _error(self, field: str, message: str) -> None:
        """Show ``message`` beside its field; it may quote what was typed, so never markup."""
        self.query_one(f"#{field}-error", Static).update(Text(visible(message)))

    def read_details(self, extra: dict[str, str] | None = None) -> Details | None:
        """The checked details, or None after showing every problem beside its field.

        ``extra`` are further checks (field id → message, "" when fine) shown first.
        """
        kind = self.query_one("#kind", Select).value
        session_date, date_error = parse_date(self.query_one("#date", Input).value)
        people, people_error = parse_respondents(self.query_one("#respondents", TextArea).text)
        errors = {
            **(extra or {}),
            "kind": "" if kind in KINDS else "Bitte Stadt, Gemeinde oder Landkreis wählen.",
            "date": date_error,
            "respondents": people_error,
        }
        for field, message in errors.items():
            self._error(field, message)
        first_bad = next((f for f, m in errors.items() if m), None)
        if first_bad:
            self.query_one(f"#{first_bad}").focus()
            return None
        return Details(
            kind=str(kind),
            session_date=session_date,
            perspective=self.query_one("#perspective", Input).value.strip(),
            respondents=people,
            consultant=self.query_one("#consultant", Input).value.strip(),
            kreisfrei=(
                _KREISFREI_VALUES.get(str(self.query_one("#kreisfrei", Select).value))
                if kind == "Stadt"
                else None
            ),
        )


class SetupScreen(DetailsForm):
    """Create a new assessment; every field is checked with a message beside it."""

    BINDINGS: ClassVar = [
        Binding("ctrl+s", "create", "Beginnen", key_display="Strg+S"),
        Binding("escape", "cancel", "Abbrechen", key_display="Esc"),
        *FORM_KEYS,  # text typed fast after Tab lands in the field Tab moved to
    ]
    HELP = (
        "## Neuer Selbstcheck\n\n"
        "Tragen Sie die Kommune, ihre Art, das Datum der Sitzung (TT.MM.JJJJ) und die "
        "Beteiligten ein (eine Person pro Zeile: „Name, Rolle“). Die Perspektive sagt, wessen "
        "Sicht diese Einschätzung wiedergibt (z. B. Verwaltungsleitung, Integrationsbeirat); "
        "unter diesem Namen erscheint sie in der Liste, im Vergleich und im Workshop. "
        "Perspektive und Begleitung (Beratung, Moderation) sind freiwillig. Mit Tab wechseln "
        "Sie zwischen den Feldern, Strg+S beginnt den Selbstcheck. Die Datei wird sofort im "
        "Datenordner angelegt; ihr Name enthält Kommune, Perspektive und Sitzungsdatum."
    )

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static("Neuer Selbstcheck", classes="title")
            packs = installed_packs()
            if len(packs) > 1:
                yield Label("Fragebogen *")
                yield Select(packs, allow_blank=False, id="pack", value=str(default_pack()))
            yield Label("Kommune *")
            yield SafeInput(placeholder="z. B. Musterstadt", id="municipality")
            yield Static(id="municipality-error", classes="error-text")
            yield from self.compose_details()
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

    def action_create(self) -> None:
        if self.requested:
            return
        municipality = self.query_one("#municipality", Input).value.strip()
        details = self.read_details(
            {"municipality": "" if municipality else "Bitte den Namen der Kommune angeben."}
        )
        if details is None:
            return
        self.requested = True
        self.post_message(
            CreateAssessment(
                municipality=municipality,
                kind=details.kind,
                consultant=details.consultant,
                respondents=details.respondents,
                session_date=details.session_date,
                perspective=details.perspective,
                kreisfrei=details.kreisfrei,
                pack_dir=self._chosen_pack(),
            )
        )

    def _chosen_pack(self) -> Path | None:
        """The pack chosen when more than one is installed (else the app's own)."""
        found = self.query("#pack")
        if not found:
            return None
        value = found.first(Select).value
        return Path(str(value)) if isinstance(value, str) else None

    def action_cancel(self) -> None:
        self.app.pop_screen()


def installed_packs() -> list[tuple[str, str]]:
    """(label, folder) of every pack used for an id: the choices for a new assessment."""
    from weltoffen_tui.core.pack import registry

    found = registry.installed()
    choices = []
    for pack_id in found.ids():
        entry = found.chosen[pack_id]
        label = f"{visible(entry.title)} (Version {visible(entry.version)})"
        choices.append((label, str(entry.directory)))
    return choices


def default_pack() -> Path:
    from weltoffen_tui.core.pack.registry import default_pack_dir

    return default_pack_dir().resolve()
