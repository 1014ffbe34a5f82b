"""The agenda preview: date, time, duration and place set before the agenda is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Input, Label, Static

from weltoffen_tui.core.errors import UserError
from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.tui.messages import ExportDone, ExportRequested
from weltoffen_tui.tui.screens.base import AppScreen
from weltoffen_tui.tui.screens.dialogs import FORM_KEYS
from weltoffen_tui.tui.widgets.footer import Footer
from weltoffen_tui.tui.widgets.safe_input import SafeInput
from weltoffen_tui.tui.widgets.status import StatusBanner

if TYPE_CHECKING:
    from weltoffen_tui.core.assessment import Assessment
    from weltoffen_tui.core.pack.models import Pack
    from weltoffen_tui.core.workshop.agenda import Agenda, EventDetails


def agenda_writer(pack: Pack, target: Path, agenda: Agenda) -> Callable[[], Path]:
    """Write the agenda as Markdown and HTML beside ``target``; returns the HTML file."""

    def write() -> Path:
        from weltoffen_tui.core.storage.exports import sibling, write_document
        from weltoffen_tui.render import agenda as document
        from weltoffen_tui.render.formats import HTML, MARKDOWN

        write_document(
            sibling(target, "tagesordnung", MARKDOWN.suffix),
            document.render(MARKDOWN, pack, agenda),
        )
        return write_document(
            sibling(target, "tagesordnung", HTML.suffix), document.render(HTML, pack, agenda)
        )

    return write


class AgendaScreen(AppScreen):
    """Set when and where the dialogue event takes place, look at the draft, export it."""

    CSS_PATH = "agenda.tcss"
    BINDINGS: ClassVar = [
        Binding("ctrl+s", "export", "Exportieren", key_display="Strg+S", priority=True),
        Binding("ctrl+r", "focus_preview", "Vorschau", key_display="Strg+R"),
        Binding("escape", "app.pop_screen", "Zurück", key_display="Esc"),
        *FORM_KEYS,
    ]
    HELP = (
        "## Tagesordnung\n\n"
        "Ein Entwurf für eine Dialogveranstaltung zu den Ergebnissen des Selbstchecks. "
        "Tragen Sie oben Datum (TT.MM.JJJJ), Beginn (HH:MM), Dauer (Minuten oder "
        "Stunden:Minuten, z. B. 2:30) und Ort ein; die Vorschau darunter folgt sofort, die "
        "Zeiten des Ablaufs passen sich der Dauer an. Leere Felder bleiben im Dokument "
        "„noch festzulegen“.\n\n"
        "**Tab** wechselt zwischen den Feldern, **Strg+R** springt in die Vorschau (mit den "
        "Pfeiltasten blättern). **Strg+S** schreibt die Tagesordnung als Markdown und HTML "
        "neben die Einschätzung; der Pfad steht dann oben. **Esc** schließt die Ansicht."
    )

    def __init__(
        self,
        pack: Pack,
        paths: list[Path],
        items: list[tuple[str, Assessment]],
        day: str = "",
    ) -> None:
        super().__init__()
        self.pack = pack
        self.paths = paths
        self.items = items
        self.day = day
        self.agenda: Agenda | None = None

    def compose(self) -> ComposeResult:
        from weltoffen_tui.core.workshop.agenda import DEFAULT_START, PROGRAMME_MINUTES

        municipality = ", ".join(dict.fromkeys(a.municipality for _, a in self.items))
        with Horizontal(classes="topbar"):
            yield Static(
                Text.assemble(("Tagesordnung: ", "bold"), visible(municipality)),
                id="agenda-title",
            )
        yield StatusBanner(id="agenda-status")
        with Grid(id="agenda-form"):
            yield Label("Datum")
            yield Input(self.day, id="agenda-day", placeholder="TT.MM.JJJJ", compact=True)
            yield Label("Beginn")
            yield Input(
                f"{DEFAULT_START:%H:%M}", id="agenda-start", placeholder="HH:MM", compact=True
            )
            yield Label("Dauer")
            yield Input(
                f"{PROGRAMME_MINUTES // 60}:{PROGRAMME_MINUTES % 60:02d}",
                id="agenda-duration",
                placeholder="z. B. 2:30 oder 150",
                compact=True,
            )
            yield Label("Ort")
            yield SafeInput(id="agenda-place", placeholder="z. B. Rathaus, Ratssaal", compact=True)
        yield Static(id="agenda-error", classes="error-text")
        with VerticalScroll(id="agenda-preview"):
            yield Static(id="agenda-document")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_preview()
        self.query_one("#agenda-day", Input).focus()

    def on_input_changed(self) -> None:
        self.refresh_preview()

    def details(self) -> EventDetails:
        """The details as typed; AgendaError says what is unclear."""
        from weltoffen_tui.core.workshop.agenda import event_details

        def value(name: str) -> str:
            return self.query_one(f"#agenda-{name}", Input).value

        return event_details(
            day=value("day"), start=value("start"), duration=value("duration"), place=value("place")
        )

    def refresh_preview(self) -> None:
        """Draft the agenda with the details typed so far (the last valid draft stays)."""
        from weltoffen_tui.core.workshop.agenda import draft_agenda
        from weltoffen_tui.render import agenda as document
        from weltoffen_tui.render.terminal import to_rich

        error = self.query_one("#agenda-error", Static)
        try:
            self.agenda = draft_agenda(self.pack, self.items, event=self.details())
        except UserError as exc:
            problem = exc.problems[0]
            error.update(Text(visible(f"{problem.message}. {problem.hint}")))
            self.agenda = None
            return
        error.update("")
        self.query_one("#agenda-document", Static).update(
            to_rich(document.view(self.pack, self.agenda))
        )

    def action_focus_preview(self) -> None:
        self.query_one("#agenda-preview").focus()

    def action_export(self) -> None:
        if self.agenda is None:
            self.notify("Bitte zuerst die Angaben oben berichtigen.", severity="warning")
            return
        self.post_message(
            ExportRequested(
                agenda_writer(self.pack, self.paths[0], self.agenda),
                "Tagesordnung (Markdown und HTML)",
                reply_to=self,
            )
        )

    def on_export_done(self, message: ExportDone) -> None:
        self.query_one(StatusBanner).show(message.text)
