"""„vorläufig“: every figure that rests on less than half the answers says so."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from tests.conftest import make_assessment
from weltoffen_tui.core.assessment import Assessment
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.scoring import evaluate, is_preliminary
from weltoffen_tui.core.storage.store import save_assessment
from weltoffen_tui.render import report
from weltoffen_tui.render.formats import HTML, JSON, MARKDOWN, TEXT


@pytest.mark.parametrize(
    ("answered", "total", "expected"),
    [
        (0, 0, True),
        (0, 4, True),
        (1, 4, True),
        (2, 4, False),  # exactly half is not preliminary
        (1, 3, True),
        (2, 3, False),
        (7, 15, True),
        (8, 15, False),
        (52, 106, True),
        (53, 106, False),
        (106, 106, False),
    ],
)
def test_the_rule_at_the_boundary(answered: int, total: int, expected: bool) -> None:
    assert is_preliminary(answered, total) is expected


def answered(pack: Pack, count: int, value: int = 4) -> Assessment:
    """The first ``count`` questions of the pack answered, field by field.

    A Stadt whose kreisfrei status is not stated: every question applies to it.
    """
    assessment = make_assessment(pack, kind="Stadt")
    questions = [(f.id, q.id) for f in pack.fields for q in f.questions][:count]
    for field_id, question_id in questions:
        assessment.set_answer(field_id, question_id, value)
    return assessment


def overall_line(text: str) -> str:
    return next(line for line in text.splitlines() if "Gesamtbild" in line)


def strengths_line(text: str) -> str:
    return next(line for line in text.splitlines() if "Stärken" in line)


def test_a_few_answers_make_every_overall_figure_preliminary(shipped_pack: Pack) -> None:
    # 4 of 106 answers, all in the first field (4 of its 15): nothing is more than a hint.
    assessment = answered(shipped_pack, 4)
    profile = evaluate(shipped_pack, assessment)
    assert profile.strengths and profile.is_preliminary
    for fmt in (MARKDOWN, TEXT):
        text = report.render(fmt, shipped_pack, assessment, profile)
        assert "vorläufig" in overall_line(text), fmt.name
        assert "vorläufig" in strengths_line(text).split(":")[0], fmt.name
        # The field's own figure (4 of 15 answers) is preliminary too.
        assert "Management und Steuerung (100, Verankert, vorläufig)" in text, fmt.name
    page = report.render(HTML, shipped_pack, assessment, profile)
    flat = re.sub(r"<[^>]+>", "", page)
    assert "Gesamtbild: 100 von 100 – Stufe „Verankert“ (vorläufig)" in flat
    assert "Stärken (vorläufig):" in flat
    data = json.loads(report.render(JSON, shipped_pack, assessment, profile))
    assert data["overall"]["preliminary"] is True
    assert data["fields"][0]["preliminary"] is True


def test_half_of_the_answers_is_not_preliminary(shipped_pack: Pack) -> None:
    # 53 of 105: the first three fields (15 + 16 + 16) and 6 of the fourth field's 14.
    assessment = answered(shipped_pack, 53)
    profile = evaluate(shipped_pack, assessment)
    assert profile.answered == 53 and not profile.is_preliminary
    text = report.render(MARKDOWN, shipped_pack, assessment, profile)
    assert "vorläufig" not in overall_line(text)
    label, entries = strengths_line(text).split(":", 1)
    assert "vorläufig" not in label
    # The fourth field rests on 6 of 14 answers: that figure alone stays preliminary.
    assert "Arbeit und wirtschaftliche Entwicklung (100, Verankert, vorläufig)" in entries
    assert "Fairer Zugang und Teilhabechancen (100, Verankert)" in entries
    data = json.loads(report.render(JSON, shipped_pack, assessment, profile))
    assert data["overall"]["preliminary"] is False


async def test_summary_screen_says_preliminary(shipped_pack: Pack, tmp_path: Path) -> None:
    from rich.console import Console
    from textual.widgets import Static

    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.summary import SummaryScreen

    assessment = answered(shipped_pack, 4)
    path = tmp_path / "wenige.toml"
    save_assessment(assessment, path)
    app = WeltoffenApp(data_dir=tmp_path, open_file=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_summary()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(screen.query_one("#report", Static).content)
        shown = console.export_text()
        assert "vorläufig" in overall_line(shown)
        assert "vorläufig" in strengths_line(shown)
