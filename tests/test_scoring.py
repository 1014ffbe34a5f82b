"""Scoring: field scores, coverage, gaps, levels, strengths and priorities."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import make_assessment
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.scoring import evaluate, field_score, score_field
from weltoffen_tui.core.values import ANSWER_VALUES, NOT_APPLICABLE, UNKNOWN


def test_field_score_is_mean_points_relative_to_max() -> None:
    assert field_score([0, 3], 3) == 50.0
    assert field_score([3, 3, 3], 3) == 100.0
    assert field_score([], 3) is None


def test_not_applicable_and_unknown_do_not_count_in_score(mini_pack: Pack) -> None:
    a = make_assessment(mini_pack)
    a.set_answer("alpha", "al-01", 4)
    a.set_answer("alpha", "al-02", NOT_APPLICABLE)
    a.set_answer("alpha", "al-03", UNKNOWN)
    result = score_field(mini_pack, mini_pack.fields[0], a.answers["alpha"])
    assert result.score == 100.0
    assert result.answered == 3
    assert result.graded == 1
    assert result.not_applicable == 1
    assert result.unknown == ("al-03",)
    assert result.coverage == 1.0
    assert result.level is not None and result.level.id == "verankert"


def test_levels_follow_thresholds(mini_pack: Pack) -> None:
    expectations = {1: "einstieg", 2: "aufbau", 3: "fortgeschritten", 4: "verankert"}
    for value, level in expectations.items():
        a = make_assessment(mini_pack)
        for q in mini_pack.fields[0].questions:
            a.set_answer("alpha", q.id, value)
        result = score_field(mini_pack, mini_pack.fields[0], a.answers["alpha"])
        assert result.level is not None
        assert result.level.id == level, (value, result.score)


def test_unanswered_field_has_no_score_and_no_recommendation(mini_pack: Pack) -> None:
    profile = evaluate(mini_pack, make_assessment(mini_pack))
    assert all(r.score is None and r.level is None for r in profile.fields)
    assert all(not r.recommendations for r in profile.fields)
    assert profile.score is None
    assert profile.priorities == () and profile.strengths == ()
    assert profile.coverage == 0.0


def test_recommendations_for_low_and_unknown_answers(mini_pack: Pack) -> None:
    a = make_assessment(mini_pack)
    a.set_answer("alpha", "al-01", 1)
    a.set_answer("alpha", "al-02", UNKNOWN)
    a.set_answer("alpha", "al-03", 3)
    result = evaluate(mini_pack, a).result("alpha")
    assert result is not None
    ids = [r.id for r in result.recommendations]
    assert ids == ["alpha.aufbau", "al-01.low", "al-02.unknown"]


def test_priorities_and_strengths(mini_pack: Pack) -> None:
    a = make_assessment(mini_pack)
    for q in mini_pack.fields[0].questions:
        a.set_answer("alpha", q.id, 1)
    for q in mini_pack.fields[1].questions:
        a.set_answer("beta", q.id, 4)
    profile = evaluate(mini_pack, a)
    assert [r.field.id for r in profile.priorities] == ["alpha"]
    assert [r.field.id for r in profile.strengths] == ["beta"]
    assert profile.score == 50.0


def test_priority_when_everything_is_strong_but_not_top(mini_pack: Pack) -> None:
    a = make_assessment(mini_pack)
    for f in mini_pack.fields:
        for q in f.questions:
            a.set_answer(f.id, q.id, 3)
    a.set_answer("beta", "be-01", 4)
    profile = evaluate(mini_pack, a)
    assert [r.field.id for r in profile.priorities] == ["alpha"]
    assert [r.field.id for r in profile.strengths] == ["beta"]


def test_orphan_answers_are_reported(mini_pack: Pack) -> None:
    a = make_assessment(mini_pack)
    a.set_answer("alpha", "al-99", 2, note="alte Frage")
    a.set_answer("gamma", "ga-01", 3)
    profile = evaluate(mini_pack, a)
    assert {(o.field_id, o.question_id) for o in profile.orphans} == {
        ("alpha", "al-99"),
        ("gamma", "ga-01"),
    }


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_scores_stay_within_bounds(mini_pack: Pack, data: st.DataObject) -> None:
    a = make_assessment(mini_pack)
    for f in mini_pack.fields:
        for q in f.questions:
            value = data.draw(st.sampled_from((None, *ANSWER_VALUES)))
            if value is not None:
                a.set_answer(f.id, q.id, value)
    profile = evaluate(mini_pack, a)
    for r in profile.fields:
        assert 0 <= r.answered <= r.total
        assert 0.0 <= r.coverage <= 1.0
        if r.score is not None:
            assert 0.0 <= r.score <= 100.0
            assert r.level is not None
        else:
            assert r.graded == 0
    if profile.score is not None:
        assert 0.0 <= profile.score <= 100.0
    assert not set(id(r) for r in profile.strengths) & set(id(r) for r in profile.priorities)
