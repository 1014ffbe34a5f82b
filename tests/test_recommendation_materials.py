"""Recommendations that link Arbeitshilfen: schema, check, cache, every format, the TUI."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.conftest import make_assessment
from weltoffen_tui.core.assessment import Answer
from weltoffen_tui.core.pack.check import validate_pack
from weltoffen_tui.core.pack.models import Pack, Recommendation
from weltoffen_tui.core.scoring import evaluate
from weltoffen_tui.core.workshop.actionplan import add_measure, measure_from_recommendation
from weltoffen_tui.paths import default_pack_dir
from weltoffen_tui.render import actionplan, report
from weltoffen_tui.render.formats import BY_NAME

NETIQUETTE = "Netiquette für die Kanäle der Kommune in sozialen Medien"
COMMAND = "weltoffen materials netiquette"


# --------------------------------------------------------------------------- schema and check


def test_a_recommendation_names_templates_and_has_none_by_default() -> None:
    assert Recommendation(text="Tun Sie das.", effort="klein").materials == ()
    rec = Recommendation(text="Tun Sie das.", effort="klein", materials=("netiquette",))
    assert rec.materials == ("netiquette",)


def _pack_copy(tmp_path: Path) -> Path:
    root = tmp_path / "paket"
    shutil.copytree(default_pack_dir(), root)
    return root


def _add_line_after(path: Path, anchor: str, line: str, occurrence: int = 1) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    hits = [i for i, text in enumerate(lines) if text.strip() == anchor]
    lines.insert(hits[occurrence - 1] + 1, line + "\n")
    path.write_text("".join(lines), encoding="utf-8")


def test_validate_refuses_an_unknown_template_and_names_file_field_and_id(tmp_path: Path) -> None:
    root = _pack_copy(tmp_path)
    field_file = root / "fields" / "kommunikation-konflikt.toml"
    _add_line_after(field_file, "[questions.low]", 'materials = ["gibt-es-nicht"]')
    _add_line_after(field_file, 'level = "einstieg"', 'materials = ["auch-nicht"]')
    pack, problems = validate_pack(root)
    assert pack is None
    dead = [p for p in problems if "Arbeitshilfe" in p.message]
    assert len(dead) == 2, problems
    low, level = sorted(dead, key=lambda p: p.path or "", reverse=True)
    assert low.file == field_file and low.line is not None
    assert low.path == "questions.0.low.materials"
    assert "kk-01" in low.message and "„gibt-es-nicht“" in low.message
    assert "arbeitshilfen/gibt-es-nicht.md" in low.hint
    assert level.path is not None and level.path.endswith(".materials")
    assert "einstieg" in level.message and "„auch-nicht“" in level.message


def test_the_shipped_pack_links_every_template_it_names(shipped_pack: Pack) -> None:
    from weltoffen_tui.core.materials import load_materials

    known = {m.id for m in load_materials(shipped_pack.directory)}
    named = {
        mid for ref in shipped_pack.recommendations.values() for mid in ref.recommendation.materials
    }
    assert named and named <= known
    assert shipped_pack.recommendations["kk-13.low"].recommendation.materials == ("netiquette",)


def test_the_pack_cache_carries_the_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from weltoffen_tui.core.pack import cache as packcache
    from weltoffen_tui.core.pack.load import _CACHE, load_pack

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("WELTOFFEN_NO_PACK_CACHE", raising=False)
    _CACHE.clear()
    try:
        load_pack()  # validates and writes the cache
        cached = packcache.read(default_pack_dir().resolve())
    finally:
        _CACHE.clear()
    assert cached is not None
    rec = cached.recommendations["kk-14.low"].recommendation
    assert rec.materials == ("vorfallprotokoll", "hilfekarte-bedrohung")
    assert isinstance(rec.materials, tuple)


# --------------------------------------------------------------------------- every format


@pytest.fixture(scope="module")
def low_kk13(shipped_pack: Pack) -> tuple[Pack, object, object]:
    """An assessment whose recommendations include kk-13.low (netiquette)."""
    assessment = make_assessment(shipped_pack)
    field = shipped_pack.question("kk-13")
    assert field is not None
    assessment.answers.setdefault(field[0].id, {})["kk-13"] = Answer(value=1)
    profile = evaluate(shipped_pack, assessment)
    assert any(ref.id == "kk-13.low" for r in profile.fields for ref in r.recommendations)
    return shipped_pack, assessment, profile


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_the_handout_names_the_template_with_the_command(
    low_kk13: tuple[Pack, object, object], fmt: str
) -> None:
    pack, assessment, profile = low_kk13
    out = report.render(BY_NAME[fmt], pack, assessment, profile)  # type: ignore[arg-type]
    assert isinstance(out, str)
    words = " ".join(out.split())  # the text format wraps long lines
    assert "Arbeitshilfe:" in words and NETIQUETTE in words and COMMAND in words


def test_the_terminal_report_names_the_template(low_kk13: tuple[Pack, object, object]) -> None:
    from rich.console import Console

    pack, assessment, profile = low_kk13
    console = Console(width=200, record=True, color_system=None)
    console.print(report.rich_report(pack, assessment, profile, flowing=True))  # type: ignore[arg-type]
    text = console.export_text()
    assert f"→ Arbeitshilfe: {NETIQUETTE} ({COMMAND})" in text


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_full_report_links_to_the_template_in_its_appendix(
    low_kk13: tuple[Pack, object, object], fmt: str
) -> None:
    pack, assessment, profile = low_kk13
    out = report.render(BY_NAME[fmt], pack, assessment, profile, full=True)  # type: ignore[arg-type]
    assert isinstance(out, str)
    assert "#arbeitshilfe-netiquette" in out
    assert "Anhang: Arbeitshilfen" in out
    assert "arbeitshilfe-netiquette.docx" in out  # how to get it as a Word file
    if fmt == "html":
        assert 'id="arbeitshilfe-netiquette"' in out


def test_the_json_report_lists_the_templates(low_kk13: tuple[Pack, object, object]) -> None:
    pack, assessment, profile = low_kk13
    data = json.loads(report.render(BY_NAME["json"], pack, assessment, profile))  # type: ignore[arg-type]
    rec = next(r for r in data["recommendations"] if r["id"] == "kk-13.low")
    assert rec["materials"] == [{"id": "netiquette", "title": NETIQUETTE, "command": COMMAND}]


def test_the_pdf_report_names_the_template(low_kk13: tuple[Pack, object, object]) -> None:
    import io

    from pypdf import PdfReader

    pack, assessment, profile = low_kk13
    pdf = report.render(BY_NAME["pdf"], pack, assessment, profile)  # type: ignore[arg-type]
    assert isinstance(pdf, bytes)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Arbeitshilfe" in " ".join(text.split()) and "Netiquette" in text


def test_the_action_plan_names_the_template_of_a_measures_recommendation(
    shipped_pack: Pack,
) -> None:
    assessment = make_assessment(shipped_pack)
    add_measure(assessment, measure_from_recommendation(shipped_pack, assessment, "kk-13.low"))
    markdown = actionplan.render(BY_NAME["markdown"], shipped_pack, assessment)
    assert isinstance(markdown, str)
    assert f"**{NETIQUETTE}** (`{COMMAND}`)" in markdown
    data = json.loads(actionplan.render(BY_NAME["json"], shipped_pack, assessment))  # type: ignore[arg-type]
    assert data["measures"][0]["materials"] == ["netiquette"]


# --------------------------------------------------------------------------- the TUI


async def test_the_summary_exports_the_template_of_a_recommendation(sample_copy: Path) -> None:
    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.article import MaterialExportDialog
    from weltoffen_tui.tui.screens.summary import SummaryScreen

    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        options = summary.query_one("#recommendations", OptionList)
        index = options.get_option_index("kk-13.low")
        prompt = str(options.get_option_at_index(index).prompt)
        assert "Arbeitshilfe: Strg+E" in prompt.splitlines()[0]  # visible at 80×24
        assert NETIQUETTE in prompt
        options.highlighted = index
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MaterialExportDialog)
        assert [m.id for m in dialog.materials] == ["netiquette"]
        await pilot.press("enter")  # the first choice: Word
        await pilot.pause()
        written = sample_copy.parent / "arbeitshilfe-netiquette.docx"
        assert written.is_file() and zipfile.is_zipfile(written)
        assert isinstance(app.screen, SummaryScreen)


async def test_ctrl_e_on_a_recommendation_without_template_only_explains(
    sample_copy: Path,
) -> None:
    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.summary import SummaryScreen

    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        plain_ref = next(r for r in summary.refs if not r.recommendation.materials)
        options = summary.query_one("#recommendations", OptionList)
        options.highlighted = options.get_option_index(plain_ref.id)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert not list(sample_copy.parent.glob("arbeitshilfe-*"))


async def test_the_plan_screen_names_and_exports_a_measures_template(sample_copy: Path) -> None:
    from weltoffen_tui.core.storage.store import load_assessment, save_assessment
    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.actionplan import ActionPlanScreen
    from weltoffen_tui.tui.screens.article import MaterialExportDialog

    assessment = load_assessment(sample_copy)
    assessment.measures = []
    app_pack = WeltoffenApp(data_dir=sample_copy.parent).pack  # the shipped pack
    add_measure(assessment, measure_from_recommendation(app_pack, assessment, "kk-13.low"))
    save_assessment(assessment, sample_copy)
    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ActionPlanScreen)
        detail = str(app.screen.query_one("#plan-detail").render())
        assert f"Arbeitshilfe: {NETIQUETTE}" in detail and "Strg+E" in detail
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, MaterialExportDialog)
        assert [m.id for m in app.screen.materials] == ["netiquette"]
