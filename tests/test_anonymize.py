"""``weltoffen export --anonym``: no free text survives, and the benchmark reads the result."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_assessment
from weltoffen_tui.cli import main
from weltoffen_tui.core.anonymize import MARKER, anonymize, is_anonymized, read_anonymized
from weltoffen_tui.core.assessment import Assessment
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.store import save_assessment
from weltoffen_tui.core.values import ANSWER_VALUES, EVIDENCE_VALUES
from weltoffen_tui.paths import sample_path

# Any text a person could type or paste, control characters and bidi marks included.
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=16)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


TEXT_SLOTS = 45  # exactly the text fields of the data below


def build(pack: Pack, choices: dict[str, Any], text: list[str]) -> dict[str, Any]:
    """An assessment file's data with ``text`` (one entry per slot) in every text field."""
    slots = iter(text)
    answers: dict[str, dict[str, Any]] = {}
    for action_field in pack.fields[:2]:
        by_question: dict[str, Any] = {}
        for index, question in enumerate(action_field.questions[:3]):
            by_question[question.id] = {
                "value": choices["values"][index],
                "note": next(slots),
                "reference": next(slots),
                "evidence": choices["evidence"][index],
                "extra": next(slots),
            }
        by_question["?" + next(slots)] = {"value": 4, "note": next(slots)}  # unknown question
        answers[action_field.id] = by_question
    answers["?" + next(slots)] = {"q": {"value": 2, "note": next(slots)}}  # unknown field
    return {
        "schema_version": 1,
        "questionnaire": pack.id,
        "questionnaire_version": next(slots),
        "municipality": "M" + next(slots),
        "kind": choices["kind"],
        "kreisfrei": choices["kreisfrei"],
        "consultant": next(slots),
        "perspective": next(slots),
        "respondents": [{"name": "N" + next(slots), "role": next(slots)} for _ in range(2)],
        "session_date": "2026-03-12",
        "created": "2026-03-12T09:05:00+01:00",
        "updated": "2026-03-12T12:41:00+01:00",
        "answers": answers,
        "measures": [
            {
                "id": "i" + next(slots),
                "title": "T" + next(slots),
                "field": next(slots),
                "recommendation": next(slots),
                "responsible": next(slots),
                "note": next(slots),
            }
        ],
        "sources": [
            {
                "file": "f" + next(slots),
                "municipality": next(slots),
                "respondents": next(slots),
                "perspective": next(slots),
            }
        ],
        "targets": {
            pack.fields[0].id: {"level": choices["level"]},
            pack.fields[1].id: {"level": "L" + next(slots)},  # not a level of the pack
            "?" + next(slots): {"level": "verankert"},  # not a field of the pack
        },
        "bemerkung": next(slots),  # an unknown key is kept by the model, never exported
    } | ({} if next(slots, None) is None else {"unused": "slots"})


choices = st.fixed_dictionaries(
    {
        "values": st.lists(st.sampled_from(ANSWER_VALUES), min_size=3, max_size=3),
        "evidence": st.lists(st.sampled_from([None, *EVIDENCE_VALUES]), min_size=3, max_size=3),
        "kind": st.sampled_from(["Stadt", "Gemeinde", "Landkreis"]),
        "kreisfrei": st.sampled_from([None, True, False]),
        "level": st.sampled_from(["einstieg", "aufbau", "fortgeschritten", "verankert"]),
    }
)


@pytest.mark.filterwarnings("ignore:Generating overly large repr")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(picked=choices, typed=st.lists(texts, min_size=TEXT_SLOTS, max_size=TEXT_SLOTS))
def test_no_free_text_survives(
    shipped_pack: Pack, picked: dict[str, Any], typed: list[str]
) -> None:
    raw = build(shipped_pack, picked, typed)
    assert "unused" not in raw  # every slot is used
    output = anonymize(Assessment.model_validate(raw), shipped_pack)
    # Without any free text the export is the same: nothing of it can be in there.
    neutral = build(shipped_pack, picked, ["x"] * TEXT_SLOTS)
    baseline = anonymize(Assessment.model_validate(neutral), shipped_pack)
    assert output == baseline
    # And no typed text of three or more characters is found in it (texts that the
    # export without any free text contains anyway, such as "1.0", prove nothing).
    for value in typed:
        if len(value) >= 3 and value not in baseline:
            assert value not in output
    parsed = tomllib.loads(output)
    assert is_anonymized(parsed) and parsed[MARKER] is True
    checked = read_anonymized(parsed, Path("x.toml"), output)
    assert checked.questionnaire == shipped_pack.id and checked.kind == picked["kind"]


def test_export_of_the_sample_keeps_answers_evidence_and_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = tomllib.loads(sample_path().read_text(encoding="utf-8"))
    target = tmp_path / "anonym.toml"
    code, out, err = run(capsys, "export", str(sample_path()), "--anonym", "-o", str(target))
    assert code == 0, err and "Geschrieben" in out
    text = target.read_text(encoding="utf-8")
    for secret in ("Musterstadt", "Okafor", "Dana Roth", "Drucksache", "musterstadt"):
        assert secret not in text
    data = tomllib.loads(text)
    assert data["anonymized"] is True and data["kind"] == "Stadt" and data["year"] == 2026
    assert not {"municipality", "consultant", "respondents", "measures", "created"} & set(data)
    for field_id, by_question in original["answers"].items():
        for question_id, answer in by_question.items():
            assert data["answers"][field_id][question_id]["value"] == answer["value"]


