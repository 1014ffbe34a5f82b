"""The action plan as Markdown, HTML and CSV."""

from __future__ import annotations

import csv
import io

from weltoffen_tui.core.assessment import Assessment, Measure
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.workshop.actionplan import (
    _FORMULA_START,
    BOM,
    CSV_COLUMNS,
    DATE_FORMAT,
    EMPTY_PLAN,
)
from weltoffen_tui.render.export import html_page, markdown_to_html, md_cell, md_escape
from weltoffen_tui.render.report import header_lines

# --------------------------------------------------------------------------- exports


def _field_title(pack: Pack, field_id: str) -> str:
    action_field = pack.field(field_id)
    return action_field.title if action_field else field_id


def _recommendation_text(pack: Pack, rec_id: str) -> str:
    ref = pack.recommendations.get(rec_id)
    return " ".join(ref.recommendation.text.split()) if ref else ""


def _due(measure: Measure) -> str:
    return measure.due.strftime(DATE_FORMAT) if measure.due else ""


def measure_rows(pack: Pack, assessment: Assessment) -> list[list[str]]:
    """One row per measure in CSV column order (shared by CSV, Markdown and the TUI)."""
    return [
        [
            str(number),
            _field_title(pack, m.field),
            m.title,
            m.responsible,
            _due(m),
            m.status,
            _recommendation_text(pack, m.recommendation),
            m.note,
        ]
        for number, m in enumerate(assessment.measures, start=1)
    ]


def _plan_body(pack: Pack, assessment: Assessment) -> list[str]:
    """Overview table, then each measure with its recommendation and note."""
    out = ["| Nr. | Handlungsfeld | Maßnahme | Zuständig | Fällig | Status |"]
    out.append("|---:|---|---|---|---|---|")
    rows = measure_rows(pack, assessment)
    for row in rows:
        out.append("| " + " | ".join(md_cell(cell) for cell in row[:6]) + " |")
    out.append("")
    for measure, row in zip(assessment.measures, rows, strict=True):
        recommendation, note = row[6], row[7]
        if not recommendation and not note:
            continue
        out += [f"### {row[0]}. {md_escape(measure.title)}", ""]
        if recommendation:
            out.append(f"**Anregung:** {md_escape(recommendation)}")
            out.append("")
        if note:
            out.append(f"**Notiz:** {md_escape(note)}")
            out.append("")
    return out


def actionplan_section_markdown(pack: Pack, assessment: Assessment) -> str:
    """The plan as a ``## Maßnahmenplan`` section for the report; "" without measures."""
    if not assessment.measures:
        return ""
    lines = ["## Maßnahmenplan", "", *_plan_body(pack, assessment)]
    return "\n".join(lines).rstrip() + "\n"


def actionplan_markdown(pack: Pack, assessment: Assessment) -> str:
    """The plan as its own Markdown document, with who assessed what and when."""
    out = [f"# Maßnahmenplan: {md_escape(assessment.municipality)}", ""]
    for label, value in header_lines(assessment):
        out.append(f"- **{label}:** {md_escape(value)}")
    out += ["", "## Maßnahmen", ""]
    out += _plan_body(pack, assessment) if assessment.measures else [EMPTY_PLAN]
    return "\n".join(out).rstrip() + "\n"


def actionplan_html(pack: Pack, assessment: Assessment) -> str:
    """The plan as one printable, self-contained HTML page."""
    fragment = markdown_to_html(actionplan_markdown(pack, assessment))
    return html_page(f"Maßnahmenplan: {assessment.municipality}", fragment)


def _spreadsheet_safe(cell: str) -> str:
    """Prefix an apostrophe where a spreadsheet would otherwise run a formula."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def actionplan_csv(pack: Pack, assessment: Assessment) -> str:
    """The plan as CSV for German Excel: semicolons, CRLF, and a UTF-8 byte order mark.

    Write the returned text with ``encoding="utf-8"`` and ``newline=""`` (the BOM is
    part of the text; CRLF must not be translated again).
    """
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in measure_rows(pack, assessment):
        writer.writerow([_spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue()
