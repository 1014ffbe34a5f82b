"""The report of one assessment: in the terminal, the TUI's summary, Markdown, HTML, JSON, text.

One view model (``view``) holds every sentence the report says; the terminal and the
documents differ only in which sections they include (the terminal leaves out the
answers and the article appendix) and in how the blocks are drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from rich.console import RenderableType
from rich.text import Text

from weltoffen_tui.core import texts
from weltoffen_tui.core.assessment import Assessment
from weltoffen_tui.core.labels import (
    answer_label,
    format_coverage,
    format_date,
    format_points,
    format_score,
    score_bar,
)
from weltoffen_tui.core.pack.models import Pack, RecommendationRef
from weltoffen_tui.core.scoring import FieldResult, Profile
from weltoffen_tui.core.workshop.actionplan import first_sentence
from weltoffen_tui.render.actionplan import header_facts, plan_blocks, roadmap_blocks, roadmap_data
from weltoffen_tui.render.blocks import (
    Block,
    Bullets,
    Column,
    Document,
    Heading,
    Indented,
    Inline,
    PageBreak,
    Paragraph,
    Prose,
    Span,
    inline,
    joined,
    table,
)
from weltoffen_tui.render.formats import DOCX, Format, produce
from weltoffen_tui.render.material import (
    LABEL_MANY,
    command,
    file_name,
    material_spans,
    pack_material_titles,
)
from weltoffen_tui.render.material import anchor as material_anchor

if TYPE_CHECKING:
    from weltoffen_tui.render.chart import RadarChart

HEADING_MAX = 76
FIELD_COLUMNS = (
    Column(texts.FIELD, ratio=1, min_width=14),
    Column(texts.POINTS, no_wrap=True),
    Column(texts.LEVEL, min_width=11),
    Column(texts.ANSWERED, align="right", no_wrap=True),
    Column("Weiß nicht", align="right", max_width=6),
)
# The same table in one line per field (short names, short headings): 80 columns.
COMPACT_FIELD_COLUMNS = (
    Column(texts.FIELD, no_wrap=True),
    Column(texts.POINTS, no_wrap=True),
    Column(texts.LEVEL, no_wrap=True),
    Column("Antw.", align="right", no_wrap=True),
    Column("w. n.", align="right", no_wrap=True),
)


def anchor(article_id: str) -> str:
    """The link target of an article in the appendix."""
    return f"artikel-{article_id}"


def level_tone(pack: Pack, result: FieldResult) -> str:
    """``level-0`` … for a field's level (colour in the terminal), ``none`` without one."""
    if result.level is None:
        return "none"
    return f"level-{pack.level_index(result.level.id)}"


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
        level_name = next((lv.name for lv in pack.meta.levels if ref.id.endswith("." + lv.id)), "")
        return f"Nächster Schritt auf der Stufe „{level_name}“"
    prefix = "Wissenslücke" if ref.kind == "unknown" else "Niedrig bewertet"
    return f"{prefix} – {ref.question_id}: {question_text(pack, ref.question_id or '')}"


def recommendation_spans(
    pack: Pack, ref: RecommendationRef, *, links: bool, export_key: str | None = None
) -> Inline:
    """One recommendation: what it answers, the step, who and effort, articles, templates.

    Without ``links`` (terminal) the heading is cut to one line and a template is named
    with the command that writes it (or with ``export_key``, the TUI's key); with links
    (documents) each article and template title links to its place in the appendix.
    """
    rec = ref.recommendation
    heading = recommendation_heading(pack, ref)
    if not links and len(heading) > HEADING_MAX:
        heading = heading[: HEADING_MAX - 1].rstrip() + "…"
    details = [f"{texts.WHO}: {rec.who}"] if rec.who else []
    details.append(f"{texts.EFFORT}: {rec.effort}")
    titles = [
        inline(Span(title, bold=True, link=f"#{anchor(aid)}" if links else None))
        for aid, title in article_titles(pack, ref)
    ]
    lines: list[Inline] = [
        (Span(heading, italic=True),),
        (Span(rec.text.strip()),),
        (Span(" · ".join(details), dim=True),),
    ]
    if titles:  # a pack without articles: no links shown
        lines.append(
            (Span(f"→ {texts.ARTICLES}: ", bold=True), *joined(titles, Span("; ", bold=True)))
        )
    templates = material_spans(
        pack_material_titles(pack.directory, rec.materials),
        rec.materials,
        anchors=links,
        export_key=export_key,
    )
    if templates:
        lines.append(templates)
    return joined(lines, "\n")


