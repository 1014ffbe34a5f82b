"""The questionnaire as an XLSForm: the spreadsheet form format of ODK, KoboToolbox, Enketo.

Sheets ``survey`` (a text question for the role, then per action field a group with a
``select_one`` per question and an optional note), ``choices`` (the scale plus „Weiß
nicht“ and „Trifft nicht zu“) and ``settings`` (title, form id, version). Names follow
core/importing/survey.py, so ``weltoffen import`` reads the survey's CSV export back.
"""

from __future__ import annotations

import io

from weltoffen_tui.core.importing import layout, survey
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.textsafe import visible

LANGUAGE = "Deutsch (de)"
LABEL = f"label::{LANGUAGE}"
HINT = f"hint::{LANGUAGE}"


def _text(text: str) -> str:
    """Pack text as a label: one line, controls visible, no ``${…}`` references."""
    return visible(" ".join(text.split())).replace("${", "$ {")


def sheets(pack: Pack) -> dict[str, list[list[str]]]:
    """The rows of each sheet (first row: column names)."""
    rows: list[list[str]] = [["type", "name", LABEL, HINT, "required"]]
    rows.append(
        [
            "text",
            survey.ROLE_NAME,
            "In welcher Rolle oder für welchen Bereich antworten Sie?",
            "Zum Beispiel „Jugendamt“, „Integrationsbeirat“ oder „Bürgerin“.",
            "no",
        ]
    )
    for number, action_field in enumerate(pack.fields, start=1):
        rows.append(
            [
                "begin_group",
                survey.group_name(action_field.id),
                _text(f"{number}. {action_field.title}"),
                _text(action_field.intro),
                "",
            ]
        )
        for index, question in enumerate(action_field.questions, start=1):
            rows.append(
                [
                    f"select_one {survey.CHOICE_LIST}",
                    survey.question_name(question.id),
                    _text(f"{number}.{index} {question.text}"),
                    _text(question.help),
                    "no",
                ]
            )
            rows.append(
                [
                    "text",
                    survey.note_name(question.id),
                    "Notiz / Nachweis (freiwillig)",
                    "Worauf stützt sich Ihre Antwort?",
                    "no",
                ]
            )
        rows.append(["end_group", "", "", "", ""])
    choices = [["list_name", "name", LABEL]]
    choices += [
        [survey.CHOICE_LIST, str(value), _text(text)] for text, value in layout.choices(pack)
    ]
    settings = [
        ["form_title", "form_id", "version", "default_language"],
        [_text(pack.meta.title), survey.xml_name(f"weltoffen_{pack.id}"), pack.version, LANGUAGE],
    ]
    return {"survey": rows, "choices": choices, "settings": settings}


def xlsform_bytes(pack: Pack) -> bytes:
    """The XLSForm as an xlsx file (openpyxl imported only here)."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, rows in sheets(pack).items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for column, width in zip("ABCDE", (22, 18, 60, 60, 10), strict=False):
            sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
