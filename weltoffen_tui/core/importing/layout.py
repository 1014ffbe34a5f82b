"""The layout of the questionnaire workbook, shared by its writer and its reader.

One sheet per action field (named by its short name), a cover sheet and a hidden sheet
with the pack id, version and a checksum of the structure. Keeping the positions here
means the writer (render/workbook.py) and the importer cannot drift apart. The rules for
questions by kind of municipality, shared by the workbook, the XLSForm and the import,
are here too (at the end).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from weltoffen_tui.core.applicability import (
    Municipality,
    applies_to_kind,
    kind_phrase,
)
from weltoffen_tui.core.labels import NOT_APPLICABLE_LABEL, UNKNOWN_LABEL
from weltoffen_tui.core.pack.models import ActionField, Group, Pack, Question
from weltoffen_tui.core.values import NOT_APPLICABLE, UNKNOWN

MARKER = "weltoffen-tui-fragebogen"
LAYOUT_VERSION = "1"
COVER_SHEET = "Anleitung"
INFO_SHEET = "_kennung"
# Cover sheet: the cell where a department writes whose view the answers are.
PERSPECTIVE_LABEL_CELL = "A5"
PERSPECTIVE_CELL = "B5"
PERSPECTIVE_ROW, PERSPECTIVE_COLUMN = 5, 2
# Field sheets: header in HEADER_ROW, one question per row from FIRST_ROW on.
TITLE_ROW = 1
HEADER_ROW = 3
FIRST_ROW = 4
COLUMNS = ("Kennung", "Nr.", "Unterthema", "Frage", "Antwort", "Notiz / Nachweis", "Erläuterung")
ID_COLUMN = 1  # A, hidden
NUMBER_COLUMN = 2  # B
GROUP_COLUMN = 3  # C
QUESTION_COLUMN = 4  # D
ANSWER_COLUMN = 5  # E
NOTE_COLUMN = 6  # F
HELP_COLUMN = 7  # G
# Only in a workbook for no particular kind of municipality, when some questions are
# limited to some kinds: for which kinds each question applies (not read on import).
APPLIES_COLUMN = 8  # H
APPLIES_HEADING = "Gilt für"
# Hidden sheet: key/value rows, then the sheet list and the answer choices.
INFO_KEYS = ("marker", "layout", "pack", "version", "checksum")
# After INFO_KEYS, only in a workbook made for a known municipality: its kind and, for a
# Stadt, whether it is kreisfrei ("ja", "nein" or empty). Not part of the checksum:
# the rows of the sheets are the same for every kind.
KIND_KEY = "art"
KREISFREI_KEY = "kreisfrei"
CHOICES_COLUMN = 4  # D: the drop-down list, one label per row
SHEET_NAME_MAX = 31
_FORBIDDEN_IN_SHEET_NAMES = set("[]:*?/\\")


def column_letter(column: int) -> str:
    """``1`` → ``A`` … (enough for the few columns used here)."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    """``(7, 5)`` → ``E7``."""
    return f"{column_letter(column)}{row}"


def sheet_titles(pack: Pack) -> list[str]:
    """One valid, unique sheet name per field: its short name, at most 31 characters."""
    titles: list[str] = []
    taken = {COVER_SHEET.lower(), INFO_SHEET.lower()}
    for action_field in pack.fields:
        base = "".join(
            " " if c in _FORBIDDEN_IN_SHEET_NAMES else c for c in action_field.short_name
        )
        base = " ".join(base.split()).strip("'") or action_field.id
        base = base[:SHEET_NAME_MAX].rstrip()
        title, counter = base, 2
        while title.lower() in taken:
            suffix = f" ({counter})"
            title = base[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
            counter += 1
        taken.add(title.lower())
        titles.append(title)
    return titles


def checksum(pack: Pack) -> str:
    """A short fingerprint of what the workbook's structure depends on.

    Pack id and version, each field id with its sheet name and question ids in order,
    and the answer choices: a workbook made for another structure is refused.
    """
    parts = [MARKER, LAYOUT_VERSION, pack.id, pack.version]
    for title, action_field in zip(sheet_titles(pack), pack.fields, strict=True):
        parts.append(f"{action_field.id}={title}:" + ",".join(q.id for q in action_field.questions))
    parts.append("|".join(choice for choice, _ in choices(pack)))
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def step_label(value: int, label: str) -> str:
    """The drop-down text of a graded step: ``3 – Weitgehend umgesetzt``."""
    return f"{value} – {label}"


def choices(pack: Pack) -> list[tuple[str, int | str]]:
    """The drop-down texts with the value each stands for, in scale order."""
    listed: list[tuple[str, int | str]] = [
        (step_label(step.value, step.label), step.value) for step in pack.meta.scale
    ]
    listed += [(UNKNOWN_LABEL, UNKNOWN), (NOT_APPLICABLE_LABEL, NOT_APPLICABLE)]
    return listed


def _norm(text: str) -> str:
    text = " ".join(text.replace("–", "-").replace("—", "-").split()).casefold()
    return text.replace("ß", "ss")


@dataclass(frozen=True)
class Reader:
    """Turns what a person put in an answer cell into an answer value."""

    by_text: dict[str, int | str]
    allowed: tuple[str, ...]

    @classmethod
    def of(cls, pack: Pack) -> Reader:
        by_text: dict[str, int | str] = {}
        for text, value in choices(pack):
            by_text[_norm(text)] = value
            by_text[_norm(str(value))] = value  # 3, weiss_nicht: as in files and surveys
        for step in pack.meta.scale:
            by_text.setdefault(_norm(step.label), step.value)  # the label alone
            by_text.setdefault(_norm(f"{step.value} - {step.label}"), step.value)
        by_text.setdefault(_norm("weiss nicht"), UNKNOWN)
        by_text.setdefault(_norm("trifft nicht zu"), NOT_APPLICABLE)
        return cls(by_text, tuple(text for text, _ in choices(pack)))

    def value(self, raw: object) -> int | str | None:
        """The answer value, None for an empty cell; KeyError for anything else."""
        if raw is None:
            return None
        if isinstance(raw, bool):
            raise KeyError(raw)
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        text = str(raw)
        if not text.strip():
            return None
        return self.by_text[_norm(text)]

    def allowed_text(self) -> str:
        """``„1 – Gibt es nicht“, … oder „Trifft nicht zu“`` for messages."""
        quoted = [f"„{text}“" for text in self.allowed]
        return ", ".join(quoted[:-1]) + f" oder {quoted[-1]}"


# ----------------------------------------------------------------------- kinds of municipality
# Questions by kind (``applies_to``): a workbook for a known municipality marks what does
# not apply („entfällt für …“, the rows stay the same), a blank one names the kinds; the
# XLSForm and the import follow the same rule (core/applicability.py).


# Every kind of municipality a question can be limited to, as a reader names it.
VARIANTS: tuple[tuple[str, str, bool | None], ...] = (
    ("kreisfreie Stadt", "Stadt", True),
    ("kreisangehörige Stadt", "Stadt", False),
    ("Gemeinde", "Gemeinde", None),
    ("Landkreis", "Landkreis", None),
)


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


def worth_a_note(value: int | str | None, note: str) -> bool:
    """A dropped „Trifft nicht zu“ without a note says what the program knows already."""
    return not (value == NOT_APPLICABLE and not note)