def _field_row(
    pack: Pack, result: FieldResult, compact: bool = False, assessment: Assessment | None = None
) -> list[Inline]:
    tone = level_tone(pack, result)
    level: list[Span] = [Span(result.level.name if result.level else texts.NO_LEVEL, tone=tone)]
    if result.level and result.is_preliminary:
        level.append(Span(f" ({texts.PRELIMINARY})", dim=True))
    return [
        inline(result.field.short_name if compact else result.field.title),
        inline(
            Span(_bar(pack, assessment, result, 10), code=True, tone=tone),
            f" {format_score(result.score):>3}",
        ),
        tuple(level),
        inline(f"{result.answered}/{result.total}"),
        inline(str(len(result.unknown))),
    ]


def _preliminary(flag: bool) -> tuple[Span, ...]:
    """`` (vorläufig)`` after a figure that rests on less than half the answers."""
    return (Span(f" ({texts.PRELIMINARY})", dim=True),) if flag else ()


def _field_list(
    title: str, results: tuple[FieldResult, ...], empty: str, *, preliminary: bool
) -> Paragraph:
    """Strengths or priorities; each field's figure, and the list itself, marked
    *vorläufig* where they rest on less than half the answers."""
    entries = "; ".join(
        f"{r.field.title} ({format_score(r.score)}, {r.level.name if r.level else ''}"
        + (f", {texts.PRELIMINARY}" if r.is_preliminary else "")
        + ")"
        for r in results
    )
    return Paragraph(
        inline(
            Span(f"{title}", bold=True),
            *_preliminary(preliminary and bool(results)),
            Span(": ", bold=True),
            entries or empty,
        )
    )


def _overview(
    pack: Pack, profile: Profile, compact: bool = False, assessment: Assessment | None = None
) -> list[Block]:
    overall = f"{format_points(profile.score)}"
    if profile.level:
        overall += f" – {texts.LEVEL} „{profile.level.name}“"
    if profile.score is not None and profile.is_preliminary:
        overall += f" ({texts.PRELIMINARY})"
    overall += f" · {texts.ANSWERED.lower()} {format_coverage(profile.answered, profile.total)}"
    preliminary = profile.is_preliminary
    blocks: list[Block] = [
        Paragraph(inline(Span(f"{texts.OVERALL}: ", bold=True), overall)),
        table(
            COMPACT_FIELD_COLUMNS if compact else FIELD_COLUMNS,
            (_field_row(pack, r, compact, assessment) for r in profile.fields),
            title=f"Ergebnis je {texts.FIELD}",
        ),
        # Below the table: at 80×24 the seven fields come first (and the targets, which
        # ``view`` puts right after the first two blocks, stay beside the table).
        *_skipped(profile),
        _field_list(texts.STRENGTHS, profile.strengths, texts.NO_STRENGTH, preliminary=preliminary),
        _field_list(
            texts.PRIORITIES, profile.priorities, texts.NO_PRIORITY, preliminary=preliminary
        ),
    ]
    gaps = profile.knowledge_gaps
    count = str(len(gaps)) if gaps else "keine"
    blocks.append(Paragraph(inline(Span(f"{texts.KNOWLEDGE_GAPS}: ", bold=True), count)))
    if gaps:
        blocks.append(
            Bullets(
                tuple(
                    inline(f"{r.field.title} – {qid}: {question_text(pack, qid)}")
                    for r, qid in gaps
                )
            )
        )
    if profile.orphans:
        blocks.append(Heading(inline(texts.ORPHANS_TITLE)))
        blocks.append(Paragraph(inline(Span(texts.ORPHANS_EXPLAINED, dim=True))))
        items = []
        for orphan in profile.orphans:
            line = f"{orphan.field_id} / {orphan.question_id}: "
            line += answer_label(pack, orphan.answer.value)
            if orphan.answer.note:
                line += f" – {texts.NOTE}: {orphan.answer.note}"
            items.append(inline(line))
        blocks.append(Bullets(tuple(items)))
    return blocks


def _skipped(profile: Profile) -> list[Block]:
    """„5 Fragen gelten für Gemeinden nicht und sind nicht gezählt.“ (when any)."""
    from weltoffen_tui.core.applicability import skipped_sentence

    if not profile.skipped or profile.kind is None:
        return []
    sentence = skipped_sentence(profile.skipped, profile.kind, profile.kreisfrei)
    return [Paragraph(inline(Span(sentence, dim=True)))]


