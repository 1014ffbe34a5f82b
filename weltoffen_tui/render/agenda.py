"""The draft agenda of a dialogue event as a document: terminal text, Markdown and HTML."""

from __future__ import annotations

from weltoffen_tui.core import texts
from weltoffen_tui.core.labels import format_date, format_score
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.workshop.agenda import Agenda, EventDetails, format_duration
from weltoffen_tui.render.blocks import (
    Block,
    Bullets,
    Column,
    Document,
    Facts,
    Heading,
    Notice,
    Paragraph,
    Span,
    inline,
    table,
)
from weltoffen_tui.render.formats import Format, produce

OPEN = "noch festzulegen"


def event_facts(event: EventDetails) -> Facts:
    """Date, time (with duration) and place; what is not set yet says so."""
    when = f"{event.start:%H:%M}–{event.end:%H:%M} Uhr ({format_duration(event.minutes)})"
    pairs = (
        (texts.DATE, format_date(event.day) or OPEN),
        ("Zeit", when),
        ("Ort", event.place.strip() or OPEN),
    )
    return Facts(tuple((label, inline(value)) for label, value in pairs))


def view(pack: Pack, agenda: Agenda) -> Document:
    """Goals, focus, questions, invitations, programme and reading for the event."""
    title = f"Dialogveranstaltung: {agenda.municipality}"
    blocks: list[Block] = [
        Heading(inline(title), level=1),
        Paragraph(
            inline(
                Span("Entwurf der Tagesordnung – passen Sie ihn an Ihre Kommune an.", italic=True)
            )
        ),
        event_facts(agenda.event),
        Paragraph(inline(Span("Grundlage: ", bold=True), agenda.basis)),
    ]
    blocks += [Notice(inline(Span(f"{texts.HINT}: ", bold=True), note)) for note in agenda.notes]
    blocks += [Heading(inline("Ziele")), Bullets(tuple(inline(goal) for goal in agenda.goals))]
    blocks.append(Heading(inline("Schwerpunkte")))
    if agenda.priorities:
        blocks.append(
            Bullets(
                tuple(
                    inline(
                        f"{r.field.title} ({format_score(r.score)} {texts.POINTS}"
                        + (f", {texts.LEVEL} „{r.level.name}“" if r.level else "")
                        + ")"
                    )
                    for r in agenda.priorities
                )
            )
        )
    else:
        blocks.append(
            Paragraph(inline("Noch keine Schwerpunkte: beantworten Sie zuerst einige Fragen."))
        )
    if agenda.discussion_points:
        items = []
        for point in agenda.discussion_points:
            facts = [f"{texts.SPREAD} {point.spread}"] if point.spread else []
            if point.unknown:
                facts.append(f"{point.unknown}× „Weiß nicht“")
            if point.mixed:
                facts.append("teils bewertet, teils nicht")
            item = inline(f"{point.question.text} ({point.field.title}, {point.question.id})")
            if facts:
                item += inline(" – ", Span(", ".join(facts), italic=True))
            items.append(item)
        blocks += [Heading(inline(texts.DISCUSSION_POINTS)), Bullets(tuple(items), ordered=True)]
    if agenda.knowledge_gaps:
        blocks.append(Heading(inline("Offene Fragen („Weiß nicht“)")))
        blocks.append(
            Bullets(
                tuple(
                    inline(f"{question.text} ({action_field.title}, {question.id})")
                    for action_field, question in agenda.knowledge_gaps
                )
            )
        )
    blocks.append(Heading(inline("Wen einladen?")))
    blocks.append(Bullets(tuple(inline(person) for person in agenda.participants)))
    blocks.append(Heading(inline(f"Ablauf ({format_duration(agenda.event.minutes)})")))
    blocks.append(
        table(
            (
                Column("Zeit", no_wrap=True),
                Column("Programmpunkt", ratio=2),
                Column("Methode", ratio=3),
                Column("Worum es geht", ratio=4),
            ),
            (
                [block.times, Span(block.title, bold=True), block.method, block.text]
                for block in agenda.blocks
            ),
        )
    )
    if agenda.articles:
        blocks.append(Heading(inline("Zum Weiterlesen in der Wissensbibliothek")))
        blocks.append(
            Bullets(
                tuple(
                    inline(f"{title} (Artikel ", Span(article_id, code=True), ")")
                    for article_id, title in agenda.articles
                )
            )
        )
    return Document(title, tuple(blocks))


def render(fmt: Format, pack: Pack, agenda: Agenda) -> str | bytes:
    """The agenda in one of the formats the registry offers for ``agenda``."""
    return produce(fmt, lambda: view(pack, agenda))
