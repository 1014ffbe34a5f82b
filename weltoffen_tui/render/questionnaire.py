"""The blank questionnaire of all action fields, to print and fill in by hand, or as JSON.

The JSON form lists every field, question id and allowed answer value, so other tools
can prepare or check answers.
"""

from __future__ import annotations

from typing import Any

from weltoffen_tui.core.labels import NOT_APPLICABLE_LABEL, UNKNOWN_LABEL
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.values import ANSWER_VALUES, NOT_APPLICABLE, UNKNOWN
from weltoffen_tui.render.blocks import (
    Block,
    Bullets,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Span,
    inline,
)
from weltoffen_tui.render.formats import Format, produce

LINE = "_" * 45


def _boxes(pack: Pack) -> str:
    """The answer boxes; no-break spaces keep each box with its label when a line wraps."""
    options = [f"{s.value} {s.label}" for s in pack.meta.scale]
    options += [UNKNOWN_LABEL, NOT_APPLICABLE_LABEL]
    return "  ".join("☐\u00a0" + option.replace(" ", "\u00a0") for option in options)


def view(pack: Pack) -> Document:
    """Title, fields for who and when, the scale, then every field with its questions."""
    boxes = _boxes(pack)
    blocks: list[Block] = [
        Heading(inline(pack.meta.title), level=1),
        Paragraph(inline(pack.meta.description.strip())),
        Paragraph(
            inline(
                Span("Kommune: ", bold=True), "_" * 22 + "  ", Span("Datum: ", bold=True), "_" * 12
            )
        ),
        Paragraph(inline(Span("Beteiligte (Name, Rolle): ", bold=True), "_" * 38)),
        Heading(inline("Antwortskala")),
        Bullets(
            (
                *(
                    inline(Span(f"{s.value} – {s.label}: ", bold=True), s.description)
                    for s in pack.meta.scale
                ),
                inline(
                    Span(f"{UNKNOWN_LABEL}: ", bold=True),
                    "Die Antwort ist nicht bekannt; klären Sie, wer sie kennt.",
                ),
                inline(
                    Span(f"{NOT_APPLICABLE_LABEL}: ", bold=True),
                    "Die Frage passt nicht zu Ihrer Kommune (zählt nicht in die Wertung).",
                ),
            )
        ),
    ]
    for number, action_field in enumerate(pack.fields, start=1):
        blocks.append(PageBreak())
        blocks.append(Heading(inline(f"Handlungsfeld {number}: {action_field.title}")))
        blocks.append(Paragraph(inline(action_field.intro.strip())))
        current_group = None
        for question in action_field.questions:
            if question.group and question.group != current_group:
                current_group = question.group
                blocks.append(Heading(inline(action_field.group_title(question.group)), level=3))
            blocks += [
                Paragraph(inline(Span(f"{question.id}. {question.text}", bold=True))),
                Paragraph(inline(Span("Was ist gemeint? ", italic=True), question.help.strip())),
                Paragraph(inline(Span("Beispiel: ", italic=True), question.example.strip())),
                Paragraph(inline(boxes)),
                Paragraph(inline(f"Notiz / Nachweis: {LINE}")),
            ]
    return Document(pack.meta.title, tuple(blocks))


def render(fmt: Format, pack: Pack) -> str | bytes:
    """The questionnaire in one of the formats the registry offers for ``questionnaire``."""
    from weltoffen_tui.render import formats

    if fmt is formats.XLSX:
        from weltoffen_tui.render.workbook import workbook_bytes

        return workbook_bytes(pack)
    if fmt is formats.XLSFORM:
        from weltoffen_tui.render.xlsform import xlsform_bytes

        return xlsform_bytes(pack)
    return produce(fmt, lambda: view(pack), data=lambda: data(pack))


def data(pack: Pack) -> dict[str, Any]:
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