def _recommendations(pack: Pack, profile: Profile, *, links: bool) -> list[Block]:
    blocks: list[Block] = [Heading(inline(texts.RECOMMENDATIONS))]
    results = [r for r in profile.fields if r.recommendations]
    if not results:
        return [*blocks, Paragraph(inline(texts.NO_RECOMMENDATIONS))]
    for result in results:
        blocks.append(Heading(inline(result.field.title), level=3))
        blocks.append(
            Indented(
                tuple(
                    Paragraph(recommendation_spans(pack, ref, links=links))
                    for ref in result.recommendations
                )
            )
        )
    return blocks


def _handout_recommendations(pack: Pack, profile: Profile) -> list[Block]:
    """The recommendations for the handout: one short item each, grouped by field.

    Each recommendation by its first sentence; the question stands as its id and the
    articles are left out (the full version and the knowledge library have them).
    """
    blocks: list[Block] = [Heading(inline(texts.RECOMMENDATIONS))]
    results = [r for r in profile.fields if r.recommendations]
    if not results:
        return [*blocks, Paragraph(inline(texts.NO_RECOMMENDATIONS))]
    blocks.append(
        Paragraph(
            inline(
                Span(
                    "Kurzfassung: je Anregung der erste Satz. Die vollständige Fassung nennt "
                    + (
                        "den ganzen Text, die Frage und die Wissensartikel."
                        if pack.articles
                        else "den ganzen Text und die Frage."
                    ),
                    dim=True,
                )
            )
        )
    )
    for result in results:
        blocks.append(Heading(inline(result.field.title), level=3))
        items = []
        for ref in result.recommendations:
            rec = ref.recommendation
            if ref.kind == "level":
                label = recommendation_heading(pack, ref).removeprefix("Nächster Schritt auf der ")
            else:
                kind = "Wissenslücke" if ref.kind == "unknown" else "niedrig"
                label = f"{ref.question_id} ({kind})"
            details = [f"{texts.WHO}: {rec.who}"] if rec.who else []
            details.append(f"{texts.EFFORT}: {rec.effort}")
            templates = material_spans(
                pack_material_titles(pack.directory, rec.materials), rec.materials
            )
            items.append(
                inline(
                    Span(f"{label}: ", bold=True),
                    first_sentence(rec.text) + " ",
                    Span(f"({'; '.join(details)})", dim=True),
                    *((Span(" "), *templates) if templates else ()),
                )
            )
        blocks.append(Bullets(tuple(items)))
    return blocks


def _answers(pack: Pack, assessment: Assessment) -> list[Block]:
    blocks: list[Block] = [Heading(inline("Antworten und Notizen"))]
    for action_field in pack.fields:
        blocks.append(Heading(inline(action_field.title), level=3))
        items = []
        for question in action_field.questions:
            answer = assessment.answer(action_field.id, question.id)
            label = answer_label(pack, answer.value if answer else None)
            item: list[Span] = [
                Span(question.id, bold=True),
                Span(f" {question.text} — "),
                Span(label, italic=True),
            ]
            if answer and answer.note:
                item += [Span(f"\n{texts.NOTE}: ", dim=True), Span(answer.note)]
            items.append(tuple(item))
        blocks.append(Bullets(tuple(items)))
    return blocks


def _linked(profile: Profile, what: Literal["articles", "materials"]) -> list[str]:
    """The article or template ids the recommendations link to, first mention first."""
    return list(
        dict.fromkeys(
            linked_id
            for result in profile.fields
            for ref in result.recommendations
            for linked_id in getattr(ref.recommendation, what)
        )
    )


def _appendix(pack: Pack, profile: Profile) -> list[Block]:
    linked = [aid for aid in _linked(profile, "articles") if aid in pack.articles]
    if not linked:
        return []
    blocks: list[Block] = [PageBreak(), Heading(inline(f"Anhang: {texts.ARTICLES}"))]
    for article_id in linked:
        article = pack.articles[article_id]
        blocks += [
            PageBreak(),
            Heading(inline(article.title), level=3, anchor=anchor(article_id)),
            Paragraph(inline(Span(article.meta.summary, italic=True))),
            Prose(article.body, heading_offset=2),
        ]
    return blocks


