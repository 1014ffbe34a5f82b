"""Exports for the municipality: the report and the blank questionnaire.

Markdown is written first; HTML is that Markdown rendered by markdown-it with raw
HTML switched off (so user text can never inject markup), wrapped in one
self-contained, printable page with inline CSS.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from weltoffen_tui.core.assessment import ANSWER_VALUES, NOT_APPLICABLE, UNKNOWN, Assessment
from weltoffen_tui.core.labels import (
    NOT_APPLICABLE_LABEL,
    UNKNOWN_LABEL,
    answer_label,
    format_coverage,
    format_score,
    score_bar,
)
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.scoring import Profile
from weltoffen_tui.render.report import (
    article_titles,
    header_lines,
    question_text,
    recommendation_heading,
    report_data,
)

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")
FORMATS = ("markdown", "html", "json")
SUFFIXES = {"markdown": ".md", "html": ".html", "json": ".json"}

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:52rem;
margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111;background:#fff}
h1{font-size:1.7rem;border-bottom:3px solid #1d4e89;padding-bottom:.3rem}
h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #999}
h3{font-size:1.1rem;margin-top:1.4rem}
table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #888;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#e8eef6}
code{font-family:"DejaVu Sans Mono",monospace;letter-spacing:-1px}
blockquote{margin:.5rem 0;padding:.2rem .8rem;border-left:4px solid #1d4e89;background:#f4f6f9}
.article{border-top:2px solid #1d4e89;margin-top:2rem}
@media print{body{margin:0;max-width:none;font-size:11pt}a{color:#000}
h2{break-after:avoid}.article,.field{break-before:page}}
"""


