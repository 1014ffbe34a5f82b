"""The action plan (*Maßnahmenplan*): measures made from recommendations, edited here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Input, Label, Select, Static, TextArea

from weltoffen_tui.core import texts
from weltoffen_tui.core.assessment import MEASURE_STATUSES, Measure
from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.tui.messages import ExportDone, ExportRequested, Saved
from weltoffen_tui.tui.screens.base import AppScreen
from weltoffen_tui.tui.screens.dialogs import EditDialog
from weltoffen_tui.tui.widgets.footer import Footer
from weltoffen_tui.tui.widgets.safe_input import SafeInput
from weltoffen_tui.tui.widgets.safe_textarea import SafeTextArea
from weltoffen_tui.tui.widgets.status import StatusBanner

if TYPE_CHECKING:
    from weltoffen_tui.core.materials import Material
    from weltoffen_tui.core.storage.editing import EditSession


NO_FIELD = "ohne Handlungsfeld"


class MeasureDialog(EditDialog[dict[str, Any] | None]):
    """Edit one measure: what, who, by when, status, note (and, if offered, the field)."""

    HELP = (
        "## Maßnahme\n\nBeschreiben Sie die Maßnahme, die zuständige Stelle, das Datum, bis "
        "wann sie erledigt sein soll (TT.MM.JJJJ), den Stand und eine Notiz. Das "
        "Handlungsfeld ist freiwillig. Strg+S übernimmt, Esc verwirft. Die Maßnahme wird "
        "in der Einschätzungsdatei gespeichert."
    )

    def __init__(
        self,
        measure: Measure | None,
        heading: str,
        fields: list[tuple[str, str]] | None = None,
    ) -> None:
        """``measure`` None: a new measure of one's own; ``fields`` (title, id) offers
        the choice of a field (the result then carries ``field``)."""
        super().__init__()
        self.measure = measure or Measure.model_construct(
            id="", title="", field="", responsible="", due=None, status="offen", note=""
        )
        self.heading = heading
        self.fields = fields

    def compose(self) -> ComposeResult:
        due = self.measure.due.strftime("%d.%m.%Y") if self.measure.due else ""
        with Vertical(classes="dialog wide"):
            yield Label(self.heading, classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Label("Maßnahme *")
                yield SafeInput(self.measure.title, id="title")
                yield Static(id="title-error", classes="error-text")
                if self.fields is not None:
                    yield Label("Handlungsfeld (freiwillig)")
                    yield Select(
                        [(NO_FIELD, ""), *self.fields],
                        value=self.measure.field
                        if any(fid == self.measure.field for _, fid in self.fields)
                        else "",
                        allow_blank=False,
                        id="field",
                    )
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
        values: dict[str, Any] = {
            "title": title,
            "responsible": self.query_one("#responsible", Input).value.strip(),
            "due": due,
            "status": self.query_one("#status", Select).value,
            "note": self.query_one("#measure-note", TextArea).text.rstrip(),
        }
        if self.fields is not None:
            values["field"] = self.query_one("#field", Select).value or ""
        self.dismiss(values)


def _cut(text: str, width: int) -> str:
    """``text`` in one line of ``width`` characters, with „…“ where it is cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: max(1, width - 1)].rstrip() + "…"


# A measure's title and responsible office wrap in the table, up to this many lines.
MAX_ROW_LINES = 3


def _wrapped(text: str, width: int, lines: int = MAX_ROW_LINES) -> str:
    """``text`` wrapped to ``width`` in at most ``lines`` lines, „…“ where it is cut."""
    import textwrap

    wrapped = textwrap.wrap(" ".join(text.split()), width, break_long_words=True) or [""]
    if len(wrapped) > lines:
        wrapped = [*wrapped[: lines - 1], _cut(" ".join(wrapped[lines - 1 :]), width)]
    return "\n".join(wrapped)


