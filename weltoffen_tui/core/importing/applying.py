"""Questions by kind of municipality in the workbook, the XLSForm and the import.

A workbook or survey made for a known municipality marks or leaves out what does not
apply; a blank one says for which kinds each limited question applies. On import an
answer to a question that does not apply to the municipality is not stored: the user
gets one note per question naming the file and where the answer stands (sheet and
cell, or CSV lines and column), and the import goes on.
"""

from __future__ import annotations

from collections.abc import Sequence

from weltoffen_tui.core.applicability import applies_to_kind, kind_phrase
from weltoffen_tui.core.pack.models import ActionField, Group, Pack, Question
from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.core.values import NOT_APPLICABLE

Municipality = tuple[str, bool | None]  # (kind, kreisfrei), as in render/questionnaire.py

# Every kind of municipality a question can be limited to, as a reader names it.
VARIANTS: tuple[tuple[str, str, bool | None], ...] = (
    ("kreisfreie Stadt", "Stadt", True),
    ("kreisangehörige Stadt", "Stadt", False),
    ("Gemeinde", "Gemeinde", None),
    ("Landkreis", "Landkreis", None),
)
LINES_SHOWN = 5


def municipality_of(choice: str | None) -> Municipality | None:
    """``--art`` as (kind, kreisfrei): „kreisfreie Stadt“ is ("Stadt", True)."""
    if not choice:
        return None
    return {
        "kreisfreie Stadt": ("Stadt", True),
        "kreisangehörige Stadt": ("Stadt", False),
        "kreisangehörige Gemeinde": ("Gemeinde", None),
    }.get(choice, (choice, None))


def group_of(action_field: ActionField, question: Question) -> Group | None:
    for group in action_field.groups:
        if group.id == question.group:
            return group
    return None


def applies(action_field: ActionField, question: Question, where: Municipality | None) -> bool:
    """Whether a question applies to the municipality (every question without one)."""
    if where is None:
        return True
    return applies_to_kind(question, group_of(action_field, question), where[0], where[1])


def limited(action_field: ActionField, question: Question) -> bool:
    """Whether the question (or its sub-topic) is limited to some kinds."""
    group = group_of(action_field, question)
    return bool(question.applies_to) or bool(group is not None and group.applies_to)


def kinds_text(action_field: ActionField, question: Question) -> str:
    """For which kinds a question applies: „alle“ or „Landkreis, Stadt (kreisfrei)“."""
    names = [
        name
        for name, kind, kreisfrei in VARIANTS
        if applies(action_field, question, (kind, kreisfrei))
    ]
    if len(names) == len(VARIANTS):
        return "alle"
    if "kreisfreie Stadt" in names and "kreisangehörige Stadt" in names:
        names = ["Stadt", *(n for n in names if not n.endswith(" Stadt"))]
    return ", ".join(names) if names else "keine"


def any_limited(pack: Pack) -> bool:
    return any(limited(f, q) for f, q in pack.iter_questions())


def not_applying_text(where: Municipality) -> str:
    """What a workbook's answer cell says for a question that does not apply."""
    return f"entfällt {kind_phrase(*where)}"


def is_not_applying_text(raw: object) -> bool:
    """Whether a cell holds the „entfällt für …“ mark (read as an empty answer)."""
    return isinstance(raw, str) and raw.strip().casefold().startswith("entfällt")


def _lines(lines: Sequence[int]) -> str:
    shown = [str(n) for n in lines[:LINES_SHOWN]]
    more = len(lines) - len(shown)
    if len(lines) == 1:
        return f"Zeile {shown[0]}"
    if more:
        return f"Zeilen {', '.join(shown)} und {more} weitere"
    return f"Zeilen {', '.join(shown[:-1])} und {shown[-1]}"


def workbook_note(
    file_name: str, sheet: str, cell: str, question_id: str, where: Municipality
) -> str:
    """The note for a dropped workbook answer: file, sheet, cell, why, what happens."""
    return (
        f"{visible(file_name)}, Blatt „{visible(sheet)}“, Zelle {cell}: Frage {question_id} gilt "
        f"{kind_phrase(*where)} nicht – die Antwort wird nicht übernommen."
    )


def survey_note(
    file_name: str, column: str, lines: Sequence[int], question_id: str, where: Municipality
) -> str:
    """The note for dropped survey answers of one question: file, column, lines."""
    plural = len(lines) != 1
    return (
        f"{visible(file_name)}, Spalte „{visible(column)}“, {_lines(lines)}: Frage {question_id} "
        f"gilt {kind_phrase(*where)} nicht – "
        + ("diese Antworten werden" if plural else "die Antwort wird")
        + " nicht übernommen."
    )


def worth_a_note(value: int | str | None, note: str) -> bool:
    """A dropped „Trifft nicht zu“ without a note says what the program knows already."""
    return not (value == NOT_APPLICABLE and not note)
