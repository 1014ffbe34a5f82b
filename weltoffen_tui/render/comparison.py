"""Comparison and timeline as terminal output and Markdown."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from weltoffen_tui.core.labels import NO_SCORE, answer_label, format_score
from weltoffen_tui.core.pack.models import Level, Pack
from weltoffen_tui.core.values import NOT_APPLICABLE, UNKNOWN
from weltoffen_tui.core.workshop.compare import (
    DEFAULT_POINTS,
    FALLEN,
    MAX_COLUMNS,
    MAX_LISTED_ANSWERS,
    RISEN,
    AnswerValue,
    Comparison,
    FieldComparison,
    FieldDelta,
    QuestionComparison,
    Timeline,
    TimelineEntry,
    _name_list,
)
from weltoffen_tui.render.export import md_cell, md_escape

# --------------------------------------------------------------------------- formatting


def format_difference(difference: float | None) -> str:
    """``+12``, ``−5`` or ``±0`` (whole points, like every score), or a dash."""
    if difference is None:
        return NO_SCORE
    rounded = round(difference)
    if rounded > 0:
        return f"+{rounded}"
    return f"−{-rounded}" if rounded < 0 else "±0"


def _score_and_level(score: float | None, level: Level | None) -> str:
    if score is None:
        return NO_SCORE
    return f"{format_score(score)} ({level.name})" if level else format_score(score)


def _level_change(delta: FieldDelta) -> str:
    before = delta.level_before.name if delta.level_before else NO_SCORE
    after = delta.level_after.name if delta.level_after else NO_SCORE
    return before if before == after else f"{before} → {after}"


def _answer_summary(pack: Pack, comparison: Comparison, point: QuestionComparison) -> str:
    """Who answered what – by name for a few perspectives, as counts for many."""
    if len(comparison.perspectives) <= MAX_LISTED_ANSWERS:
        return "; ".join(
            f"{p.label}: {answer_label(pack, value)}"
            for p, value in zip(comparison.perspectives, point.values, strict=True)
        )
    counts = Counter(point.values)
    order = [1, 2, 3, 4, UNKNOWN, NOT_APPLICABLE, None]
    return ", ".join(
        f"{answer_label(pack, value)} ×{counts[value]}" for value in order if counts[value]
    )


def _point_facts(point: QuestionComparison) -> str:
    facts = [f"Spannweite {point.spread}"] if point.spread else []
    if point.unknown:
        facts.append(f"Weiß nicht: {point.unknown}")
    if point.mixed:
        facts.append("teils bewertet, teils „Weiß nicht“ oder „Trifft nicht zu“")
    return " · ".join(facts)


def _field_cells(comparison: Comparison, row: FieldComparison) -> list[str]:
    """One cell per perspective, or minimum, mean and maximum for many."""
    if len(comparison.perspectives) <= MAX_COLUMNS:
        return [_score_and_level(s, lv) for s, lv in zip(row.scores, row.levels, strict=True)]
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
        f"{sum(graded) / len(graded):.1f}" if graded else "–",
        str(max(graded)) if graded else "–",
    ]


ANSWER_KEY = "1–4 = Stufe der Antwort, w = weiß nicht, t = trifft nicht zu, – = offen"


def answer_columns(comparison: Comparison) -> tuple[list[str], str]:
    """Short column heads for the per-question tables (A, B, C …) and their legend."""
    if len(comparison.perspectives) > MAX_COLUMNS:
        return ["min.", "Mittel", "max."], "min./Mittel/max. = über alle Einschätzungen"
    letters = [chr(ord("A") + i) for i in range(len(comparison.perspectives))]
    legend = "; ".join(
        f"{letter} = {p.label}" for letter, p in zip(letters, comparison.perspectives, strict=True)
    )
    return letters, legend


# --------------------------------------------------------------------------- rich


def render_answers(comparison: Comparison) -> RenderableType:
    """Every question with each perspective's answer and the spread, field by field."""
    labels, legend = answer_columns(comparison)
    parts: list[RenderableType] = [
        Rule("Antworten je Frage", align="left"),
        Text(legend),
        Text(ANSWER_KEY, style="dim"),
    ]
    by_field: dict[str, list[QuestionComparison]] = {}
    for row in comparison.questions:
        by_field.setdefault(row.field.id, []).append(row)
    for rows in by_field.values():
        table = Table(
            title=rows[0].field.title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False
        )
        table.add_column("Frage", ratio=1, min_width=20)
        for label in labels:
            table.add_column(Text(label), justify="center")
        table.add_column("Spanne", justify="right", no_wrap=True)
        for row in rows:
            question = Text(f"{row.question.id} ", style="bold")
            question.append(row.question.text)
            marker = " ≠" if row.mixed else ""
            table.add_row(question, *question_cells(comparison, row), f"{row.spread}{marker}")
        parts.append(table)
    return Group(*parts)


