"""The action plan (*Maßnahmenplan*) as a document: terminal, Markdown, HTML, CSV and JSON.

The rows are built once (``measure_rows``); the table of the plan, its section in the
report, the CSV and the TUI's plan screen all read them, so every view names the same
columns in the same words.
"""

from __future__ import annotations

from typing import Any

from weltoffen_tui.core import texts
from weltoffen_tui.core.assessment import Assessment
from weltoffen_tui.core.labels import format_date, format_timestamp
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.perspective import sources_label
from weltoffen_tui.render.blocks import (
    Block,
    Column,
    Document,
    Facts,
    Heading,
    Paragraph,
    Span,
    inline,
    table,
)
from weltoffen_tui.render.formats import Format, produce

CSV_COLUMNS = (
    "Nr",
    texts.FIELD,
    texts.MEASURE,
    texts.RESPONSIBLE,
    texts.DUE,
    texts.STATUS,
    texts.RECOMMENDATION,
    texts.NOTE,
)
TABLE_COLUMNS = (
    Column(texts.NUMBER, align="right", no_wrap=True),
    Column(texts.FIELD, ratio=2),
    Column(texts.MEASURE, ratio=3),
    Column(texts.RESPONSIBLE, ratio=2),
    Column(texts.DUE, no_wrap=True),
    Column(texts.STATUS, no_wrap=True),
)


def _field_title(pack: Pack, field_id: str) -> str:
    action_field = pack.field(field_id)
    return action_field.title if action_field else field_id


def _recommendation_text(pack: Pack, rec_id: str) -> str:
    ref = pack.recommendations.get(rec_id)
    return " ".join(ref.recommendation.text.split()) if ref else ""


def measure_rows(pack: Pack, assessment: Assessment) -> list[list[str]]:
    """One row per measure in CSV column order (shared by every format and the TUI)."""
    return [
        [
            str(number),
            _field_title(pack, m.field),
            m.title,
            m.responsible,
            format_date(m.due),
            m.status,
            _recommendation_text(pack, m.recommendation),
            m.note,
        ]
        for number, m in enumerate(assessment.measures, start=1)
    ]


def plan_blocks(pack: Pack, assessment: Assessment, *, details: bool = True) -> list[Block]:
    """The plan table, then (with ``details``) each measure's recommendation and note."""
    if not assessment.measures:
        return [Paragraph(inline(texts.EMPTY_PLAN))]
    rows = measure_rows(pack, assessment)
    blocks: list[Block] = [table(TABLE_COLUMNS, (row[:6] for row in rows))]
    if not details:
        return blocks
    for row in rows:
        number, title, recommendation, note = row[0], row[2], row[6], row[7]
        if not recommendation and not note:
            continue
        blocks.append(Heading(inline(f"{number}. {title}"), level=3))
        if recommendation:
            blocks.append(
                Paragraph(inline(Span(f"{texts.RECOMMENDATION}: ", bold=True), recommendation))
            )
        if note:
            blocks.append(Paragraph(inline(Span(f"{texts.NOTE}: ", bold=True), note)))
    return blocks


def header_facts(assessment: Assessment) -> Facts:
    """Who assessed what and when (shared with the report)."""
    people = ", ".join(f"{r.name} ({r.role})" if r.role else r.name for r in assessment.respondents)
    pairs = [
        (texts.MUNICIPALITY, f"{assessment.municipality} ({assessment.kind})"),
        (texts.DATE, format_date(assessment.session_date)),
        (texts.PERSPECTIVE, assessment.perspective.strip()),
        (texts.SOURCES, sources_label(assessment)),
        (texts.RESPONDENTS, people),
        (texts.CONSULTANT, assessment.consultant),
        (texts.LAST_CHANGED, format_timestamp(assessment.updated)),
    ]
    return Facts(tuple((label, inline(value)) for label, value in pairs if value))


def view(pack: Pack, assessment: Assessment) -> Document:
    """The plan as its own document, with who assessed what and when."""
    title = f"{texts.ACTION_PLAN}: {assessment.municipality}"
    blocks: list[Block] = [Heading(inline(title), level=1), header_facts(assessment)]
    blocks.append(Heading(inline("Maßnahmen")))
    blocks += plan_blocks(pack, assessment)
    return Document(title, tuple(blocks))


def data(pack: Pack, assessment: Assessment) -> dict[str, Any]:
    """The plan as plain data (JSON): every measure with its field and recommendation."""
    return {
        "municipality": assessment.municipality,
        "questionnaire": {"id": pack.id, "version": pack.version},
        "measures": [
            {
                **m.model_dump(mode="json"),
                "field_title": _field_title(pack, m.field),
                "recommendation_text": _recommendation_text(pack, m.recommendation),
            }
            for m in assessment.measures
        ],
    }


def render(fmt: Format, pack: Pack, assessment: Assessment) -> str | bytes:
    """The plan in one of the formats the registry offers for ``actionplan``."""
    return produce(
        fmt,
        lambda: view(pack, assessment),
        data=lambda: data(pack, assessment),
        rows=lambda: [list(CSV_COLUMNS), *measure_rows(pack, assessment)],
    )
