"""Which questions apply to a municipality: ``applies_to`` of questions and sub-topics.

The kinds stay ``Stadt``, ``Gemeinde`` and ``Landkreis`` (``Assessment.kind``); for a
Stadt, ``Assessment.kreisfrei`` says whether it is kreisfrei (True), kreisangehörig
(False) or not stated (None: then nothing that applies to any Stadt is hidden). A
Gemeinde is always kreisangehörig, so "Gemeinde" and "kreisangehörige Gemeinde" mean
the same. An empty ``applies_to`` means every kind. A question in a sub-topic applies
when both the sub-topic and the question allow the municipality.

Pure functions, no imports beyond the models' types: the listing's light path uses
``matches`` on raw TOML values too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weltoffen_tui.core.assessment import Assessment
    from weltoffen_tui.core.pack.models import ActionField, Group, Pack, Question

_STADT_ANY = frozenset({"Stadt", "kreisfreie Stadt", "kreisangehörige Stadt"})


# A municipality as the questions are chosen for it: (kind, kreisfrei).
Municipality = tuple[str, bool | None]


def municipality_of(choice: str | None) -> Municipality | None:
    """``--art`` as (kind, kreisfrei): „kreisfreie Stadt“ is ("Stadt", True)."""
    if not choice:
        return None
    return {
        "kreisfreie Stadt": ("Stadt", True),
        "kreisangehörige Stadt": ("Stadt", False),
        "kreisangehörige Gemeinde": ("Gemeinde", None),
    }.get(choice, (choice, None))


def tags(kind: str, kreisfrei: bool | None = None) -> frozenset[str]:
    """The ``applies_to`` values that name this municipality."""
    if kind == "Landkreis":
        return frozenset({"Landkreis"})
    if kind == "Gemeinde":
        return frozenset({"Gemeinde", "kreisangehörige Gemeinde"})
    if kind == "Stadt":
        if kreisfrei is True:
            return frozenset({"Stadt", "kreisfreie Stadt"})
        if kreisfrei is False:
            return frozenset({"Stadt", "kreisangehörige Stadt"})
        return _STADT_ANY
    return frozenset()


def matches(applies_to: Sequence[str], kind: str, kreisfrei: bool | None = None) -> bool:
    """Whether an ``applies_to`` list (empty: every kind) includes this municipality."""
    if not applies_to:
        return True
    return not tags(kind, kreisfrei).isdisjoint(applies_to)


def applies_to_kind(
    question: Question, group: Group | None, kind: str, kreisfrei: bool | None = None
) -> bool:
    """Whether a question (in its sub-topic, if any) applies to this kind of municipality."""
    if group is not None and not matches(group.applies_to, kind, kreisfrei):
        return False
    return matches(question.applies_to, kind, kreisfrei)


def applies(question: Question, group: Group | None, assessment: Assessment) -> bool:
    """Whether a question applies to the municipality of an assessment."""
    return applies_to_kind(question, group, assessment.kind, assessment.kreisfrei)


def _group(action_field: ActionField, question: Question) -> Group | None:
    for group in action_field.groups:
        if group.id == question.group:
            return group
    return None


# field_questions per (field object, kind, kreisfrei): scoring a thousand assessments
# asks the same seven fields again and again. Keyed by identity (a field's hash would
# hash all its questions); the field is kept in the value so its id stays its own.
_FIELD_QUESTIONS: dict[tuple[int, str, bool | None], tuple[ActionField, tuple[Question, ...]]] = {}


def field_questions(
    action_field: ActionField, kind: str, kreisfrei: bool | None = None
) -> tuple[Question, ...]:
    """The questions of a field that apply to this kind of municipality, in order.

    Pack models are frozen, so the answer for one field object never changes.
    """
    key = (id(action_field), kind, kreisfrei)
    known = _FIELD_QUESTIONS.get(key)
    if known is not None and known[0] is action_field:
        return known[1]
    questions = tuple(
        question
        for question in action_field.questions
        if applies_to_kind(question, _group(action_field, question), kind, kreisfrei)
    )
    if len(_FIELD_QUESTIONS) > 512:  # many packs loaded in one process (tests)
        _FIELD_QUESTIONS.clear()
    _FIELD_QUESTIONS[key] = (action_field, questions)
    return questions


def applicable_questions(
    action_field: ActionField, assessment: Assessment | None
) -> tuple[Question, ...]:
    """The questions of a field that apply to an assessment (all of them without one)."""
    if assessment is None:
        return action_field.questions
    return field_questions(action_field, assessment.kind, assessment.kreisfrei)


def skipped_count(pack: Pack, kind: str, kreisfrei: bool | None = None) -> int:
    """How many questions of a pack do not apply to this kind of municipality."""
    return sum(len(f.questions) - len(field_questions(f, kind, kreisfrei)) for f in pack.fields)


def kind_phrase(kind: str, kreisfrei: bool | None = None) -> str:
    """The municipality in a sentence: „für Gemeinden“, „für kreisfreie Städte“ …"""
    if kind == "Stadt":
        if kreisfrei is True:
            return "für kreisfreie Städte"
        if kreisfrei is False:
            return "für kreisangehörige Städte"
        return "für Städte"
    return {"Gemeinde": "für Gemeinden", "Landkreis": "für Landkreise"}.get(kind, "hier")


def skipped_sentence(count: int, kind: str, kreisfrei: bool | None = None) -> str:
    """„5 Fragen gelten für Gemeinden nicht und sind nicht gezählt.“ (empty for none)."""
    if count <= 0:
        return ""
    subject = "1 Frage gilt" if count == 1 else f"{count} Fragen gelten"
    counted = "ist" if count == 1 else "sind"
    return f"{subject} {kind_phrase(kind, kreisfrei)} nicht und {counted} nicht gezählt."


def kinds_label(applies_to: Iterable[str]) -> str:
    """The kinds of an ``applies_to`` list for a printed questionnaire („nur für …“)."""
    values = list(applies_to)
    return ", ".join(values)


@lru_cache(maxsize=64)
def applicable_ids(
    pack_dir: Path, kind: str, kreisfrei: bool | None = None
) -> frozenset[tuple[str, str]]:
    """The (field id, question id) of a pack's questions that apply to this municipality,
    read cheaply (``core/pack/info.outline``) for the listing."""
    from weltoffen_tui.core.pack.info import outline

    return frozenset(
        (f, q)
        for f, q, own, group in outline(pack_dir)[1]
        if matches(group, kind, kreisfrei) and matches(own, kind, kreisfrei)
    )
