"""The quick way of reading an assessment (core/storage/plain.py) must agree with pydantic.

For every file it accepts, it must give exactly the assessment validation gives; for
every file validation refuses (or would change by coercion), it must step aside so the
user gets the full validation and its German message.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from weltoffen_tui.core.assessment import Assessment
from weltoffen_tui.core.storage import plain
from weltoffen_tui.core.storage.store import parse_assessment

SAMPLES = sorted(
    (Path(__file__).parent.parent / "questionnaires/weltoffene-kommune/samples").glob("*.toml")
)

moments = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)).map(
    lambda d: d.replace(microsecond=0)
)
aware = moments.map(lambda d: d.replace(tzinfo=timezone(timedelta(hours=1))))
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1))
text = st.text(max_size=8)
# Values of the right type most of the time, and now and then one that is not.
odd = st.one_of(
    st.booleans(),
    st.integers(-2, 9),
    st.floats(allow_nan=False),
    text,
    days,
    moments,
    st.sampled_from(["../x", "A", " ", "Dorf", "2027-01-15", "weiss nicht"]),
)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly the right type, one time in twelve anything: most files are valid but
    for one value, which is where a quick check can go wrong."""
    return st.integers(0, 11).flatmap(lambda n: odd if n == 5 else strategy)


def rarely_extra(tables: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """Now and then a key the model does not declare (kept by pydantic as an extra)."""
    extra = st.integers(0, 15).flatmap(
        lambda n: st.fixed_dictionaries({"unknown_key": odd}) if n == 5 else st.just({})
    )
    return st.tuples(tables, extra).map(lambda pair: {**pair[0], **pair[1]})


answer = rarely_extra(
    st.fixed_dictionaries(
        {},
        optional={
            "value": maybe(st.sampled_from([1, 2, 3, 4, "weiss_nicht", "trifft_nicht_zu"])),
            "note": maybe(text),
            "evidence": maybe(st.sampled_from(["belegt", "eingeschaetzt"])),
            "reference": maybe(text),
        },
    )
)
ids = st.sampled_from(["ms-01", "ms-02", "io-01"])
fields = st.sampled_from(["management-steuerung", "interkulturelle-oeffnung", "y"])
measure = st.fixed_dictionaries(
    {"id": maybe(ids), "title": maybe(st.text(min_size=0, max_size=5))},
    optional={
        "field": maybe(fields),
        "due": maybe(days),
        "status": maybe(st.sampled_from(["offen", "in Arbeit", "erledigt", "zurückgestellt"])),
        "responsible": maybe(text),
    },
)
assessment = rarely_extra(
    st.fixed_dictionaries(
        {
            "questionnaire": maybe(st.just("weltoffene-kommune")),
            "municipality": maybe(st.sampled_from(["Musterstadt", "Ort"])),
            "kind": maybe(st.sampled_from(["Stadt", "Gemeinde", "Landkreis"])),
            "created": maybe(st.one_of(moments, aware)),
            "updated": maybe(st.one_of(moments, aware)),
        },
        optional={
            "schema_version": maybe(st.just(1)),
            "questionnaire_version": maybe(text),
            "consultant": maybe(text),
            "perspective": maybe(text),
            "kreisfrei": maybe(st.booleans()),
            "session_date": maybe(days),
            "respondents": st.lists(
                st.fixed_dictionaries({"name": maybe(text)}, optional={"role": maybe(text)}),
                max_size=3,
            ),
            "answers": st.dictionaries(
                fields, st.dictionaries(ids, answer, max_size=3), max_size=3
            ),
            "measures": st.lists(measure, max_size=3),
            "sources": st.lists(
                st.fixed_dictionaries(
                    {"file": maybe(text)},
                    optional={"updated": maybe(moments), "perspective": maybe(text)},
                ),
                max_size=2,
            ),
            "targets": st.dictionaries(
                fields,
                st.fixed_dictionaries({"level": maybe(text)}, optional={"due": maybe(days)}),
                max_size=2,
            ),
        },
    )
)


def validated(data: dict[str, Any]) -> Assessment | None:
    try:
        return Assessment.model_validate(data)
    except ValidationError:
        return None


def same(a: Assessment, b: Assessment) -> bool:
    return (
        a == b
        and a.model_dump() == b.model_dump()
        and a.model_fields_set == b.model_fields_set
        and all(
            x.model_fields_set == y.model_fields_set
            for fa, fb in zip(a.answers.values(), b.answers.values(), strict=True)
            for x, y in zip(fa.values(), fb.values(), strict=True)
        )
    )


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessment)
def test_the_quick_way_agrees_with_validation(data: dict[str, Any]) -> None:
    quick = plain.plain_assessment(data)
    event("quick" if quick is not None else "validation")
    if quick is None:
        return  # the full validation decides
    full = validated(data)
    assert full is not None, "accepted what validation refuses"
    assert same(quick, full), "gave a different assessment than validation"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_sample_takes_the_quick_way_and_matches(sample: Path) -> None:
    import tomllib

    data = tomllib.loads(sample.read_text(encoding="utf-8"))
    quick = plain.plain_assessment(data)
    assert quick is not None
    full = validated(data)
    assert full is not None and same(quick, full)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"kind": "Dorf"}, None),
        ({"session_date": "2027-01-15"}, None),  # a string: validation would coerce
        ({"schema_version": 2}, None),
        ({"municipality": "  "}, None),
        ({"answers": {"f": {"q": {"value": True}}}}, None),
        ({"answers": {"f": {"q": {"value": 5}}}}, None),
        ({"answers": {"f": {"q": {"value": 1.0}}}}, None),
        ({"answers": {"f": {"q": {"value": 2, "evidence": "ja"}}}}, None),
        ({"measures": [{"id": "m", "title": "A", "due": datetime(2027, 1, 1, 0, 0)}]}, None),
        ({"measures": [{"id": "m", "title": "A", "status": "fertig"}]}, None),
        ({"targets": {"f": {"level": "aufbau", "due": "2027-06-30"}}}, None),
        ({"targets": {"f": {"level": ""}}}, None),
        ({"respondents": [{"name": ""}]}, None),
        ({"sources": [{"file": "a.toml", "updated": date(2027, 1, 1)}]}, None),
        ({"created": date(2026, 1, 1)}, None),
        (
            {"answers": {"f": {"q": {"value": 2, "evidence": "belegt", "reference": "Beschluss"}}}},
            "plain",
        ),
        ({"extra": 1}, None),
        ({"measures": [{"id": "m", "title": "A"}, {"id": "m", "title": "B"}]}, None),
        ({"kreisfrei": True}, "plain"),
        ({"targets": {"f": {"level": "aufbau", "due": date(2027, 6, 30)}}}, "plain"),
    ],
)
def test_what_steps_aside(change: dict[str, Any], expected: str | None) -> None:
    base = {
        "questionnaire": "weltoffene-kommune",
        "municipality": "Musterstadt",
        "kind": "Stadt",
        "created": datetime(2026, 1, 1, 9, 0),
        "updated": datetime(2026, 1, 1, 9, 0),
    }
    result = plain.plain_assessment({**base, **change})
    assert (result is None) == (expected is None)


