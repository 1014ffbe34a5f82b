"""Issue 14, points 2 and 3: 2–7 steps, 2–6 levels, optional help, no articles, by kind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import make_assessment, write_mini_pack
from weltoffen_tui.core import applicability
from weltoffen_tui.core.errors import UserError
from weltoffen_tui.core.pack.check import validate_pack
from weltoffen_tui.core.pack.load import load_pack
from weltoffen_tui.core.scoring import evaluate
from weltoffen_tui.core.storage.opening import open_assessment
from weltoffen_tui.core.storage.store import save_assessment
from weltoffen_tui.render import report
from weltoffen_tui.render.formats import BY_NAME


def _scale(steps: int) -> str:
    return "\n".join(
        f'[[scale]]\nvalue = {n}\nlabel = "Stufe {n}"\npoints = {n - 1}\n'
        for n in range(1, steps + 1)
    )


def _levels(count: int) -> str:
    return "\n".join(
        f'[[levels]]\nid = "l{n}"\nname = "Level {n}"\nmin = {n * 100 // count}\n'
        for n in range(count)
    )


def _pack(root: Path, steps: int, levels: int, extra: str = "") -> Path:
    """A pack without articles, per-question recommendations, help or example."""
    (root / "fields").mkdir(parents=True)
    (root / "pack.toml").write_text(
        f'id = "flex"\nversion = "1"\ntitle = "Flex"\nfields = ["eins"]\n{extra}\n'
        f"{_scale(steps)}\n{_levels(levels)}",
        encoding="utf-8",
    )
    recs = "\n".join(
        f'[[levels]]\nlevel = "l{n}"\ntext = "Weiter."\neffort = "klein"\n' for n in range(levels)
    )
    (root / "fields" / "eins.toml").write_text(
        'id = "eins"\ntitle = "Eins"\nintro = "Worum es geht."\n'
        '[[groups]]\nid = "h"\ntitle = "H"\n'
        '[[questions]]\nid = "q-a"\ngroup = "h"\ntext = "Frage A?"\n'
        '[[questions]]\nid = "q-b"\ngroup = "h"\ntext = "Frage B?"\napplies_to = ["Landkreis"]\n'
        '[[groups]]\nid = "g"\ntitle = "G"\napplies_to = ["kreisfreie Stadt", "Landkreis"]\n'
        '[[questions]]\nid = "q-c"\ngroup = "g"\ntext = "Frage C?"\n' + recs,
        encoding="utf-8",
    )
    return root


@pytest.mark.parametrize(("steps", "levels"), [(2, 2), (3, 3), (5, 4), (7, 6)])
def test_packs_with_2_to_7_steps_and_2_to_6_levels_validate_and_score(
    tmp_path: Path, steps: int, levels: int
) -> None:
    folder = _pack(tmp_path / "flex", steps, levels)
    pack, problems = validate_pack(folder)
    assert pack is not None, problems
    assert pack.graded_values == tuple(range(1, steps + 1))
    warned = {w.path for w in pack.warnings}
    assert "questions.0.help" in warned and "questions.0.low" in warned
    assessment = make_assessment(pack, kind="Landkreis")
    assessment.set_answer("eins", "q-a", steps)  # the top step
    assessment.set_answer("eins", "q-b", 1)
    profile = evaluate(pack, assessment)
    assert profile.fields[0].score == pytest.approx(50.0)
    assert profile.fields[0].total == 3
    text = report.render(BY_NAME["markdown"], pack, assessment, profile)
    assert "Wissensartikel" not in text  # no articles: no links shown
    assert "Weiter." in text


@pytest.mark.parametrize(("steps", "levels"), [(1, 3), (8, 3), (3, 1), (3, 7)])
def test_too_few_or_too_many_steps_or_levels_are_explained(
    tmp_path: Path, steps: int, levels: int
) -> None:
    pack, problems = validate_pack(_pack(tmp_path / "flex", steps, levels))
    assert pack is None
    messages = " ".join(p.message for p in problems)
    assert re.search(r"erlaubt sind 2 bis (7|6)", messages), messages


def test_scale_values_must_be_1_to_n_without_gap(tmp_path: Path) -> None:
    folder = _pack(tmp_path / "flex", 3, 3)
    text = (folder / "pack.toml").read_text(encoding="utf-8").replace("value = 3", "value = 4")
    (folder / "pack.toml").write_text(text, encoding="utf-8")
    pack, problems = validate_pack(folder)
    assert pack is None
    assert any("genau die Werte 1 bis 3" in p.message for p in problems)


def test_require_help_turns_the_warnings_into_errors(tmp_path: Path) -> None:
    folder = _pack(tmp_path / "flex", 3, 3, extra="[rules]\nrequire_help = true\n")
    text = (folder / "pack.toml").read_text(encoding="utf-8")
    # [rules] must come after the top-level keys: move it to the end.
    text = text.replace("[rules]\nrequire_help = true\n", "") + "\n[rules]\nrequire_help = true\n"
    (folder / "pack.toml").write_text(text, encoding="utf-8")
    pack, problems = validate_pack(folder)
    assert pack is None
    assert any("Hilfetext (help) fehlt" in p.message for p in problems)


def test_the_shipped_pack_requires_help() -> None:
    from weltoffen_tui.paths import default_pack_dir

    assert load_pack(default_pack_dir()).meta.rules.require_help is True


def test_unknown_kind_in_applies_to_is_an_error(tmp_path: Path) -> None:
    folder = _pack(tmp_path / "flex", 3, 3)
    field_file = folder / "fields" / "eins.toml"
    text = field_file.read_text(encoding="utf-8").replace('["Landkreis"]', '["Dorf"]', 1)
    field_file.write_text(text, encoding="utf-8")
    pack, problems = validate_pack(folder)
    assert pack is None
    (problem,) = [p for p in problems if "Dorf" in p.message]
    assert problem.line is not None and "applies_to" in problem.path


def test_an_answer_beyond_the_scale_is_a_clear_error(tmp_path: Path) -> None:
    pack = load_pack(write_mini_pack(tmp_path / "mini"))
    assessment = make_assessment(pack)
    save_assessment(assessment, tmp_path / "a.toml")
    text = (tmp_path / "a.toml").read_text(encoding="utf-8")
    text += '\n[answers.alpha.al-02]\nvalue = 6\nnote = ""\n'
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as info:
        open_assessment(tmp_path / "a.toml", tmp_path)
    problem = info.value.problems[0]
    assert "al-02" in problem.message and "Wert 6" in problem.message
    assert problem.file == tmp_path / "a.toml" and problem.line is not None


@pytest.mark.parametrize(
    ("kind", "kreisfrei", "shown"),
    [
        ("Gemeinde", None, ["q-a"]),
        ("Landkreis", None, ["q-a", "q-b", "q-c"]),
        ("Stadt", True, ["q-a", "q-c"]),
        ("Stadt", False, ["q-a"]),
        ("Stadt", None, ["q-a", "q-c"]),  # not stated: nothing hidden that fits any Stadt
    ],
)
def test_questions_by_kind(
    tmp_path: Path, kind: str, kreisfrei: bool | None, shown: list[str]
) -> None:
    pack, problems = validate_pack(_pack(tmp_path / "flex", 3, 3))
    assert pack is not None, problems
    assessment = make_assessment(pack, kind=kind)
    assessment.kreisfrei = kreisfrei
    field = pack.fields[0]
    assert [q.id for q in applicability.applicable_questions(field, assessment)] == shown
    profile = evaluate(pack, assessment)
    assert profile.total == len(shown) and profile.skipped == 3 - len(shown)


def test_report_says_how_many_questions_did_not_apply(tmp_path: Path) -> None:
    pack, problems = validate_pack(_pack(tmp_path / "flex", 3, 3))
    assert pack is not None, problems
    assessment = make_assessment(pack, kind="Gemeinde")
    text = report.render(BY_NAME["text"], pack, assessment, evaluate(pack, assessment))
    assert "2 Fragen gelten für Gemeinden nicht und sind nicht gezählt." in text
    data = report.render(BY_NAME["json"], pack, assessment, evaluate(pack, assessment))
    assert '"not_counted": 2' in data


def test_kinds_cover_the_applies_to_values() -> None:
    from weltoffen_tui.core.values import APPLIES_TO_VALUES

    for value in APPLIES_TO_VALUES:
        assert any(
            applicability.matches([value], kind, kreisfrei)
            for kind in ("Stadt", "Gemeinde", "Landkreis")
            for kreisfrei in (True, False, None)
        )
    assert applicability.matches(["kreisangehörige Gemeinde"], "Gemeinde")
    assert not applicability.matches(["kreisfreie Stadt"], "Stadt", False)


def test_the_listing_never_shows_a_file_as_fine_that_does_not_open(tmp_path: Path) -> None:
    """Value 3 exists on four steps but not on two: the light path of the listing must
    not vouch for it (what the listing shows as fine always opens)."""
    from weltoffen_tui.core.storage.store import read_listing

    folder = _pack(tmp_path / "flex", 2, 2)
    pack, problems = validate_pack(folder)
    assert pack is not None, problems
    assessment = make_assessment(pack)
    save_assessment(assessment, tmp_path / "a.toml")
    text = (tmp_path / "a.toml").read_text(encoding="utf-8")
    (tmp_path / "a.toml").write_text(text + "\n[answers.eins.q-a]\nvalue = 3\n", "utf-8")
    listing = read_listing(tmp_path / "a.toml", tmp_path)
    assert "Wert 3" in listing.error
