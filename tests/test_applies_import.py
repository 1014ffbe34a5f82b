"""Questions by kind of municipality in the workbook, the XLSForm and the import.

The example pack ``questionnaires/beispiele/mini-check`` has one question only for
Landkreise (``beratung-jugendamt``, sheet „Beratung“, row 5); the shipped pack limits
questions and sub-topics to several kinds.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from weltoffen_tui.cli import main
from weltoffen_tui.core.applicability import applies_to_kind
from weltoffen_tui.core.importing import layout, survey
from weltoffen_tui.core.pack.load import load_pack
from weltoffen_tui.core.storage.store import load_assessment, save_assessment
from weltoffen_tui.paths import default_pack_dir

MINI = Path(__file__).resolve().parent.parent / "questionnaires" / "beispiele" / "mini-check"
PACK = ["--pack", str(MINI)]
LIMITED = "beratung-jugendamt"  # only for Landkreise
LIMITED_CELL = "E5"  # sheet „Beratung“: header row 3, first question row 4
OPEN_CELL = "E4"  # beratung-anlaufstelle, for every kind
SHEET = "Beratung"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def questionnaire(tmp_path: Path, name: str, *extra: str) -> Path:
    target = tmp_path / name
    assert main(["questionnaire", *PACK, *extra, "-o", str(target)]) == 0
    return target


def fill(source: Path, target: Path, cells: dict[str, str]) -> None:
    """Type into the sheet „Beratung“ as a person would (unprotecting what is locked)."""
    book = openpyxl.load_workbook(source)
    sheet = book[SHEET]
    sheet.protection.sheet = False
    for cell, text in cells.items():
        sheet[cell] = text
    book.save(target)


# ------------------------------------------------------------------------ the workbook


def test_workbook_for_a_kind_marks_and_locks_what_does_not_apply(tmp_path: Path) -> None:
    target = questionnaire(tmp_path, "gemeinde.xlsx", "--format", "xlsx", "--art", "Gemeinde")
    book = openpyxl.load_workbook(target)
    sheet = book[SHEET]
    assert sheet["A5"].value == LIMITED
    assert sheet[LIMITED_CELL].value == "entfällt für Gemeinden"
    assert sheet[LIMITED_CELL].protection.locked  # not to be filled in
    assert sheet[LIMITED_CELL.replace("E", "F")].protection.locked
    assert not sheet[OPEN_CELL].protection.locked
    assert sheet[OPEN_CELL].value is None
    cover = " ".join(str(c.value) for row in book[layout.COVER_SHEET] for c in row if c.value)
    assert "für Gemeinden erstellt" in cover
    # the same rows for every kind: the checksum and the import layout stay as they are
    landkreis = openpyxl.load_workbook(
        questionnaire(tmp_path, "kreis.xlsx", "--format", "xlsx", "--art", "Landkreis")
    )
    assert landkreis[SHEET][LIMITED_CELL].value is None
    assert not landkreis[SHEET][LIMITED_CELL].protection.locked
    assert landkreis[layout.INFO_SHEET]["B5"].value == book[layout.INFO_SHEET]["B5"].value


def test_blank_workbook_says_for_which_kinds_each_question_applies(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(questionnaire(tmp_path, "leer.xlsx", "--format", "xlsx"))
    sheet = book[SHEET]
    assert sheet["H3"].value == layout.APPLIES_HEADING
    assert sheet["H5"].value == "Landkreis"
    assert sheet["H4"].value == "alle"
    assert not sheet[LIMITED_CELL].protection.locked  # a blank workbook locks nothing


def test_kinds_text_of_the_shipped_pack_follows_applicability() -> None:
    pack = load_pack(default_pack_dir())
    texts = {
        q.id: layout.kinds_text(f, q) for f, q in pack.iter_questions() if layout.limited(f, q)
    }
    assert texts  # the shipped pack limits some questions
    for action_field, question in pack.iter_questions():
        group = layout.group_of(action_field, question)
        text = layout.kinds_text(action_field, question)
        for name, kind, kreisfrei in layout.VARIANTS:
            expected = applies_to_kind(question, group, kind, kreisfrei)
            named = (
                text == "alle"
                or name in text.split(", ")
                or (kind == "Stadt" and "Stadt" in text.split(", "))
            )
            assert named == expected, (question.id, name, text)


def test_prefilled_workbook_leaves_out_answers_that_do_not_apply(tmp_path: Path) -> None:
    pack = load_pack(MINI)
    from weltoffen_tui.core.assessment import Answer, Assessment

    assessment = Assessment.new(
        municipality="Kleinort",
        kind="Gemeinde",
        questionnaire=pack.id,
        questionnaire_version=pack.version,
    )
    assessment.answers["beratung"] = {
        "beratung-anlaufstelle": Answer(value=3, note=""),
        LIMITED: Answer(value=2, note="alt"),
    }
    source = tmp_path / "kleinort.toml"
    save_assessment(assessment, source)
    target = tmp_path / "vorausgefuellt.xlsx"
    assert main(["questionnaire", *PACK, "--aus", str(source), "-o", str(target)]) == 0
    sheet = openpyxl.load_workbook(target)[SHEET]
    assert sheet[OPEN_CELL].value == "3 – Ja"
    assert sheet[LIMITED_CELL].value == "entfällt für Gemeinden"
    assert sheet["F5"].value is None


# ------------------------------------------------------------------------ the XLSForm


def test_blank_xlsform_asks_the_kind_first_and_skips_by_relevant(tmp_path: Path) -> None:
    from pyxform.xls2xform import convert

    target = questionnaire(tmp_path, "umfrage.xlsx", "--format", "xlsform")
    warnings: list[str] = []
    xform = convert(str(target), warnings=warnings).xform
    assert warnings == []
    names = [row[1] for row in openpyxl.load_workbook(target)["survey"].iter_rows(values_only=True)]
    assert names[1:3] == [survey.KIND_NAME, survey.KREISFREI_NAME]
    binds = dict(re.findall(r'<bind nodeset="([^"]+)"[^>]*?relevant="([^"]+)"', xform))
    question = f"/data/{survey.group_name('beratung')}/{survey.question_name(LIMITED)}"
    assert binds[question].split() == ["/data/art", "=", "'landkreis'"]
    other = f"/data/{survey.group_name('beratung')}/{survey.question_name('beratung-anlaufstelle')}"
    assert other not in binds


def test_xlsform_for_a_kind_holds_only_what_applies(tmp_path: Path) -> None:
    from pyxform.xls2xform import convert

    target = questionnaire(tmp_path, "g.xlsx", "--format", "xlsform", "--art", "Gemeinde")
    warnings: list[str] = []
    xform = convert(str(target), warnings=warnings).xform
    assert warnings == []
    assert survey.question_name(LIMITED) not in xform
    assert survey.question_name("beratung-anlaufstelle") in xform
    assert f"/data/{survey.KIND_NAME}" not in xform  # nothing to ask: the kind is known


def _holds(expression: str, kind: str, kreisfrei: str) -> bool:
    """Evaluate a ``relevant`` expression of the XLSForm for one set of first answers."""
    python = (
        expression.replace(f"${{{survey.KIND_NAME}}}", repr(kind))
        .replace(f"${{{survey.KREISFREI_NAME}}}", repr(kreisfrei))
        .replace(" != ", " <> ")
        .replace(" = ", " == ")
        .replace(" <> ", " != ")
    )
    assert re.fullmatch(r"[\s()'a-z=!]+", python.replace("and", "").replace("or", "")), python
    return bool(eval(python))


@pytest.mark.parametrize(
    ("kind", "free", "answers"),
    [
        ("Stadt", True, ("stadt", "ja")),
        ("Stadt", False, ("stadt", "nein")),
        ("Gemeinde", None, ("gemeinde", "")),
        ("Landkreis", None, ("landkreis", "")),
    ],
)
def test_relevant_expressions_match_the_applicability_rule(
    kind: str, free: bool | None, answers: tuple[str, str]
) -> None:
    from weltoffen_tui.render.xlsform import sheets

    pack = load_pack(default_pack_dir())
    rows = {row[1]: row[5] for row in sheets(pack)["survey"][1:]}
    checked = 0
    for action_field, question in pack.iter_questions():
        expression = rows[survey.question_name(question.id)]
        shown = _holds(expression, *answers) if expression else True
        assert shown == layout.applies(action_field, question, (kind, free)), question.id
        checked += bool(expression)
    assert checked  # the shipped pack has limited questions


# ------------------------------------------------------------------------ the import


def test_import_leaves_out_an_answer_that_does_not_apply_with_one_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blank = questionnaire(tmp_path, "leer.xlsx", "--format", "xlsx")
    filled = tmp_path / "ausgefuellt.xlsx"
    fill(blank, filled, {OPEN_CELL: "3 – Ja", LIMITED_CELL: "2 – Teilweise", "F5": "Kreis"})
    target = tmp_path / "gemeinde.toml"
    code, out, err = run(
        [
            "import",
            *PACK,
            str(filled),
            "--kommune",
            "Kleinort",
            "--art",
            "Gemeinde",
            "-o",
            str(target),
        ],
        capsys,
    )
    assert code == 0, err
    notes = [line for line in err.splitlines() if line.startswith("Hinweis:")]
    assert len(notes) == 1, err
    assert "ausgefuellt.xlsx" in notes[0] and f"Blatt „{SHEET}“" in notes[0]
    assert f"Zelle {LIMITED_CELL}" in notes[0] and LIMITED in notes[0]
    assert "für Gemeinden nicht" in notes[0]
    assert "1 von 3 Fragen" in out  # counted against the questions that apply
    imported = load_assessment(target)
    assert imported.answer("beratung", "beratung-anlaufstelle").value == 3  # type: ignore[union-attr]
    assert imported.answer("beratung", LIMITED) is None
    # the same workbook for a Landkreis keeps both, without a note
    kreis = tmp_path / "kreis.toml"
    code, _, err = run(
        [
            "import",
            *PACK,
            str(filled),
            "--kommune",
            "Kreis",
            "--art",
            "Landkreis",
            "-o",
            str(kreis),
        ],
        capsys,
    )
    assert code == 0 and "Hinweis" not in err
    assert load_assessment(kreis).answer("beratung", LIMITED).value == 2  # type: ignore[union-attr]


def test_a_workbook_for_a_kind_imports_and_its_structure_is_still_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = questionnaire(tmp_path, "g.xlsx", "--format", "xlsx", "--art", "Gemeinde")
    filled = tmp_path / "g-ausgefuellt.xlsx"
    fill(made, filled, {OPEN_CELL: "1 – Nein"})
    target = tmp_path / "g.toml"
    argv = ["import", *PACK, "--kommune", "Kleinort", "--art", "Gemeinde"]
    code, _, err = run([*argv, str(filled), "-o", str(target)], capsys)
    assert code == 0 and "Hinweis" not in err, err  # „entfällt …“ reads as no answer
    assert load_assessment(target).answer("beratung", LIMITED) is None
    # read as a Landkreis: a note says the workbook was made for Gemeinden
    code, _, err = run(
        [
            "import",
            *PACK,
            "--kommune",
            "K",
            "--art",
            "Landkreis",
            str(filled),
            "-o",
            str(tmp_path / "k.toml"),
        ],
        capsys,
    )
    assert code == 0 and "für Gemeinden erstellt" in err, err
    # tampering is refused as before
    book = openpyxl.load_workbook(filled)
    book[SHEET].protection.sheet = False
    book[SHEET]["A5"] = "etwas-anderes"
    tampered = tmp_path / "verändert.xlsx"
    book.save(tampered)
    code, _, err = run([*argv, str(tampered), "-o", str(tmp_path / "t.toml")], capsys)
    assert code == 2 and "Zelle A5" in err and not (tmp_path / "t.toml").exists()


def test_kreisfrei_from_art_decides_and_is_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = load_pack(default_pack_dir())
    (action_field, question), *_ = [
        (f, q) for f, q in pack.iter_questions() if not layout.applies(f, q, ("Stadt", False))
    ]
    assert layout.applies(action_field, question, ("Stadt", True))
    header = [
        f"{survey.group_name(action_field.id)}/{survey.question_name(question.id)}",
        "rolle",
    ]
    csv_file = tmp_path / "umfrage.csv"
    csv_file.write_text(
        ",".join(header) + "\n" + "\n".join(f"2,Amt {n}" for n in range(8)) + "\n", "utf-8"
    )
    argv = ["import", str(csv_file), "--kommune", "Stadt A", "--perspektiven"]
    code, _, err = run([*argv, str(tmp_path / "a"), "--art", "kreisangehörige Stadt"], capsys)
    assert code == 0, err
    notes = [line for line in err.splitlines() if line.startswith("Hinweis:")]
    assert len(notes) == 1, err  # one note for the question, not one per line
    assert f"Spalte „{header[0]}“" in notes[0] and "Zeilen 2, 3, 4, 5, 6 und 3 weitere" in notes[0]
    assert "für kreisangehörige Städte nicht" in notes[0]
    written = sorted((tmp_path / "a").iterdir())
    assert len(written) == 8
    first = load_assessment(written[0])
    assert first.kreisfrei is False
    assert first.answer(action_field.id, question.id) is None
    code, _, err = run([*argv, str(tmp_path / "b"), "--art", "kreisfreie Stadt"], capsys)
    assert code == 0 and "Hinweis" not in err
    first = load_assessment(sorted((tmp_path / "b").iterdir())[0])
    assert first.kreisfrei is True
    assert first.answer(action_field.id, question.id).value == 2  # type: ignore[union-attr]
