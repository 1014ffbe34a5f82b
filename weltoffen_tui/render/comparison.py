"""The comparison of several perspectives: terminal, TUI, Markdown, HTML, JSON and text.

One view model per comparison: who is compared, the score per field and perspective
with the spread, the ranked discussion points, and every question's answers side by
side. Many perspectives (more than ``MAX_COLUMNS``) collapse to minimum, mean, maximum.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType

from weltoffen_tui.core import texts
from weltoffen_tui.core.labels import answer_label, format_date, format_score
from weltoffen_tui.core.pack.models import Level, Pack
from weltoffen_tui.core.values import NOT_APPLICABLE, UNKNOWN
from weltoffen_tui.core.workshop.compare import (
    DEFAULT_POINTS,
    MAX_COLUMNS,
    MAX_LISTED_ANSWERS,
    AnswerValue,
    Comparison,
    FieldComparison,
    QuestionComparison,
    _name_list,
)
from weltoffen_tui.render.blocks import (
    Block,
    Bullets,
    Column,
    Document,
    Heading,
    Notice,
    Paragraph,
    Span,
    inline,
    table,
)
from weltoffen_tui.render.formats import Format, produce

if TYPE_CHECKING:
    from weltoffen_tui.render.chart import RadarChart

ANSWER_KEY = "1–4 = Stufe der Antwort, w = weiß nicht, t = trifft nicht zu, – = offen"


def answer_key(pack: Pack) -> str:
    """The legend of the answer table, for the pack's number of steps."""
    return ANSWER_KEY.replace("1–4", f"1–{len(pack.graded_values)}", 1)


MIXED_KEY = "≠ = verschiedene Antwortarten"


def score_and_level(score: float | None, level: Level | None) -> str:
    """``44 (Aufbau)``, ``44`` or a dash."""
    if score is None:
        return format_score(None)
    return f"{format_score(score)} ({level.name})" if level else format_score(score)


def _answer_summary(pack: Pack, comparison: Comparison, point: QuestionComparison) -> str:
    """Who answered what – by name for a few perspectives, as counts for many."""
    if len(comparison.perspectives) <= MAX_LISTED_ANSWERS:
        return "; ".join(
            f"{p.label}: {answer_label(pack, value)}"
            for p, value in zip(comparison.perspectives, point.values, strict=True)
        )
    counts = Counter(point.values)
    order: list[AnswerValue | int] = [*pack.graded_values, UNKNOWN, NOT_APPLICABLE, None]
    return ", ".join(
        f"{answer_label(pack, value)} ×{counts[value]}" for value in order if counts[value]
    )


def point_facts(point: QuestionComparison) -> str:
    """``Spannweite 3 · Weiß nicht: 1 · teils bewertet …`` for a discussion point."""
    facts = [f"{texts.SPREAD} {point.spread}"] if point.spread else []
    if point.unknown:
        facts.append(f"Weiß nicht: {point.unknown}")
    if point.mixed:
        facts.append("teils bewertet, teils „Weiß nicht“ oder „Trifft nicht zu“")
    return " · ".join(facts)


def _field_cells(comparison: Comparison, row: FieldComparison) -> list[str]:
    """One cell per perspective, or minimum, mean and maximum for many."""
    if len(comparison.perspectives) <= MAX_COLUMNS:
        return [score_and_level(s, lv) for s, lv in zip(row.scores, row.levels, strict=True)]
    return [format_score(row.minimum), format_score(row.mean), format_score(row.maximum)]


def _column_labels(comparison: Comparison) -> list[str]:
    if len(comparison.perspectives) <= MAX_COLUMNS:
        return [p.label for p in comparison.perspectives]
    return ["Niedrigster Wert", "Mittelwert", "Höchster Wert"]


def short_answer(value: AnswerValue) -> str:
    """A compact answer for a table cell: 1–4, "w" (weiß nicht), "t" (trifft nicht zu), "–"."""
    if value is None:
        return "–"
    if value == UNKNOWN:
        return "w"
    if value == NOT_APPLICABLE:
        return "t"
    return str(value)


