"""The questionnaire as an XLSForm: the spreadsheet form format of ODK, KoboToolbox, Enketo.

Sheets ``survey`` (a text question for the role, then per action field a group with a
``select_one`` per question and an optional note), ``choices`` (the scale plus „Weiß
nicht“ and „Trifft nicht zu“) and ``settings`` (title, form id, version). Names follow
core/importing/survey.py, so ``weltoffen import`` reads the survey's CSV export back.

Questions by kind of municipality: for a known municipality (``--art``) the form holds
only the questions that apply. Without one, and when the pack limits some questions,
the form first asks for the kind (and, for a Stadt, whether it is kreisfrei); limited
questions and sub-topics get a ``relevant`` expression, so the survey tool skips them
where they do not apply (the same rule as core/applicability.py).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from weltoffen_tui.core.applicability import Municipality
from weltoffen_tui.core.importing import layout, survey
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.textsafe import visible

LANGUAGE = "Deutsch (de)"
LABEL = f"label::{LANGUAGE}"
HINT = f"hint::{LANGUAGE}"


def _text(text: str) -> str:
    """Pack text as a label: one line, controls visible, no ``${…}`` references."""
    return visible(" ".join(text.split())).replace("${", "$ {")


KIND_CHOICES = [("stadt", "Stadt"), ("gemeinde", "Gemeinde"), ("landkreis", "Landkreis")]
YES_NO = [("ja", "Ja, kreisfrei"), ("nein", "Nein, kreisangehörig")]

# An ``applies_to`` value as an XPath condition on the answers to the first questions.
# An unanswered „kreisfrei“ counts as both, as core/applicability.py treats None.
_KIND = f"${{{survey.KIND_NAME}}}"
_FREE = f"${{{survey.KREISFREI_NAME}}}"
CONDITIONS = {
    "Stadt": f"{_KIND} = 'stadt'",
    "kreisfreie Stadt": f"({_KIND} = 'stadt' and {_FREE} != 'nein')",
    "kreisangehörige Stadt": f"({_KIND} = 'stadt' and {_FREE} != 'ja')",
    "Gemeinde": f"{_KIND} = 'gemeinde'",
    "kreisangehörige Gemeinde": f"{_KIND} = 'gemeinde'",
    "Landkreis": f"{_KIND} = 'landkreis'",
}


def relevant(applies_to: Sequence[str]) -> str:
    """The ``relevant`` expression of an ``applies_to`` list (empty: always shown)."""
    conditions = list(dict.fromkeys(CONDITIONS[value] for value in applies_to))
    if not conditions:
        return ""
    return conditions[0] if len(conditions) == 1 else "(" + " or ".join(conditions) + ")"


def sheets(pack: Pack, only: Municipality | None = None) -> dict[str, list[list[str]]]:
    """The rows of each sheet (first row: column names).

    ``only`` (kind, kreisfrei): just the questions that apply to that municipality.
    """
    asks_kind = only is None and layout.any_limited(pack)
    rows: list[list[str]] = [["type", "name", LABEL, HINT, "required", "relevant"]]
    if asks_kind:
        rows.append(
            [
                f"select_one {survey.KIND_NAME}",
                survey.KIND_NAME,
                "Um welche Art von Kommune geht es?",
                "Manche Fragen gelten nur für bestimmte Arten von Kommunen.",
                "yes",
                "",
            ]
        )
        rows.append(
            [
                f"select_one {survey.KREISFREI_NAME}",
                survey.KREISFREI_NAME,
                "Ist die Stadt kreisfrei?",
                "Eine kreisfreie Stadt gehört keinem Landkreis an.",
                "yes",
                f"{_KIND} = 'stadt'",
            ]
        )
    rows.append(
        [
            "text",
            survey.ROLE_NAME,
            "In welcher Rolle oder für welchen Bereich antworten Sie?",
            "Zum Beispiel „Jugendamt“, „Integrationsbeirat“ oder „Bürgerin“.",
            "no",
            "",
        ]
    )
    for number, action_field in enumerate(pack.fields, start=1):
        questions = [q for q in action_field.questions if layout.applies(action_field, q, only)]
        if not questions:
            continue
        rows.append(
            [
                "begin_group",
                survey.group_name(action_field.id),
                _text(f"{number}. {action_field.title}"),
                _text(action_field.intro),
                "",
                "",
            ]
        )
        for index, question in enumerate(questions, start=1):
            shown = ""
            if asks_kind:
                group = layout.group_of(action_field, question)
                parts = [
                    relevant(limits)
                    for limits in (group.applies_to if group else [], question.applies_to)
                    if limits
                ]
                shown = " and ".join(parts)
            rows.append(
                [
                    f"select_one {survey.CHOICE_LIST}",
                    survey.question_name(question.id),
                    _text(f"{number}.{index} {question.text}"),
                    _text(question.help),
                    "no",
                    shown,
                ]
            )
            rows.append(
                [
                    "text",
                    survey.note_name(question.id),
                    "Notiz / Nachweis (freiwillig)",
                    "Worauf stützt sich Ihre Antwort?",
                    "no",
                    shown,
                ]
            )
        rows.append(["end_group", "", "", "", "", ""])
    choices = [["list_name", "name", LABEL]]
    choices += [
        [survey.CHOICE_LIST, str(value), _text(text)] for text, value in layout.choices(pack)
    ]
    if asks_kind:
        choices += [[survey.KIND_NAME, name, label] for name, label in KIND_CHOICES]
        choices += [[survey.KREISFREI_NAME, name, label] for name, label in YES_NO]
    settings = [
        ["form_title", "form_id", "version", "default_language"],
        [_text(pack.meta.title), survey.xml_name(f"weltoffen_{pack.id}"), pack.version, LANGUAGE],
    ]
    return {"survey": rows, "choices": choices, "settings": settings}


def xlsform_bytes(pack: Pack, only: Municipality | None = None) -> bytes:
    """The XLSForm as an xlsx file (openpyxl imported only here)."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, rows in sheets(pack, only).items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for column, width in zip("ABCDEF", (22, 18, 60, 60, 10, 40), strict=False):
            sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
