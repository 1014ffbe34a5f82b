"""The action plan (*Maßnahmenplan*) as a document: terminal, Markdown, HTML, CSV and JSON.

The rows are built once (``measure_rows``); the table of the plan, its section in the
report, the CSV and the TUI's plan screen all read them, so every view names the same
columns in the same words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from weltoffen_tui.core import texts
from weltoffen_tui.core.assessment import Assessment
from weltoffen_tui.core.labels import format_date, format_timestamp
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.perspective import sources_label
from weltoffen_tui.render.blocks import (
    Block,
    Bullets,
    Column,
    Document,
    Facts,
    Heading,
    Inline,
    Paragraph,
    Span,
    inline,
    table,
)
from weltoffen_tui.render.formats import Format, produce

if TYPE_CHECKING:  # the roadmap module is imported when a plan has measures
    from weltoffen_tui.core.workshop.roadmap import Granularity

CSV_COLUMNS = (
    "Nr",
    texts.FIELD,
    texts.MEASURE,
    texts.RESPONSIBLE,
    texts.DUE,
    texts.STATUS,
    texts.RECOMMENDATION,
    texts.NOTE,
    "Zeitraum",
    "Ziel",
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


def _materials(pack: Pack, rec_id: str) -> tuple[str, ...]:
    """The templates the recommendation behind a measure links to."""
    ref = pack.recommendations.get(rec_id)
    return ref.recommendation.materials if ref else ()


def _material_spans(pack: Pack, rec_id: str) -> Inline:
    """„→ Arbeitshilfe: … (weltoffen materials …)“ for a measure made from a recommendation."""
    from weltoffen_tui.render.material import material_spans, pack_material_titles

    ids = _materials(pack, rec_id)
    return material_spans(pack_material_titles(pack.directory, ids), ids)


def measure_rows(
    pack: Pack, assessment: Assessment, granularity: Granularity | None = None
) -> list[list[str]]:
    """One row per measure in CSV column order (shared by every format and the TUI).

    The last two columns are the roadmap's: the measure's period and its field's target.
    """
    if not assessment.measures:
        return []
    from weltoffen_tui.core.workshop.roadmap import choose_granularity, period_of

    chosen = granularity or choose_granularity(m.due for m in assessment.measures if m.due)
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
            period_of(m.due, chosen).label if m.due else NO_DATE,
            target_text(pack, assessment, m.field, with_gap=False),
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
    for row, measure in zip(rows, assessment.measures, strict=True):
        number, title, recommendation, note = row[0], row[2], row[6], row[7]
        if not recommendation and not note:
            continue
        blocks.append(Heading(inline(f"{number}. {title}"), level=3))
        if recommendation:
            blocks.append(
                Paragraph(inline(Span(f"{texts.RECOMMENDATION}: ", bold=True), recommendation))
            )
            templates = _material_spans(pack, measure.recommendation)
            if templates:
                blocks.append(Paragraph(templates))
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


ROADMAP = "Roadmap"
NO_DATE = "ohne Termin"
NO_FIELD_TITLE = "ohne Handlungsfeld"
GRANULARITY_LABELS = {"quartal": "nach Quartalen", "halbjahr": "nach Halbjahren"}


def target_text(pack: Pack, assessment: Assessment, field_id: str, *, with_gap: bool = True) -> str:
    """``Verankert bis 31.12.2027 (noch 1 Stufe)`` for a field's target, "" without one."""
    from weltoffen_tui.core.scoring import evaluate
    from weltoffen_tui.core.targets import gap_label, target_status

    if not field_id or field_id not in assessment.targets:
        return ""
    score = None
    if with_gap:
        result = next(
            (r for r in evaluate(pack, assessment).fields if r.field.id == field_id), None
        )
        score = result.score if result else None
    status = target_status(pack, assessment, field_id, score)
    if status is None:
        return ""
    text = status.level_name
    if status.due:
        text += f" bis {format_date(status.due)}"
    if with_gap:
        text += f" ({gap_label(status)})"
    return text


