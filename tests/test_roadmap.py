"""The roadmap: measures grouped by quarter or half-year and by field, hand-made dates."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import make_assessment
from weltoffen_tui.core.assessment import Assessment, Measure, Target
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.workshop.roadmap import (
    NO_DATE,
    Period,
    choose_granularity,
    period_of,
    roadmap,
)
from weltoffen_tui.render import actionplan, report
from weltoffen_tui.render.formats import BY_NAME


def plan(*measures: tuple[str, str, date | None]) -> Assessment:
    assessment = make_assessment_without_pack()
    assessment.measures = [
        Measure(id=f"m-{n}", title=title, field=field, due=due)
        for n, (title, field, due) in enumerate(measures, start=1)
    ]
    return assessment


def make_assessment_without_pack() -> Assessment:
    return Assessment.new(
        municipality="Planstadt", kind="Stadt", questionnaire="mini", questionnaire_version="0.1"
    )


@pytest.mark.parametrize(
    ("day", "quarter", "half"),
    [
        (date(2026, 1, 1), "Q1 2026", "1. Halbjahr 2026"),
        (date(2026, 3, 31), "Q1 2026", "1. Halbjahr 2026"),
        (date(2026, 4, 1), "Q2 2026", "1. Halbjahr 2026"),
        (date(2026, 6, 30), "Q2 2026", "1. Halbjahr 2026"),
        (date(2026, 7, 1), "Q3 2026", "2. Halbjahr 2026"),
        (date(2026, 12, 31), "Q4 2026", "2. Halbjahr 2026"),
        (date(2027, 1, 1), "Q1 2027", "1. Halbjahr 2027"),
    ],
)
def test_period_of_a_date(day: date, quarter: str, half: str) -> None:
    assert period_of(day, "quartal").label == quarter
    assert period_of(day, "halbjahr").label == half


def test_periods_across_a_year_boundary_are_in_date_order() -> None:
    assessment = plan(
        ("Januar", "alpha", date(2027, 1, 15)),
        ("Dezember", "alpha", date(2026, 12, 31)),
        ("Oktober", "beta", date(2026, 10, 1)),
        ("Ohne", "beta", None),
    )
    result = roadmap(assessment, ["alpha", "beta"], "quartal")
    assert [p.label for p in result.periods] == ["Q4 2026", "Q1 2027", NO_DATE]
    q4 = result.periods[0]
    assert [g.field_id for g in q4.fields] == ["alpha", "beta"]  # the pack's order
    assert [m.title for m in q4.measures] == ["Dezember", "Oktober"]
    assert result.periods[-1].period is None and result.periods[-1].measures[0].title == "Ohne"


def test_half_years_across_a_year_boundary() -> None:
    assessment = plan(
        ("A", "alpha", date(2026, 6, 30)),
        ("B", "alpha", date(2026, 7, 1)),
        ("C", "alpha", date(2027, 1, 1)),
    )
    result = roadmap(assessment, ["alpha"], "halbjahr")
    assert [p.label for p in result.periods] == [
        "1. Halbjahr 2026",
        "2. Halbjahr 2026",
        "1. Halbjahr 2027",
    ]


def test_granularity_from_the_spread_of_dates() -> None:
    assert choose_granularity([]) == "quartal"
    # Q1 2026 to Q4 2027: eight quarters – still quarters.
    assert choose_granularity([date(2026, 1, 1), date(2027, 12, 31)]) == "quartal"
    # Q4 2026 to Q4 2028: nine quarters – half-years.
    assert choose_granularity([date(2026, 12, 31), date(2028, 10, 1)]) == "halbjahr"
    spread = plan(("A", "", date(2026, 1, 1)), ("B", "", date(2029, 1, 1)))
    assert roadmap(spread).granularity == "halbjahr"


def test_each_field_group_names_its_target_and_fields_order() -> None:
    assessment = plan(
        ("Ohne Feld", "", date(2026, 2, 1)),
        ("Unbekannt", "zeta", date(2026, 2, 2)),
        ("Beta", "beta", date(2026, 2, 3)),
        ("Alpha", "alpha", date(2026, 2, 4)),
    )
    assessment.targets["beta"] = Target(level="verankert")
    groups = roadmap(assessment, ["alpha", "beta"], "quartal").periods[0].fields
    assert [g.field_id for g in groups] == ["alpha", "beta", "zeta", ""]
    assert groups[1].target == Target(level="verankert")
    assert groups[0].target is None and groups[3].target is None


def test_period_start() -> None:
    assert Period(2027, 3, "quartal").start == date(2027, 7, 1)
    assert Period(2027, 2, "halbjahr").start == date(2027, 7, 1)


# ---------------------------------------------------------------------- documents


def _plan_with_target(pack: Pack) -> Assessment:
    assessment = make_assessment(pack)
    for question in pack.fields[0].questions:
        assessment.set_answer("alpha", question.id, 2)
    assessment.targets["alpha"] = Target(level="verankert", due=date(2027, 12, 31))
    assessment.measures = [
        Measure(id="m-1", title="Konzept beschließen", field="alpha", due=date(2026, 11, 30)),
        Measure(id="m-2", title="Beirat wählen", field="beta", status="in Arbeit"),
    ]
    return assessment


def test_every_plan_export_has_the_roadmap(mini_pack: Pack) -> None:
    assessment = _plan_with_target(mini_pack)
    for name in ("markdown", "html", "text"):
        text = actionplan.render(BY_NAME[name], mini_pack, assessment)
        assert "Roadmap" in text and "Q4 2026" in text and NO_DATE in text, name
        assert "dient dem Ziel „Verankert bis 31.12.2027“ (noch 2 Stufen)" in text, name
    text = actionplan.render(BY_NAME["markdown"], mini_pack, assessment, "halbjahr")
    assert "2. Halbjahr 2026" in text
    data = json.loads(actionplan.render(BY_NAME["json"], mini_pack, assessment))
    assert [p["label"] for p in data["roadmap"]["periods"]] == ["Q4 2026", NO_DATE]
    assert data["roadmap"]["periods"][0]["fields"][0]["target"]["level"] == "verankert"
    rows = list(
        csv.reader(
            io.StringIO(actionplan.render(BY_NAME["csv"], mini_pack, assessment).lstrip("\ufeff")),
            delimiter=";",
        )
    )
    assert rows[0][-2:] == ["Zeitraum", "Ziel"]
    assert rows[1][-2:] == ["Q4 2026", "Verankert bis 31.12.2027"]
    assert rows[2][-2:] == [NO_DATE, ""]


def test_the_report_has_the_roadmap(mini_pack: Pack) -> None:
    from weltoffen_tui.core.scoring import evaluate

    assessment = _plan_with_target(mini_pack)
    profile = evaluate(mini_pack, assessment)
    for name in ("markdown", "html", "text"):
        text = report.render(BY_NAME[name], mini_pack, assessment, profile)
        assert "Roadmap" in text and "Q4 2026" in text, name
    data = json.loads(report.render(BY_NAME["json"], mini_pack, assessment, profile))
    assert data["roadmap"]["granularity"] == "quartal"


def test_cli_zeitraum_option(
    shipped_pack: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from weltoffen_tui.cli.entry import main
    from weltoffen_tui.core.storage.store import save_assessment

    assessment = make_assessment(shipped_pack)
    assessment.measures = [
        Measure(id="m-1", title="Früh", field=shipped_pack.fields[0].id, due=date(2026, 5, 1))
    ]
    path = tmp_path / "plan.toml"
    save_assessment(assessment, path)
    assert main(["actionplan", str(path), "--zeitraum", "halbjahr", "--format", "markdown"]) == 0
    assert "1. Halbjahr 2026" in capsys.readouterr().out
    assert main(["actionplan", str(path), "--format", "markdown"]) == 0
    assert "Q2 2026" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stopped:
        main(["actionplan", str(path), "--zeitraum", "monat"])
    assert stopped.value.code == 2
    assert "quartal" in capsys.readouterr().err


async def test_plan_screen_toggles_to_the_roadmap(tmp_path: Path, shipped_pack: Pack) -> None:
    from textual.widgets import DataTable

    from tests.test_projector import screen_lines
    from weltoffen_tui.core.storage.store import save_assessment
    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.actionplan import ActionPlanScreen

    assessment = make_assessment(shipped_pack)
    first = shipped_pack.fields[0]
    assessment.measures = [
        Measure(id="m-1", title="Leitbild fortschreiben", field=first.id, due=date(2027, 2, 1)),
    ]
    assessment.targets[first.id] = Target(level="verankert")
    path = tmp_path / "plan.toml"
    save_assessment(assessment, path)
    app = WeltoffenApp(data_dir=tmp_path, open_file=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(ActionPlanScreen(app.session))  # type: ignore[arg-type]
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionPlanScreen)
        assert screen.query_one(DataTable).display
        await pilot.press("r")
        await pilot.pause()
        assert not screen.query_one(DataTable).display
        shown = "\n".join(screen_lines(app))
        assert "Q1 2027" in shown and "Leitbild fortschreiben" in shown
        assert "Verankert" in shown
        await pilot.press("r")
        await pilot.pause()
        assert screen.query_one(DataTable).display
