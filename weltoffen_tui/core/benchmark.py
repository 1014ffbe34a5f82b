"""Benchmark: one assessment placed among others of the same questionnaire.

Pure functions: no files are read here (``core/storage/listing.py`` gathers the
others, cheaply and with the warm index); this module scores raw answers and turns
the others' scores into the figures a benchmark shows.

Definitions (the README repeats them for users):

- **Score** of a field: exactly as ``core/scoring.py`` computes it (mean points of the
  graded answers relative to the scale's highest points), but straight from the raw
  answer tables, without building pydantic models (``tally``).
- **Counted**: another assessment counts in a field only if its score there is not
  preliminary (*vorläufig*, ``core/scoring.is_preliminary``: less than half of the
  field's questions answered) – a first hint would distort the distribution. The
  overall score counts only if the whole questionnaire is not preliminary. The file
  being placed is always shown; a preliminary score of its own is marked as such.
- **N**: the number of other assessments counted in a field.
- **Quartiles**: ``statistics.quantiles(values, n=4, method="inclusive")``; the
  median is the middle one of the three (it equals ``statistics.median``).
- **Percentile** (*Perzentil*) of the file: the share of the others with a lower
  score plus half the share with the same score, times 100 (``percentile_rank``).
  50 means "in the middle"; ties count half, so equal scores never look better or
  worse than they are.
- **Small groups**: with fewer than ``MIN_GROUP`` (5) counted others, a field shows
  no median, quartiles or percentile, so no single municipality can be singled out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Final, Literal

from weltoffen_tui.core.values import ANSWER_VALUES, GRADED_VALUES

if TYPE_CHECKING:
    from weltoffen_tui.core.pack.models import Pack

MIN_GROUP = 5
QUARTILE_METHOD: Final[Literal["inclusive"]] = "inclusive"  # of statistics.quantiles
OVERALL = "gesamt"  # the id of the overall row


@dataclass(frozen=True)
class PackSpec:
    """What scoring needs of a pack, as plain data (built once from the loaded pack)."""

    pack_id: str
    version: str
    fields: tuple[tuple[str, frozenset[str]], ...]  # field id, its question ids (pack order)
    points: Mapping[int, int]  # graded value -> points
    max_points: int
    # Questions that apply only to some kinds of municipality: question id -> the
    # ``applies_to`` of its sub-topic and its own (core/applicability.py).
    limited: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)

    @cached_property
    def fingerprint(self) -> str:
        """Changes whenever a score computed with this spec could change."""
        import hashlib
        import json

        payload = json.dumps(
            [
                self.pack_id,
                [[field_id, sorted(ids)] for field_id, ids in self.fields],
                sorted(self.points.items()),
                self.max_points,
                sorted((q, [list(g), list(o)]) for q, (g, o) in self.limited.items()),
            ]
        )
        return hashlib.blake2b(payload.encode("utf-8"), digest_size=12).hexdigest()


def spec_of(pack: Pack) -> PackSpec:
    """The scoring spec of a loaded pack."""
    return PackSpec(
        pack_id=pack.id,
        version=pack.version,
        fields=tuple((f.id, frozenset(q.id for q in f.questions)) for f in pack.fields),
        points={step.value: step.points for step in pack.meta.scale},
        max_points=pack.max_points,
        limited={
            q.id: (f.group_applies_to(q.group), q.applies_to)
            for f in pack.fields
            for q in f.questions
            if q.applies_to or f.group_applies_to(q.group)
        },
    )


@dataclass(frozen=True)
class Tally:
    """The counts behind one field's score: points, graded answers, answered, questions."""

    points: int
    graded: int
    answered: int
    total: int

    @property
    def preliminary(self) -> bool:
        """As ``scoring.is_preliminary``: less than half the questions answered."""
        return self.total <= 0 or 2 * self.answered < self.total


def score_of(tally: Tally, max_points: int) -> float | None:
    """The field score exactly as ``scoring.field_score`` computes it."""
    if tally.graded == 0 or max_points <= 0:
        return None
    return 100.0 * tally.points / (tally.graded * max_points)


def tally(
    answers: Any, spec: PackSpec, kind: str = "", kreisfrei: bool | None = None
) -> tuple[Tally, ...]:
    """Per field of the spec, the counts from raw answer tables ``{field: {question: {...}}}``.

    Only questions the pack knows and that apply to the municipality count (like
    ``scoring.score_field``; without ``kind`` every question). ``answers`` must already
    be checked (values among ``ANSWER_VALUES``); anything else is ValueError.
    """
    from weltoffen_tui.core.applicability import matches

    result = []
    for field_id, every in spec.fields:
        ids = (
            frozenset(
                q
                for q in every
                if q not in spec.limited
                or all(matches(rule, kind, kreisfrei) for rule in spec.limited[q])
            )
            if kind and spec.limited
            else every
        )
        by_question = answers.get(field_id) if isinstance(answers, dict) else None
        points = graded = answered = 0
        if isinstance(by_question, dict):
            for question_id, answer in by_question.items():
                if question_id not in ids or not isinstance(answer, dict):
                    continue
                value = answer.get("value")
                if value is None:
                    continue
                if type(value) not in (int, str) or value not in ANSWER_VALUES:
                    raise ValueError(f"answer value {value!r}")
                answered += 1
                if type(value) is int and value in GRADED_VALUES:
                    graded += 1
                    points += spec.points.get(value, 0)
        result.append(Tally(points, graded, answered, len(ids)))
    return tuple(result)