def _material_appendix(pack: Pack, profile: Profile) -> list[Block]:
    """Every template the recommendations link to, in full, with how to get it as Word."""
    from weltoffen_tui.core.errors import UserError
    from weltoffen_tui.core.materials import linked_materials, load_materials

    wanted = _linked(profile, "materials")
    if not wanted:
        return []
    try:
        found = linked_materials(load_materials(pack.directory), wanted)
    except UserError:
        return []  # a broken template: `weltoffen validate` says what is wrong
    if not found:
        return []
    blocks: list[Block] = [PageBreak(), Heading(inline(f"Anhang: {LABEL_MANY}"))]
    for material in found:
        blocks += [
            PageBreak(),
            Heading(inline(material.title), level=3, anchor=material_anchor(material.id)),
            Paragraph(inline(Span(material.meta.summary.strip(), italic=True))),
            Paragraph(
                inline(
                    Span("Als Word-Datei zum Bearbeiten: ", dim=True),
                    Span(f"{command(material.id)} -o {file_name(material, DOCX)}", code=True),
                )
            ),
            Prose(material.body, heading_offset=2),
        ]
    return blocks


def view(
    pack: Pack,
    assessment: Assessment,
    profile: Profile,
    *,
    header: bool = True,
    recommendations: bool = True,
    document: bool = True,
    articles: bool = True,
    compact: bool = False,
) -> Document:
    """The report's blocks.

    ``compact`` names the fields by their short names (a narrow terminal, a projector).

    ``document`` without ``articles`` is the handout: results, plan and each
    recommendation's first sentence (a few printed pages). With ``articles`` it is the
    full version: whole recommendations, every answer and note, and the appendix of
    every linked article (over a hundred pages for a complete assessment).
    """
    title = f"{pack.meta.title}: {assessment.municipality}"
    blocks: list[Block] = []
    if header:
        blocks += [Heading(inline(title), level=1), header_facts(assessment)]
    overview = _overview(pack, profile, compact, assessment)
    # The targets stand right under the table of fields (overall line, table: 2 blocks).
    blocks += [*overview[:2], *target_blocks(pack, assessment, profile, compact=compact)]
    blocks += overview[2:]
    blocks += evidence_blocks(pack, assessment, compact=compact)
    if assessment.measures:
        blocks.append(Heading(inline(texts.ACTION_PLAN)))
        blocks += plan_blocks(pack, assessment, details=document)
        blocks += roadmap_blocks(
            pack, assessment, scores={r.field.id: r.score for r in profile.fields}
        )
    if recommendations:
        if document and not articles:
            blocks += _handout_recommendations(pack, profile)
        else:
            blocks += _recommendations(pack, profile, links=document)
    if document and articles:
        blocks += _answers(pack, assessment)
        blocks += _appendix(pack, profile)
        blocks += _material_appendix(pack, profile)

    return Document(title, tuple(blocks))


def rich_report(
    pack: Pack,
    assessment: Assessment,
    profile: Profile,
    *,
    header: bool = True,
    recommendations: bool = True,
    flowing: bool = False,
    compact: bool = False,
) -> RenderableType:
    """The report for the terminal (the TUI's summary leaves out header and recommendations).

    ``flowing``: for a file or pipe (soft-wrapped, nothing cropped).
    """
    from weltoffen_tui.render.terminal import to_rich

    return to_rich(
        view(
            pack,
            assessment,
            profile,
            header=header,
            recommendations=recommendations,
            document=False,
            compact=compact,
        ),
        flowing=flowing,
    )


def recommendation_text(pack: Pack, ref: RecommendationRef, export_key: str | None = None) -> Text:
    """One recommendation for the TUI's list (compact, no links; ``export_key`` exports
    its templates)."""
    from weltoffen_tui.render.terminal import inline_text

    return inline_text(recommendation_spans(pack, ref, links=False, export_key=export_key))


def render(
    fmt: Format, pack: Pack, assessment: Assessment, profile: Profile, *, full: bool = False
) -> str | bytes:
    """The report in one of the formats the registry offers for ``report``.

    By default the handout (results, plan, recommendations, answers: a few pages);
    ``full`` appends every linked knowledge article.
    """
    return produce(
        fmt,
        lambda: view(pack, assessment, profile, document=fmt.name != "text", articles=full),
        data=lambda: data(pack, assessment, profile),
        chart=lambda: profile_chart(pack, assessment, profile),
        new_pages=tuple(f.title for f in pack.fields),
    )