def test_a_file_that_needs_validation_still_gets_its_message(tmp_path: Path) -> None:
    data = {
        "questionnaire": "weltoffene-kommune",
        "municipality": "Musterstadt",
        "kind": "Dorf",
        "created": datetime(2026, 1, 1, 9, 0),
        "updated": datetime(2026, 1, 1, 9, 0),
    }
    from weltoffen_tui.core.errors import UserError

    with pytest.raises(UserError) as caught:
        parse_assessment(tomli_w.dumps(data), tmp_path / "x.toml")
    assert "kind" in str(caught.value.problems[0]) or "Art" in str(caught.value.problems[0])


@settings(max_examples=300, deadline=None)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "value": st.sampled_from([1, 2, 3, 4, "weiss_nicht", "trifft_nicht_zu"]),
            "note": text,
            "evidence": st.sampled_from(["belegt", "eingeschaetzt"]),
            "reference": text,
        },
    )
)
def test_the_quick_answer_is_built_as_model_construct_builds_it(table: dict[str, Any]) -> None:
    """The quick Answer (plain._make_answer) has exactly model_construct's state: the
    values in field order (saved files keep their key order), the fields set, extra and
    private state."""
    from weltoffen_tui.core.assessment import Answer

    quick = plain._make_answer(dict(table))
    slow = Answer.model_construct(**table)
    assert list(quick.__dict__.items()) == list(slow.__dict__.items())
    assert quick.model_fields_set == slow.model_fields_set
    assert quick.__pydantic_extra__ == slow.__pydantic_extra__
    assert quick.__pydantic_private__ == slow.__pydantic_private__
    assert quick == slow and quick.model_dump() == slow.model_dump()


def test_every_sample_saves_the_same_text_either_way() -> None:
    """Quick and validated assessments write the same file, byte for byte."""
    from weltoffen_tui.core.storage.store import dumps_assessment

    for sample in SAMPLES:
        data = tomllib.loads(sample.read_text(encoding="utf-8"))
        quick = plain.plain_assessment(data)
        assert quick is not None
        assert dumps_assessment(quick) == dumps_assessment(Assessment.model_validate(data))


def _state(model: Any) -> tuple[Any, ...]:
    return (
        list(model.__dict__.items()),
        model.model_fields_set,
        model.__pydantic_extra__,
        model.__pydantic_private__,
    )


@settings(max_examples=200, deadline=None)
@given(
    st.fixed_dictionaries(
        {
            "questionnaire": st.just("weltoffene-kommune"),
            "municipality": st.just("Musterstadt"),
            "kind": st.sampled_from(["Stadt", "Gemeinde", "Landkreis"]),
            "created": st.datetimes(),
            "updated": st.datetimes(),
        },
        optional={
            "schema_version": st.just(2),
            "consultant": text,
            "perspective": text,
            "kreisfrei": st.booleans(),
            "session_date": st.dates(),
            "respondents": st.just([]),
            "answers": st.just({}),
        },
    )
)
def test_every_quick_model_is_built_as_model_construct_builds_it(table: dict[str, Any]) -> None:
    """The quick Assessment and its parts have model_construct's state, and a default
    list or table is a new one for each assessment (never shared between files)."""
    from weltoffen_tui.core.assessment import Measure, Respondent, Source, Target

    quick = plain._make_assessment(dict(table))
    slow = Assessment.model_construct(**table)
    assert _state(quick) == _state(slow)
    other = plain._make_assessment(dict(table))
    assert other.measures is not quick.measures and other.targets is not quick.targets
    parts = [
        (plain._make_respondent, Respondent, {"name": "Ada", "role": "Amt"}),
        (plain._make_respondent, Respondent, {"name": "Ada"}),
        (plain._make_measure, Measure, {"id": "m-1", "title": "Plan"}),
        (plain._make_source, Source, {"file": "a.toml"}),
        (plain._make_target, Target, {"level": "gut"}),
    ]
    for make, model, part in parts:
        assert _state(make(dict(part))) == _state(model.model_construct(**part))


def test_a_table_without_a_required_value_is_built_by_model_construct() -> None:
    table = {"questionnaire": "weltoffene-kommune", "municipality": "M", "kind": "Stadt"}
    quick = plain._make_assessment(dict(table))
    assert _state(quick) == _state(Assessment.model_construct(**table))