def question_cells(comparison: Comparison, row: QuestionComparison) -> list[str]:
    """Each perspective's answer to one question (or counts when there are many)."""
    if len(comparison.perspectives) <= MAX_COLUMNS:
        return [short_answer(value) for value in row.values]
    graded = [v for v in row.values if isinstance(v, int)]
    return [
        str(min(graded)) if graded else "–",
        f"{sum(graded) / len(graded):.1f}".replace(".", ",") if graded else "–",
        str(max(graded)) if graded else "–",
    ]


def answer_columns(comparison: Comparison) -> tuple[list[str], str]:
    """Short column heads for the per-question tables (A, B, C …) and their legend."""
    if len(comparison.perspectives) > MAX_COLUMNS:
        return ["min.", "Mittel", "max."], "min./Mittel/max. = über alle Einschätzungen"
    letters = [chr(ord("A") + i) for i in range(len(comparison.perspectives))]
    legend = "; ".join(
        f"{letter} = {p.label}" for letter, p in zip(letters, comparison.perspectives, strict=True)
    )
    return letters, legend


def _perspectives(comparison: Comparison, letters: Sequence[str] = ()) -> Bullets:
    """Who is compared; with ``letters`` each line starts with its column letter."""
    items = []
    for number, perspective in enumerate(comparison.perspectives):
        a = perspective.assessment
        answered = perspective.profile.answered  # questions that apply, as in the summary
        details = ", ".join(x for x in (a.municipality, format_date(a.session_date)) if x)
        letter = f"{letters[number]} = " if number < len(letters) else ""
        items.append(
            inline(
                Span(f"{letter}{perspective.label}", bold=True),
                f" – {perspective.name} ({details}; beantwortet {answered} Fragen)",
            )
        )
    return Bullets(tuple(items))


def _answers(comparison: Comparison, pack: Pack | None = None) -> list[Block]:
    labels, legend = answer_columns(comparison)
    blocks: list[Block] = [
        Heading(inline("Antworten je Frage")),
        Paragraph(inline(legend)),
        Paragraph(
            inline(Span(f"{answer_key(pack) if pack else ANSWER_KEY}; {MIXED_KEY}", dim=True))
        ),
    ]
    by_field: dict[str, list[QuestionComparison]] = {}
    for row in comparison.questions:
        by_field.setdefault(row.field.id, []).append(row)
    columns = (
        Column(texts.QUESTION, ratio=1, min_width=20),
        *(Column(label, align="center") for label in labels),
        Column("Spanne", align="right", no_wrap=True),
    )
    for rows in by_field.values():
        blocks.append(
            table(
                columns,
                (
                    [
                        inline(Span(f"{row.question.id} ", bold=True), row.question.text),
                        *question_cells(comparison, row),
                        f"{row.spread}{' ≠' if row.mixed else ''}",
                    ]
                    for row in rows
                ),
                title=rows[0].field.title,
            )
        )
    return blocks


