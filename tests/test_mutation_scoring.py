"""Tests that kill the mutants mutmut makes of core/scoring.py (scripts/mutation.sh).

Each test pins one rule of the scoring at its edge: a boundary score, an open question
before an answered one, two "trifft nicht zu", a scale value the pack does not grade.
"""

from __future__ import annotations

from dataclasses import replace

from weltoffen_tui.core.assessment import Assessment
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.scoring import OrphanAnswer, evaluate, field_score, score_field
from weltoffen_tui.core.storage.opening import open_assessment
from weltoffen_tui.core.values import NOT_APPLICABLE, UNKNOWN
from weltoffen_tui.paths import sample_path

from .conftest import make_assessment

# mini pack: scale values 1–4 give 0–3 points; levels from 0, 25, 50 and 75;
# field alpha has al-01…al-03, field beta be-01…be-04.


def answered(pack: Pack, **fields: dict[str, int | str]) -> Assessment:
    assessment = make_assessment(pack)
    for field_id, answers in fields.items():
        for question_id, value in answers.items():
            assessment.set_answer(field_id, question_id, value)
    return assessment


def test_field_score_needs_a_positive_maximum() -> None:
    assert field_score([1, 2], 0) is None
    assert field_score([1], 1) == 100.0
    assert field_score([1, 1], 2) == 50.0


def test_open_questions_before_and_after_answers(mini_pack: Pack) -> None:
    a = answered(mini_pack, alpha={"al-02": 4})
    result = score_field(mini_pack, mini_pack.fields[0], a.answers["alpha"])
    assert result.open == ("al-01", "al-03")
    assert result.answered == 1 and result.graded == 1 and result.score == 100.0
    assert result.low == () and result.unknown == ()
    assert result.total == 3


def test_every_not_applicable_is_counted(mini_pack: Pack) -> None:
    a = answered(mini_pack, beta={"be-01": NOT_APPLICABLE, "be-02": NOT_APPLICABLE, "be-03": 1})
    result = score_field(mini_pack, mini_pack.fields[1], a.answers["beta"])
    assert result.not_applicable == 2
    assert result.low == ("be-03",)
    assert result.score == 0.0 and result.graded == 1


def test_a_value_the_scale_does_not_grade_counts_zero_points(mini_pack: Pack) -> None:
    scale = tuple(step for step in mini_pack.meta.scale if step.value != 3)
    pack = replace(mini_pack, meta=mini_pack.meta.model_copy(update={"scale": scale}))
    a = answered(pack, alpha={"al-01": 3, "al-02": 4})
    result = score_field(pack, pack.fields[0], a.answers["alpha"])
    assert result.graded == 2
    assert result.score == 50.0  # (0 + 3) / (2 × 3)


def test_a_field_exactly_at_the_third_level_is_a_strength_not_a_priority(
    mini_pack: Pack,
) -> None:
    a = answered(mini_pack, alpha={"al-01": 2, "al-02": 3}, beta={"be-01": 2, "be-02": 2})
    profile = evaluate(mini_pack, a)
    alpha, beta = profile.fields
    assert alpha.score == 50.0 and beta.score is not None and beta.score < 50
    assert [r.field.id for r in profile.priorities] == ["beta"]
    assert [r.field.id for r in profile.strengths] == ["alpha"]


def test_without_priorities_only_the_lowest_field_below_the_top_level(mini_pack: Pack) -> None:
    a = answered(mini_pack, alpha={"al-01": 2, "al-02": 3}, beta={"be-01": 3, "be-02": 3})
    profile = evaluate(mini_pack, a)
    assert [r.score for r in profile.fields] == [50.0, 200 / 3]
    assert [r.field.id for r in profile.priorities] == ["alpha"]
    assert [r.field.id for r in profile.strengths] == ["beta"]


def test_a_field_exactly_at_the_top_level_is_no_priority(mini_pack: Pack) -> None:
    at_top = answered(
        mini_pack,
        alpha={"al-01": 4, "al-02": 3, "al-03": 3},  # (3 + 2 + 2) / 9 = 77.8
        beta={"be-01": 4, "be-02": 4, "be-03": 4, "be-04": 1},  # (3 + 3 + 3 + 0) / 12 = 75
    )
    profile = evaluate(mini_pack, at_top)
    assert profile.fields[1].score == 75.0 and profile.fields[0].score is not None
    assert profile.fields[0].score > 75
    assert profile.priorities == ()
    assert [r.field.id for r in profile.strengths] == ["alpha", "beta"]


def test_the_sample_profile(shipped_pack: Pack) -> None:
    assessment, pack = open_assessment(sample_path())
    profile = evaluate(pack, assessment)
    assert profile.orphans == ()
    assert profile.level is not None and profile.score is not None
    assert profile.level == pack.level_for(profile.score)
    assert len(profile.priorities) == 3
    scores = [r.score for r in profile.priorities]
    assert scores == sorted(scores)  # type: ignore[type-var]
    strong_min = pack.meta.levels[2].min
    assert all(r.score is not None and r.score < strong_min for r in profile.priorities)


def test_orphans_are_the_answers_the_pack_does_not_know(mini_pack: Pack) -> None:
    a = answered(mini_pack, alpha={"al-01": 2, "al-99": 3}, gamma={"ga-01": 1})
    profile = evaluate(mini_pack, a)
    assert profile.orphans == (
        OrphanAnswer("alpha", "al-99", a.answers["alpha"]["al-99"]),
        OrphanAnswer("gamma", "ga-01", a.answers["gamma"]["ga-01"]),
    )


def test_unknown_answers_are_gaps_with_their_recommendation(mini_pack: Pack) -> None:
    a = answered(mini_pack, alpha={"al-01": UNKNOWN, "al-02": 1})
    result = score_field(mini_pack, mini_pack.fields[0], a.answers["alpha"])
    assert result.unknown == ("al-01",) and result.low == ("al-02",)
    ids = [r.id for r in result.recommendations]
    assert ids[-2:] == ["al-01.unknown", "al-02.low"]