def roadmap_blocks(
    pack: Pack,
    assessment: Assessment,
    granularity: Granularity | None = None,
    scores: dict[str, float | None] | None = None,
) -> list[Block]:
    """The plan by period and field: status, who, due, and the target each serves.

    ``scores`` (field id → score) when the caller has evaluated already (the report).
    """
    from weltoffen_tui.core.scoring import evaluate
    from weltoffen_tui.core.targets import gap_label, target_status

    if not assessment.measures:
        return []
    from weltoffen_tui.core.workshop.roadmap import roadmap

    plan = roadmap(assessment, [f.id for f in pack.fields], granularity)
    if scores is None:
        scores = {r.field.id: r.score for r in evaluate(pack, assessment).fields}
    blocks: list[Block] = [
        Heading(inline(f"{ROADMAP} ({GRANULARITY_LABELS[plan.granularity]})")),
    ]
    for period in plan.periods:
        count = len(period.measures)
        blocks.append(
            Heading(
                inline(f"{period.label} · {count} {'Maßnahme' if count == 1 else 'Maßnahmen'}"),
                level=3,
            )
        )
        for group in period.fields:
            head: list[Span] = [
                Span(
                    _field_title(pack, group.field_id) if group.field_id else NO_FIELD_TITLE,
                    bold=True,
                )
            ]
            status = target_status(pack, assessment, group.field_id, scores.get(group.field_id))
            if status is not None:
                goal = status.level_name + (f" bis {format_date(status.due)}" if status.due else "")
                head.append(Span(f" – dient dem Ziel „{goal}“ ({gap_label(status)})"))
            blocks.append(Paragraph(tuple(head)))
            items = []
            for m in group.measures:
                details = [f"{texts.STATUS}: {m.status}"]
                if m.due:
                    details.append(f"{texts.DUE}: {format_date(m.due)}")
                if m.responsible:
                    details.append(f"{texts.RESPONSIBLE}: {m.responsible}")
                items.append(
                    inline(
                        Span(f"{m.id} ", bold=True),
                        m.title,
                        Span(" · " + " · ".join(details), dim=True),
                    )
                )
            blocks.append(Bullets(tuple(items)))
    return blocks


def roadmap_data(
    pack: Pack, assessment: Assessment, granularity: Granularity | None = None
) -> dict[str, Any]:
    """The roadmap as plain data (JSON)."""
    from weltoffen_tui.core.workshop.roadmap import roadmap

    plan = roadmap(assessment, [f.id for f in pack.fields], granularity)
    return {
        "granularity": plan.granularity,
        "periods": [
            {
                "label": period.label,
                "start": period.period.start.isoformat() if period.period else None,
                "fields": [
                    {
                        "field": group.field_id or None,
                        "target": group.target.model_dump(mode="json") if group.target else None,
                        "measures": [m.id for m in group.measures],
                    }
                    for group in period.fields
                ],
            }
            for period in plan.periods
        ],
    }


def view(pack: Pack, assessment: Assessment, granularity: Granularity | None = None) -> Document:
    """The plan as its own document, with who assessed what and when, and its roadmap."""
    title = f"{texts.ACTION_PLAN}: {assessment.municipality}"
    blocks: list[Block] = [Heading(inline(title), level=1), header_facts(assessment)]
    blocks.append(Heading(inline("Maßnahmen")))
    blocks += plan_blocks(pack, assessment)
    blocks += roadmap_blocks(pack, assessment, granularity)
    return Document(title, tuple(blocks))


def data(
    pack: Pack, assessment: Assessment, granularity: Granularity | None = None
) -> dict[str, Any]:
    """The plan as plain data (JSON): every measure with its field and recommendation."""
    return {
        "municipality": assessment.municipality,
        "questionnaire": {"id": pack.id, "version": pack.version},
        "measures": [
            {
                **m.model_dump(mode="json"),
                "field_title": _field_title(pack, m.field),
                "recommendation_text": _recommendation_text(pack, m.recommendation),
                "materials": list(_materials(pack, m.recommendation)),
            }
            for m in assessment.measures
        ],
        "targets": {fid: t.model_dump(mode="json") for fid, t in assessment.targets.items()},
        "roadmap": roadmap_data(pack, assessment, granularity),
    }


def render(
    fmt: Format, pack: Pack, assessment: Assessment, granularity: Granularity | None = None
) -> str | bytes:
    """The plan in one of the formats the registry offers for ``actionplan``.

    ``granularity`` groups the roadmap by quarter or half-year (None: from the dates).
    """
    return produce(
        fmt,
        lambda: view(pack, assessment, granularity),
        data=lambda: data(pack, assessment, granularity),
        rows=lambda: [list(CSV_COLUMNS), *measure_rows(pack, assessment, granularity)],
    )