def test_evidence_and_targets_are_kept(
    tmp_path: Path, shipped_pack: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    from weltoffen_tui.core.assessment import Answer, Target

    assessment = make_assessment(shipped_pack, kind="Stadt")
    assessment.kreisfrei = False
    first = shipped_pack.fields[0]
    question = first.questions[0].id
    assessment.answers[first.id] = {
        question: Answer(value=3, evidence="belegt", reference="Ratsbeschluss 2024/117")
    }
    assessment.targets[first.id] = Target(level="verankert")
    source = tmp_path / "quelle.toml"
    save_assessment(assessment, source)
    code, out, err = run(capsys, "export", str(source), "--anonym")
    assert code == 0, err
    data = tomllib.loads(out)
    assert data["answers"][first.id][question] == {"value": 3, "evidence": "belegt"}
    assert data["targets"] == {first.id: "verankert"} and data["kreisfrei"] is False
    assert "Ratsbeschluss" not in out


def test_export_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", str(sample_path()), "-o", str(tmp_path / "a.toml"))
    assert code == 2 and "--anonym" in err and not (tmp_path / "a.toml").exists()
    code, _, err = run(capsys, "export", str(tmp_path / "fehlt.toml"), "--anonym")
    assert code == 2 and "Datei nicht gefunden" in err
    code, _, err = run(
        capsys, "export", str(sample_path()), "--anonym", "-o", str(tmp_path / "a.json")
    )
    assert code == 2 and ".toml" in err and not (tmp_path / "a.json").exists()
    copy = tmp_path / "m.toml"
    copy.write_bytes(sample_path().read_bytes())
    code, _, err = run(capsys, "export", str(copy), "--anonym", "-o", str(copy))
    assert code == 2 and "Eingabedateien" in err
    assert copy.read_bytes() == sample_path().read_bytes()


def uniform(pack: Pack, value: int, kind: str) -> Assessment:
    assessment = make_assessment(pack, kind=kind)
    for action_field, question in pack.iter_questions():
        assessment.set_answer(action_field.id, question.id, value, note="geheim")
    return assessment


def test_benchmark_reads_anonymised_files_like_the_originals(
    tmp_path: Path, shipped_pack: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    originals = tmp_path / "original"
    anonymous = tmp_path / "anonym"
    originals.mkdir()
    anonymous.mkdir()
    for number, (value, kind) in enumerate(
        [(1, "Stadt"), (2, "Stadt"), (3, "Gemeinde"), (4, "Stadt"), (4, "Landkreis"), (2, "Stadt")]
    ):
        source = originals / f"k{number}.toml"
        save_assessment(uniform(shipped_pack, value, kind), source)
        code, _, err = run(
            capsys, "export", str(source), "--anonym", "-o", str(anonymous / f"a{number}.toml")
        )
        assert code == 0, err
    own = tmp_path / "eigen.toml"
    save_assessment(uniform(shipped_pack, 3, "Stadt"), own)

    def figures(*args: str) -> list[Any]:
        code, out, err = run(capsys, "benchmark", *args, "--format", "json")
        assert code == 0, err
        result = json.loads(out)
        assert result["notes"] == []
        return [result["group"], result["fields"]]

    assert figures(str(own), "--against", str(originals)) == figures(
        str(own), "--against", str(anonymous)
    )
    assert figures(str(own), "--against", str(originals), "--kind", "Stadt") == figures(
        str(own), "--against", str(anonymous), "--kind", "Stadt"
    )
    # an anonymised file can be the one placed, too
    mine = tmp_path / "eigen-anonym.toml"
    assert main(["export", str(own), "--anonym", "-o", str(mine)]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, "benchmark", str(mine), "--against", str(anonymous))
    assert code == 0, err
    assert "Anonymisierte Einschätzung" in out and "geheim" not in out


def test_a_damaged_anonymised_file_is_skipped_and_named(
    tmp_path: Path, shipped_pack: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "anonym"
    folder.mkdir()
    own = tmp_path / "eigen.toml"
    save_assessment(uniform(shipped_pack, 3, "Stadt"), own)
    (folder / "falsch.toml").write_text(
        'anonymized = true\nquestionnaire = "weltoffene-kommune"\nkind = "Stadt"\n'
        "[answers.fairer-zugang]\nfz-01 = { value = 7 }\n",
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, "benchmark", str(own), "--against", str(folder), "--format", "json"
    )
    assert code == 0, err
    assert json.loads(out)["notes"] == [
        "1 Datei nicht lesbar und übersprungen: falsch.toml. »weltoffen list --data-dir "
        "ORDNER« nennt den Grund."
    ]
    code, _, err = run(capsys, "benchmark", str(folder / "falsch.toml"), "--against", str(folder))
    assert code == 2 and "falsch.toml:5" in err and "ungültiger Antwortwert" in err


def test_list_names_an_anonymised_file_and_keeps_the_benchmark_part(
    tmp_path: Path, shipped_pack: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    from weltoffen_tui.core.storage.listing import INDEX_NAME, list_assessments

    folder = tmp_path / "daten"
    folder.mkdir()
    source = folder / "k.toml"
    save_assessment(uniform(shipped_pack, 2, "Stadt"), source)
    assert main(["export", str(source), "--anonym", "-o", str(folder / "anonym.toml")]) == 0
    assert main(["benchmark", str(source), "--against", str(folder), "--format", "json"]) == 0
    capsys.readouterr()
    entries = {entry.path.name: entry for entry in list_assessments(folder)}
    assert "Anonymisierte Einschätzung für Vergleiche" in entries["anonym.toml"].error
    assert "weltoffen benchmark" in entries["anonym.toml"].error
    assert not entries["k.toml"].error
    index = json.loads((folder / INDEX_NAME).read_text(encoding="utf-8"))
    assert all("bench" in entry for entry in index["files"].values())
