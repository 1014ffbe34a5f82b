"""The blank questionnaire of all action fields, to print and fill in by hand, or as JSON.

The JSON form lists every field, question id and allowed answer value, so other tools
can prepare or check answers.
"""

from __future__ import annotations

from typing import Any

from weltoffen_tui.core.applicability import (
    Municipality,
    applies_to_kind,
    kind_phrase,
)
from weltoffen_tui.core.labels import NOT_APPLICABLE_LABEL, UNKNOWN_LABEL
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.values import NOT_APPLICABLE, UNKNOWN
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


def _questions(pack: Pack, action_field: Any, only: Municipality | None) -> list[Any]:
    groups = {g.id: g for g in action_field.groups}
    return [
        q
        for q in action_field.questions
        if only is None or applies_to_kind(q, groups.get(q.group or ""), only[0], only[1])
    ]


def _limits(action_field: Any, question: Any) -> list[str]:
    """The kinds a question is limited to (its own and its sub-topic's)."""
    limits = list(question.applies_to)
    for group in action_field.groups:
        if group.id == question.group:
            limits += [k for k in group.applies_to if k not in limits]
    return limits


def view(pack: Pack, only: Municipality | None = None) -> Document:
    """Title, fields for who and when, the scale, then every field with its questions.

    With ``only`` (kind, kreisfrei), the questions that do not apply are left out.
    """
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
        *(
            [Paragraph(inline(Span(f"Nur die Fragen, die {kind_phrase(*only)} gelten.", dim=True)))]
            if only
            else []
        ),
        Heading(inline("Antwortskala")),
        Bullets(
            (
                *(
                    inline(
                        Span(f"{s.value} – {s.label}" + (": " if s.description else ""), bold=True),
                        s.description,
                    )
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
        for question in _questions(pack, action_field, only):
            if question.group and question.group != current_group:
                current_group = question.group
                blocks.append(Heading(inline(action_field.group_title(question.group)), level=3))
            blocks.append(Paragraph(inline(Span(f"{question.id}. {question.text}", bold=True))))
            limits = _limits(action_field, question)
            if limits and only is None:
                blocks.append(Paragraph(inline(Span(f"Nur für: {', '.join(limits)}", dim=True))))
            if question.help.strip():
                blocks.append(
                    Paragraph(inline(Span("Was ist gemeint? ", italic=True), question.help.strip()))
                )
            if question.example.strip():
                blocks.append(
                    Paragraph(inline(Span("Beispiel: ", italic=True), question.example.strip()))
                )
            blocks += [
                Paragraph(inline(boxes)),
                Paragraph(inline(f"Notiz / Nachweis: {LINE}")),
            ]
    return Document(pack.meta.title, tuple(blocks))


def render(fmt: Format, pack: Pack, only: Municipality | None = None) -> str | bytes:
    """The questionnaire in one of the formats the registry offers for ``questionnaire``.

    With ``only`` (kind, kreisfrei) the printed forms and the XLSForm leave out the
    questions that do not apply, the workbook marks them „entfällt“ (render/workbook.py).
    """
    from weltoffen_tui.render import formats

    if fmt is formats.XLSX:
        from weltoffen_tui.render.workbook import workbook_bytes

        return workbook_bytes(pack, only=only)
    if fmt is formats.XLSFORM:
        from weltoffen_tui.render.xlsform import xlsform_bytes

        return xlsform_bytes(pack, only)
    return produce(fmt, lambda: view(pack, only), data=lambda: data(pack, only))


def data(pack: Pack, only: Municipality | None = None) -> dict[str, Any]:
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
        "allowed_values": [*pack.graded_values, UNKNOWN, NOT_APPLICABLE],
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
                        "applies_to": _limits(f, q),
                    }
                    for q in _questions(pack, f, only)
                ],
            }
            for f in pack.fields
        ],
    }