def view(
    pack: Pack, comparison: Comparison, *, limit: int = DEFAULT_POINTS, compact: bool = False
) -> Document:
    """Who is compared, points per field, discussion points, every question's answers.

    ``compact`` (a narrow terminal, a projector): the points table names the fields by
    their short names and the perspectives by letters (A, B, C, listed above it), and
    shows points without levels, so each field takes one line.
    """
    municipalities = _name_list(
        list(dict.fromkeys(p.assessment.municipality for p in comparison.perspectives))
    )
    title = f"Vergleich der Einschätzungen: {municipalities}"
    blocks: list[Block] = [Heading(inline(title), level=1)]
    blocks += [
        Notice(inline(Span(f"{texts.HINT}: ", bold=True), note)) for note in comparison.notes
    ]
    blocks.append(
        Paragraph(
            inline(
                Span(f"Verglichen werden {len(comparison.perspectives)} Einschätzungen.", bold=True)
            )
        )
    )
    lettered = compact and len(comparison.perspectives) <= MAX_COLUMNS
    letters, _legend = answer_columns(comparison)
    blocks.append(_perspectives(comparison, letters if lettered else ()))
    labels = letters if lettered else _column_labels(comparison)
    blocks.append(
        table(
            (
                Column(texts.FIELD, no_wrap=True)
                if compact
                else Column(texts.FIELD, ratio=1, min_width=14),
                *(Column(label, align="right", no_wrap=compact) for label in labels),
                Column(texts.SPREAD, align="right", no_wrap=True),
            ),
            (
                [
                    row.field.short_name if compact else row.field.title,
                    *(
                        [format_score(s) for s in row.scores]
                        if lettered
                        else _field_cells(comparison, row)
                    ),
                    format_score(row.spread),
                ]
                for row in comparison.fields
            ),
            title=f"{texts.POINTS} je {texts.FIELD}",
        )
    )
    blocks += target_blocks(pack, comparison, compact=compact)
    blocks.append(Heading(inline(texts.DISCUSSION_POINTS)))
    points = comparison.discussion_points[:limit]
    if not points:
        blocks.append(Paragraph(inline(texts.NO_DIFFERENCES)))
    else:
        blocks.append(
            Bullets(
                tuple(
                    inline(
                        Span(f"{point.question.id} ", bold=True),
                        point.question.text,
                        Span(f"\n{point.field.title} · {point_facts(point)}", dim=True),
                        f"\n{_answer_summary(pack, comparison, point)}",
                    )
                    for point in points
                ),
                ordered=True,
            )
        )
    blocks += _answers(comparison, pack)
    return Document(title, tuple(blocks))