def md_escape(text: str) -> str:
    """Escape user text so Markdown shows it literally (line breaks kept)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return "  \n".join(escaped.splitlines()) if "\n" in escaped else escaped


def md_cell(text: str) -> str:
    """Escape user text for a Markdown table cell (one line)."""
    return md_escape(" / ".join(text.splitlines()))


def anchor(article_id: str) -> str:
    return f"artikel-{article_id}"


# --------------------------------------------------------------------------- report


def report_markdown(pack: Pack, assessment: Assessment, profile: Profile) -> str:
    """The report as Markdown, with the linked articles in an appendix."""
    out: list[str] = [f"# {md_escape(pack.meta.title)}: {md_escape(assessment.municipality)}", ""]
    for label, value in header_lines(assessment):
        out.append(f"- **{label}:** {md_escape(value)}")
    out += ["", "## Gesamtbild", ""]
    level = f", Stufe „{profile.level.name}“" if profile.level else ""
    out.append(
        f"**{format_score(profile.score)} von 100**{level}; beantwortet "
        f"{format_coverage(profile.answered, profile.total)}."
    )
    out += ["", "## Ergebnis je Handlungsfeld", ""]
    out.append("| Nr. | Handlungsfeld | Einschätzung | Punkte | Stufe | Beantwortet | Weiß nicht |")
    out.append("|---:|---|---|---:|---|---:|---:|")
    for number, result in enumerate(profile.fields, start=1):
        level_name = result.level.name if result.level else "keine Angabe"
        if result.level and result.is_preliminary:
            level_name += " (vorläufig)"
        out.append(
            f"| {number} | {md_cell(result.field.title)} | `{score_bar(result.score, 10)}` | "
            f"{format_score(result.score)} | {level_name} | "
            f"{format_coverage(result.answered, result.total)} | {len(result.unknown)} |"
        )
    out += ["", "## Stärken", ""]
    out += [
        f"- {md_escape(r.field.title)} ({format_score(r.score)}, {r.level.name if r.level else ''})"
        for r in profile.strengths
    ] or ["Noch keine Stärke erkennbar."]
    out += ["", "## Prioritäten", ""]
    out += [
        f"- {md_escape(r.field.title)} ({format_score(r.score)}, {r.level.name if r.level else ''})"
        for r in profile.priorities
    ] or ["Keine Priorität: alles fest verankert."]
    out += ["", "## Wissenslücken („Weiß nicht“)", ""]
    out += [
        f"- {md_escape(r.field.title)} – {qid}: {md_escape(question_text(pack, qid))}"
        for r, qid in profile.knowledge_gaps
    ] or ["Keine."]
    out += ["", "## Anregungen zur Weiterarbeit", ""]
    linked: list[str] = []
    for result in profile.fields:
        if not result.recommendations:
            continue
        out += [f"### {md_escape(result.field.title)}", ""]
        for ref in result.recommendations:
            rec = ref.recommendation
            out.append(f"**{md_escape(recommendation_heading(pack, ref))}**  ")
            out.append(md_escape(rec.text) + "  ")
            who = f"Wer: {md_escape(rec.who)} · " if rec.who else ""
            out.append(f"*{who}Aufwand: {rec.effort}*  ")
            links = []
            for article_id, title in article_titles(pack, ref):
                links.append(f"[{md_escape(title)}](#{anchor(article_id)})")
                if article_id not in linked and article_id in pack.articles:
                    linked.append(article_id)
            out.append("→ Wissensartikel: " + ", ".join(links))
            out.append("")
    out += ["## Antworten und Notizen", ""]
    for action_field in pack.fields:
        out += [f"### {md_escape(action_field.title)}", ""]
        for question in action_field.questions:
            answer = assessment.answer(action_field.id, question.id)
            label = answer_label(pack, answer.value if answer else None)
            out.append(f"- **{question.id}** {md_escape(question.text)} — *{label}*")
            if answer and answer.note:
                out.append(f"  > {md_escape(answer.note)}".replace("  \n", "  \n  > "))
        out.append("")
    from weltoffen_tui.render.actionplan import actionplan_section_markdown

    plan = actionplan_section_markdown(pack, assessment)
    if plan:
        out += [plan.rstrip(), ""]
    if profile.orphans:
        out += ["## Antworten ohne passende Frage", ""]
        out.append(
            "Diese Antworten gehören zu Fragen, die es in dieser Fragebogen-Version nicht gibt."
        )
        out.append("")
        for orphan in profile.orphans:
            note = f" – {md_escape(orphan.answer.note)}" if orphan.answer.note else ""
            out.append(
                f"- {md_escape(orphan.field_id)} / {md_escape(orphan.question_id)}: "
                f"{answer_label(pack, orphan.answer.value)}{note}"
            )
        out.append("")
    if linked:
        out += ["## Anhang: Wissensartikel", ""]
        for article_id in linked:
            article = pack.articles[article_id]
            out += [
                f"### {md_escape(article.title)}",
                "",
                f"*{md_escape(article.meta.summary)}*",
                "",
            ]
            out.append(_demote_headings(article.body))
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _demote_headings(body: str, by: int = 2) -> str:
    """Push an article's headings down so they sit below the appendix heading."""
    return re.sub(r"(?m)^(#{1,4}) ", lambda m: "#" * min(6, len(m.group(1)) + by) + " ", body)


def markdown_to_html(markdown: str) -> str:
    """Render Markdown to an HTML fragment; raw HTML in the input is escaped."""
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    return renderer.render(markdown)


def _article_anchor_ids(fragment: str, pack: Pack) -> str:
    """Give the appendix headings the ids the recommendation links point to."""
    for article in pack.articles.values():
        title = html.escape(article.title, quote=False)
        fragment = fragment.replace(
            f"<h3>{title}</h3>",
            f'<h3 class="article" id="{anchor(article.id)}">{title}</h3>',
            1,
        )
    return fragment


def html_page(title: str, body: str) -> str:
    """A self-contained HTML page (no external resources)."""
    return (
        '<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{body}</body>\n</html>\n"
    )


def report_html(pack: Pack, assessment: Assessment, profile: Profile) -> str:
    """The report as one printable, self-contained HTML page."""
    fragment = markdown_to_html(report_markdown(pack, assessment, profile))
    fragment = _article_anchor_ids(fragment, pack)
    return html_page(f"{pack.meta.title}: {assessment.municipality}", fragment)