def render_comparison(
    pack: Pack, comparison: Comparison, *, limit: int = DEFAULT_POINTS
) -> RenderableType:
    """Per-field table (a column per perspective, plus spread), then the discussion points."""
    parts: list[RenderableType] = []
    for note in comparison.notes:
        parts.append(Text(f"Hinweis: {note}", style="yellow"))
    count = len(comparison.perspectives)
    parts.append(Text(f"Verglichen werden {count} Einschätzungen.", style="bold"))
    for perspective in comparison.perspectives[:MAX_COLUMNS]:
        line = Text("• ")
        line.append(perspective.label, style="bold")
        line.append(f" – {perspective.name}")
        parts.append(line)
    if count > MAX_COLUMNS:
        parts.append(Text(f"  und {count - MAX_COLUMNS} weitere", style="dim"))
    table = Table(
        title="Punkte je Handlungsfeld",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("Handlungsfeld", ratio=1, min_width=14)
    for label in _column_labels(comparison):
        table.add_column(Text(label), justify="right")
    table.add_column("Spannweite", justify="right", no_wrap=True)
    for row in comparison.fields:
        table.add_row(
            Text(row.field.title),
            *(Text(cell) for cell in _field_cells(comparison, row)),
            Text(format_score(row.spread)),
        )
    parts.append(table)
    parts.append(Rule("Diskussionspunkte", align="left"))
    points = comparison.discussion_points[:limit]
    if not points:
        parts.append(Text("Keine Unterschiede: alle Einschätzungen stimmen überein."))
    for number, point in enumerate(points, start=1):
        text = Text(f"{number}. ", style="bold")
        text.append(f"{point.question.id} ", style="bold")
        text.append(point.question.text)
        text.append(f"\n   {point.field.title} · {_point_facts(point)}", style="dim")
        text.append(f"\n   {_answer_summary(pack, comparison, point)}")
        parts.append(text)
    parts.append(render_answers(comparison))
    return Group(*parts)


def render_deltas(
    pack: Pack,
    changes: Sequence[FieldDelta],
    *,
    before: str = "vorher",
    after: str = "nachher",
) -> RenderableType:
    """Score before and after, difference, level change and direction per field."""
    table = Table(
        title="Entwicklung je Handlungsfeld",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("Handlungsfeld", ratio=1, min_width=14)
    table.add_column(Text(before), justify="right")
    table.add_column(Text(after), justify="right")
    table.add_column("Veränderung", justify="right", no_wrap=True)
    table.add_column("Stufe")
    table.add_column("Entwicklung")
    styles = {RISEN: "green", FALLEN: "red"}
    for delta in changes:
        table.add_row(
            Text(delta.field.title),
            format_score(delta.before),
            format_score(delta.after),
            format_difference(delta.difference),
            Text(_level_change(delta)),
            Text(delta.direction, style=styles.get(delta.direction, "")),
        )
    return table


def render_timeline(pack: Pack, line: Timeline) -> RenderableType:
    """Scores per field and date, then the change from the first to the last assessment."""
    parts: list[RenderableType] = [Text(f"Hinweis: {n}", style="yellow") for n in line.notes]
    table = Table(
        title="Punkte je Handlungsfeld im Zeitverlauf",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("Handlungsfeld", ratio=1, min_width=14)
    for entry in line.entries:
        table.add_column(Text(_date_label(entry)), justify="right")
    for index, action_field in enumerate(pack.fields):
        table.add_row(
            Text(action_field.title),
            *(format_score(e.profile.fields[index].score) for e in line.entries),
        )
    parts.append(table)
    first, last = line.entries[0], line.entries[-1]
    parts.append(
        render_deltas(pack, line.overall, before=_date_label(first), after=_date_label(last))
    )
    return Group(*parts)


def _date_label(entry: TimelineEntry) -> str:
    return entry.when.strftime("%d.%m.%Y")


# --------------------------------------------------------------------------- markdown


def comparison_markdown(pack: Pack, comparison: Comparison, *, limit: int = DEFAULT_POINTS) -> str:
    """The comparison as Markdown: perspectives, field table, discussion points."""
    municipalities = _name_list(
        list(dict.fromkeys(p.assessment.municipality for p in comparison.perspectives))
    )
    out = [f"# Vergleich der Einschätzungen: {md_escape(municipalities)}", ""]
    for note in comparison.notes:
        out += [f"> **Hinweis:** {md_escape(note)}", ""]
    out += ["## Einschätzungen", ""]
    for perspective in comparison.perspectives:
        a = perspective.assessment
        when = a.session_date.strftime("%d.%m.%Y") if a.session_date else ""
        details = ", ".join(x for x in (a.municipality, when) if x)
        out.append(
            f"- **{md_escape(perspective.label)}** – {md_escape(perspective.name)} "
            f"({md_escape(details)}; beantwortet {a.answered_count()} Fragen)"
        )
    labels = _column_labels(comparison)
    out += ["", "## Punkte je Handlungsfeld", ""]
    out.append("| Handlungsfeld | " + " | ".join(md_cell(x) for x in labels) + " | Spannweite |")
    out.append("|---|" + "---:|" * len(labels) + "---:|")
    for row in comparison.fields:
        cells = " | ".join(md_cell(c) for c in _field_cells(comparison, row))
        out.append(f"| {md_cell(row.field.title)} | {cells} | {format_score(row.spread)} |")
    out += ["", "## Diskussionspunkte", ""]
    points = comparison.discussion_points[:limit]
    if not points:
        out.append("Keine Unterschiede: alle Einschätzungen stimmen überein.")
    for number, point in enumerate(points, start=1):
        out.append(f"{number}. **{point.question.id}** {md_escape(point.question.text)}  ")
        out.append(f"   *{md_escape(point.field.title)} · {md_escape(_point_facts(point))}*  ")
        out.append(f"   {md_escape(_answer_summary(pack, comparison, point))}")
    labels, legend = answer_columns(comparison)
    out += ["", "## Antworten je Frage", "", md_escape(legend), ""]
    out += [f"*{ANSWER_KEY}; ≠ = verschiedene Antwortarten*", ""]
    current = None
    for row in comparison.questions:
        if row.field.id != current:
            current = row.field.id
            out += ["", f"### {md_escape(row.field.title)}", ""]
            out.append("| Frage | " + " | ".join(md_cell(x) for x in labels) + " | Spannweite |")
            out.append("|---|" + ":---:|" * len(labels) + "---:|")
        cells = " | ".join(question_cells(comparison, row))
        marker = " ≠" if row.mixed else ""
        out.append(
            f"| **{row.question.id}** {md_cell(row.question.text)} | {cells} | "
            f"{row.spread}{marker} |"
        )
    return "\n".join(out).rstrip() + "\n"


def deltas_markdown(
    pack: Pack,
    changes: Sequence[FieldDelta],
    *,
    before: str = "vorher",
    after: str = "nachher",
    title: str = "Entwicklung je Handlungsfeld",
) -> str:
    """The change per field as a Markdown section with a table."""
    out = [f"## {md_escape(title)}", ""]
    out.append(
        f"| Handlungsfeld | {md_cell(before)} | {md_cell(after)} | Veränderung | Stufe | "
        "Entwicklung |"
    )
    out.append("|---|---:|---:|---:|---|---|")
    for delta in changes:
        out.append(
            f"| {md_cell(delta.field.title)} | {format_score(delta.before)} | "
            f"{format_score(delta.after)} | {format_difference(delta.difference)} | "
            f"{md_cell(_level_change(delta))} | {delta.direction} |"
        )
    return "\n".join(out) + "\n"


def timeline_markdown(pack: Pack, line: Timeline) -> str:
    """The timeline as Markdown: scores per date, then first-to-last change."""
    municipality = line.entries[0].assessment.municipality
    out = [f"# Entwicklung über die Zeit: {md_escape(municipality)}", ""]
    for note in line.notes:
        out += [f"> **Hinweis:** {md_escape(note)}", ""]
    dates = [_date_label(e) for e in line.entries]
    out.append("| Handlungsfeld | " + " | ".join(dates) + " |")
    out.append("|---|" + "---:|" * len(dates))
    for index, action_field in enumerate(pack.fields):
        scores = " | ".join(format_score(e.profile.fields[index].score) for e in line.entries)
        out.append(f"| {md_cell(action_field.title)} | {scores} |")
    out.append("")
    out.append(
        deltas_markdown(
            pack,
            line.overall,
            before=dates[0],
            after=dates[-1],
            title=f"Veränderung vom {dates[0]} zum {dates[-1]}",
        )
    )
    return "\n".join(out).rstrip() + "\n"