def data(pack: Pack, comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain data (JSON): perspectives, fields, questions, points."""
    return {
        "questionnaire": {"id": pack.id, "version": pack.version},
        "notes": list(comparison.notes),
        "perspectives": [
            {
                "label": p.label,
                "file": p.name,
                "municipality": p.assessment.municipality,
                "session_date": p.assessment.session_date.isoformat()
                if p.assessment.session_date
                else None,
            }
            for p in comparison.perspectives
        ],
        "fields": [
            {
                "id": row.field.id,
                "title": row.field.title,
                "scores": [None if s is None else round(s, 1) for s in row.scores],
                "levels": [lv.id if lv else None for lv in row.levels],
                "spread": None if row.spread is None else round(row.spread, 1),
                "targets": _target_data(pack, comparison, row.field.id),
            }
            for row in comparison.fields
        ],
        "questions": [
            {
                "id": row.question.id,
                "field": row.field.id,
                "values": list(row.values),
                "spread": row.spread,
                "unknown": row.unknown,
                "mixed": row.mixed,
            }
            for row in comparison.questions
        ],
        "discussion_points": [point.question.id for point in comparison.discussion_points],
    }


def rich_comparison(pack: Pack, comparison: Comparison, compact: bool = False) -> RenderableType:
    """The comparison for the terminal and the TUI (without the document title)."""
    from weltoffen_tui.render.terminal import to_rich_blocks

    return to_rich_blocks(view(pack, comparison, compact=compact).blocks[1:])


def render(fmt: Format, pack: Pack, comparison: Comparison) -> str | bytes:
    """The comparison in one of the formats the registry offers for ``comparison``."""
    return produce(
        fmt,
        lambda: view(pack, comparison),
        data=lambda: data(pack, comparison),
        chart=lambda: comparison_chart(comparison),
    )


def comparison_chart(comparison: Comparison) -> RadarChart:
    """One line per perspective (up to six; more: lowest value, mean and highest value)."""
    from weltoffen_tui.render.chart import MAX_SERIES, radar

    axes = [row.field.short_name for row in comparison.fields]
    if len(comparison.perspectives) <= MAX_SERIES:
        series = [
            (p.label, [row.scores[index] for row in comparison.fields])
            for index, p in enumerate(comparison.perspectives)
        ]
    else:
        series = [
            ("Niedrigster Wert", [row.minimum for row in comparison.fields]),
            ("Mittelwert", [row.mean for row in comparison.fields]),
            ("Höchster Wert", [row.maximum for row in comparison.fields]),
        ]
    return radar(f"Vergleich der Perspektiven: {texts.POINTS} je {texts.FIELD}", axes, series)


def large_view(comparison: Comparison) -> Document:
    """The comparison for the room: per field one line of points per perspective (A, B, C
    as listed above it) and the spread, with space between the lines."""
    letters, _legend = answer_columns(comparison)
    lettered = len(comparison.perspectives) <= MAX_COLUMNS
    labels = letters if lettered else _column_labels(comparison)
    title = f"{texts.POINTS} je {texts.FIELD}"
    columns = (
        Column(texts.FIELD, no_wrap=True),
        *(Column(label, align="right", no_wrap=True) for label in labels),
        Column(texts.SPREAD, align="right", no_wrap=True),
    )
    rows: list[list[str | Span]] = [
        [
            Span(row.field.short_name, bold=True),
            *(
                [format_score(s) for s in row.scores]
                if lettered
                else [format_score(row.minimum), format_score(row.mean), format_score(row.maximum)]
            ),
            Span(format_score(row.spread), bold=True),
        ]
        for row in comparison.fields
    ]
    legend = Paragraph(
        inline(
            " · ".join(
                f"{letter} = {p.label}"
                for letter, p in zip(letters, comparison.perspectives, strict=True)
            )
            if lettered
            else f"{len(comparison.perspectives)} Einschätzungen"
        )
    )
    return Document(
        title, (Heading(inline(title), level=1), legend, table(columns, rows, spacing=1))
    )


# --------------------------------------------------------------------------- targets
# (issue 13: the comparison shows each perspective's target where the files carry one)


def _target_rows(pack: Pack, comparison: Comparison) -> list[tuple[str, tuple[Any, ...]]]:
    from weltoffen_tui.core.targets import targets_side_by_side

    ids = [f.id for f in pack.fields]
    scores = []
    for perspective in comparison.perspectives:
        by_id = {r.field.id: r.score for r in perspective.profile.fields}
        scores.append([by_id.get(fid) for fid in ids])
    return targets_side_by_side(pack, [p.assessment for p in comparison.perspectives], scores)


def target_blocks(pack: Pack, comparison: Comparison, *, compact: bool = False) -> list[Block]:
    """„Ziel“ per field and perspective (level and gap), when any file carries targets."""
    from weltoffen_tui.core.targets import short_target

    rows = _target_rows(pack, comparison)
    if not rows or len(comparison.perspectives) > MAX_COLUMNS:
        return []
    lettered = compact
    labels = answer_columns(comparison)[0] if lettered else _column_labels(comparison)
    columns = (
        Column(texts.FIELD, no_wrap=True)
        if compact
        else Column(texts.FIELD, ratio=1, min_width=14),
        *(Column(label, no_wrap=compact) for label in labels),
    )
    body = []
    for field_id, statuses in rows:
        field = pack.field(field_id)
        name = (field.short_name if compact else field.title) if field else field_id
        body.append([name, *(short_target(status) for status in statuses)])
    return [
        Heading(inline("Ziel (Soll) je Perspektive")),
        table(columns, body, title="Zielstufe und Abstand („noch 1“ = eine Stufe unter dem Ziel)"),
    ]


def _target_data(pack: Pack, comparison: Comparison, field_id: str) -> list[dict[str, Any] | None]:
    """Each perspective's target of one field for the JSON export (None without one)."""
    from weltoffen_tui.core.targets import target_status

    out: list[dict[str, Any] | None] = []
    for perspective in comparison.perspectives:
        score = next((r.score for r in perspective.profile.fields if r.field.id == field_id), None)
        status = target_status(pack, perspective.assessment, field_id, score)
        out.append(
            None
            if status is None
            else {
                "level": status.level_id,
                "due": status.due.isoformat() if status.due else None,
                "gap": status.gap,
            }
        )
    return out
