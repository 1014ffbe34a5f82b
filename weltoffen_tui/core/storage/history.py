"""Undo for answers and notes: what a question held before each change.

Why: a digit pressed by habit can overwrite an agreed answer, in front of a room. Every
change the user makes to answers is recorded as one step (one key, or one command that
changes many questions at once, such as taking every unanimous answer in a workshop);
``undo`` hands back the latest step and ``restore`` puts the questions back as they were.

Pure: no files and no screen. The caller saves after restoring (the edit session does).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from weltoffen_tui.core.assessment import Answer, Assessment

MAX_STEPS = 500  # far more than a workshop day; the oldest steps are forgotten first


@dataclass(frozen=True)
class Change:
    """One question's answer before and after a change (None: there was no entry)."""

    field_id: str
    question_id: str
    before: Answer | None
    after: Answer | None


@dataclass(frozen=True)
class Step:
    """What one user action changed; undone as a whole."""

    changes: tuple[Change, ...]

    @property
    def first(self) -> Change:
        return self.changes[0]


def snapshot(assessment: Assessment, field_id: str, question_id: str) -> Answer | None:
    """A copy of a question's stored answer, safe to keep while the answer changes."""
    answer = assessment.answer(field_id, question_id)
    return answer.model_copy(deep=True) if answer is not None else None


def _same(a: Answer | None, b: Answer | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.model_dump() == b.model_dump()


class History:
    """The steps that can be undone, newest last (at most ``limit``)."""

    def __init__(self, limit: int = MAX_STEPS) -> None:
        self.limit = limit
        self._steps: list[Step] = []

    def __len__(self) -> int:
        return len(self._steps)

    @property
    def can_undo(self) -> bool:
        return bool(self._steps)

    def record(self, changes: Sequence[Change]) -> Step | None:
        """Remember one step; changes that changed nothing are left out (None if all)."""
        kept = tuple(c for c in changes if not _same(c.before, c.after))
        if not kept:
            return None
        step = Step(kept)
        self._steps.append(step)
        del self._steps[: max(0, len(self._steps) - self.limit)]
        return step

    def undo(self) -> Step | None:
        """The latest step, taken off the history (None if there is nothing to undo)."""
        return self._steps.pop() if self._steps else None


def restore(assessment: Assessment, step: Step) -> None:
    """Put every question of ``step`` back to its answer before the step."""
    for change in reversed(step.changes):
        by_question = assessment.answers.setdefault(change.field_id, {})
        if change.before is None:
            by_question.pop(change.question_id, None)
            if not by_question:
                del assessment.answers[change.field_id]
        else:
            by_question[change.question_id] = change.before.model_copy(deep=True)
