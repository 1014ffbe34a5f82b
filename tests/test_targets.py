"""Targets (Soll) per field: the gap rule, the bar marker, saving, reports, comparison, TUI."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import make_assessment
from weltoffen_tui.core.assessment import Assessment, Target
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.scoring import evaluate
from weltoffen_tui.core.storage.store import load_assessment, save_assessment
from weltoffen_tui.core.targets import (
    TARGET_MARK,
    TargetError,
    agreed_targets,
    bar_with_target,
    gap_label,
    marker_index,
    set_target,
    target_status,
)
from weltoffen_tui.paths import sample_path
from weltoffen_tui.render import report
from weltoffen_tui.render.formats import BY_NAME

# ---------------------------------------------------------------------- the gap rule


def _with_score(pack: Pack, value: int) -> tuple[Assessment, float | None]:
    assessment = make_assessment(pack)
    for question in pack.fields[0].questions:
        assessment.set_answer("alpha", question.id, value)
    score = evaluate(pack, assessment).fields[0].score
    return assessment, score


@pytest.mark.parametrize(
    ("value", "target", "gap", "label"),
    [
        (3, "fortgeschritten", 0, "erreicht"),  # 67 points: Fortgeschritten = the target
        (3, "aufbau", 0, "erreicht"),  # above the target still counts as reached
        (2, "verankert", 2, "noch 2 Stufen"),  # 33 points: Aufbau, two below Verankert
        (2, "fortgeschritten", 1, "noch 1 Stufe"),
        (1, "aufbau", 1, "noch 1 Stufe"),  # 0 points: Einstieg
    ],
)
def test_gap_in_levels(mini_pack: Pack, value: int, target: str, gap: int, label: str) -> None:
    assessment, score = _with_score(mini_pack, value)
    assessment.targets["alpha"] = Target(level=target)
    status = target_status(mini_pack, assessment, "alpha", score)
    assert status is not None
    assert status.gap == gap
    assert status.reached is (gap == 0)
    assert gap_label(status) == label


def test_gap_unknown_without_score_or_for_an_unknown_level(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    assessment.targets["alpha"] = Target(level="aufbau")
    status = target_status(mini_pack, assessment, "alpha", None)
    assert status is not None and status.gap is None and not status.reached
    assert gap_label(status) == "offen"
    assessment.targets["alpha"] = Target(level="meisterhaft")
    status = target_status(mini_pack, assessment, "alpha", 80.0)
    assert status is not None and status.level is None and status.gap is None
    assert "meisterhaft" in gap_label(status)
    assert target_status(mini_pack, assessment, "beta", 10.0) is None
    assert gap_label(None) == "kein Ziel"


def test_set_target_checks_level_and_field(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    set_target(mini_pack, assessment, "alpha", "verankert", date(2027, 12, 31))
    assert assessment.targets["alpha"] == Target(level="verankert", due=date(2027, 12, 31))
    with pytest.raises(TargetError):
        set_target(mini_pack, assessment, "alpha", "meisterhaft", None)
    with pytest.raises(TargetError):
        set_target(mini_pack, assessment, "gamma", "aufbau", None)
    with pytest.raises(TargetError):
        set_target(mini_pack, assessment, "alpha", None, date(2027, 1, 1))
    set_target(mini_pack, assessment, "alpha", None, None)
    assert assessment.targets == {}


def test_targets_are_saved_and_read_back(mini_pack: Pack, tmp_path: Path) -> None:
    assessment = make_assessment(mini_pack)
    set_target(mini_pack, assessment, "beta", "fortgeschritten", date(2028, 6, 30))
    path = tmp_path / "ziel.toml"
    save_assessment(assessment, path)
    text = path.read_text(encoding="utf-8")
    assert "[targets.beta]" in text and "due = 2028-06-30" in text
    assert load_assessment(path).targets == {
        "beta": Target(level="fortgeschritten", due=date(2028, 6, 30))
    }


# ---------------------------------------------------------------------- the marker


@pytest.mark.parametrize(
    ("target", "width", "index"),
    [(0.0, 10, 0), (25.0, 10, 2), (50.0, 10, 5), (75.0, 10, 8), (100.0, 10, 9), (50.0, 20, 10)],
)
def test_marker_index(target: float, width: int, index: int) -> None:
    assert marker_index(target, width) == index


def test_bar_with_target_keeps_width_and_marks_once() -> None:
    bar = bar_with_target("█████░░░░░", 75.0)
    assert bar == "█████░░░┃░"
    assert bar_with_target("██░░", None) == "██░░"


# ---------------------------------------------------------------------- reports


def test_every_report_format_shows_target_and_gap(mini_pack: Pack) -> None:
    assessment, _ = _with_score(mini_pack, 2)
    set_target(mini_pack, assessment, "alpha", "verankert", date(2027, 12, 31))
    profile = evaluate(mini_pack, assessment)
    for name in ("markdown", "html", "text"):
        text = report.render(BY_NAME[name], mini_pack, assessment, profile)
        assert "Ziele (Soll)" in text, name
        assert "Verankert" in text and "31.12.2027" in text, name
        assert "noch 2 Stufen" in text, name
    data = json.loads(report.render(BY_NAME["json"], mini_pack, assessment, profile))
    alpha = next(f for f in data["fields"] if f["id"] == "alpha")
    assert alpha["target"]["level"] == "verankert"
    assert alpha["target"]["gap"] == 2 and alpha["target"]["reached"] is False
    assert alpha["target"]["due"] == "2027-12-31"
    assert next(f for f in data["fields"] if f["id"] == "beta")["target"] is None
    assert data["targets"] == {"alpha": {"level": "verankert", "due": "2027-12-31"}}


def test_a_report_without_targets_has_no_target_section(mini_pack: Pack) -> None:
    assessment, _ = _with_score(mini_pack, 2)
    profile = evaluate(mini_pack, assessment)
    text = report.render(BY_NAME["markdown"], mini_pack, assessment, profile)
    assert "Ziele (Soll)" not in text and TARGET_MARK not in text


# ---------------------------------------------------------------------- workshop


def test_consensus_takes_only_targets_all_sources_agree_on() -> None:
    agreed = agreed_targets(
        [
            {"a": Target(level="aufbau", due=date(2027, 6, 30)), "b": Target(level="aufbau")},
            {"a": Target(level="aufbau", due=date(2027, 3, 31)), "b": Target(level="verankert")},
            {"c": Target(level="verankert")},
        ]
    )
    assert agreed == {
        "a": Target(level="aufbau", due=date(2027, 3, 31)),  # the earliest date
        "c": Target(level="verankert"),  # only one source set it: nobody disagrees
    }


def test_comparison_shows_each_perspectives_target(mini_pack: Pack) -> None:
    from weltoffen_tui.core.workshop.compare import compare
    from weltoffen_tui.render import comparison

    first, _ = _with_score(mini_pack, 2)
    second, _ = _with_score(mini_pack, 4)
    first.perspective = "Verwaltung"
    second.perspective = "Beirat"
    set_target(mini_pack, first, "alpha", "verankert", None)
    set_target(mini_pack, second, "alpha", "verankert", None)
    result = compare(mini_pack, [("a.toml", first), ("b.toml", second)])
    text = comparison.render(BY_NAME["markdown"], mini_pack, result)
    assert "Ziel (Soll) je Perspektive" in text
    assert "Verankert (noch 2)" in text and "Verankert (erreicht)" in text
    data = json.loads(comparison.render(BY_NAME["json"], mini_pack, result))
    alpha = next(f for f in data["fields"] if f["id"] == "alpha")
    assert [t["gap"] for t in alpha["targets"]] == [2, 0]


# ---------------------------------------------------------------------- in the app


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    directory = tmp_path / "daten"
    directory.mkdir()
    shutil.copyfile(sample_path(), directory / sample_path().name)
    return directory / sample_path().name


async def test_s_sets_a_target_in_the_summary_saved_and_marked_at_80x24(sample: Path) -> None:
    from textual.widgets import Input, Select

    from tests.test_projector import screen_lines
    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.profile_dialogs import TargetDialog
    from weltoffen_tui.tui.screens.summary import SummaryScreen

    app = WeltoffenApp(data_dir=sample.parent, open_file=sample)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        pack = app.session.pack  # type: ignore[union-attr]
        first = pack.fields[0]
        assert not any(TARGET_MARK in line for line in screen_lines(app))
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TargetDialog)
        dialog.query_one("#target-level", Select).value = "verankert"
        dialog.query_one("#target-due", Input).value = "31.12.2027"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        saved = load_assessment(sample)
        assert saved.targets[first.id] == Target(level="verankert", due=date(2027, 12, 31))
        rows = [line for line in screen_lines(app) if first.short_name in line]
        assert len(rows) == 1 and TARGET_MARK in rows[0], rows
        # The marker stands at the target's score (Verankert: 75 → cell 8 of 10).
        bar = rows[0][rows[0].index(TARGET_MARK) - 8 : rows[0].index(TARGET_MARK) + 2]
        assert marker_index(75.0, 10) == 8 and bar[8] == TARGET_MARK, bar


async def test_the_target_dialog_refuses_a_bad_date(sample: Path) -> None:
    from textual.widgets import Input, Select, Static

    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.profile_dialogs import TargetDialog

    app = WeltoffenApp(data_dir=sample.parent, open_file=sample)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TargetDialog)
        dialog.query_one("#target-level", Select).value = "aufbau"
        dialog.query_one("#target-due", Input).value = "31.12.27"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog  # stays open, says what is wrong
        message = str(dialog.query_one("#target-error", Static).render())
        assert "TT.MM.JJJJ" in message
        assert load_assessment(sample).targets == {}


def test_a_merged_consensus_carries_the_agreed_targets(mini_pack: Pack) -> None:
    from weltoffen_tui.core.workshop.consensus import merge

    first, second = make_assessment(mini_pack), make_assessment(mini_pack)
    first.targets = {"alpha": Target(level="verankert"), "beta": Target(level="aufbau")}
    second.targets = {"alpha": Target(level="verankert"), "beta": Target(level="verankert")}
    second.targets["gamma"] = Target(level="aufbau")  # a field the pack does not know
    merged = merge(mini_pack, [(Path("a.toml"), first), (Path("b.toml"), second)], {})
    assert merged.targets == {"alpha": Target(level="verankert")}


async def test_a_consensus_target_dialog_shows_the_sources_targets(
    tmp_path: Path, shipped_pack: Pack
) -> None:
    from textual.widgets import Static

    from weltoffen_tui.core.workshop.consensus import merge
    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.profile_dialogs import TargetDialog
    from weltoffen_tui.tui.screens.summary import SummaryScreen

    first_field = shipped_pack.fields[0].id
    sources = []
    for name, level in (("Verwaltung", "verankert"), ("Beirat", "fortgeschritten")):
        source = make_assessment(shipped_pack, perspective=name)
        source.targets[first_field] = Target(level=level, due=date(2027, 12, 31))
        path = tmp_path / f"{name.lower()}.toml"
        save_assessment(source, path)
        sources.append((path, source))
    consensus = merge(shipped_pack, sources, {}, base=tmp_path)
    assert consensus.targets == {}  # they differ: the workshop decides
    target = tmp_path / "gemeinsam.toml"
    save_assessment(consensus, target)
    app = WeltoffenApp(data_dir=tmp_path, open_file=target)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TargetDialog)
        hint = str(dialog.query_one("#target-hints", Static).render())
        assert "Verwaltung: Verankert bis 31.12.2027" in hint
        assert "Beirat: Fortgeschritten bis 31.12.2027" in hint
