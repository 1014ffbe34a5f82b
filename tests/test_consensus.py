"""Consensus: suggested answers, and merging several files into a new assessment."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import make_assessment
from weltoffen_tui.core.assessment import Assessment, Respondent
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.store import load_assessment, save_assessment
from weltoffen_tui.core.values import ANSWER_VALUES, NOT_APPLICABLE, UNKNOWN
from weltoffen_tui.core.workshop.compare import ComparisonError
from weltoffen_tui.core.workshop.consensus import (
    ConsensusError,
    merge,
    respondents_summary,
    suggested_agreement,
    suggested_answer,
)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1, 4], 2),  # median 2.5, rounded down
        ([2, 3, 4, 4], 3),  # median 3.5
        ([1, 2, 4], 2),
        ([4], 4),
        ([3, UNKNOWN, None], 3),  # graded answers win
        ([UNKNOWN, UNKNOWN], UNKNOWN),
        ([NOT_APPLICABLE, NOT_APPLICABLE], NOT_APPLICABLE),
        ([NOT_APPLICABLE, UNKNOWN], UNKNOWN),
        ([None, None], None),
        ([], None),
    ],
)
def test_suggested_answer(values: list, expected: object) -> None:
    assert suggested_answer(values) == expected


def two_sources(pack: Pack) -> list[tuple[Path, Assessment]]:
    first = make_assessment(
        pack,
        respondents=[
            Respondent(name="Aylin Kaya", role="Integrationsbeauftragte"),
            Respondent(name="Jonas Berg", role="Personalamt"),
        ],
        consultant="Moderation A",
    )
    first.set_answer("alpha", "al-01", 1, note="kein Konzept")
    first.set_answer("alpha", "al-02", UNKNOWN)
    second = make_assessment(
        pack,
        respondents=[
            Respondent(name="aylin kaya ", role="Integrationsbeauftragte"),
            Respondent(name="Dr. Hanh Nguyen", role="Beirat"),
        ],
    )
    second.set_answer("alpha", "al-01", 4, note="Konzept 2024")
    second.set_answer("beta", "be-01", NOT_APPLICABLE)
    return [(Path("/daten/verwaltung.toml"), first), (Path("/daten/beirat.toml"), second)]


def test_merge_keeps_agreed_answers_and_records_sources(mini_pack: Pack) -> None:
    sources = two_sources(mini_pack)
    agreed = {("alpha", "al-01"): (2, "Entwurf liegt vor"), ("beta", "be-01"): (NOT_APPLICABLE, "")}
    merged = merge(mini_pack, sources, agreed)
    assert merged.answer("alpha", "al-01").value == 2  # type: ignore[union-attr]
    assert merged.answer("alpha", "al-01").note == "Entwurf liegt vor"  # type: ignore[union-attr]
    assert merged.answer("beta", "be-01").value == NOT_APPLICABLE  # type: ignore[union-attr]
    assert merged.answer("alpha", "al-02") is None  # not agreed: stays open
    assert [s.file for s in merged.sources] == ["verwaltung.toml", "beirat.toml"]
    assert merged.sources[0].municipality == "Musterhausen"
    assert merged.sources[0].respondents == (
        "Aylin Kaya (Integrationsbeauftragte), Jonas Berg (Personalamt)"
    )
    assert merged.sources[1].updated == sources[1][1].updated
    assert [r.name for r in merged.respondents] == ["Aylin Kaya", "Jonas Berg", "Dr. Hanh Nguyen"]
    assert merged.session_date == date.today()
    assert merged.questionnaire == mini_pack.id
    assert merged.questionnaire_version == mini_pack.version
    assert merged.consultant == "Moderation A"
    assert merged.kind == "Gemeinde"


def test_merge_overrides(mini_pack: Pack) -> None:
    merged = merge(
        mini_pack,
        two_sources(mini_pack),
        {},
        municipality="Neustadt",
        kind="Stadt",
        consultant="",
        session_date=date(2026, 5, 4),
    )
    assert (merged.municipality, merged.kind, merged.consultant) == ("Neustadt", "Stadt", "")
    assert merged.session_date == date(2026, 5, 4)


def test_merged_assessment_shares_no_objects_with_sources(mini_pack: Pack) -> None:
    sources = two_sources(mini_pack)
    before = [a.model_dump() for _, a in sources]
    merged = merge(mini_pack, sources, {("alpha", "al-01"): (3, "")})
    merged.respondents[0].name = "geändert"
    merged.set_answer("alpha", "al-01", 1)
    assert [a.model_dump() for _, a in sources] == before


def test_merge_refuses_unusable_input(mini_pack: Pack) -> None:
    sources = two_sources(mini_pack)
    with pytest.raises(ConsensusError, match="Keine Einschätzungen"):
        merge(mini_pack, [], {})
    with pytest.raises(ConsensusError, match="ungültiger Wert"):
        merge(mini_pack, sources, {("alpha", "al-01"): (7, "")})
    with pytest.raises(ConsensusError, match="ungültiger Wert"):
        merge(mini_pack, sources, {("alpha", "al-01"): (True, "")})
    with pytest.raises(ConsensusError, match="Art der Kommune"):
        merge(mini_pack, sources, {}, kind="Dorf")
    other = make_assessment(mini_pack, questionnaire="anderer-check")
    with pytest.raises(ComparisonError):
        merge(mini_pack, [*sources, (Path("x.toml"), other)], {})


def test_different_municipalities_need_an_explicit_one(mini_pack: Pack) -> None:
    sources = [
        (Path("a.toml"), make_assessment(mini_pack, municipality="Adorf")),
        (Path("b.toml"), make_assessment(mini_pack, municipality="Bestadt")),
    ]
    with pytest.raises(ConsensusError) as caught:
        merge(mini_pack, sources, {})
    assert "Adorf, Bestadt" in caught.value.problems[0].message
    assert merge(mini_pack, sources, {}, municipality="Adorf").municipality == "Adorf"


def test_suggested_agreement_uses_median_and_keeps_every_note(mini_pack: Pack) -> None:
    assessments = [a for _, a in two_sources(mini_pack)]
    agreed = suggested_agreement(mini_pack, assessments)
    assert agreed[("alpha", "al-01")] == (2, "kein Konzept / Konzept 2024")
    assert agreed[("alpha", "al-02")] == (UNKNOWN, "")
    assert agreed[("beta", "be-01")] == (NOT_APPLICABLE, "")
    assert ("alpha", "al-03") not in agreed
    assert list(agreed) == [("alpha", "al-01"), ("alpha", "al-02"), ("beta", "be-01")]


def test_merged_file_round_trips_with_sources(mini_pack: Pack, tmp_path: Path) -> None:
    sources = two_sources(mini_pack)
    merged = merge(mini_pack, sources, suggested_agreement(mini_pack, [a for _, a in sources]))
    path = tmp_path / "gemeinsam.toml"
    save_assessment(merged, path)
    assert load_assessment(path) == merged


def test_respondents_summary(mini_pack: Pack) -> None:
    assessment = make_assessment(
        mini_pack, respondents=[Respondent(name="A", role="Rat"), Respondent(name="B")]
    )
    assert respondents_summary(assessment) == "A (Rat), B"


QUESTION_KEYS = [
    ("alpha", "al-01"),
    ("alpha", "al-02"),
    ("alpha", "al-03"),
    ("beta", "be-01"),
    ("beta", "be-04"),
    ("beta", "unbekannt-99"),  # an orphan key lands as well
]
values = st.sampled_from([None, *ANSWER_VALUES])
notes = st.text(max_size=12)
answers = st.dictionaries(st.sampled_from(QUESTION_KEYS), st.tuples(values, notes), max_size=6)
people = st.lists(
    st.builds(
        Respondent,
        name=st.sampled_from(["Ana", "Ben", "ana", "Cem"]),
        role=st.sampled_from(["", "Rat", "Amt"]),
    ),
    max_size=3,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(answers, people), min_size=1, max_size=4), answers)
def test_merge_never_alters_inputs_and_keeps_every_agreed_answer(
    mini_pack: Pack, inputs: list, agreed: dict
) -> None:
    sources = []
    for number, (given_answers, respondents) in enumerate(inputs):
        assessment = make_assessment(mini_pack, respondents=respondents)
        for (field_id, question_id), (value, note) in given_answers.items():
            assessment.set_answer(field_id, question_id, value, note=note)
        sources.append((Path(f"quelle-{number}.toml"), assessment))
    before = [a.model_dump() for _, a in sources]
    agreed_before = dict(agreed)
    merged = merge(mini_pack, sources, agreed)
    assert [a.model_dump() for _, a in sources] == before
    assert agreed == agreed_before
    for (field_id, question_id), (value, note) in agreed.items():
        answer = merged.answer(field_id, question_id)
        assert answer is not None
        assert (answer.value, answer.note) == (value, note)
    assert merged.answered_count() == sum(1 for v, _ in agreed.values() if v is not None)
    assert len(merged.sources) == len(sources)
    keys = {
        (r.name.strip().casefold(), r.role.strip().casefold())
        for _, a in sources
        for r in a.respondents
    }
    assert len(merged.respondents) == len(keys)


@pytest.mark.parametrize(
    ("stated", "expected"),
    [((False, False), False), ((True, True), True), ((True, False), None), ((None, False), None)],
)
def test_merge_keeps_kreisfrei_when_the_sources_agree(
    mini_pack: Pack, stated: tuple[bool | None, bool | None], expected: bool | None
) -> None:
    """kreisfrei decides which questions apply: the workshop of a kreisangehörige Stadt
    must not ask what only a kreisfreie Stadt or a Landkreis is asked."""
    sources = two_sources(mini_pack)
    for (_, assessment), value in zip(sources, stated, strict=True):
        assessment.kind = "Stadt"
        assessment.kreisfrei = value
    assert merge(mini_pack, sources, {}).kreisfrei is expected