def report_json(pack: Pack, assessment: Assessment, profile: Profile) -> str:
    return json.dumps(report_data(pack, assessment, profile), ensure_ascii=False, indent=2) + "\n"


def render_report_as(fmt: str, pack: Pack, assessment: Assessment, profile: Profile) -> str:
    """The report in one of FORMATS."""
    renderers = {"markdown": report_markdown, "html": report_html, "json": report_json}
    return renderers[fmt](pack, assessment, profile)


# --------------------------------------------------------------------------- questionnaire


def questionnaire_data(pack: Pack) -> dict[str, Any]:
    """Every field, question id and allowed answer value (the JSON questionnaire)."""
    return {
        "id": pack.id,
        "version": pack.version,
        "title": pack.meta.title,
        "answer_values": [
            *(
                {
                    "value": s.value,
                    "label": s.label,
                    "description": s.description,
                    "points": s.points,
                }
                for s in pack.meta.scale
            ),
            {"value": UNKNOWN, "label": UNKNOWN_LABEL, "points": None},
            {"value": NOT_APPLICABLE, "label": NOT_APPLICABLE_LABEL, "points": None},
        ],
        "allowed_values": list(ANSWER_VALUES),
        "levels": [{"id": lv.id, "name": lv.name, "min": lv.min} for lv in pack.meta.levels],
        "fields": [
            {
                "id": f.id,
                "title": f.title,
                "intro": f.intro.strip(),
                "groups": [{"id": g.id, "title": g.title} for g in f.groups],
                "questions": [
                    {
                        "id": q.id,
                        "group": q.group,
                        "text": q.text,
                        "help": q.help.strip(),
                        "example": q.example.strip(),
                    }
                    for q in f.questions
                ],
            }
            for f in pack.fields
        ],
    }


def questionnaire_markdown(pack: Pack) -> str:
    """The blank questionnaire of all fields, for filling in by hand."""
    # No-break spaces keep each box with its label when a printed line wraps.
    options = [f"{s.value} {s.label}" for s in pack.meta.scale]
    options += [UNKNOWN_LABEL, NOT_APPLICABLE_LABEL]
    boxes = "  ".join("☐\u00a0" + option.replace(" ", "\u00a0") for option in options)
    out = [f"# {pack.meta.title}", "", pack.meta.description.strip(), ""]
    out += ["**Kommune:** ______________________  **Datum:** ____________", ""]
    out += ["**Beteiligte (Name, Rolle):** ______________________________________", ""]
    out += ["## Antwortskala", ""]
    out += [f"- **{s.value} – {s.label}:** {s.description}" for s in pack.meta.scale]
    out += [
        f"- **{UNKNOWN_LABEL}:** Die Antwort ist nicht bekannt; klären Sie, wer sie kennt.",
        f"- **{NOT_APPLICABLE_LABEL}:** Die Frage passt nicht zu Ihrer Kommune "
        "(zählt nicht in die Wertung).",
        "",
    ]
    for number, f in enumerate(pack.fields, start=1):
        out += [f"## Handlungsfeld {number}: {f.title}", "", f.intro.strip(), ""]
        current_group = None
        for q in f.questions:
            if q.group and q.group != current_group:
                current_group = q.group
                out += [f"### {f.group_title(q.group)}", ""]
            out += [f"**{q.id}. {q.text}**", ""]
            out += [f"*Was ist gemeint?* {q.help.strip()}", ""]
            out += [f"*Beispiel:* {q.example.strip()}", ""]
            out += [
                boxes,
                "",
                "Notiz / Nachweis: _____________________________________________",
                "",
            ]
    return "\n".join(out).rstrip() + "\n"


def questionnaire_html(pack: Pack) -> str:
    fragment = markdown_to_html(questionnaire_markdown(pack))
    fragment = fragment.replace("<h2>Handlungsfeld", '<h2 class="field">Handlungsfeld')
    return html_page(pack.meta.title, fragment)


def render_questionnaire_as(fmt: str, pack: Pack) -> str:
    if fmt == "json":
        return json.dumps(questionnaire_data(pack), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return questionnaire_html(pack)
    return questionnaire_markdown(pack)
