"""Scoring: answers in, assessment per field and overall profile out.

Pure functions over a pack and an assessment; nothing here reads files or prints.

- Field score (0–100): the mean of the graded answers' points, relative to the
  scale's highest points. "Weiß nicht", "trifft nicht zu" and open questions do not
  count. A field without any graded answer has no score and no level.
- Coverage: the share of the field's questions that carry any answer.
- Knowledge gaps: the questions answered "weiß nicht".
- Maturity level: the pack's level whose threshold the score reaches.
- Priorities: up to three lowest-scoring fields below the third level; if there
  are none, the lowest-scoring field below the top level.
- Strengths: up to three highest-scoring fields from the third level up that are
  not priorities.
- Applicability: questions that do not apply to the kind of municipality
  (``core/applicability``) are left out of every count; ``skipped`` says how many.
- Low answers: the lower half of the pack's graded steps (1 and 2 of four).
- Preliminary (*vorläufig*): a figure that rests on less than half the answers –
  of its field, or of the whole questionnaire for the overall figures (score,
  strengths, priorities). Exactly half is not preliminary (``is_preliminary``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from weltoffen_tui.core.applicability import applicable_questions
from weltoffen_tui.core.assessment import Answer, Assessment
from weltoffen_tui.core.pack.models import ActionField, Level, Pack, RecommendationRef
from weltoffen_tui.core.values import NOT_APPLICABLE, UNKNOWN

LOW_VALUES = (1, 2)  # of the shipped four-step scale; see Pack.low_values
STRONG_LEVEL_INDEX = 2  # of four levels; see strong_level_index
MAX_LISTED = 3


def strong_level_index(level_count: int) -> int:
    """The first level that counts as a strength: the upper half (the third of four)."""
    return max(1, (level_count + 1) // 2)


def is_preliminary(answered: int, total: int) -> bool:
    """Whether a figure from ``answered`` of ``total`` questions is only a first hint.

    The one rule for *vorläufig*: less than half the answers. Exactly half is not
    preliminary; a figure without any question (``total`` 0) is.
    """
    return total <= 0 or 2 * answered < total


@dataclass(frozen=True)
class FieldResult:
    """The assessment (*Einschätzung*) of one action field."""

    field: ActionField
    total: int
    answered: int
    graded: int
    not_applicable: int
    unknown: tuple[str, ...]
    low: tuple[str, ...]
    open: tuple[str, ...]
    score: float | None
    level: Level | None
    recommendations: tuple[RecommendationRef, ...]
    # Questions of the field that do not apply to this municipality (not counted).
    skipped: int = 0

    @property
    def coverage(self) -> float:
        """Share of questions answered, 0.0–1.0."""
        return self.answered / self.total if self.total else 0.0

    @property
    def is_preliminary(self) -> bool:
        """Less than half the questions answered: the level is only a first hint."""
        return is_preliminary(self.answered, self.total)


@dataclass(frozen=True)
class OrphanAnswer:
    """An answer to a question id the pack does not know (kept, never dropped)."""

    field_id: str
    question_id: str
    answer: Answer


@dataclass(frozen=True)
class Profile:
    """The overall result of an assessment."""

    fields: tuple[FieldResult, ...]
    score: float | None
    level: Level | None
    strengths: tuple[FieldResult, ...]
    priorities: tuple[FieldResult, ...]
    orphans: tuple[OrphanAnswer, ...] = field(default=())
    # The municipality the questions were chosen for (see core/applicability.py).
    kind: str | None = None
    kreisfrei: bool | None = None

    @property
    def answered(self) -> int:
        return sum(r.answered for r in self.fields)

    @property
    def total(self) -> int:
        return sum(r.total for r in self.fields)

    @property
    def skipped(self) -> int:
        """Questions that do not apply to this municipality (left out of every count)."""
        return sum(r.skipped for r in self.fields)

    @property
    def coverage(self) -> float:
        return self.answered / self.total if self.total else 0.0

    @property
    def is_preliminary(self) -> bool:
        """Less than half of all questions answered: overall figures are a first hint."""
        return is_preliminary(self.answered, self.total)

    @property
    def knowledge_gaps(self) -> tuple[tuple[FieldResult, str], ...]:
        """Every question answered "weiß nicht", with its field."""
        return tuple((r, qid) for r in self.fields for qid in r.unknown)

    def result(self, field_id: str) -> FieldResult | None:
        for result in self.fields:
            if result.field.id == field_id:
                return result
        return None


def field_score(points: list[int], max_points: int) -> float | None:
    """Mean points as a score 0–100, or None without graded answers."""
    if not points or max_points <= 0:
        return None
    return 100.0 * sum(points) / (len(points) * max_points)


def score_field(
    pack: Pack,
    action_field: ActionField,
    answers: Mapping[str, Answer],
    assessment: Assessment | None = None,
) -> FieldResult:
    """Assess one field from its answers (keyed by question id).

    With ``assessment``, only the questions that apply to its municipality count.
    """
    questions = applicable_questions(action_field, assessment)
    # One pass in question order, with the points and the low steps looked up in sets
    # and maps: a comparison of a thousand files scores seven thousand fields.
    points_of = pack.points_by_value
    low_values = pack.low_value_set
    recommendations = pack.recommendations
    points: list[int] = []
    unknown: list[str] = []
    low: list[str] = []
    open_questions: list[str] = []
    question_recs: list[RecommendationRef] = []
    not_applicable = 0
    answered = 0
    for question in questions:
        answer = answers.get(question.id)
        value = answer.value if answer else None
        if value is None:
            open_questions.append(question.id)
            continue
        answered += 1
        if value == UNKNOWN:
            unknown.append(question.id)
            ref = recommendations.get(f"{question.id}.unknown")
        elif value == NOT_APPLICABLE:
            not_applicable += 1
            continue
        else:
            points.append(points_of.get(int(value), 0))
            if value not in low_values:
                continue
            low.append(question.id)
            ref = recommendations.get(f"{question.id}.low")
        if ref is not None:  # per-question recommendations are optional
            question_recs.append(ref)
    score = field_score(points, pack.max_points)
    level = pack.level_for(score) if score is not None else None
    recs: list[RecommendationRef] = []
    if level is not None:
        level_ref = recommendations.get(f"{action_field.id}.{level.id}")
        if level_ref:
            recs.append(level_ref)
    recs.extend(question_recs)
    return FieldResult(
        field=action_field,
        total=len(questions),
        answered=answered,
        graded=len(points),
        not_applicable=not_applicable,
        unknown=tuple(unknown),
        low=tuple(low),
        open=tuple(open_questions),
        score=score,
        level=level,
        recommendations=tuple(recs),
        skipped=len(action_field.questions) - len(questions),
    )


def find_orphans(pack: Pack, assessment: Assessment) -> tuple[OrphanAnswer, ...]:
    """Answers stored under field or question ids that the pack does not have."""
    orphans = []
    for field_id, by_question in assessment.answers.items():
        action_field = pack.field(field_id)
        known = {q.id for q in action_field.questions} if action_field else set()
        for question_id, answer in by_question.items():
            if question_id not in known:
                orphans.append(OrphanAnswer(field_id, question_id, answer))
    return tuple(orphans)


def evaluate(pack: Pack, assessment: Assessment) -> Profile:
    """The profile of an assessment: every field, overall score, strengths, priorities."""
    results = tuple(
        score_field(pack, f, assessment.answers.get(f.id, {}), assessment) for f in pack.fields
    )
    order = {f.id: index for index, f in enumerate(pack.fields)}
    scored = [r for r in results if r.score is not None]
    overall = sum(r.score for r in scored) / len(scored) if scored else None  # type: ignore[misc]
    ascending = sorted(scored, key=lambda r: (r.score, order[r.field.id]))
    strong_min = pack.meta.levels[strong_level_index(len(pack.meta.levels))].min
    top_min = pack.meta.levels[-1].min
    priorities = [r for r in ascending if r.score < strong_min][:MAX_LISTED]  # type: ignore[operator]
    if not priorities:
        priorities = [r for r in ascending if r.score < top_min][:1]  # type: ignore[operator]
    priority_ids = {r.field.id for r in priorities}
    strengths = [
        r
        for r in reversed(ascending)
        if r.score >= strong_min and r.field.id not in priority_ids  # type: ignore[operator]
    ][:MAX_LISTED]
    return Profile(
        fields=results,
        score=overall,
        level=pack.level_for(overall) if overall is not None else None,
        strengths=tuple(strengths),
        priorities=tuple(priorities),
        orphans=find_orphans(pack, assessment),
        kind=assessment.kind,
        kreisfrei=assessment.kreisfrei,
    )
