"""The summary of an assessment as Rich renderables and as plain data.

User text (names, notes) is always wrapped in ``rich.text.Text`` so that sequences
like ``[bold]`` are shown literally and never read as markup.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from weltoffen_tui.core.assessment import Assessment
from weltoffen_tui.core.labels import (
    EFFORT_LABEL,
    answer_label,
    format_coverage,
    format_score,
    score_bar,
)
from weltoffen_tui.core.pack.models import Pack, RecommendationRef
from weltoffen_tui.core.scoring import FieldResult, Profile

LEVEL_STYLES = ("red", "yellow", "cyan", "green")


def level_style(pack: Pack, result: FieldResult) -> str:
    if result.level is None:
        return "dim"
    return LEVEL_STYLES[pack.level_index(result.level.id) % len(LEVEL_STYLES)]


def header_lines(assessment: Assessment) -> list[tuple[str, str]]:
    """Label/value pairs describing who assessed what and when."""
    people = ", ".join(f"{r.name} ({r.role})" if r.role else r.name for r in assessment.respondents)
    lines = [
        ("Kommune", f"{assessment.municipality} ({assessment.kind})"),
        ("Datum", assessment.session_date.isoformat() if assessment.session_date else ""),
        ("Beteiligte", people),
        ("Begleitung", assessment.consultant),
        ("Zuletzt geändert", assessment.updated.strftime("%Y-%m-%d %H:%M")),
    ]
    return [(label, value) for label, value in lines if value]


def question_text(pack: Pack, question_id: str) -> str:
    found = pack.question(question_id)
    return found[1].text if found else question_id


def article_titles(pack: Pack, ref: RecommendationRef) -> list[tuple[str, str]]:
    """(id, title) of every article a recommendation links to."""
    return [
        (aid, pack.articles[aid].title if aid in pack.articles else aid)
        for aid in ref.recommendation.articles
    ]


def recommendation_heading(pack: Pack, ref: RecommendationRef) -> str:
    """What a recommendation answers: the field's level, or the question."""
    if ref.kind == "level":
        action_field = pack.field(ref.field_id)
        level_name = ""
        if action_field:
            for level in pack.meta.levels:
                if ref.id.endswith("." + level.id):
                    level_name = level.name
        return f"Nächster Schritt auf der Stufe „{level_name}“"
    prefix = "Wissenslücke" if ref.kind == "unknown" else "Niedrig bewertet"
    return f"{prefix} – {ref.question_id}: {question_text(pack, ref.question_id or '')}"


def render_report(
    pack: Pack,
    assessment: Assessment,
    profile: Profile,
    *,
    recommendations: bool = True,
    header: bool = True,
) -> RenderableType:
    """The summary for the terminal (the TUI shows header and recommendations itself)."""
    parts: list[RenderableType] = []
    if header:
        head = Table.grid(padding=(0, 2))
        head.add_column(style="bold")
        head.add_column()
        for label, value in header_lines(assessment):
            head.add_row(label, Text(value))
        parts.append(Panel(head, title=Text(pack.meta.title, style="bold"), title_align="left"))

    overall = Text.assemble(("Gesamtbild: ", "bold"))
    overall.append(f"{format_score(profile.score)} von 100")
    if profile.level:
        overall.append(f" – Stufe „{profile.level.name}“")
    overall.append(f" · beantwortet {format_coverage(profile.answered, profile.total)}")
    parts.append(overall)
    parts.append(fields_table(pack, profile))

    parts.append(_field_list("Stärken", profile.strengths, "Noch keine Stärke erkennbar."))
    parts.append(
        _field_list("Prioritäten", profile.priorities, "Keine Priorität: alles fest verankert.")
    )
    parts.append(_gaps(pack, profile))
    if profile.orphans:
        parts.append(Rule("Antworten ohne passende Frage", align="left"))
        parts.append(
            Text(
                "Diese Antworten gehören zu Fragen, die der Fragebogen in dieser Version "
                "nicht mehr enthält. Sie bleiben in der Datei erhalten.",
                style="dim",
            )
        )
        for orphan in profile.orphans:
            line = Text(f"• {orphan.field_id} / {orphan.question_id}: ")
            line.append(answer_label(pack, orphan.answer.value))
            if orphan.answer.note:
                line.append(" – Notiz: ")
                line.append(orphan.answer.note)
            parts.append(line)
    if assessment.measures:
        parts.append(measures_table(pack, assessment))
    if not recommendations:
        return Group(*parts)
    parts.append(Rule("Anregungen zur Weiterarbeit", align="left"))
    any_recs = False
    for result in profile.fields:
        if not result.recommendations:
            continue
        any_recs = True
        parts.append(Text(result.field.title, style="bold underline"))
        items = Text("\n\n").join(
            recommendation_renderable(pack, ref) for ref in result.recommendations
        )
        parts.append(Padding(items, (0, 0, 1, 2)))
    if not any_recs:
        parts.append(Text("Noch keine Anregungen: beantworten Sie zuerst einige Fragen."))
    return Group(*parts)