def profile_chart(pack: Pack, assessment: Assessment, profile: Profile) -> RadarChart:
    """The profile chart of the HTML and PDF report: current points, and targets if set."""
    from weltoffen_tui.core.targets import target_score
    from weltoffen_tui.render.chart import AXIS_DESCRIPTION, STYLES, TARGET, RadarChart, Series

    axes = tuple(r.field.short_name for r in profile.fields)
    series = [Series("Ist (aktuelle Punkte)", tuple(r.score for r in profile.fields), STYLES[0])]
    targets = tuple(target_score(pack, assessment, r.field.id) for r in profile.fields)
    if any(t is not None for t in targets):
        series.append(Series("Soll (Ziel)", targets, TARGET))
    return RadarChart(
        f"Profil von {assessment.municipality}: Punkte je {texts.FIELD}",
        axes,
        tuple(series),
        AXIS_DESCRIPTION,
    )


def material_entries(pack: Pack, ids: tuple[str, ...]) -> list[dict[str, str]]:
    """The templates of a recommendation as JSON: id, title, the command that writes it."""
    titles = pack_material_titles(pack.directory, ids)
    return [{"id": mid, "title": titles[mid], "command": command(mid)} for mid in titles]


def data(pack: Pack, assessment: Assessment, profile: Profile) -> dict[str, Any]:
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
            "not_counted": result.skipped,
            "recommendations": [ref.id for ref in result.recommendations],
            "target": target_entry(pack, assessment, result),
            "evidence": evidence_entry(pack, assessment, result),
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
            "materials": material_entries(pack, ref.recommendation.materials),
        }
        for result in profile.fields
        for ref in result.recommendations
    ]
    answers = {
        f.id: {
            qid: {"value": a.value, "note": a.note}
            | ({"evidence": a.evidence} if a.evidence else {})
            | ({"reference": a.reference} if a.reference else {})
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
            "preliminary": profile.is_preliminary,
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
        "targets": {fid: t.model_dump(mode="json") for fid, t in assessment.targets.items()},
        "roadmap": roadmap_data(pack, assessment),
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


def large_view(pack: Pack, assessment: Assessment, profile: Profile) -> Document:
    """The results for the room (a projector): one field per line, a long bar, big gaps.

    Fewer columns than the summary (short name, bar, points, level), so it reads from
    the back of a room at 80×24; the details stay in the summary and the reports.
    """
    overall = format_points(profile.score)
    if profile.level:
        overall += f" – {texts.LEVEL} „{profile.level.name}“"
    if profile.score is not None and profile.is_preliminary:
        overall += f" ({texts.PRELIMINARY})"
    rows = []
    for result in profile.fields:
        tone = level_tone(pack, result)
        level = result.level.name if result.level else texts.NO_LEVEL
        if result.level and result.is_preliminary:
            level += f" ({texts.PRELIMINARY})"
        rows.append(
            [
                Span(result.field.short_name, bold=True),
                Span(_bar(pack, assessment, result, 20), code=True, tone=tone),
                Span(f"{format_score(result.score):>3}", bold=True),
                Span(level, tone=tone),
            ]
        )
    title = f"{assessment.municipality}: {texts.OVERALL} {overall}"
    columns = (
        Column(texts.FIELD, no_wrap=True),
        Column(texts.POINTS, no_wrap=True),
        Column("", align="right", no_wrap=True),
        Column(texts.LEVEL, no_wrap=True),
    )
    return Document(title, (Heading(inline(title), level=1), table(columns, rows, spacing=1)))


# --------------------------------------------------------------------------- targets and evidence
# (issue 13: Soll and gap per field, evidence per answer; kept as sections of their own)

TARGETS_TITLE = "Ziele (Soll) und Abstand"
TARGET_LEGEND = "┃ im Balken: die Punktzahl, ab der die Zielstufe erreicht ist."
EVIDENCE_TITLE = "Nachweise"


def _bar(pack: Pack, assessment: Assessment | None, result: FieldResult, width: int) -> str:
    """The score bar, with ``┃`` at the target score where the field has a target."""
    bar = score_bar(result.score, width)
    if assessment is None or not assessment.targets:
        return bar
    from weltoffen_tui.core.targets import bar_with_target, target_score

    return bar_with_target(bar, target_score(pack, assessment, result.field.id))


def target_blocks(
    pack: Pack, assessment: Assessment, profile: Profile, *, compact: bool = False
) -> list[Block]:
    """Per field with a target: current level, target level, date and the gap."""
    if not assessment.targets:
        return []
    from weltoffen_tui.core.targets import gap_label, target_status

    rows = []
    for result in profile.fields:
        status = target_status(pack, assessment, result.field.id, result.score)
        if status is None:
            continue
        tone = level_tone(pack, result)
        current = Span(result.level.name if result.level else texts.NO_LEVEL, tone=tone)
        gap = Span(gap_label(status), bold=not status.reached)
        name = result.field.short_name if compact else result.field.title
        if compact:
            rows.append(
                [inline(name), inline(status.level_name), inline(format_date(status.due)), (gap,)]
            )
        else:
            rows.append(
                [
                    inline(name),
                    (current,),
                    inline(status.level_name),
                    inline(format_date(status.due)),
                    (gap,),
                ]
            )
    if not rows:
        return []
    columns = (
        (
            Column(texts.FIELD, no_wrap=True),
            Column("Ziel", no_wrap=True),
            Column("bis", no_wrap=True),
            Column("Abstand", no_wrap=True),
        )
        if compact
        else (
            Column(texts.FIELD, ratio=1, min_width=14),
            Column("Ist", min_width=11),
            Column("Ziel (Soll)", min_width=11),
            Column("bis", no_wrap=True),
            Column("Abstand", no_wrap=True),
        )
    )
    return [
        Heading(inline(TARGETS_TITLE)),
        table(columns, rows),
        Paragraph(inline(Span(TARGET_LEGEND, dim=True))),
    ]


def target_entry(pack: Pack, assessment: Assessment, result: FieldResult) -> dict[str, Any] | None:
    """A field's target for the JSON export (None without one)."""
    from weltoffen_tui.core.targets import gap_label, target_status

    status = target_status(pack, assessment, result.field.id, result.score)
    if status is None:
        return None
    return {
        "level": status.level_id,
        "level_name": status.level.name if status.level else None,
        "due": status.due.isoformat() if status.due else None,
        "score": status.score,
        "gap": status.gap,
        "reached": status.reached if status.gap is not None else None,
        "gap_label": gap_label(status),
    }


def evidence_blocks(pack: Pack, assessment: Assessment, *, compact: bool = False) -> list[Block]:
    """Per field the share of answers backed by a document, then every reference."""
    if not any(
        a.evidence is not None or a.reference
        for by_q in assessment.answers.values()
        for a in by_q.values()
    ):
        return []  # (checked here, so a report without evidence imports nothing more)
    from weltoffen_tui.core.evidence import evidence_label, evidence_profile, format_share

    fields = evidence_profile(pack, assessment)
    columns = (
        Column(
            texts.FIELD,
            no_wrap=compact,
            ratio=None if compact else 1,
            min_width=None if compact else 14,
        ),
        Column("Antw." if compact else texts.ANSWERED, align="right", no_wrap=True),
        Column("belegt", align="right", no_wrap=True),
        Column("eingesch." if compact else "eingeschätzt", align="right", no_wrap=True),
        Column("Anteil belegt", align="right", no_wrap=True),
    )
    rows = [
        [
            f.field.short_name if compact else f.field.title,
            str(f.answered),
            str(f.backed),
            str(f.judged),
            format_share(f.share),
        ]
        for f in fields
    ]
    blocks: list[Block] = [
        Heading(inline(EVIDENCE_TITLE)),
        table(columns, rows, title="Anteil der beantworteten Fragen mit Beleg"),
    ]
    for entry in fields:
        if not entry.references:
            continue
        blocks.append(Heading(inline(entry.field.title), level=3))
        items = []
        for question_id, text, evidence, reference in entry.references:
            item = [
                Span(question_id, bold=True),
                Span(f" {text} — "),
                Span(evidence_label(evidence), italic=True),
            ]
            if reference:
                item += [Span(": "), Span(reference)]
            items.append(tuple(item))
        blocks.append(Bullets(tuple(items)))
    return blocks


def evidence_entry(pack: Pack, assessment: Assessment, result: FieldResult) -> dict[str, Any]:
    """A field's evidence for the JSON export: counts, share and references."""
    from weltoffen_tui.core.evidence import field_evidence

    entry = field_evidence(pack, assessment, result.field)
    return {
        "answered": entry.answered,
        "backed": entry.backed,
        "judged": entry.judged,
        "share": None if entry.share is None else round(entry.share, 3),
        "references": [
            {"question": qid, "evidence": evidence, "reference": reference or None}
            for qid, _, evidence, reference in entry.references
        ],
    }
