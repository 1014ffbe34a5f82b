"""The action plan (*Maßnahmenplan*): measures made from recommendations, edited here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Input, Label, Select, Static, TextArea

from weltoffen_tui.core.assessment import MEASURE_STATUSES, Measure
from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.tui.messages import ExportDone, ExportRequested, Saved
from weltoffen_tui.tui.screens.dialogs import EditDialog
from weltoffen_tui.tui.widgets.safe_input import SafeInput, SafeTextArea
from weltoffen_tui.tui.widgets.status import StatusBanner

if TYPE_CHECKING:
    from weltoffen_tui.core.storage.editing import EditSession


class MeasureDialog(EditDialog[dict[str, Any] | None]):
    """Edit one measure: what, who, by when, status, note."""

    HELP = (
        "## Maßnahme\n\nBeschreiben Sie die Maßnahme, die zuständige Stelle, das Datum, bis "
        "wann sie erledigt sein soll (TT.MM.JJJJ), den Stand und eine Notiz. Strg+S übernimmt, "
        "Esc verwirft. Die Maßnahme wird in der Einschätzungsdatei gespeichert."
    )

    def __init__(self, measure: Measure, heading: str) -> None:
        super().__init__()
        self.measure = measure
        self.heading = heading

    def compose(self) -> ComposeResult:
        due = self.measure.due.strftime("%d.%m.%Y") if self.measure.due else ""
        with Vertical(classes="dialog wide"):
            yield Label(self.heading, classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Label("Maßnahme *")
                yield SafeInput(self.measure.title, id="title")
                yield Static(id="title-error", classes="error-text")
                yield Label("Zuständige Stelle")
                yield SafeInput(self.measure.responsible, id="responsible")
                yield Label("Fällig bis (TT.MM.JJJJ)")
                yield Input(due, id="due", placeholder="z. B. 30.06.2027")
                yield Static(id="due-error", classes="error-text")
                yield Label("Stand")
                yield Select(
                    [(status, status) for status in MEASURE_STATUSES],
                    value=self.measure.status,
                    allow_blank=False,
                    id="status",
                )
                yield Label("Notiz")
                yield SafeTextArea(self.measure.note, id="measure-note", soft_wrap=True)
            with Horizontal(classes="buttons"):
                yield Button("Übernehmen (Strg+S)", id="save", variant="primary", compact=True)
                yield Button("Abbrechen (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def action_save(self) -> None:
        from weltoffen_tui.core.workshop.actionplan import MeasureError, parse_due

        title = self.query_one("#title", Input).value.strip()
        due_text = self.query_one("#due", Input).value.strip()
        self.query_one("#title-error", Static).update(
            "" if title else "Bitte die Maßnahme beschreiben."
        )
        due = None
        due_error = ""
        try:
            due = parse_due(due_text)
        except MeasureError:
            due_error = "Bitte das Datum als TT.MM.JJJJ angeben, z. B. 30.06.2027."
        self.query_one("#due-error", Static).update(due_error)
        if not title or due_error:
            return
        self.dismiss(
            {
                "title": title,
                "responsible": self.query_one("#responsible", Input).value.strip(),
                "due": due,
                "status": self.query_one("#status", Select).value,
                "note": self.query_one("#measure-note", TextArea).text.rstrip(),
            }
        )


class ActionPlanScreen(Screen[None]):
    """All measures of the assessment; edit, remove and export them."""

    CSS_PATH = "actionplan.tcss"
    BINDINGS: ClassVar = [
        Binding("enter", "edit", "Bearbeiten", key_display="Enter", show=False),
        Binding("e", "edit", "Bearbeiten"),
        Binding("delete", "remove", "Entfernen", key_display="Entf"),
        Binding("m", "export('markdown')", "Markdown"),
        Binding("x", "export('html')", "HTML"),
        Binding("c", "export('csv')", "CSV"),
        Binding("escape", "app.pop_screen", "Zurück", key_display="Esc"),
    ]
    HELP = (
        "## Maßnahmenplan\n\n"
        "Hier stehen alle Maßnahmen der Einschätzung. Neue Maßnahmen legen Sie in der "
        "Auswertung an: Anregung wählen, **a** drücken.\n\n"
        "**Enter** oder **e** bearbeitet die markierte Maßnahme, **Entf** entfernt sie. "
        "**m**, **x** und **c** exportieren den Plan als Markdown, HTML oder CSV (für eine "
        "Tabellenkalkulation). Der Plan steht auch in jedem Bericht."
    )

    def __init__(self, session: EditSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Horizontal(classes="topbar"):
            yield Static(id="plan-title")
        yield StatusBanner(id="plan-status")
        yield DataTable(id="measures", cursor_type="row", zebra_stripes=True)
        yield Static(id="plan-empty", classes="hint")
        yield Static(id="plan-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in ("Nr.", "Feld", "Maßnahme", "Fällig", "Stand"):
            table.add_column(label)
        self.refresh_plan()
        table.focus()

    def refresh_plan(self) -> None:
        from weltoffen_tui.render.actionplan import measure_rows

        assessment = self.session.assessment
        heading = Text.assemble(("Maßnahmenplan: ", "bold"), visible(assessment.municipality))
        self.query_one("#plan-title", Static).update(heading)
        table = self.query_one(DataTable)
        table.clear()
        numbers = {f.id: str(n) for n, f in enumerate(self.session.pack.fields, start=1)}
        rows = measure_rows(self.session.pack, assessment)
        for row, measure in zip(rows, assessment.measures, strict=True):
            title = visible(measure.title)
            title = title if len(title) <= 42 else title[:41] + "…"
            table.add_row(
                row[0],
                numbers.get(measure.field, ""),
                Text(title),
                visible(row[4]),
                visible(row[5]),
            )
        self.show_detail()
        empty = self.query_one("#plan-empty", Static)
        empty.update(
            ""
            if assessment.measures
            else "Noch keine Maßnahmen. In der Auswertung eine Anregung wählen und a drücken."
        )

    def on_data_table_row_highlighted(self) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        """The highlighted measure in full: field, measure, who, by when, status, note."""
        measure = self._selected()
        detail = self.query_one("#plan-detail", Static)
        if measure is None:
            detail.update("")
            return
        field = self.session.pack.field(measure.field)
        text = Text()
        text.append(f"{measure.id} · {field.title if field else ''}\n", style="bold")
        text.append(visible(measure.title))
        text.append(f"\nZuständig: {visible(measure.responsible) or '–'}")
        text.append(f" · Fällig: {measure.due.strftime('%d.%m.%Y') if measure.due else '–'}")
        text.append(f" · Stand: {visible(measure.status)}")
        if measure.note:
            text.append("\nNotiz: ", style="bold")
            text.append(visible(measure.note))
        detail.update(text)

    def _selected(self) -> Measure | None:
        measures = self.session.assessment.measures
        row = self.query_one(DataTable).cursor_row
        return measures[row] if 0 <= row < len(measures) else None

    def action_edit(self) -> None:
        from weltoffen_tui.core.workshop.actionplan import update_measure

        measure = self._selected()
        if measure is None:
            return

        def store(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.session.change(lambda a: update_measure(a, measure.id, **values))
                self.post_message(Saved(self.session))
                self.refresh_plan()

        self.app.push_screen(MeasureDialog(measure, "Maßnahme bearbeiten"), store)

    def action_remove(self) -> None:
        from weltoffen_tui.core.workshop.actionplan import remove_measure

        measure = self._selected()
        if measure is None:
            return
        self.session.change(lambda a: remove_measure(a, measure.id))
        self.post_message(Saved(self.session))
        self.notify(f"Maßnahme entfernt: {measure.title[:60]}", timeout=4)
        self.refresh_plan()

    def action_export(self, fmt: str) -> None:
        from weltoffen_tui.core.storage.exports import sibling, write_document
        from weltoffen_tui.render import actionplan
        from weltoffen_tui.render.formats import BY_NAME

        chosen = BY_NAME[fmt]
        target = sibling(self.session.path, "massnahmenplan", chosen.suffix)
        pack, assessment = self.session.pack, self.session.assessment
        self.post_message(
            ExportRequested(
                lambda: write_document(target, actionplan.render(chosen, pack, assessment)),
                f"Maßnahmenplan ({chosen.label})",
                reply_to=self,
            )
        )

    def on_export_done(self, message: ExportDone) -> None:
        self.query_one(StatusBanner).show(message.text)
