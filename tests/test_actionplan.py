"""Action plan: measures from recommendations, editing, and the exports."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import make_assessment
from weltoffen_tui.core.assessment import Assessment, Measure
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.store import load_assessment, save_assessment
from weltoffen_tui.core.workshop.actionplan import (
    MeasureError,
    add_measure,
    first_sentence,
    measure_from_recommendation,
    measures_for_recommendation,
    next_measure_id,
    parse_due,
    remove_measure,
    update_measure,
)
from weltoffen_tui.render import actionplan
from weltoffen_tui.render.actionplan import CSV_COLUMNS, measure_rows, plan_blocks
from weltoffen_tui.render.blocks import Document
from weltoffen_tui.render.formats import CSV, HTML, MARKDOWN
from weltoffen_tui.render.markdown import to_markdown
from weltoffen_tui.render.spreadsheet import BOM


def actionplan_csv(pack: Pack, assessment: Assessment) -> str:
    return actionplan.render(CSV, pack, assessment)


def actionplan_markdown(pack: Pack, assessment: Assessment) -> str:
    return actionplan.render(MARKDOWN, pack, assessment)


def actionplan_html(pack: Pack, assessment: Assessment) -> str:
    return actionplan.render(HTML, pack, assessment)


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :], newline=""), delimiter=";"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Erstens tun. Zweitens lassen.", "Erstens tun."),
        (
            "Fragen Sie beim Jugendamt bzw. bei der Jugendpflege nach. Dann weiter.",
            "Fragen Sie beim Jugendamt bzw. bei der Jugendpflege nach.",
        ),
        ("Nutzen Sie z. B. Daten vom 1. Mai. Dann mehr.", "Nutzen Sie z. B. Daten vom 1. Mai."),
        ("Was fehlt? Das hier.", "Was fehlt?"),
        ("Zeilen\n  umbrochen,\n ohne Punkt", "Zeilen umbrochen, ohne Punkt"),
    ],
)
def test_first_sentence(text: str, expected: str) -> None:
    assert first_sentence(text) == expected


def test_first_sentence_cuts_overlong_text_at_a_word() -> None:
    title = first_sentence("wort " * 100, limit=30)
    assert title.endswith("…") and len(title) <= 30 and "wor…" not in title


def test_measure_from_recommendation(shipped_pack: Pack) -> None:
    assessment = make_assessment(shipped_pack)
    rec_id = "ms-02.low"
    ref = shipped_pack.recommendations[rec_id]
    measure = measure_from_recommendation(shipped_pack, assessment, rec_id)
    assert measure.id == "m-001"
    assert measure.field == "management-steuerung"
    assert measure.recommendation == rec_id
    assert measure.responsible == ref.recommendation.who != ""
    assert measure.status == "offen" and measure.due is None
    assert " ".join(ref.recommendation.text.split()).startswith(measure.title)
    assert measure.title.endswith(".")
    assert assessment.measures == []  # made, not yet added


def test_unknown_recommendation_is_a_clear_error(mini_pack: Pack) -> None:
    with pytest.raises(MeasureError, match="gibt es im Fragebogen nicht"):
        measure_from_recommendation(mini_pack, make_assessment(mini_pack), "gibt-es-nicht.low")


def test_ids_count_up_from_the_highest() -> None:
    assert next_measure_id([]) == "m-001"
    measures = [Measure(id="m-002", title="a"), Measure(id="eigene", title="b")]
    assert next_measure_id(measures) == "m-003"


def test_add_update_remove_change_the_given_assessment(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    stamp = assessment.updated - timedelta(days=1)
    assessment.updated = stamp
    first = add_measure(assessment, measure_from_recommendation(mini_pack, assessment, "al-01.low"))
    second = add_measure(
        assessment, measure_from_recommendation(mini_pack, assessment, "alpha.aufbau")
    )
    assert [m.id for m in assessment.measures] == ["m-001", "m-002"]
    assert first.title == "Starten Sie al 1."
    assert assessment.updated > stamp
    assert measures_for_recommendation(assessment, "al-01.low") == [first]

    changed = update_measure(
        assessment, "m-002", status="in Arbeit", due="30.06.2026", responsible="Hauptamt"
    )
    assert (changed.status, changed.due, changed.responsible) == (
        "in Arbeit",
        date(2026, 6, 30),
        "Hauptamt",
    )
    assert assessment.measures[1] == changed
    update_measure(assessment, "m-002", due=None)
    assert assessment.measures[1].due is None

    removed = remove_measure(assessment, "m-001")
    assert removed == first
    assert [m.id for m in assessment.measures] == [second.id]


def test_editing_errors_are_german_and_leave_the_plan_unchanged(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    add_measure(assessment, Measure(id="m-001", title="Leitbild"))
    before = assessment.model_dump()
    with pytest.raises(MeasureError, match="gibt es schon"):
        add_measure(assessment, Measure(id="m-001", title="doppelt"))
    with pytest.raises(MeasureError, match="Status „fertig“ gibt es nicht"):
        update_measure(assessment, "m-001", status="fertig")
    with pytest.raises(MeasureError, match="nicht erkannt"):
        update_measure(assessment, "m-001", due="morgen")
    with pytest.raises(MeasureError, match="Titel"):
        update_measure(assessment, "m-001", title="  ")
    with pytest.raises(MeasureError, match="gibt es nicht"):
        remove_measure(assessment, "m-999")
    with pytest.raises(ValueError, match="not editable"):
        update_measure(assessment, "m-001", id="m-002")
    assert assessment.model_dump() == before


def test_parse_due() -> None:
    assert parse_due("") is None
    assert parse_due(" 1.7.2026 ") == date(2026, 7, 1)
    assert parse_due("2026-07-01") == date(2026, 7, 1)


def planned(pack: Pack) -> Assessment:
    assessment = make_assessment(pack, municipality="Stadt [bold]X[/bold]")
    add_measure(assessment, measure_from_recommendation(pack, assessment, "al-01.low"))
    add_measure(
        assessment,
        Measure(
            id="m-002",
            title="Leitbild *neu* [bold]",
            field="beta",
            responsible="Amt; Team",
            due=date(2026, 9, 30),
            status="in Arbeit",
            note='Zeile 1\nZeile 2 mit "Zitat"; Semikolon <script>alert(1)</script>',
        ),
    )
    add_measure(assessment, Measure(id="m-003", title="=SUMME(A1:A9)", note="-5 Punkte"))
    return assessment


def test_csv_round_trip(mini_pack: Pack) -> None:
    assessment = planned(mini_pack)
    text = actionplan_csv(mini_pack, assessment)
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    rows = read_csv(text)
    assert tuple(rows[0]) == CSV_COLUMNS
    assert ";".join(rows[0]) == (
        "Nr;Handlungsfeld;Maßnahme;Zuständig;Fällig;Stand;Anregung;Notiz;Zeitraum;Ziel"
    )
    expected = measure_rows(mini_pack, assessment)
    assert rows[1:3] == expected[:2]
    assert rows[1] == [
        "1",
        "Feld alpha",
        "Starten Sie al 1.",
        "",
        "",
        "offen",
        "Starten Sie al 1.",
        "",
        "ohne Termin",
        "",
    ]
    assert rows[2][3:6] == ["Amt; Team", "30.09.2026", "in Arbeit"]
    assert rows[2][7] == assessment.measures[1].note
    assert "\r\n" in text


def test_csv_neutralises_spreadsheet_formulas(mini_pack: Pack) -> None:
    rows = read_csv(actionplan_csv(mini_pack, planned(mini_pack)))
    assert rows[3][2] == "'=SUMME(A1:A9)"
    assert rows[3][7] == "'-5 Punkte"


def test_empty_plan(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    assert "Noch keine Maßnahmen" in actionplan_markdown(mini_pack, assessment)
    assert read_csv(actionplan_csv(mini_pack, assessment)) == [list(CSV_COLUMNS)]


def test_markdown_escapes_titles_names_and_notes(mini_pack: Pack) -> None:
    assessment = planned(mini_pack)
    text = actionplan_markdown(mini_pack, assessment)
    assert text.startswith(r"# Maßnahmenplan: Stadt \[bold\]X\[/bold\]")
    assert r"Leitbild \*neu\* \[bold\]" in text
    assert "[bold]" not in text
    assert "| 2 | Feld beta |" in text and "30.09.2026" in text
    assert "**Anregung:** Starten Sie al 1." in text
    section = to_markdown(Document("", tuple(plan_blocks(mini_pack, assessment))))
    assert "| Nr. | Handlungsfeld | Maßnahme | Zuständig | Fällig | Stand |" in section


def test_html_is_self_contained_and_inert(mini_pack: Pack) -> None:
    page = actionplan_html(mini_pack, planned(mini_pack))
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<table>" in page
    assert "http" not in page.split("<body>")[0]


def test_measures_survive_saving(mini_pack: Pack, tmp_path: Path) -> None:
    assessment = planned(mini_pack)
    path = tmp_path / "plan.toml"
    save_assessment(assessment, path)
    assert load_assessment(path).measures == assessment.measures


# --------------------------------------------------------------------------- in the TUI


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Prüfen Sie z. B. die Satzung Nr. 4 bzw. die Richtlinie vom 1. März. Danach mehr.",
            "Prüfen Sie z. B. die Satzung Nr. 4 bzw. die Richtlinie vom 1. März.",
        ),
        ("Laden Sie ggf. Dr. Weber ein. Sonst niemand.", "Laden Sie ggf. Dr. Weber ein."),
    ],
)
def test_first_sentence_keeps_abbreviations(text: str, expected: str) -> None:
    assert first_sentence(text) == expected


def test_shipped_recommendations_give_one_sentence_titles(shipped_pack: Pack) -> None:
    assessment = make_assessment(shipped_pack)
    for rec_id, ref in shipped_pack.recommendations.items():
        title = measure_from_recommendation(shipped_pack, assessment, rec_id).title
        assert len(title) < len(" ".join(ref.recommendation.text.split())) or title.endswith(
            (".", "?", "!", "…")
        ), rec_id


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    import shutil

    from weltoffen_tui.paths import sample_path

    target = tmp_path / "musterstadt.toml"
    shutil.copyfile(sample_path(), target)
    return target


def highlighted_id(screen) -> str | None:  # type: ignore[no-untyped-def]
    from textual.widgets import OptionList

    options = screen.query_one("#recommendations", OptionList)
    assert options.highlighted is not None
    return options.get_option_at_index(options.highlighted).id


async def test_adding_a_measure_keeps_the_place_in_the_list(sample_file: Path) -> None:
    from textual.widgets import OptionList

    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.actionplan import MeasureDialog
    from weltoffen_tui.tui.screens.summary import IN_PLAN, SummaryScreen

    app = WeltoffenApp(data_dir=sample_file.parent, open_file=sample_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        fields = list(dict.fromkeys(ref.field_id for ref in summary.refs))
        # n jumps field by field (3 presses to the fourth field), v goes back.
        await pilot.press("n", "n", "n")
        first_of_fourth = next(r for r in summary.refs if r.field_id == fields[3])
        assert highlighted_id(summary) == first_of_fourth.id
        await pilot.press("v")
        assert highlighted_id(summary) == next(
            r.id for r in summary.refs if r.field_id == fields[2]
        )
        await pilot.press("n", "down", "down")
        chosen = highlighted_id(summary)
        assert chosen is not None
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, MeasureDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is summary
        assert highlighted_id(summary) == chosen  # not back at item 1
        options = summary.query_one("#recommendations", OptionList)
        prompt = str(options.get_option(chosen).prompt)
        assert IN_PLAN in prompt
        others = [o for o in options.options if o.id != chosen]
        assert all(IN_PLAN not in str(o.prompt) for o in others)
        # Each item names its field, so the group shows wherever the list is scrolled.
        title = app.pack.field(fields[3])
        assert title is not None and f"4. {title.title}" in prompt
        assert app.session is not None
        (measure,) = app.session.assessment.measures
        assert measure.recommendation == chosen and measure.field == fields[3]
        # The title is the recommendation's first sentence, not the whole paragraph.
        assert measure.title == first_sentence(app.pack.recommendations[chosen].recommendation.text)


async def test_own_measure_with_and_without_field(sample_file: Path) -> None:
    from textual.widgets import DataTable, Input, Select

    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.actionplan import ActionPlanScreen, MeasureDialog

    app = WeltoffenApp(data_dir=sample_file.parent, open_file=sample_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        plan = app.screen
        assert isinstance(plan, ActionPlanScreen)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MeasureDialog)
        await pilot.press(*"Sprachcafé einrichten")
        dialog.query_one("#due", Input).value = "2027-03-31"  # ISO is accepted too
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MeasureDialog)
        await pilot.press(*"Leitbild beschließen")
        dialog.query_one("#field", Select).value = "management-steuerung"
        dialog.query_one("#responsible", Input).value = "Hauptamt"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is plan
        assert plan.query_one(DataTable).row_count == 2
    saved = load_assessment(sample_file).measures
    assert [(m.id, m.title, m.field, m.recommendation) for m in saved] == [
        ("m-001", "Sprachcafé einrichten", "", ""),
        ("m-002", "Leitbild beschließen", "management-steuerung", ""),
    ]
    assert saved[0].due == date(2027, 3, 31) and saved[1].responsible == "Hauptamt"


async def test_plan_table_shows_title_field_responsible_due_and_status(
    sample_file: Path,
) -> None:
    from textual.widgets import DataTable

    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.actionplan import ActionPlanScreen, MeasureDialog

    assessment = load_assessment(sample_file)
    app = WeltoffenApp(data_dir=sample_file.parent)
    measure = measure_from_recommendation(app.pack, assessment, "ms-13.low")
    add_measure(
        assessment,
        measure.model_copy(
            update={
                "responsible": "Statistikstelle",
                "due": date(2027, 6, 30),
                "status": "in Arbeit",
            }
        ),
    )
    save_assessment(assessment, sample_file)
    app = WeltoffenApp(data_dir=sample_file.parent, open_file=sample_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        plan = app.screen
        assert isinstance(plan, ActionPlanScreen)
        table = plan.query_one(DataTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert labels == ["Maßnahme", "Handlungsfeld", "Zuständig", "Fällig", "Stand"]
        cells = [str(cell) for cell in table.get_row_at(0)]
        assert cells[1].startswith("Management")  # the field's name, not its number
        assert cells[2].startswith("Statistik") and cells[3:] == ["30.06.2027", "in Arbeit"]
        # Everything fits: no column is pushed off an 80-column screen.
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= 78
        await pilot.press("enter")  # Enter edits the highlighted measure
        await pilot.pause()
        assert isinstance(app.screen, MeasureDialog)