class ActionPlanScreen(AppScreen):
    """All measures of the assessment; edit, remove and export them."""

    CSS_PATH = "actionplan.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", "Zurück", key_display="Esc"),
        Binding("enter", "edit", "Bearbeiten", key_display="Enter", show=False),
        Binding("n", "new", "Neu", tooltip="Neue Maßnahme"),
        Binding("e", "edit", "Bearbeiten", tooltip="Maßnahme bearbeiten"),
        Binding("r", "toggle_roadmap", "Roadmap", tooltip="Liste oder Roadmap zeigen"),
        # Named in the line under the table; F1 lists it.
        Binding("delete", "remove", "Entfernen", key_display="Entf", show=False),
        Binding("m", "export('markdown')", "Markdown", tooltip="Export als Markdown"),
        Binding("x", "export('html')", "HTML", tooltip="Export als HTML"),
        Binding("c", "export('csv')", "CSV", tooltip="Export als CSV (Tabellenkalkulation)"),
        # Named in the detail of a measure whose recommendation links a template.
        Binding("ctrl+e", "export_material", "Arbeitshilfe", key_display="Strg+E", show=False),
    ]
    HELP = (
        "## Maßnahmenplan\n\n"
        "Hier stehen alle Maßnahmen der Einschätzung: Maßnahme, Handlungsfeld, zuständige "
        "Stelle, Fälligkeit und Stand; darunter die markierte Maßnahme ganz. Maßnahmen aus "
        "einer Anregung legen Sie in der Auswertung an (Anregung wählen, **a**); **n** legt "
        "hier eine eigene Maßnahme an, mit oder ohne Handlungsfeld.\n\n"
        "**Enter** oder **e** bearbeitet die markierte Maßnahme (auch ihr Handlungsfeld), "
        "**Entf** entfernt sie. "
        "**m**, **x** und **c** exportieren den Plan als Markdown, HTML oder CSV (für eine "
        "Tabellenkalkulation). Der Plan steht auch in jedem Bericht. Nennt die Anregung "
        "hinter einer Maßnahme eine Arbeitshilfe (etwa eine Einladung oder ein "
        "Vorfallprotokoll), steht sie unter der Maßnahme; **Strg+E** exportiert sie.\n\n"
        "**r** wechselt zwischen Liste und **Roadmap**: die Maßnahmen nach Zeitraum "
        "(Quartal, bei weit gestreuten Terminen Halbjahr) und Handlungsfeld, mit Stand und "
        "dem Ziel, dem sie dienen; Maßnahmen ohne Fälligkeit stehen unter „ohne Termin“. "
        "Noch einmal **r**: zurück zur Liste. Die Roadmap steht auch in jedem Export."
    )

    def __init__(self, session: EditSession) -> None:
        super().__init__()
        self.session = session
        self.show_roadmap = False

    def compose(self) -> ComposeResult:
        with Horizontal(classes="topbar"):
            yield Static(id="plan-title")
        yield StatusBanner(id="plan-status")
        yield DataTable(id="measures", cursor_type="row", zebra_stripes=True)
        yield Static(id="plan-empty", classes="hint")
        yield Static(id="plan-detail")
        with VerticalScroll(id="plan-roadmap"):
            yield Static(id="roadmap")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_plan()
        self.query_one(DataTable).focus()

    def action_toggle_roadmap(self) -> None:
        """r: the list of measures, or the roadmap (by period and field)."""
        self.show_roadmap = not self.show_roadmap
        self.refresh_plan()
        if self.show_roadmap:
            self.query_one("#plan-roadmap").focus()
        else:
            self.query_one(DataTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Editing keys work on the list; in the roadmap they are shown disabled."""
        if self.show_roadmap and action in {"edit", "remove"}:
            return None
        return True

    def _refresh_roadmap(self) -> None:
        from weltoffen_tui.render.actionplan import roadmap_blocks
        from weltoffen_tui.render.terminal import to_rich_blocks

        roadmap = self.query_one("#plan-roadmap")
        table = self.query_one(DataTable)
        roadmap.display = self.show_roadmap
        table.display = not self.show_roadmap
        self.query_one("#plan-detail").display = not self.show_roadmap
        if self.show_roadmap:
            blocks = roadmap_blocks(self.session.pack, self.session.assessment)
            self.query_one("#roadmap", Static).update(
                to_rich_blocks(tuple(blocks)) if blocks else Text("")
            )
        self.refresh_bindings()

    def on_resize(self) -> None:
        self.refresh_plan()

    def column_widths(self) -> tuple[int, int, int, int, int]:
        """Widths of Maßnahme, Handlungsfeld, Zuständig, Fällig, Stand for this screen.

        Date and status keep their full width (the longest status in the plan), the
        field its short name (``short_title``) in up to two lines, as wide as its
        longest word; title and responsible office share the rest and wrap,
        so at 80 columns every column stays readable (the full text stands below).
        """
        measures = self.session.assessment.measures
        status = max([len(texts.STATUS), *(len(m.status) for m in measures)])
        # Each column has one space of padding on either side; the scroll bar takes two.
        rest = max(40, self.size.width - 2 * 5 - 2 - 10 - status)
        # The field's short name wraps at its spaces („Interkulturelle / Öffnung“).
        words = [len(word) for m in measures for word in self._field_name(m.field).split()]
        field = min(max([len(texts.FIELD), *words]), rest * 3 // 10)
        # The office as wide as its longest word (up to half of what is left), so a
        # word like „Integrationsbüro“ is not broken; the title takes the rest.
        left = rest - field
        offices = [len(word) for m in measures for word in m.responsible.split()]
        responsible = min(max([len(texts.RESPONSIBLE), left * 2 // 5, *offices]), left // 2)
        return left - responsible, field, responsible, 10, status

    def _field_name(self, field_id: str) -> str:
        """The field's short name for the table („ohne Handlungsfeld“ for none)."""
        field = self.session.pack.field(field_id) if field_id else None
        if field is not None:
            return field.short_name
        return visible(field_id) or NO_FIELD

    def refresh_plan(self) -> None:
        from weltoffen_tui.render.actionplan import measure_rows

        assessment = self.session.assessment
        heading = Text.assemble(("Maßnahmenplan: ", "bold"), visible(assessment.municipality))
        self.query_one("#plan-title", Static).update(heading)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        widths = self.column_widths()
        labels = (texts.MEASURE, texts.FIELD, texts.RESPONSIBLE, texts.DUE, texts.STATUS)
        for label, width in zip(labels, widths, strict=True):
            table.add_column(label, width=width)
        rows = measure_rows(self.session.pack, assessment)
        title, field, responsible, due, status = widths
        for measure, cells in zip(assessment.measures, rows, strict=True):
            table.add_row(
                Text(_wrapped(visible(cells[2]), title, MAX_ROW_LINES + 1)),
                Text(_wrapped(self._field_name(measure.field), field, 2)),
                Text(_wrapped(visible(cells[3]), responsible)),
                Text(_cut(cells[4], due), no_wrap=True),
                Text(_cut(visible(cells[5]), status), no_wrap=True),
                height=None,  # as many lines as the title or the office needs
            )
        if rows:
            table.move_cursor(row=min(max(row, 0), len(rows) - 1))
        self.show_detail()
        self._refresh_roadmap()
        empty = self.query_one("#plan-empty", Static)
        empty.update(
            "Enter oder e bearbeitet die markierte Maßnahme, Entf entfernt sie."
            if assessment.measures and not self.show_roadmap
            else ""
            if assessment.measures
            else "Noch keine Maßnahmen. n legt eine eigene an; in der Auswertung macht a "
            "aus einer Anregung eine Maßnahme."
        )

    def on_data_table_row_selected(self) -> None:
        """Enter on a row (the table itself takes the key): edit that measure."""
        self.action_edit()

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
        where = field.title if field else visible(measure.field) or NO_FIELD
        text.append(f"{measure.id} · {where}\n", style="bold")
        text.append(visible(measure.title))
        text.append(f"\nZuständig: {visible(measure.responsible) or '–'}")
        text.append(f" · Fällig: {measure.due.strftime('%d.%m.%Y') if measure.due else '–'}")
        text.append(f" · Stand: {visible(measure.status)}")
        if measure.note:
            text.append("\nNotiz: ", style="bold")
            text.append(visible(measure.note))
        for material in self._materials(measure):
            text.append("\n→ Arbeitshilfe: ", style="bold")
            text.append(visible(material.title))
            text.append(" (Strg+E exportiert)")
        detail.update(text)

    def _materials(self, measure: Measure | None) -> list[Material]:
        """The templates the recommendation behind a measure links to (none for one's own)."""
        from weltoffen_tui.core.materials import linked_materials
        from weltoffen_tui.tui.screens.article import pack_materials

        pack = self.session.pack
        ref = pack.recommendations.get(measure.recommendation) if measure else None
        if ref is None or not ref.recommendation.materials:
            return []
        return linked_materials(pack_materials(pack), ref.recommendation.materials)

    def action_export_material(self) -> None:
        """Strg+E: export a template of the highlighted measure's recommendation."""
        from weltoffen_tui.tui.screens.article import choose_and_export

        choose_and_export(self, self._materials(self._selected()))

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

        self.app.push_screen(
            MeasureDialog(measure, "Maßnahme bearbeiten", self._field_choices()), store
        )

    def _field_choices(self) -> list[tuple[str, str]]:
        return [(f.title, f.id) for f in self.session.pack.fields]

    def action_new(self) -> None:
        """A measure of one's own, not made from a recommendation (field optional)."""
        from weltoffen_tui.core.workshop.actionplan import add_measure, next_measure_id

        def store(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            measure = Measure(id=next_measure_id(self.session.assessment.measures), **values)
            self.session.change(lambda a: add_measure(a, measure))
            self.post_message(Saved(self.session))
            self.refresh_plan()
            table = self.query_one(DataTable)
            table.move_cursor(row=table.row_count - 1)

        self.app.push_screen(MeasureDialog(None, "Eigene Maßnahme", self._field_choices()), store)

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
        # The export runs in a thread while the user goes on: it writes this state.
        pack, assessment = self.session.pack, self.session.assessment.model_copy(deep=True)
        self.post_message(
            ExportRequested(
                lambda: write_document(target, actionplan.render(chosen, pack, assessment)),
                f"Maßnahmenplan ({chosen.label})",
                reply_to=self,
            )
        )

    def on_export_done(self, message: ExportDone) -> None:
        self.query_one(StatusBanner).show(message.text)
