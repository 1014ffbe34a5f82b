"""The xlsx round trip: questionnaire workbook → filled as a user would → weltoffen import.

Filling is done with openpyxl the way a person does it in Excel or LibreOffice: the
answer is one of the texts of the cell's drop-down list, the note is typed next to it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from weltoffen_tui.cli import main
from weltoffen_tui.core.applicability import applies
from weltoffen_tui.core.errors import UserError
from weltoffen_tui.core.importing import layout, survey
from weltoffen_tui.core.pack.load import load_pack
from weltoffen_tui.core.storage.store import load_assessment

FIELD = "Fairer Zugang"
# The id in row 6 of that sheet: its third question (A4 header, A5 first question).
THIRD = next(f for f in load_pack().fields if f.id == "fairer-zugang").questions[2].id


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("blank") / "fragebogen.xlsx"
    assert main(["questionnaire", "--format", "xlsx", "-o", str(target)]) == 0
    return target


def dropdown_texts(book: openpyxl.Workbook, sheet: Worksheet, cell: str) -> list[str]:
    """The texts the drop-down of ``cell`` offers (its list validation, resolved)."""
    (validation,) = [dv for dv in sheet.data_validations.dataValidation if cell in dv.sqref]
    assert validation.type == "list"
    name = validation.formula1.lstrip("=")
    ((title, cells),) = list(book.defined_names[name].destinations)
    return [row[0].value for row in book[title][cells.replace("$", "")]]


def fill(
    blank: Path, target: Path, answers: dict[str, tuple[int, str]], perspective: str = ""
) -> None:
    """Answer rows of the sheet FIELD: row → (index in the drop-down list, note)."""
    book = openpyxl.load_workbook(blank)
    sheet = book[FIELD]
    for cell, (choice, note) in answers.items():
        sheet[cell] = dropdown_texts(book, sheet, cell)[choice]
        if note:
            sheet[cell.replace("E", "F")] = note
    if perspective:
        book[layout.COVER_SHEET][layout.PERSPECTIVE_CELL] = perspective
    book.save(target)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "unerwarteter Fehler" not in captured.err
    return code, captured.out, captured.err


IMPORT = ["import", "--kommune", "Musterdorf", "--art", "Gemeinde"]


def test_the_workbook_has_sheets_dropdowns_hidden_ids_and_protection(blank: Path) -> None:
    pack = load_pack()
    book = openpyxl.load_workbook(blank)
    assert book.sheetnames[0] == layout.COVER_SHEET
    assert book.security is not None and book.security.lockStructure
    assert book[layout.INFO_SHEET].sheet_state == "hidden"
    cover_text = " ".join(
        str(c.value) for row in book[layout.COVER_SHEET].iter_rows() for c in row if c.value
    )
    assert "nicht die Struktur ändern" in cover_text and "Weiß nicht" in cover_text
    for action_field, title in zip(pack.fields, layout.sheet_titles(pack), strict=True):
        assert len(title) <= 31
        sheet = book[title]
        assert sheet.protection.sheet
        assert sheet.column_dimensions["A"].hidden
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
        for index, question in enumerate(action_field.questions):
            row = layout.FIRST_ROW + index
            assert sheet.cell(row, layout.ID_COLUMN).value == question.id
            assert sheet.cell(row, layout.QUESTION_COLUMN).value == question.text
            assert not sheet.cell(row, layout.ANSWER_COLUMN).protection.locked
            assert not sheet.cell(row, layout.NOTE_COLUMN).protection.locked
            assert sheet.cell(row, layout.QUESTION_COLUMN).protection.locked
        texts = dropdown_texts(book, sheet, f"E{layout.FIRST_ROW}")
        assert texts == [
            *(f"{s.value} – {s.label}" for s in pack.meta.scale),
            "Weiß nicht",
            "Trifft nicht zu",
        ]


def test_round_trip_answers_and_notes_reach_the_report(
    blank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = tmp_path / "jugendamt.xlsx"
    fill(blank, filled, {"E4": (2, "Konzept vom 12.03.2025"), "E5": (4, ""), "E6": (0, "")})
    target = tmp_path / "neu.toml"
    code, out, err = run([*IMPORT, str(filled), "-o", str(target)], capsys)
    assert code == 0, err
    assert "3 von" in out
    assessment = load_assessment(target)
    assert assessment.municipality == "Musterdorf" and assessment.kind == "Gemeinde"
    assert assessment.perspective == ""  # nothing on the cover sheet
    pack = load_pack()
    zugang = pack.fields[[f.short_name for f in pack.fields].index(FIELD)]
    first, second, third = (q.id for q in zugang.questions[:3])
    assert assessment.answer(zugang.id, first).value == 3  # type: ignore[union-attr]
    assert assessment.answer(zugang.id, second).value == "weiss_nicht"  # type: ignore[union-attr]
    assert assessment.answer(zugang.id, third).value == 1  # type: ignore[union-attr]
    report = tmp_path / "bericht.md"
    assert run(["report", str(target), "--vollständig", "-o", str(report)], capsys)[0] == 0
    text = report.read_text(encoding="utf-8")
    assert f"**{first}**" in text and "*3 – Weitgehend umgesetzt*" in text
    assert "Konzept vom 12.03.2025" in text


def test_several_workbooks_merge_and_a_conflict_names_both_cells(
    blank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two, three = tmp_path / "kaemmerei.xlsx", tmp_path / "jugendamt.xlsx", tmp_path / "c.xlsx"
    fill(blank, one, {"E4": (1, "A"), "E5": (3, "")})
    fill(blank, two, {"E4": (1, "B"), "E7": (0, "")})
    fill(blank, three, {"E5": (2, "")})
    merged = tmp_path / "gesamt.toml"
    assert run([*IMPORT, str(one), str(two), "-o", str(merged)], capsys)[0] == 0
    assert load_assessment(merged).perspective == ""  # joint: no single perspective
    answers = load_assessment(merged).answers["fairer-zugang"]
    assert sum(1 for a in answers.values() if a.value is not None) == 3
    assert "kaemmerei: A" in next(a.note for a in answers.values() if "A" in a.note)
    target = tmp_path / "konflikt.toml"
    code, _, err = run([*IMPORT, str(one), str(three), "-o", str(target)], capsys)
    assert code == 2 and not target.exists()
    assert "c.xlsx" in err and "kaemmerei.xlsx" in err
    assert err.count(f"Blatt „{FIELD}“, Zelle E5") == 2
    assert "unterschiedlich beantwortet" in err and "--perspektiven" in err
    folder = tmp_path / "perspektiven"
    code, _out, err = run([*IMPORT, str(one), str(three), "--perspektiven", str(folder)], capsys)
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == [
        "musterdorf-c.toml",
        "musterdorf-kaemmerei.toml",
    ]


def test_perspective_label_comes_from_the_cover_sheet_and_names_never_collide(
    blank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = tmp_path / "x.xlsx"
    fill(blank, filled, {"E4": (0, "")}, perspective="Jugendamt")
    folder = tmp_path / "p"
    folder.mkdir()
    existing = folder / "musterdorf-jugendamt.toml"
    existing.write_text("nicht anfassen", encoding="utf-8")
    code, _out, err = run([*IMPORT, str(filled), "--perspektiven", str(folder)], capsys)
    assert code == 0, err
    assert existing.read_text(encoding="utf-8") == "nicht anfassen"
    new = folder / "musterdorf-jugendamt-2.toml"
    assert load_assessment(new).perspective == "Jugendamt"


def test_an_existing_target_is_never_overwritten(
    blank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = tmp_path / "a.xlsx"
    fill(blank, filled, {"E4": (0, "")})
    target = tmp_path / "da.toml"
    target.write_text("alt", encoding="utf-8")
    code, _, err = run([*IMPORT, str(filled), "-o", str(target)], capsys)
    assert code == 2 and "überschreibt nie" in err
    assert target.read_text(encoding="utf-8") == "alt"


def test_without_target_a_new_name_in_the_data_folder(
    blank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = tmp_path / "a.xlsx"
    fill(blank, filled, {"E4": (0, "")}, perspective="Kämmerei")
    data = tmp_path / "daten"
    for _ in range(2):
        assert run([*IMPORT, str(filled), "--data-dir", str(data)], capsys)[0] == 0
    files = list(data.glob("musterdorf-*.toml"))
    assert len(files) == 2
    assert {load_assessment(f).perspective for f in files} == {"Kämmerei"}


def tamper_rename(book: openpyxl.Workbook) -> None:
    book[FIELD].title = "Zugang"


def tamper_id(book: openpyxl.Workbook) -> None:
    book[FIELD]["A6"] = "fz-99"


def tamper_value(book: openpyxl.Workbook) -> None:
    book[FIELD]["E7"] = "vielleicht"


def tamper_delete_row(book: openpyxl.Workbook) -> None:
    book[FIELD].delete_rows(6)


def tamper_insert_row(book: openpyxl.Workbook) -> None:
    book[FIELD].insert_rows(5)


def tamper_checksum(book: openpyxl.Workbook) -> None:
    book[layout.INFO_SHEET]["B5"] = "0000"


def tamper_pack(book: openpyxl.Workbook) -> None:
    book[layout.INFO_SHEET]["B3"] = "anderer-check"


def tamper_marker(book: openpyxl.Workbook) -> None:
    del book[layout.INFO_SHEET]


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        (tamper_rename, ["Das Blatt „Fairer Zugang“ fehlt", "Das Blatt „Zugang“ gehört nicht"]),
        (tamper_id, [f"Blatt „{FIELD}“, Zelle A6", "„fz-99“", f"erwartet ist „{THIRD}“"]),
        (
            tamper_value,
            [
                f"Blatt „{FIELD}“, Zelle E7",
                "„vielleicht“ ist keine Antwort",
                "Erlaubt sind „1 – Gibt es nicht“",
            ],
        ),
        (tamper_delete_row, [f"Blatt „{FIELD}“, Zelle A6", f"erwartet ist „{THIRD}“"]),
        (tamper_insert_row, [f"Blatt „{FIELD}“, Zelle A5", "(leer)"]),
        (tamper_checksum, ["Blatt „_kennung“, Zelle B5", "Prüfsumme"]),
        (tamper_pack, ["„anderer-check“ ist nicht installiert"]),
        (tamper_marker, ["kein Fragebogen von weltoffen-tui"]),
    ],
)
def test_a_tampered_workbook_is_refused_with_sheet_and_cell(
    blank: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    tamper: object,
    expected: list[str],
) -> None:
    path = tmp_path / "fragebogen.xlsx"
    book = openpyxl.load_workbook(blank)
    book[FIELD]["E4"] = "2 – In Ansätzen"
    assert callable(tamper)
    tamper(book)
    book.save(path)
    target = tmp_path / "neu.toml"
    code, out, err = run([*IMPORT, str(path), "-o", str(target)], capsys)
    assert code == 2 and not target.exists() and not out
    assert err.startswith(f"weltoffen: {path}")
    for part in expected:
        assert part in err


def test_not_a_workbook_and_wrong_suffix_are_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "kaputt.xlsx"
    fake.write_text("kein zip", encoding="utf-8")
    code, _, err = run([*IMPORT, str(fake), "-o", str(tmp_path / "n.toml")], capsys)
    assert code == 2 and "keine lesbare Excel-Datei" in err
    other = tmp_path / "antworten.ods"
    other.write_text("x", encoding="utf-8")
    code, _, err = run([*IMPORT, str(other)], capsys)
    assert code == 2 and "lässt sich nicht einlesen" in err
    code, _, err = run([*IMPORT, str(fake), "-o", str(tmp_path / "n.xlsx")], capsys)
    assert code == 2 and "Endung .toml" in err


def test_layout_reader_accepts_labels_and_values_and_rejects_others() -> None:
    reader = layout.Reader.of(load_pack())
    assert reader.value("3 – Weitgehend umgesetzt") == 3
    assert reader.value(" 3 - weitgehend umgesetzt ") == 3
    assert reader.value(4) == 4 and reader.value(2.0) == 2
    assert reader.value("weiß nicht") == "weiss_nicht"
    assert reader.value("trifft_nicht_zu") == "trifft_nicht_zu"
    assert reader.value(None) is None and reader.value("  ") is None
    for bad in ("vielleicht", "5", True, 0):
        with pytest.raises(KeyError):
            reader.value(bad)


def test_openpyxl_is_imported_only_when_a_workbook_is_built_or_read() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import weltoffen_tui.cli.commands, weltoffen_tui.cli.cmd_import\n"
        "import weltoffen_tui.render.workbook, weltoffen_tui.render.xlsform\n"
        "import weltoffen_tui.core.importing.xlsx, weltoffen_tui.core.importing.survey\n"
        "import weltoffen_tui.core.importing.writing\n"
        "assert 'openpyxl' not in sys.modules, 'openpyxl imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_text_below_the_last_question_is_refused(
    blank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = load_pack()
    zugang = pack.fields[[f.short_name for f in pack.fields].index(FIELD)]
    below = layout.FIRST_ROW + len(zugang.questions)
    path = tmp_path / "f.xlsx"
    book = openpyxl.load_workbook(blank)
    book[FIELD].cell(below, layout.ANSWER_COLUMN, "3 – Weitgehend umgesetzt")
    book.save(path)
    code, _, err = run([*IMPORT, str(path), "-o", str(tmp_path / "n.toml")], capsys)
    assert code == 2 and f"Zelle A{below}" in err and "Unter der letzten Frage" in err


def test_core_reads_plain_cell_values_without_openpyxl() -> None:
    from weltoffen_tui.core.importing.workbook import RawWorkbook, merge, read_filled

    pack = load_pack()
    info = [
        ("marker", layout.MARKER),
        ("layout", layout.LAYOUT_VERSION),
        ("pack", pack.id),
        ("version", pack.version),
        ("checksum", layout.checksum(pack)),
    ]
    sheets: dict[str, list[tuple[object, ...]]] = {
        layout.INFO_SHEET: info,
        layout.COVER_SHEET: [()] * 4 + [("Ihr Bereich", "Beirat")],
    }
    for title, action_field in zip(layout.sheet_titles(pack), pack.fields, strict=True):
        rows: list[tuple[object, ...]] = [()] * (layout.FIRST_ROW - 1)
        rows += [(q.id, "", "", q.text, None, None, "") for q in action_field.questions]
        sheets[title] = rows
    first_sheet = layout.sheet_titles(pack)[0]
    sheets[first_sheet][layout.FIRST_ROW - 1] = (
        pack.fields[0].questions[0].id,
        "",
        "",
        "",
        2.0,
        "Notiz",
        "",
    )
    filled = read_filled(RawWorkbook(Path("a.xlsx"), sheets), lambda _: pack)
    assert filled.label == "Beirat"
    (answer,) = filled.answers
    assert (answer.value, answer.note, answer.cell) == (2, "Notiz", f"E{layout.FIRST_ROW}")
    merged = merge([filled, filled])  # the same answer twice is no conflict
    assert merged.answers[pack.fields[0].id][answer.question_id] == (2, "Notiz")


def test_a_prefilled_workbook_imports_back_to_the_same_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from weltoffen_tui.paths import sample_path

    sample = load_assessment(sample_path())
    workbook = tmp_path / "vorausgefuellt.xlsx"
    code, _, err = run(["questionnaire", "--aus", str(sample_path()), "-o", str(workbook)], capsys)
    assert code == 0, err
    target = tmp_path / "zurueck.toml"
    assert (sample.kind, sample.kreisfrei) == ("Stadt", False)
    argv = ["import", "--kommune", "Musterstadt", "--art", "kreisangehörige Stadt"]
    assert run([*argv, str(workbook), "-o", str(target)], capsys)[0] == 0
    back = load_assessment(target)
    pack = load_pack()
    compared = 0
    for action_field, question in pack.iter_questions():
        before = sample.answer(action_field.id, question.id)
        after = back.answer(action_field.id, question.id)
        if not applies(question, layout.group_of(action_field, question), sample):
            assert after is None  # marked „entfällt“ in the workbook, not read back
            continue
        if before is None or (before.value is None and not before.note.strip()):
            assert after is None
            continue
        assert after is not None and after.value == before.value
        assert " ".join(after.note.split()) == " ".join(before.note.split())
        compared += 1
    assert compared > 50
    code, _, err = run(
        ["questionnaire", "--aus", str(sample_path()), "-o", str(tmp_path / "x.md")], capsys
    )
    assert code == 2 and "nur für die Excel-Datei" in err


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_workbook_saved_again_by_libreoffice_still_imports(
    blank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os
    import subprocess

    filled = tmp_path / "filled.xlsx"
    fill(blank, filled, {"E4": (2, "Konzept")}, perspective="Schulamt")
    out = tmp_path / "lo"
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(filled),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "HOME": str(tmp_path / "home")},
        timeout=300,
    )
    folder = tmp_path / "p"
    code, _, err = run([*IMPORT, str(out / "filled.xlsx"), "--perspektiven", str(folder)], capsys)
    assert code == 0, err
    imported = load_assessment(folder / "musterdorf-schulamt.toml")
    answer = imported.answers["fairer-zugang"]["fz-01"]
    assert (answer.value, answer.note) == (3, "Konzept")


@pytest.mark.parametrize("steps", [2, 3, 7])
def test_workbook_and_xlsform_follow_the_scale_of_the_pack(steps: int, tmp_path: Path) -> None:
    """Written against ``pack.meta.scale``: a pack with 2 to 7 steps works unchanged."""
    import dataclasses
    import io

    from pyxform.xls2xform import convert

    from weltoffen_tui.core.importing.workbook import read_filled
    from weltoffen_tui.core.importing.xlsx import read_workbook
    from weltoffen_tui.core.pack.models import ScaleStep
    from weltoffen_tui.render.workbook import workbook_bytes
    from weltoffen_tui.render.xlsform import sheets, xlsform_bytes

    shipped = load_pack()
    scale = tuple(
        ScaleStep.model_construct(value=n, label=f"Stufe {n}", description="", points=n - 1)
        for n in range(1, steps + 1)
    )
    pack = dataclasses.replace(shipped, meta=shipped.meta.model_copy(update={"scale": scale}))
    assert layout.checksum(pack) != layout.checksum(shipped)
    path = tmp_path / "f.xlsx"
    path.write_bytes(workbook_bytes(pack))
    book = openpyxl.load_workbook(path)
    texts = dropdown_texts(book, book[FIELD], "E4")
    assert texts == [f"{n} – Stufe {n}" for n in range(1, steps + 1)] + [
        "Weiß nicht",
        "Trifft nicht zu",
    ]
    book[FIELD]["E4"] = texts[steps - 1]
    book.save(path)
    filled = read_filled(read_workbook(path), lambda _: pack)
    assert [a.value for a in filled.answers] == [steps]
    with pytest.raises(UserError):  # a workbook of the other scale is refused
        read_filled(read_workbook(path), lambda _: shipped)
    choices = [row for row in sheets(pack)["choices"] if row[0] == survey.CHOICE_LIST]
    assert [row[1] for row in choices] == [
        *map(str, range(1, steps + 1)),
        "weiss_nicht",
        "trifft_nicht_zu",
    ]
    warnings: list[str] = []
    convert(io.BytesIO(xlsform_bytes(pack)), warnings=warnings, file_type=".xlsx")
    assert warnings == []
