"""The questionnaire as an Excel workbook (xlsx) for departments to fill in.

A cover sheet says how to fill it in; one sheet per action field lists the questions
with a drop-down of the answers and a note column; a hidden sheet keeps the pack id,
version and a checksum of the structure so ``weltoffen import`` can read it back
(layout in core/importing/layout.py). The sheets and the workbook structure are
protected, only answer, note and perspective cells are editable. openpyxl is imported
only when a workbook is built.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import TYPE_CHECKING

from weltoffen_tui.core.applicability import Municipality, kind_phrase
from weltoffen_tui.core.importing import layout
from weltoffen_tui.core.labels import NOT_APPLICABLE_LABEL, UNKNOWN_LABEL
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.textsafe import visible

if TYPE_CHECKING:
    from weltoffen_tui.core.assessment import Assessment

WIDTHS = {
    layout.ID_COLUMN: 12,
    layout.NUMBER_COLUMN: 5,
    layout.GROUP_COLUMN: 12,
    layout.QUESTION_COLUMN: 40,
    layout.ANSWER_COLUMN: 21,
    layout.NOTE_COLUMN: 26,
    layout.HELP_COLUMN: 62,
    layout.APPLIES_COLUMN: 18,
}
COVER_WIDTHS = (26, 80)
LINE_POINTS = 15  # one line of 11-point text
CHARS_PER_WIDTH = 1.2  # average German text is narrower than the "0" widths count in


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` wide (an estimate)."""
    room = max(1, int(width * CHARS_PER_WIDTH))
    return sum(max(1, -(-len(part) // room)) for part in text.split("\n"))


def _fit_height(
    sheet: object, row: int, texts: Mapping[int, str], widths: Mapping[int, float]
) -> None:
    """Give a row the height of its longest wrapped cell (neither Excel nor LibreOffice
    grows rows of a generated file by themselves)."""
    lines = max((_lines(text, widths[c]) for c, text in texts.items() if text), default=1)
    sheet.row_dimensions[row].height = LINE_POINTS * lines + 3  # type: ignore[attr-defined]


CHOICES_NAME = "Antworten"


def _cell_text(text: str) -> str:
    """Pack text for a cell: controls shown visibly, never a formula."""
    shown = visible(" ".join(text.split()) if "\n" not in text else text.strip())
    return "'" + shown if shown.startswith("=") else shown


def _kind_line(pack: Pack, where: Municipality | None) -> list[tuple[str, str]]:
    """What the cover says about questions that apply only to some kinds of municipality."""
    if where is not None:
        skipped = sum(not layout.applies(f, q, where) for f, q in pack.iter_questions())
        if not skipped:
            return []
        return [
            (
                "Art der Kommune",
                f"Dieser Fragebogen ist {kind_phrase(*where)} erstellt. Fragen, die dort nicht "
                "gelten, sind grau und mit „entfällt …“ markiert; sie lassen sich nicht "
                "ausfüllen und zählen nicht.",
            )
        ]
    if not layout.any_limited(pack):
        return []
    return [
        (
            "Art der Kommune",
            f"Manche Fragen gelten nur für bestimmte Arten von Kommunen: die Spalte "
            f"„{layout.APPLIES_HEADING}“ (ganz rechts) nennt sie. Lassen Sie Fragen, die für "
            "Ihre Kommune nicht gelten, leer; sie werden beim Einlesen nicht übernommen.",
        )
    ]


def _cover(pack: Pack, where: Municipality | None = None) -> list[tuple[str, str]]:
    scale = [
        (
            "Antworten" if index == 0 else "",
            _cell_text(
                layout.step_label(s.value, s.label)
                + (f": {s.description}" if s.description else "")
            ),
        )
        for index, s in enumerate(pack.meta.scale)
    ]
    return [
        ("So füllen Sie den Fragebogen aus", ""),
        (
            "1.",
            "Jedes Handlungsfeld hat ein eigenes Blatt (Reiter unten). Beantworten Sie die "
            "Fragen, die Ihren Bereich betreffen; andere Fragen lassen Sie leer.",
        ),
        (
            "2.",
            "Wählen Sie in der Spalte „Antwort“ einen Wert aus der Liste (Pfeil rechts neben "
            "der Zelle). Andere Texte nimmt das Programm beim Einlesen nicht an.",
        ),
        (
            "3.",
            "In „Notiz / Nachweis“ schreiben Sie, worauf sich die Antwort stützt: ein "
            "Beschluss, ein Konzept, eine Zahl, eine Ansprechperson.",
        ),
        *_kind_line(pack, where),
        *scale,
        (UNKNOWN_LABEL, "Die Antwort ist nicht bekannt; notieren Sie, wer sie kennen könnte."),
        (
            NOT_APPLICABLE_LABEL,
            "Die Frage passt nicht zu Ihrer Kommune; sie zählt nicht in die Wertung.",
        ),
        (
            "Wichtig",
            "Bitte nicht die Struktur ändern: keine Blätter umbenennen, keine Zeilen oder "
            "Spalten einfügen oder löschen, nichts verschieben. Sonst lässt sich die Datei "
            "nicht mehr einlesen. Speichern Sie im Format .xlsx.",
        ),
        (
            "Zurück",
            "Schicken Sie die ausgefüllte Datei an die Person, die den Selbstcheck begleitet. "
            "Sie liest sie mit „weltoffen import“ ein.",
        ),
    ]


def workbook_bytes(
    pack: Pack,
    assessment: Assessment | None = None,
    only: Municipality | None = None,
) -> bytes:
    """The xlsx file of the questionnaire (answers of ``assessment`` filled in, if given).

    For a known municipality (the assessment's, else ``only``: kind and kreisfrei) a
    question that does not apply keeps its row (the structure is the same for every
    kind) but its answer cell says „entfällt für …“, greyed and locked. Without one, a
    column „Gilt für“ names the kinds of every question, if the pack limits any.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.datavalidation import DataValidation

    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    editable = Protection(locked=False)
    fill = PatternFill("solid", fgColor="FFF5D6")
    where = (assessment.kind, assessment.kreisfrei) if assessment is not None else only
    with_kinds = where is None and layout.any_limited(pack)
    columns = len(layout.COLUMNS) + (1 if with_kinds else 0)
    greyed = Font(italic=True, color="808080")
    grey = PatternFill("solid", fgColor="E6E6E6")
    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = layout.COVER_SHEET
    cover["A1"] = _cell_text(pack.meta.title)
    cover["A1"].font = Font(bold=True, size=14)
    cover["A2"] = _cell_text(f"Fragebogen-Version {pack.version}")
    cover.cell(layout.PERSPECTIVE_ROW, 1, "Ihr Bereich / Ihre Rolle:").font = bold
    perspective = cover.cell(layout.PERSPECTIVE_ROW, layout.PERSPECTIVE_COLUMN)
    perspective.protection = editable
    perspective.fill = fill
    if assessment is not None and assessment.perspective:
        perspective.value = _cell_text(assessment.perspective)
    cover.cell(layout.PERSPECTIVE_ROW + 1, 2, "(z. B. „Jugendamt“ oder „Personalamt“)")
    cover_widths = dict(enumerate(COVER_WIDTHS, start=1))
    for offset, (head, text) in enumerate(_cover(pack, where)):
        row = layout.PERSPECTIVE_ROW + 3 + offset
        cover.cell(row, 1, head).font = bold
        cover.cell(row, 1).alignment = wrap
        cover.cell(row, 2, text).alignment = wrap
        _fit_height(cover, row, {1: head, 2: text}, cover_widths)
    for column, width in cover_widths.items():
        cover.column_dimensions[layout.column_letter(column)].width = width
    cover.protection.sheet = True
    _print_setup(cover, portrait=True)

    info = book.create_sheet(layout.INFO_SHEET)
    values = {
        "marker": layout.MARKER,
        "layout": layout.LAYOUT_VERSION,
        "pack": pack.id,
        "version": pack.version,
        "checksum": layout.checksum(pack),
    }
    if where is not None:
        values[layout.KIND_KEY] = where[0]
        values[layout.KREISFREI_KEY] = {True: "ja", False: "nein", None: ""}[where[1]]
    for row, key in enumerate(values, start=1):
        info.cell(row, 1, key)
        info.cell(row, 2, values[key])
    choice_texts = [text for text, _ in layout.choices(pack)]
    for row, text in enumerate(choice_texts, start=1):
        info.cell(row, layout.CHOICES_COLUMN, text)
    info.sheet_state = "hidden"
    info.protection.sheet = True
    letter = layout.column_letter(layout.CHOICES_COLUMN)
    book.defined_names[CHOICES_NAME] = DefinedName(
        CHOICES_NAME,
        attr_text=f"'{layout.INFO_SHEET}'!${letter}$1:${letter}${len(choice_texts)}",
    )

    for number, (title, action_field) in enumerate(
        zip(layout.sheet_titles(pack), pack.fields, strict=True), start=1
    ):
        sheet = book.create_sheet(title)
        title_cell = sheet.cell(  # column A holds the hidden ids
            layout.TITLE_ROW, layout.NUMBER_COLUMN, _cell_text(f"{number}. {action_field.title}")
        )
        title_cell.font = Font(bold=True, size=13)
        sheet.cell(
            layout.TITLE_ROW + 1,
            layout.NUMBER_COLUMN,
            "Antwort aus der Liste wählen (Spalte „Antwort“), Notiz daneben.",
        )
        headings = [*layout.COLUMNS, *([layout.APPLIES_HEADING] if with_kinds else [])]
        for column_number, heading in enumerate(headings, start=1):
            cell = sheet.cell(layout.HEADER_ROW, column_number, heading)
            cell.font = bold
            cell.alignment = wrap
        validation = DataValidation(
            type="list",
            formula1=f"={CHOICES_NAME}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Keine Antwort aus der Liste",
            error="Bitte wählen Sie einen Wert aus der Liste.",
            showInputMessage=True,
            promptTitle="Antwort",
            prompt="Wert aus der Liste wählen",
        )
        sheet.add_data_validation(validation)
        for index, question in enumerate(action_field.questions):
            row = layout.FIRST_ROW + index
            explained = question.help.strip()
            if question.example.strip():
                explained += "\n\nBeispiel: " + question.example.strip()
            sheet.cell(row, layout.ID_COLUMN, question.id)
            sheet.cell(row, layout.NUMBER_COLUMN, f"{number}.{index + 1}")
            sheet.cell(
                row, layout.GROUP_COLUMN, _cell_text(action_field.group_title(question.group))
            )
            sheet.cell(row, layout.QUESTION_COLUMN, _cell_text(question.text))
            sheet.cell(row, layout.HELP_COLUMN, _cell_text(explained))
            if with_kinds:
                sheet.cell(row, layout.APPLIES_COLUMN, layout.kinds_text(action_field, question))
            answer = sheet.cell(row, layout.ANSWER_COLUMN)
            note = sheet.cell(row, layout.NOTE_COLUMN)
            if where is not None and not layout.applies(action_field, question, where):
                answer.value = layout.not_applying_text(where)  # locked: not to be filled
                for column_number in range(layout.NUMBER_COLUMN, columns + 1):
                    sheet.cell(row, column_number).font = greyed
                for cell in (answer, note):
                    cell.fill = grey
            else:
                for cell in (answer, note):
                    cell.protection = editable
                    cell.fill = fill
                given = (
                    assessment.answer(action_field.id, question.id)
                    if assessment is not None
                    else None
                )
                if given is not None:
                    answer.value = _choice_text(pack, given.value)
                    note.value = _cell_text(given.note) or None
            for column_number in range(1, columns + 1):
                sheet.cell(row, column_number).alignment = wrap
            _fit_height(
                sheet,
                row,
                {
                    c: str(sheet.cell(row, c).value or "")
                    for c in range(layout.GROUP_COLUMN, columns + 1)
                },
                WIDTHS,
            )
        last = layout.FIRST_ROW + len(action_field.questions) - 1
        validation.add(
            f"{layout.cell_name(layout.FIRST_ROW, layout.ANSWER_COLUMN)}:"
            f"{layout.cell_name(last, layout.ANSWER_COLUMN)}"
        )
        for column_number, width in WIDTHS.items():
            if column_number <= columns:
                sheet.column_dimensions[layout.column_letter(column_number)].width = width
        sheet.column_dimensions[layout.column_letter(layout.ID_COLUMN)].hidden = True
        sheet.freeze_panes = layout.cell_name(layout.FIRST_ROW, layout.ANSWER_COLUMN)
        sheet.print_title_rows = f"{layout.HEADER_ROW}:{layout.HEADER_ROW}"
        sheet.protection.sheet = True
        sheet.protection.formatColumns = False  # widths may change; structure may not
        sheet.protection.formatRows = False
        _print_setup(sheet, portrait=False)
    book.security = WorkbookProtection(lockStructure=True)
    book.active = 0
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _choice_text(pack: Pack, value: int | str | None) -> str | None:
    for text, choice in layout.choices(pack):
        if choice == value:
            return text
    return None


def _print_setup(sheet: object, *, portrait: bool) -> None:
    """Fit the columns to the page width, as many pages down as needed."""
    from openpyxl.worksheet.worksheet import Worksheet

    assert isinstance(sheet, Worksheet)
    sheet.page_setup.orientation = "portrait" if portrait else "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = True
