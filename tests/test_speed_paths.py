"""Fast paths added for the speed figures (issue 10) give what the slow ways give."""

from __future__ import annotations

import itertools

from weltoffen_tui.core import applicability
from weltoffen_tui.core.applicability import applies_to_kind, field_questions
from weltoffen_tui.core.pack.load import load_pack
from weltoffen_tui.core.pack.models import ActionField, Question

KINDS = ("Stadt", "Gemeinde", "Landkreis")


def direct(action_field: ActionField, kind: str, kreisfrei: bool | None) -> tuple[Question, ...]:
    groups = {group.id: group for group in action_field.groups}
    return tuple(
        q
        for q in action_field.questions
        if applies_to_kind(q, groups.get(q.group or ""), kind, kreisfrei)
    )


def test_field_questions_remembered_per_field_kind_and_kreisfrei() -> None:
    pack = load_pack()
    applicability._FIELD_QUESTIONS.clear()
    for _ in range(2):  # computed, then remembered
        for action_field, kind, kreisfrei in itertools.product(
            pack.fields, KINDS, (None, True, False)
        ):
            assert field_questions(action_field, kind, kreisfrei) == direct(
                action_field, kind, kreisfrei
            )
    counts = {len(field_questions(f, k)) for f in pack.fields for k in KINDS}
    assert len(counts) > 1  # the kinds do differ in this pack, so the test can tell


def test_another_field_object_gets_its_own_questions() -> None:
    pack = load_pack()
    action_field = pack.fields[0]
    first = action_field.questions[0]
    narrowed = action_field.model_copy(
        update={"questions": (first.model_copy(update={"applies_to": ("Landkreis",)}),)}
    )
    assert field_questions(action_field, "Gemeinde")  # remembered for the original
    assert field_questions(narrowed, "Gemeinde") == ()
    assert field_questions(narrowed, "Landkreis") == narrowed.questions
