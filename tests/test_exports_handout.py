"""The report as a handout (a few pages) by default, the full version with an option."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli import run
from weltoffen_tui.core.scoring import evaluate
from weltoffen_tui.core.storage.opening import open_assessment
from weltoffen_tui.render import report
from weltoffen_tui.render.formats import HTML, MARKDOWN

APPENDIX = "Anhang: Wissensartikel"


def test_handout_has_no_article_appendix_and_no_dangling_links(sample_copy: Path) -> None:
    assessment, pack = open_assessment(sample_copy)
    profile = evaluate(pack, assessment)
    handout = report.render(HTML, pack, assessment, profile)
    full = report.render(HTML, pack, assessment, profile, full=True)
    assert APPENDIX not in handout and APPENDIX in full
    assert 'href="#artikel-' not in handout and 'href="#artikel-' in full
    # Still the results, every recommendation (short) and the plan heading.
    assert "Gesamtbild" in handout and "Anregungen zur Weiterarbeit" in handout
    for result in profile.fields:
        for ref in result.recommendations:
            if ref.question_id:
                assert f"{ref.question_id} (" in handout
    # The full version of the sample is about ten times as long (both carry the same
    # profile chart and its table, 5 kB).
    assert len(full) > 9 * len(handout)


def test_full_version_keeps_answers_and_notes(sample_copy: Path) -> None:
    assessment, pack = open_assessment(sample_copy)
    profile = evaluate(pack, assessment)
    handout = report.render(MARKDOWN, pack, assessment, profile)
    full = report.render(MARKDOWN, pack, assessment, profile, full=True)
    assert "Antworten und Notizen" in full and "Antworten und Notizen" not in handout


@pytest.mark.parametrize("option", ["--vollständig", "--vollstaendig"])
def test_cli_report_option_writes_the_full_version(
    capsys: pytest.CaptureFixture[str], sample_copy: Path, tmp_path: Path, option: str
) -> None:
    short, long = tmp_path / "kurz.html", tmp_path / "lang.html"
    code, _, _ = run(capsys, "report", str(sample_copy), "-o", str(short))
    assert code == 0
    code, _, _ = run(capsys, "report", str(sample_copy), option, "-o", str(long))
    assert code == 0
    assert APPENDIX not in short.read_text(encoding="utf-8")
    assert APPENDIX in long.read_text(encoding="utf-8")


def test_report_help_names_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(capsys, "report", "--help")
    out = capsys.readouterr().out
    assert "--vollständig" in out and "--vollstaendig" in out


async def test_summary_shows_the_folder_and_offers_every_export(sample_copy: Path) -> None:
    from textual.widgets import OptionList, Static

    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.summary import EXPORTS, ExportChooser, SummaryScreen

    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        line = str(summary.query_one("#export-folder", Static).render())
        assert f"Exporte gehen nach: {sample_copy.parent}/" in line

        async def export(key: str) -> None:
            await pilot.press("e")
            await pilot.pause()
            chooser = app.screen
            assert isinstance(chooser, ExportChooser)
            options = chooser.query_one(OptionList)
            options.highlighted = [e[0] for e in EXPORTS].index(key)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is summary

        await export("questionnaire-html")
        blank = sample_copy.parent / "fragebogen.html"
        assert "<!DOCTYPE html>" in blank.read_text(encoding="utf-8")
        await export("full-html")
        full = sample_copy.parent / "musterstadt-bericht-vollstaendig.html"
        assert APPENDIX in full.read_text(encoding="utf-8")
        await pilot.press("x")  # the handout, directly
        await pilot.pause()
        handout = sample_copy.parent / "musterstadt-bericht.html"
        assert APPENDIX not in handout.read_text(encoding="utf-8")
        banner = str(summary.query_one("#export-status", Static).render())
        assert str(handout) in banner
        assert app.exported == [blank, full, handout]
