"""``weltoffen benchmark``: quartiles and percentiles computed by hand, small groups hidden,
the kind filter, what is skipped, every format, exit codes and the warm index."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_assessment
from weltoffen_tui.cli import main
from weltoffen_tui.core.benchmark import (
    MIN_GROUP,
    Other,
    percentile_rank,
    place,
    quartiles,
    spec_of,
    tally,
)
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.scoring import evaluate
from weltoffen_tui.core.storage.listing import INDEX_NAME, list_assessments
from weltoffen_tui.core.storage.store import save_assessment
from weltoffen_tui.core.values import ANSWER_VALUES

# --------------------------------------------------------------------------- by hand


def test_quartiles_and_percentile_of_five() -> None:
    values = [50.0, 10.0, 40.0, 20.0, 30.0]
    # inclusive: position (n-1)·p in the sorted values 10 20 30 40 50
    assert quartiles(values) == (20.0, 30.0, 40.0)
    assert percentile_rank(30.0, values) == 50.0  # 2 below, 1 equal: (2 + 0.5) / 5
    assert percentile_rank(5.0, values) == 0.0
    assert percentile_rank(55.0, values) == 100.0


def test_quartiles_and_percentile_of_six() -> None:
    values = [0.0, 10.0, 20.0, 30.0, 40.0, 50.0]
    # positions 1.25, 2.5, 3.75: 10 + 0.25·10, (20 + 30) / 2, 30 + 0.75·10
    assert quartiles(values) == (12.5, 25.0, 37.5)
    assert percentile_rank(35.0, values) == pytest.approx(100 * 4 / 6)


def test_quartiles_and_percentile_of_seven_with_ties() -> None:
    values = [20.0, 60.0, 20.0, 100.0, 40.0, 20.0, 60.0]
    # sorted 20 20 20 40 60 60 100; positions 1.5, 3, 4.5
    assert quartiles(values) == (20.0, 40.0, 60.0)
    assert percentile_rank(20.0, values) == pytest.approx(100 * 1.5 / 7)  # 3 ties count half
    assert percentile_rank(60.0, values) == pytest.approx(100 * (4 + 1) / 7)


# --------------------------------------------------------------------------- files


def uniform(pack: Pack, value: int | str, **details: object) -> object:
    """An assessment with the same answer to every question (field score = that value's)."""
    assessment = make_assessment(pack, **details)
    for action_field, question in pack.iter_questions():
        assessment.set_answer(action_field.id, question.id, value, note="Notiz")
    return assessment


def write(path: Path, assessment: object) -> Path:
    save_assessment(assessment, path)  # type: ignore[arg-type]
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def bench_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    code, out, err = run(capsys, "benchmark", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def rows(result: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {row["field"]: row for row in result["fields"]}


@pytest.fixture
def own(tmp_path: Path, shipped_pack: Pack) -> Path:
    return write(tmp_path / "eigen.toml", uniform(shipped_pack, 3, municipality="Eigenstadt"))


def pool(tmp_path: Path, pack: Pack, values: list[int | str], kind: str = "Gemeinde") -> Path:
    folder = tmp_path / "andere"
    folder.mkdir(exist_ok=True)
    start = len(list(folder.glob("*.toml")))
    for number, value in enumerate(values, start=start):
        write(folder / f"k{number:02d}.toml", uniform(pack, value, kind=kind))
    return folder


def test_six_files_computed_by_hand(
    tmp_path: Path, shipped_pack: Pack, own: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # scores of the others in every field: 0, 0, 33.3, 66.7, 100, 100; own 66.7
    folder = pool(tmp_path, shipped_pack, [1, 1, 2, 3, 4, 4])
    result = bench_json(capsys, str(own), "--against", str(folder))
    assert result["group"]["others"] == 6
    for row in result["fields"]:
        assert row["n"] == 6 and not row["hidden"]
        assert row["score"] == 66.7
        assert row["q1"] == 8.3  # position 1.25: 0 + 0.25 · 33.3
        assert row["median"] == 50.0  # (33.3 + 66.7) / 2
        assert row["q3"] == 91.7  # position 3.75: 66.7 + 0.75 · 33.3
        assert row["percentile"] == 58.3  # 3 below, 1 equal: 3.5 / 6


def test_five_and_seven_files_with_ties(
    tmp_path: Path, shipped_pack: Pack, own: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = pool(tmp_path, shipped_pack, [3, 3, 3, 1, 4])  # 0 66.7 66.7 66.7 100
    row = rows(bench_json(capsys, str(own), "--against", str(folder)))["fairer-zugang"]
    assert (row["n"], row["q1"], row["median"], row["q3"]) == (5, 66.7, 66.7, 66.7)
    assert row["percentile"] == 50.0  # 1 below, 3 equal: 2.5 / 5
    pool(tmp_path, shipped_pack, [2, 4])  # 0 33.3 66.7 66.7 66.7 100 100
    row = rows(bench_json(capsys, str(own), "--against", str(folder)))["fairer-zugang"]
    assert (row["n"], row["q1"], row["median"], row["q3"]) == (7, 50.0, 66.7, 83.3)
    assert row["percentile"] == pytest.approx(100 * 3.5 / 7, abs=0.05)  # 2 below, 3 equal


def test_group_smaller_than_five_shows_no_figures(
    tmp_path: Path, shipped_pack: Pack, own: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = pool(tmp_path, shipped_pack, [1, 2, 3, 4])
    result = bench_json(capsys, str(own), "--against", str(folder))
    for row in result["fields"]:
        assert row["n"] == 4 and row["hidden"]
        assert row["median"] is None and row["q1"] is None and row["percentile"] is None
        assert row["score"] == 66.7  # the file's own score is always shown
    code, out, _ = run(capsys, "benchmark", str(own), "--against", str(folder))
    assert code == 0
    assert f"weniger als {MIN_GROUP} Vergleichswerten" in out
    assert "keine einzelne Kommune erkennbar" in out


def test_preliminary_fields_of_others_do_not_count(
    tmp_path: Path, shipped_pack: Pack, own: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = pool(tmp_path, shipped_pack, [1, 2, 3, 4])
    half_done = make_assessment(shipped_pack)
    first = shipped_pack.fields[0]
    for question in first.questions[: len(first.questions) // 2 - 1]:  # less than half
        half_done.set_answer(first.id, question.id, 4)
    for action_field in shipped_pack.fields[1:]:
        for question in action_field.questions:
            half_done.set_answer(action_field.id, question.id, 4)
    write(folder / "halb.toml", half_done)
    table = rows(bench_json(capsys, str(own), "--against", str(folder)))
    assert table[first.id]["n"] == 4 and table[first.id]["hidden"]
    assert table[shipped_pack.fields[1].id]["n"] == 5
    assert table[shipped_pack.fields[1].id]["median"] == 66.7


def test_kind_filter(
    tmp_path: Path, shipped_pack: Pack, own: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pool(tmp_path, shipped_pack, [1, 1, 1, 1, 1], kind="Stadt")
    folder = pool(tmp_path, shipped_pack, [4, 4, 4], kind="Landkreis")
    everyone = bench_json(capsys, str(own), "--against", str(folder))
    assert everyone["group"]["others"] == 8
    cities = bench_json(capsys, str(own), "--against", str(folder), "--kind", "Stadt")
    assert cities["group"] == {"others": 5, "kind": "Stadt", "min_group": MIN_GROUP}
    assert rows(cities)["gesamt"]["median"] == 0.0
    assert rows(cities)["gesamt"]["percentile"] == 100.0
    counties = bench_json(capsys, str(own), "--against", str(folder), "--kind", "Landkreis")
    assert all(row["hidden"] for row in counties["fields"])


def test_other_pack_broken_file_and_the_file_itself_are_skipped(
    tmp_path: Path, shipped_pack: Pack, own: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = pool(tmp_path, shipped_pack, [1, 2, 3, 4, 4])
    text = (folder / "k00.toml").read_text(encoding="utf-8")
    other = text.replace('questionnaire = "weltoffene-kommune"', 'questionnaire = "anderer-bogen"')
    assert other != text
    (folder / "anders.toml").write_text(other, encoding="utf-8")
    (folder / "kaputt.toml").write_text("municipality = \n", encoding="utf-8")
    (folder / "leer.toml").write_text("", encoding="utf-8")
    shutil.copyfile(own, folder / "kopie.toml")  # the same content under another name
    code, out, err = run(
        capsys, "benchmark", str(own), "--against", str(folder), str(own), "--format", "json"
    )
    assert code == 0, err
    result = json.loads(out)
    assert result["group"]["others"] == 5
    notes = " ".join(result["notes"])
    assert "1 Datei eines anderen Fragebogens" in notes
    assert "2 Dateien nicht lesbar" in notes and "kaputt.toml" in notes and "leer.toml" in notes
    assert "Die Datei selbst" in notes and "2-mal" in notes
    code, out, err = run(capsys, "benchmark", str(own), "--against", str(folder))
    assert code == 0 and "Traceback" not in out + err
    assert "kaputt.toml" in out


def test_many_broken_files_are_counted_and_the_first_named(
    tmp_path: Path, shipped_pack: Pack, own: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "kaputt"
    folder.mkdir()
    for number in range(5):
        (folder / f"b{number}.toml").write_text("[[[", encoding="utf-8")
    result = bench_json(capsys, str(own), "--against", str(folder))
    (note,) = result["notes"]
    assert note.startswith("5 Dateien nicht lesbar") and "b0.toml, b1.toml, b2.toml …" in note


@pytest.mark.parametrize("fmt", ["json", "html", "markdown", "text"])
def test_every_format(
    fmt: str, tmp_path: Path, shipped_pack: Pack, own: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = pool(tmp_path, shipped_pack, [1, 2, 3, 4, 4])
    suffix = {"json": ".json", "html": ".html", "markdown": ".md", "text": ".txt"}[fmt]
    target = tmp_path / f"benchmark{suffix}"
    code, _, err = run(capsys, "benchmark", str(own), "--against", str(folder), "-o", str(target))
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert "Eigenstadt" in text
    if fmt == "json":
        data = json.loads(text)
        assert [s["label"] for s in data["series"]][:2] == ["Eigenstadt", "Median der anderen"]
        assert set(data["series"][0]["values"]) == {f.id for f in shipped_pack.fields}
    elif fmt == "html":
        assert "<main" in text and "</main>" in text and "Perzentil" in text
    elif fmt == "markdown":
        assert text.startswith("# Benchmark: Eigenstadt") and "| Median |" in text.replace(
            "|Median|", "| Median |"
        )
    else:
        assert "Perzentil" in text and "\x1b" not in text


def test_terminal_table_fits_80_columns(
    tmp_path: Path, shipped_pack: Pack, own: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from rich.console import Console

    from weltoffen_tui.core.storage.listing import benchmark_pool
    from weltoffen_tui.render.benchmark import Subject, rich_benchmark

    folder = pool(tmp_path, shipped_pack, [1, 2, 3, 4, 4])
    spec = spec_of(shipped_pack)
    found = benchmark_pool([folder], spec, own, "")
    answers = {f: {q: {"value": 3} for q in ids} for f, ids in spec.fields}
    result = place(tally(answers, spec), found.others, spec)
    console = Console(width=80, record=True, color_system=None)
    console.print(rich_benchmark(shipped_pack, Subject("Eigenstadt", "Stadt", "e.toml"), result))
    lines = console.export_text().splitlines()
    header = [line for line in lines if "Handlungsfeld" in line and "Perzentil" in line]
    assert len(header) == 1 and header[0].split() == [
        *["Handlungsfeld", "Punkte", "N", "Q1", "Median", "Q3", "Perzentil"]
    ]
    assert any(line.split()[-6:] == ["67", "5", "33", "67", "100", "50"] for line in lines)
    assert all(len(line.rstrip()) <= 80 for line in lines)
    assert all(f.short_name in "\n".join(lines) for f in shipped_pack.fields)


def test_exit_codes(
    tmp_path: Path, shipped_pack: Pack, own: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = pool(tmp_path, shipped_pack, [1, 2, 3, 4, 4])
    code, _, err = run(capsys, "benchmark", str(tmp_path / "fehlt.toml"), "--against", str(folder))
    assert code == 2 and "Datei nicht gefunden" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "benchmark", str(own), "--against", str(tmp_path / "nirgends"))
    assert code == 2 and "Nicht gefunden" in err and "--against" in err
    broken = tmp_path / "kaputt.toml"
    broken.write_text("[[[", encoding="utf-8")
    code, _, err = run(capsys, "benchmark", str(broken), "--against", str(folder))
    assert code == 2 and "kaputt.toml:1" in err
    code, _, err = run(
        capsys, "benchmark", str(own), "--against", str(folder), "-o", str(tmp_path / "x.csv")
    )
    assert code == 2 and "Möglich sind" in err and not (tmp_path / "x.csv").exists()
    with pytest.raises(SystemExit) as stop:
        main(["benchmark", str(own)])  # --against is required
    assert stop.value.code == 2
    with pytest.raises(SystemExit) as stop:
        main(["benchmark", str(own), "--against", str(folder), "--kind", "Dorf"])
    assert stop.value.code == 2
    assert "ungültige Auswahl" in capsys.readouterr().err


# --------------------------------------------------------------------------- the index


def test_warm_index_is_used_and_a_changed_file_read_again(
    tmp_path: Path, shipped_pack: Pack, own: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = pool(tmp_path, shipped_pack, [1, 1, 1, 1, 1])
    before = bench_json(capsys, str(own), "--against", str(folder))
    index = json.loads((folder / INDEX_NAME).read_text(encoding="utf-8"))
    assert all("bench" in entry for entry in index["files"].values())
    # the listing still reads the same index and keeps the benchmark parts
    listed = list_assessments(folder)
    assert len(listed) == 5 and not any(e.error for e in listed)
    again = json.loads((folder / INDEX_NAME).read_text(encoding="utf-8"))
    assert again == index
    assert rows(before)["gesamt"]["median"] == 0.0
    # while the files are unchanged, their entries are used without reading the files
    trusted = json.loads(json.dumps(index))
    for entry in trusted["files"].values():
        entry["bench"]["s"] = [50.0] * len(entry["bench"]["s"])
    (folder / INDEX_NAME).write_text(json.dumps(trusted), encoding="utf-8")
    assert rows(bench_json(capsys, str(own), "--against", str(folder)))["gesamt"]["median"] == 50
    (folder / INDEX_NAME).write_text(json.dumps(index), encoding="utf-8")
    write(folder / "k00.toml", uniform(shipped_pack, 4))
    write(folder / "k01.toml", uniform(shipped_pack, 4))
    write(folder / "k02.toml", uniform(shipped_pack, 4))
    after = bench_json(capsys, str(own), "--against", str(folder))
    assert rows(after)["gesamt"]["median"] == 100.0


def test_a_forged_index_entry_is_not_believed(
    tmp_path: Path, shipped_pack: Pack, own: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = pool(tmp_path, shipped_pack, [1, 1, 1, 1, 1])
    bench_json(capsys, str(own), "--against", str(folder))
    index = json.loads((folder / INDEX_NAME).read_text(encoding="utf-8"))
    for entry in index["files"].values():
        entry["bench"]["s"] = ["viel"] * len(entry["bench"]["s"])
    (folder / INDEX_NAME).write_text(json.dumps(index), encoding="utf-8")
    result = bench_json(capsys, str(own), "--against", str(folder))
    assert rows(result)["gesamt"]["median"] == 0.0


# --------------------------------------------------------------------------- light = full


answer_values = st.one_of(st.none(), st.sampled_from(ANSWER_VALUES))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_light_scores_equal_the_full_evaluation(shipped_pack: Pack, data: st.DataObject) -> None:
    assessment = make_assessment(shipped_pack)
    for action_field, question in shipped_pack.iter_questions():
        value = data.draw(answer_values)
        if value is not None:
            assessment.set_answer(action_field.id, question.id, value)
    assessment.set_answer(shipped_pack.fields[0].id, "unbekannt-99", 4)  # not in the pack
    profile = evaluate(shipped_pack, assessment)
    spec = spec_of(shipped_pack)
    raw = assessment.model_dump(mode="json")["answers"]
    tallies = tally(raw, spec, assessment.kind, assessment.kreisfrei)
    own = place(tallies, [Other("Stadt", (None,) * 8)] * 5, spec)
    for result, row in zip(profile.fields, own.fields, strict=True):
        assert row.score == result.score
        assert row.preliminary == result.is_preliminary
    assert own.overall.score == profile.score
    assert own.overall.preliminary == profile.is_preliminary


def test_the_html_page_draws_the_profile_chart(
    tmp_path: Path, shipped_pack: Pack, own: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The HTML benchmark shows the radar chart: the file, the median and the quartiles."""
    folder = pool(tmp_path, shipped_pack, [1, 1, 2, 3, 4, 4])
    target = tmp_path / "b.html"
    code, _, _ = run(capsys, "benchmark", str(own), "--against", str(folder), "-o", str(target))
    assert code == 0
    page = target.read_text(encoding="utf-8")
    assert page.count("<svg") == 1 and 'role="img"' in page
    drawn = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "Median" in drawn and "<title" in drawn and "<desc" in drawn
