"""The agenda of a dialogue event as Markdown and HTML."""

from __future__ import annotations

from weltoffen_tui.core.labels import format_score
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.workshop.agenda import Agenda
from weltoffen_tui.render.export import html_page, markdown_to_html, md_escape

# --------------------------------------------------------------------------- output


def agenda_markdown(pack: Pack, agenda: Agenda) -> str:
    """The draft as Markdown: goals, focus, questions, invitations, programme, reading.

    Only user text (municipality names, notes naming files) is escaped: everything else
    comes from this module or the validated pack and stays readable as plain Markdown.
    """
    out = [f"# Dialogveranstaltung: {md_escape(agenda.municipality)}", ""]
    out += ["*Entwurf der Tagesordnung – passen Sie ihn an Ihre Kommune an.*", ""]
    out += [f"**Grundlage:** {agenda.basis}", ""]
    for note in agenda.notes:
        out += [f"> **Hinweis:** {md_escape(note)}", ""]
    out += ["## Ziele", ""]
    out += [f"- {goal}" for goal in agenda.goals]
    out += ["", "## Schwerpunkte", ""]
    out += [
        f"- {r.field.title} ({format_score(r.score)} Punkte"
        f"{', Stufe „' + r.level.name + '“' if r.level else ''})"
        for r in agenda.priorities
    ] or ["Noch keine Schwerpunkte: beantworten Sie zuerst einige Fragen."]
    if agenda.discussion_points:
        out += ["", "## Diskussionspunkte", ""]
        for number, point in enumerate(agenda.discussion_points, start=1):
            facts = [f"Spannweite {point.spread}"] if point.spread else []
            if point.unknown:
                facts.append(f"{point.unknown}× „Weiß nicht“")
            if point.mixed:
                facts.append("teils bewertet, teils nicht")
            detail = f" – *{', '.join(facts)}*" if facts else ""
            out.append(
                f"{number}. {point.question.text} ({point.field.title}, {point.question.id})"
                f"{detail}"
            )
    if agenda.knowledge_gaps:
        out += ["", "## Offene Fragen („Weiß nicht“)", ""]
        out += [
            f"- {question.text} ({action_field.title}, {question.id})"
            for action_field, question in agenda.knowledge_gaps
        ]
    out += ["", "## Wen einladen?", ""]
    out += [f"- {person}" for person in agenda.participants]
    out += ["", "## Ablauf (etwa drei Stunden)", ""]
    out.append("| Zeit | Programmpunkt | Methode | Worum es geht |")
    out.append("|---|---|---|---|")
    for block in agenda.blocks:
        out.append(f"| {block.times} | **{block.title}** | {block.method} | {block.text} |")
    if agenda.articles:
        out += ["", "## Zum Weiterlesen in der Wissensbibliothek", ""]
        out += [f"- {title} (Artikel `{article_id}`)" for article_id, title in agenda.articles]
    return "\n".join(out).rstrip() + "\n"


def agenda_html(pack: Pack, agenda: Agenda) -> str:
    """The draft as one printable, self-contained HTML page."""
    fragment = markdown_to_html(agenda_markdown(pack, agenda))
    return html_page(f"Dialogveranstaltung: {agenda.municipality}", fragment)