def measures_table(pack: Pack, assessment: Assessment) -> Table:
    """The action plan: what, who, by when, status."""
    table = Table(title="Maßnahmenplan", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("Nr.", "Maßnahme", "Zuständig", "Fällig", "Stand"):
        table.add_column(column, ratio=3 if column == "Maßnahme" else None)
    for measure in assessment.measures:
        table.add_row(
            measure.id,
            Text(measure.title),
            Text(measure.responsible),
            measure.due.strftime("%d.%m.%Y") if measure.due else "",
            measure.status,
        )
    return table


def fields_table(pack: Pack, profile: Profile) -> Table:
    """Score bar, level and coverage per field."""
    table = Table(
        title="Ergebnis je Handlungsfeld",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("Handlungsfeld", ratio=1, min_width=14)
    table.add_column("Punkte", no_wrap=True)
    table.add_column("Stufe", min_width=11)
    table.add_column("Beantwortet", justify="right", no_wrap=True)
    table.add_column("Weiß nicht", justify="right", max_width=6)
    for result in profile.fields:
        style = level_style(pack, result)
        bar = Text(score_bar(result.score, 10), style=style)
        bar.append(f" {format_score(result.score):>3}")
        level = Text(result.level.name if result.level else "keine Angabe", style=style)
        if result.level and result.is_preliminary:
            level.append(" (vorläufig)", style="dim")
        table.add_row(
            result.field.title,
            bar,
            level,
            f"{result.answered}/{result.total}",
            str(len(result.unknown)),
        )
    return table


def _field_list(title: str, results: tuple[FieldResult, ...], empty: str) -> RenderableType:
    text = Text.assemble((f"{title}: ", "bold"))
    if not results:
        text.append(empty)
        return text
    text.append(
        "; ".join(
            f"{r.field.title} ({format_score(r.score)}, {r.level.name if r.level else ''})"
            for r in results
        )
    )
    return text


def _gaps(pack: Pack, profile: Profile) -> RenderableType:
    gaps = profile.knowledge_gaps
    title = Text.assemble(("Wissenslücken („Weiß nicht“): ", "bold"))
    if not gaps:
        title.append("keine")
        return title
    title.append(str(len(gaps)))
    lines: list[RenderableType] = [title]
    for result, question_id in gaps:
        line = Text(f"  • {result.field.title} – {question_id}: ")
        line.append(question_text(pack, question_id))
        lines.append(line)
    return Group(*lines)


HEADING_MAX = 76


def recommendation_renderable(pack: Pack, ref: RecommendationRef) -> Text:
    """One recommendation, compact: what it answers (one line), the step, who/effort, articles."""
    rec = ref.recommendation
    heading = recommendation_heading(pack, ref)
    if len(heading) > HEADING_MAX:
        heading = heading[: HEADING_MAX - 1].rstrip() + "…"
    text = Text()
    text.append(heading + "\n", style="italic")
    text.append(rec.text.strip())
    details = [f"Wer: {rec.who}"] if rec.who else []
    details.append(f"{EFFORT_LABEL}: {rec.effort}")
    text.append("\n" + " · ".join(details), style="dim")
    titles = "; ".join(title for _, title in article_titles(pack, ref))
    text.append(f"\n→ Wissensartikel: {titles}", style="bold")
    return text


def report_data(pack: Pack, assessment: Assessment, profile: Profile) -> dict[str, Any]:
    """Everything the report says, as plain data (the JSON export)."""

    def field_entry(result: FieldResult) -> dict[str, Any]:
        return {
            "id": result.field.id,
            "title": result.field.title,
            "score": None if result.score is None else round(result.score, 1),
            "level": result.level.id if result.level else None,
            "level_name": result.level.name if result.level else None,
            "preliminary": result.is_preliminary,
            "questions": result.total,
            "answered": result.answered,
            "coverage": round(result.coverage, 3),
            "graded": result.graded,
            "not_applicable": result.not_applicable,
            "unknown": list(result.unknown),
            "low": list(result.low),
            "open": list(result.open),
            "recommendations": [ref.id for ref in result.recommendations],
        }

    recommendations = [
        {
            "id": ref.id,
            "field": ref.field_id,
            "kind": ref.kind,
            "question": ref.question_id,
            "text": ref.recommendation.text,
            "who": ref.recommendation.who,
            "effort": ref.recommendation.effort,
            "articles": list(ref.recommendation.articles),
        }
        for result in profile.fields
        for ref in result.recommendations
    ]
    answers = {
        f.id: {
            qid: {"value": a.value, "note": a.note}
            for qid, a in assessment.answers.get(f.id, {}).items()
        }
        for f in pack.fields
    }
    return {
        "questionnaire": {"id": pack.id, "version": pack.version, "title": pack.meta.title},
        "assessment": {
            "municipality": assessment.municipality,
            "kind": assessment.kind,
            "consultant": assessment.consultant,
            "respondents": [r.model_dump() for r in assessment.respondents],
            "session_date": assessment.session_date.isoformat()
            if assessment.session_date
            else None,
            "created": assessment.created.isoformat(),
            "updated": assessment.updated.isoformat(),
            "questionnaire_version": assessment.questionnaire_version,
        },
        "overall": {
            "score": None if profile.score is None else round(profile.score, 1),
            "level": profile.level.id if profile.level else None,
            "level_name": profile.level.name if profile.level else None,
            "answered": profile.answered,
            "questions": profile.total,
            "coverage": round(profile.coverage, 3),
        },
        "fields": [field_entry(r) for r in profile.fields],
        "strengths": [r.field.id for r in profile.strengths],
        "priorities": [r.field.id for r in profile.priorities],
        "knowledge_gaps": [
            {"field": r.field.id, "question": qid} for r, qid in profile.knowledge_gaps
        ],
        "recommendations": recommendations,
        "answers": answers,
        "measures": [m.model_dump(mode="json") for m in assessment.measures],
        "orphan_answers": [
            {
                "field": o.field_id,
                "question": o.question_id,
                "value": o.answer.value,
                "note": o.answer.note,
            }
            for o in profile.orphans
        ],
    }
