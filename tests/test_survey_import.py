"""Survey tools: the XLSForm converts with pyxform; survey CSV exports import as perspectives."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from weltoffen_tui.cli import main
from weltoffen_tui.core.importing import survey
from weltoffen_tui.core.pack.load import load_pack
from weltoffen_tui.core.storage.store import load_assessment
from weltoffen_tui.render.xlsform import xlsform_bytes


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "unerwarteter Fehler" not in captured.err
    return code, captured.out, captured.err


IMPORT = ["import", "--kommune", "Musterstadt", "--art", "Stadt"]


def test_xlsform_converts_with_pyxform_to_an_xform(tmp_path: Path) -> None:
    from pyxform.xls2xform import convert

    pack = load_pack()
    target = tmp_path / "umfrage.xlsx"
    assert main(["questionnaire", "--format", "xlsform", "-o", str(target)]) == 0
    assert openpyxl.load_workbook(target).sheetnames == ["survey", "choices", "settings"]
    warnings: list[str] = []
    result = convert(str(target), warnings=warnings)
    assert warnings == []
    xform = result.xform
    assert xform.count("<select1 ") == pack.question_count() + 2  # kind and kreisfrei first
    for action_field, question in pack.iter_questions():
        path = f"/{survey.group_name(action_field.id)}/{survey.question_name(question.id)}"
        assert f'ref="/data{path}"' in xform
    for value in ("1", "4", "weiss_nicht", "trifft_nicht_zu"):
        assert f"<name>{value}</name>" in xform
    assert "Selbstcheck Weltoffene Kommune" in xform and 'lang="Deutsch (de)"' in xform


def test_xlsform_needs_the_explicit_format(tmp_path: Path) -> None:
    target = tmp_path / "umfrage.xlsx"
    assert main(["questionnaire", "-o", str(target)]) == 0
    assert "survey" not in openpyxl.load_workbook(target).sheetnames  # the workbook, not a form


def test_xlsform_labels_cannot_reference_fields() -> None:
    rows = survey_rows()
    assert all("${" not in cell for row in rows for cell in row[2:4])  # label and hint


def survey_rows() -> list[list[str]]:
    from weltoffen_tui.render.xlsform import sheets

    return sheets(load_pack())["survey"]


def write_csv(path: Path, header: list[str], rows: list[list[str]], sep: str = ",") -> None:
    path.write_text("\n".join(sep.join(r) for r in [header, *rows]) + "\n", encoding="utf-8")


def first_questions(count: int) -> list[tuple[str, str]]:
    return [(f.id, q.id) for f, q in list(load_pack().iter_questions())[:count]]


def test_csv_one_perspective_per_submission_with_group_prefixes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (f1, q1), (f2, q2) = first_questions(2)
    header = [
        "SubmissionDate",
        "rolle",
        f"{survey.group_name(f1)}-{survey.question_name(q1)}",  # ODK Central
        f"{survey.group_name(f1)}-{survey.note_name(q1)}",
        f"{survey.group_name(f2)}/{survey.question_name(q2)}",  # KoboToolbox
    ]
    csv_file = tmp_path / "export.csv"
    write_csv(
        csv_file,
        header,
        [
            ["2026-11-30", "Jugendamt", "3", "Beschluss 2024", "weiss_nicht"],
            ["2026-11-30", "", "4 – Fest etabliert", "", ""],
        ],
    )
    folder = tmp_path / "p"
    code, out, err = run([*IMPORT, str(csv_file), "--perspektiven", str(folder)], capsys)
    assert code == 0, err
    assert out.count("Geschrieben:") == 2
    files = sorted(folder.iterdir())
    assert [p.name for p in files] == [
        "musterstadt-jugendamt-zeile-2.toml",
        "musterstadt-umfrage-zeile-3.toml",
    ]
    first = load_assessment(files[0])
    assert first.perspective == "Jugendamt (Zeile 2)"
    assert first.answer(f1, q1).value == 3  # type: ignore[union-attr]
    assert first.answer(f1, q1).note == "Beschluss 2024"  # type: ignore[union-attr]
    assert first.answer(f2, q2).value == "weiss_nicht"  # type: ignore[union-attr]
    assert load_assessment(files[1]).answer(f1, q1).value == 4  # type: ignore[union-attr]


def test_csv_per_role_takes_the_lower_median(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (f1, q1), (f2, q2) = first_questions(2)
    header = ["Rolle", survey.question_name(q1), survey.question_name(q2)]
    csv_file = tmp_path / "export.csv"
    write_csv(
        csv_file,
        header,
        [
            ["Beirat", "1", "trifft_nicht_zu"],
            ["Beirat", "4", "weiss_nicht"],
            ["Beirat", "weiss_nicht", "trifft_nicht_zu"],
            ["Verwaltung", "2", ""],
        ],
        sep=";",
    )
    folder = tmp_path / "p"
    code, _, err = run(
        [*IMPORT, str(csv_file), "--perspektiven", str(folder), "--je-rolle", "Rolle"], capsys
    )
    assert code == 0, err
    beirat = load_assessment(folder / "musterstadt-beirat.toml")
    answer = beirat.answer(f1, q1)
    assert answer is not None and answer.value == 1  # 1 and 4: the lower middle value
    assert "3 Antworten in der Umfrage" in answer.note and "Weiß nicht: 1×" in answer.note
    assert beirat.answer(f2, q2).value == "trifft_nicht_zu"  # type: ignore[union-attr]
    verwaltung = load_assessment(folder / "musterstadt-verwaltung.toml")
    assert verwaltung.answer(f1, q1).value == 2  # type: ignore[union-attr]
    assert verwaltung.answer(f2, q2) is None


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1, 2, 3], 2),
        ([1, 2, 3, 4], 2),
        ([4, 4, 1], 4),
        ([3, "weiss_nicht", "weiss_nicht"], 3),
        (["weiss_nicht", "trifft_nicht_zu"], "weiss_nicht"),
        (["trifft_nicht_zu", "trifft_nicht_zu", "weiss_nicht"], "trifft_nicht_zu"),
    ],
)
def test_median_answer(values: list[int | str], expected: int | str) -> None:
    assert survey.median_answer(values) == expected


def test_a_bad_row_names_line_and_column_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ((f1, q1),) = first_questions(1)
    column = f"{survey.group_name(f1)}/{survey.question_name(q1)}"
    csv_file = tmp_path / "export.csv"
    csv_file.write_text(f'rolle,{column}\nA,2\n"mehrzeilig\nB",vielleicht\n', encoding="utf-8")
    folder = tmp_path / "p"
    code, out, err = run([*IMPORT, str(csv_file), "--perspektiven", str(folder)], capsys)
    assert code == 2 and not folder.exists() and not out
    assert f"(Zeile 4, Spalte „{column}“): „vielleicht“ ist keine Antwort" in err


def test_csv_without_questions_or_target_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = tmp_path / "fremd.csv"
    write_csv(csv_file, ["name", "alter"], [["x", "3"]])
    code, _, err = run([*IMPORT, str(csv_file), "--perspektiven", str(tmp_path / "p")], capsys)
    assert code == 2 and "keine Frage des Fragebogens" in err
    code, _, err = run([*IMPORT, str(csv_file)], capsys)
    assert code == 2 and "--perspektiven ORDNER" in err
    ((_, q1),) = first_questions(1)
    write_csv(csv_file, ["name", survey.question_name(q1)], [["x", "3"]])
    code, _, err = run(
        [*IMPORT, str(csv_file), "--perspektiven", str(tmp_path / "p"), "--je-rolle", "abteilung"],
        capsys,
    )
    assert code == 2 and "Die Spalte „abteilung“ gibt es nicht" in err
    assert not (tmp_path / "p").exists()


def test_xlsform_bytes_are_a_workbook() -> None:
    import io

    book = openpyxl.load_workbook(io.BytesIO(xlsform_bytes(load_pack())))
    settings = list(book["settings"].iter_rows(values_only=True))
    assert settings[0][:3] == ("form_title", "form_id", "version")
    assert settings[1][2] == load_pack().version
