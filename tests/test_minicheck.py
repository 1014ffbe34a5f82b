"""Issue 14, point 7: the example pack of questionnaires/README.md runs everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Select, TextArea

from tests.conftest import make_assessment
from tests.test_tui import screen_lines
from weltoffen_tui.cli import main
from weltoffen_tui.core.pack.check import validate_pack
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.scoring import evaluate
from weltoffen_tui.core.storage.store import load_assessment, save_assessment
from weltoffen_tui.paths import packs_dir
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.screens.field import FieldScreen
from weltoffen_tui.tui.screens.setup import SetupScreen
from weltoffen_tui.tui.screens.summary import SummaryScreen
from weltoffen_tui.tui.widgets.question import QuestionCard

MINI = packs_dir() / "beispiele" / "mini-check"
README = packs_dir() / "README.md"


@pytest.fixture(scope="module")
def mini() -> Pack:
    pack, problems = validate_pack(MINI)
    assert pack is not None, problems
    return pack


def test_the_example_pack_is_what_the_issue_asks_for(mini: Pack) -> None:
    assert len(mini.fields) == 2 and len(mini.meta.scale) == 3 and len(mini.meta.levels) == 3
    only = [q for _, q in mini.iter_questions() if q.applies_to]
    assert [q.applies_to for q in only] == [("Landkreis",)]
    assert all(q.low is None and q.unknown is None for _, q in mini.iter_questions())
    assert mini.articles == {} and mini.warnings  # valid, with warnings for what is missing


def test_the_readme_names_every_key_of_the_models() -> None:
    from weltoffen_tui.core.pack import models

    text = README.read_text(encoding="utf-8")
    for model in (
        models.PackMeta,
        models.PackRules,
        models.ScaleStep,
        models.Level,
        models.Pillar,
        models.ActionField,
        models.Group,
        models.Question,
        models.Recommendation,
        models.LevelRecommendation,
        models.ArticleMeta,
    ):
        for key in model.model_fields:
            written = (f"`{key}`", f"`[{key}]`", f"`[[{key}]]`")
            assert any(w in text for w in written), f"{model.__name__}.{key} fehlt in der README"


def _files(mini: Pack, tmp_path: Path) -> tuple[Path, Path]:
    kreis = make_assessment(mini, kind="Landkreis", municipality="Musterkreis")
    for n, (field, question) in enumerate(mini.iter_questions()):
        kreis.set_answer(field.id, question.id, 1 + n % 3)
    gemeinde = make_assessment(mini, kind="Landkreis", municipality="Musterkreis")
    gemeinde.perspective = "Jugendamt"
    for field, question in mini.iter_questions():
        gemeinde.set_answer(field.id, question.id, 3)
    save_assessment(kreis, tmp_path / "kreis.toml")
    save_assessment(gemeinde, tmp_path / "jugendamt.toml")
    return tmp_path / "kreis.toml", tmp_path / "jugendamt.toml"


def test_scoring_report_questionnaire_and_comparison(
    mini: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kreis, other = _files(mini, tmp_path)
    profile = evaluate(mini, load_assessment(kreis))
    assert profile.total == 4 and profile.answered == 4 and profile.score is not None
    pack = ["--pack", str(MINI)]
    for fmt in ("markdown", "html", "json", "text"):
        out = tmp_path / f"bericht.{ {'markdown': 'md', 'text': 'txt'}.get(fmt, fmt) }"
        assert main(["report", *pack, str(kreis), "--format", fmt, "-o", str(out)]) == 0
        assert "Musterkreis" in out.read_text(encoding="utf-8")
        q_out = tmp_path / f"fragebogen-{out.name}"
        assert main(["questionnaire", *pack, "--format", fmt, "-o", str(q_out)]) == 0
        assert "beratung-jugendamt" in q_out.read_text(encoding="utf-8")
        c_out = tmp_path / f"vergleich-{out.name}"
        assert (
            main(["compare", *pack, str(kreis), str(other), "--format", fmt, "-o", str(c_out)]) == 0
        )
    capsys.readouterr()
    assert main(["questionnaire", *pack, "--format", "json", "--art", "Gemeinde"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = [q["id"] for f in data["fields"] for q in f["questions"]]
    assert "beratung-jugendamt" not in ids and len(ids) == 3
    assert data["allowed_values"] == [1, 2, 3, "weiss_nicht", "trifft_nicht_zu"]


async def test_tui_from_a_new_assessment_to_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WELTOFFEN_PACKS", str(MINI))
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        await pilot.press(*"Musterkreis")
        screen.query_one("#pack", Select).value = str(MINI.resolve())
        screen.query_one("#kind", Select).value = "Landkreis"
        screen.query_one("#respondents", TextArea).load_text("Eva Muster, Jugendamt")
        await pilot.press("ctrl+s")
        await pilot.pause()
        for expected in (2, 2):  # both fields apply in full to a Landkreis
            field_screen = app.screen
            assert isinstance(field_screen, FieldScreen)
            cards = list(field_screen.query(QuestionCard))
            assert len(cards) == expected
            for _ in cards:
                await pilot.press("3", "down")
            await pilot.press("n")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        shown = "\n".join(screen_lines(app))
        assert "a: in den Plan" in shown and "Artikel" not in shown  # the pack has none
        await pilot.press("e")
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Bericht vollständig" in shown and "Wissensartikel" not in shown
    (path,) = tmp_path.glob("*.toml")
    saved = load_assessment(path)
    assert saved.questionnaire == "mini-check" and saved.answered_count() == 4
    assert saved.answer("beratung", "beratung-jugendamt").value == 3  # type: ignore[union-attr]


async def test_tui_hides_the_landkreis_question_for_a_gemeinde(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WELTOFFEN_PACKS", str(MINI))
    app = WeltoffenApp(data_dir=tmp_path, pack_dir=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        await pilot.press(*"Musterdorf")
        screen.query_one("#pack", Select).value = str(MINI.resolve())
        screen.query_one("#kind", Select).value = "Gemeinde"
        screen.query_one("#respondents", TextArea).load_text("Eva Muster, Bürgermeisterin")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        field_screen = app.screen
        assert isinstance(field_screen, FieldScreen)
        assert [c.question.id for c in field_screen.query(QuestionCard)] == [
            "beratung-anlaufstelle"
        ]
        await pilot.press("4")  # not on a three-step scale: refused, nothing saved
        await pilot.pause()
        top = screen_lines(app)[0]
        assert "Beratung" in top and "   ✓ Gespeichert" in top, top  # a gap, once saved too
        (path,) = tmp_path.glob("*.toml")
        assert load_assessment(path).answer("beratung", "beratung-anlaufstelle") is None


async def test_setup_asks_a_stadt_whether_it_is_kreisfrei(tmp_path: Path) -> None:
    app = WeltoffenApp(data_dir=tmp_path, pack_dir=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        choice = screen.query_one("#kreisfrei", Select)
        assert not choice.display  # only for a Stadt
        await pilot.press(*"Musterstadt")
        screen.query_one("#kind", Select).value = "Stadt"
        await pilot.pause()
        assert choice.display
        choice.value = "ja"
        screen.query_one("#respondents", TextArea).load_text("Eva Muster, Jugendamt")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FieldScreen)
    (path,) = tmp_path.glob("*.toml")
    assert load_assessment(path).kreisfrei is True


def test_two_fields_get_no_radar_but_their_table(mini: Pack, tmp_path: Path) -> None:
    """A radar of two axes is a line: the report of a two-field pack shows the table only."""
    kreis, _ = _files(mini, tmp_path)
    out = tmp_path / "bericht.html"
    assert main(["report", "--pack", str(MINI), str(kreis), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert 'class="radar"' not in page
    assert all(field.title in page for field in mini.fields)


def test_the_shipped_pack_keeps_its_radar(shipped_pack: Pack, tmp_path: Path) -> None:
    sample = packs_dir() / "weltoffene-kommune" / "samples" / "musterstadt.toml"
    out = tmp_path / "bericht.html"
    assert main(["report", str(sample), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count('class="radar"') == 1


async def test_the_start_screen_names_a_pack_given_with_pack(tmp_path: Path) -> None:
    app = WeltoffenApp(data_dir=tmp_path, pack_dir=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Mini-Check Familienfreundlichkeit" in shown, shown
        assert "zwei Handlungsfeldern" in shown and "Sieben" not in shown, shown


async def test_the_start_screen_without_pack_names_the_shipped_check(tmp_path: Path) -> None:
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Selbstcheck Weltoffene Kommune" in shown and "Sieben Handlungsfelder" in shown


def test_a_saved_file_does_not_name_another_questionnaire(mini: Pack, tmp_path: Path) -> None:
    kreis, _ = _files(mini, tmp_path)
    first = kreis.read_text(encoding="utf-8").splitlines()[0]
    assert "Weltoffene Kommune" not in first and first.startswith("# ")
