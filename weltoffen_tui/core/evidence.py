"""Evidence: whether an answer is backed by a document (*belegt*) or a judgement.

Each answer may carry ``evidence`` ("belegt" | "eingeschaetzt" | None) and a
``reference`` (title, date, link or file name, as typed). The report shows per field
the share of answers backed by evidence and lists the references. Pure functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import EllipsisType
from typing import Any

from weltoffen_tui.core.assessment import Answer, Assessment, Evidence, now
from weltoffen_tui.core.pack.models import ActionField, Pack

BACKED: Evidence = "belegt"
JUDGED: Evidence = "eingeschaetzt"
EVIDENCE_LABELS: dict[str | None, str] = {
    BACKED: "belegt",
    JUDGED: "eingeschätzt",
    None: "ohne Angabe",
}
# The order ``b`` steps through on the field screen.
CYCLE: tuple[Evidence | None, ...] = (BACKED, JUDGED, None)
REFERENCE_LIMIT = 500


def evidence_label(value: str | None) -> str:
    return EVIDENCE_LABELS.get(value, str(value))


def next_evidence(current: Evidence | None) -> Evidence | None:
    """belegt → eingeschätzt → keine Angabe → belegt."""
    index = CYCLE.index(current) if current in CYCLE else len(CYCLE) - 1
    return CYCLE[(index + 1) % len(CYCLE)]


def clean_reference(text: str) -> str | None:
    """A reference as stored: one line, trimmed, at most ``REFERENCE_LIMIT``; "" is None.

    Kept as typed otherwise: every view shows control characters visibly."""
    flat = " ".join(text.split())[:REFERENCE_LIMIT]
    return flat or None


def set_evidence(
    assessment: Assessment,
    field_id: str,
    question_id: str,
    evidence: Evidence | EllipsisType | None = ...,
    reference: str | EllipsisType | None = ...,
) -> Answer:
    """Set the evidence and/or the reference of an answer (``...`` leaves it as it is)."""
    current = assessment.answer(field_id, question_id) or Answer()
    update: dict[str, Any] = {}
    if evidence is not ...:
        update["evidence"] = evidence
    if reference is not ...:
        update["reference"] = clean_reference(reference) if reference else None
    changed = Answer.model_validate({**current.model_dump(), **update})
    assessment.answers.setdefault(field_id, {})[question_id] = changed
    assessment.updated = now()
    return changed


@dataclass(frozen=True)
class FieldEvidence:
    """How one field's answers are supported."""

    field: ActionField
    answered: int  # answers with a value
    backed: int  # of those, "belegt"
    judged: int  # of those, "eingeschaetzt"
    references: tuple[tuple[str, str, str | None, str], ...]  # (qid, text, evidence, ref)

    @property
    def share(self) -> float | None:
        """Share of the answered questions backed by a document (None: nothing answered)."""
        return self.backed / self.answered if self.answered else None


def field_evidence(pack: Pack, assessment: Assessment, action_field: ActionField) -> FieldEvidence:
    answers = assessment.answers.get(action_field.id, {})
    answered = backed = judged = 0
    references: list[tuple[str, str, str | None, str]] = []
    for question in action_field.questions:
        answer = answers.get(question.id)
        if answer is None:
            continue
        if answer.is_answered:
            answered += 1
            backed += answer.evidence == BACKED
            judged += answer.evidence == JUDGED
        if answer.reference or answer.evidence == BACKED:
            references.append((question.id, question.text, answer.evidence, answer.reference or ""))
    return FieldEvidence(action_field, answered, backed, judged, tuple(references))


def evidence_profile(pack: Pack, assessment: Assessment) -> tuple[FieldEvidence, ...]:
    """Every field's evidence, in the pack's order."""
    return tuple(field_evidence(pack, assessment, f) for f in pack.fields)


def has_evidence(assessment: Assessment) -> bool:
    """Whether any answer states evidence or a reference."""
    return any(
        a.evidence is not None or a.reference
        for by_q in assessment.answers.values()
        for a in by_q.values()
    )


def format_share(share: float | None) -> str:
    """``40 %`` (narrow no-break space) or a dash."""
    return "–" if share is None else f"{round(100 * share)}\u202f%"