def overall_score(tallies: Sequence[Tally], max_points: int) -> float | None:
    """As ``scoring.evaluate``: the mean of the field scores that exist."""
    scores = [s for s in (score_of(t, max_points) for t in tallies) if s is not None]
    return sum(scores) / len(scores) if scores else None


def overall_preliminary(tallies: Sequence[Tally]) -> bool:
    """As ``Profile.is_preliminary``: less than half of all questions answered."""
    total = sum(t.total for t in tallies)
    answered = sum(t.answered for t in tallies)
    return total <= 0 or 2 * answered < total


def counted_scores(tallies: Sequence[Tally], max_points: int) -> tuple[float | None, ...]:
    """What one other assessment contributes: per field, then overall, a score or None.

    None where it has no score or the score is preliminary (see the module doc).
    """
    fields = tuple(None if t.preliminary else score_of(t, max_points) for t in tallies)
    overall = None if overall_preliminary(tallies) else overall_score(tallies, max_points)
    return (*fields, overall)


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """(first quartile, median, third quartile), inclusive method; at least two values."""
    import statistics

    q1, median, q3 = statistics.quantiles(values, n=4, method=QUARTILE_METHOD)
    return q1, median, q3


def percentile_rank(value: float, others: Iterable[float]) -> float:
    """100 × (others below + ½ × others equal) / others; ValueError without others."""
    below = equal = count = 0
    for other in others:
        count += 1
        if other < value:
            below += 1
        elif other == value:
            equal += 1
    if count == 0:
        raise ValueError("no others")
    return 100.0 * (below + 0.5 * equal) / count


@dataclass(frozen=True)
class Other:
    """Another assessment of the pool: its kind and its counted scores (fields, overall)."""

    kind: str
    scores: tuple[float | None, ...]


@dataclass(frozen=True)
class Placement:
    """One row of the benchmark: a field (or the overall score)."""

    field_id: str  # a field id of the pack, or OVERALL
    score: float | None  # the file's own score
    preliminary: bool  # the file's own score rests on less than half the answers
    n: int  # counted others
    q1: float | None  # None when hidden (n < MIN_GROUP) or without others
    median: float | None
    q3: float | None
    percentile: float | None  # also None when the file has no score here

    @property
    def hidden(self) -> bool:
        """Too few others: no figures, so no one can be singled out."""
        return self.n < MIN_GROUP


@dataclass(frozen=True)
class Benchmark:
    """The file placed among the others (rows in pack order, then the overall row)."""

    rows: tuple[Placement, ...]
    group: int  # others in the group (after the kind filter), counted or not
    kind: str | None  # the kind filter, if any

    @property
    def fields(self) -> tuple[Placement, ...]:
        return self.rows[:-1]

    @property
    def overall(self) -> Placement:
        return self.rows[-1]

    @property
    def hidden_count(self) -> int:
        return sum(1 for row in self.rows if row.hidden)


def place(
    own: Sequence[Tally],
    others: Iterable[Other],
    spec: PackSpec,
    kind: str | None = None,
) -> Benchmark:
    """Place the file's tallies among the others (only those of ``kind`` if given)."""
    ids = [field_id for field_id, _ in spec.fields]
    columns: list[list[float]] = [[] for _ in range(len(ids) + 1)]
    group = 0
    for other in others:
        if kind is not None and other.kind != kind:
            continue
        group += 1
        for index, value in enumerate(other.scores):
            if value is not None:
                columns[index].append(value)
    own_scores = [score_of(t, spec.max_points) for t in own]
    own_scores.append(overall_score(own, spec.max_points))
    flags = [t.preliminary for t in own] + [overall_preliminary(own)]
    rows = []
    for index, field_id in enumerate([*ids, OVERALL]):
        values = columns[index]
        score = own_scores[index]
        if len(values) < MIN_GROUP:
            rows.append(
                Placement(field_id, score, flags[index], len(values), None, None, None, None)
            )
            continue
        q1, median, q3 = quartiles(values)
        rank = None if score is None else percentile_rank(score, values)
        rows.append(Placement(field_id, score, flags[index], len(values), q1, median, q3, rank))
    return Benchmark(tuple(rows), group, kind)
