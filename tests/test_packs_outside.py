"""Issue 14, point 1: packs from outside (--pack, pakete/, WELTOFFEN_PACKS, weltoffen packs)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import make_assessment, write_mini_pack
from weltoffen_tui.cli import main
from weltoffen_tui.core.errors import UserError
from weltoffen_tui.core.pack import registry
from weltoffen_tui.core.pack.load import load_pack
from weltoffen_tui.core.storage.listing import list_assessments, question_totals, total_for
from weltoffen_tui.core.storage.opening import open_assessment
from weltoffen_tui.core.storage.store import save_assessment
from weltoffen_tui.paths import default_pack_dir

SHIPPED = default_pack_dir()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _with_version(folder: Path, version: str) -> Path:
    text = (folder / "pack.toml").read_text(encoding="utf-8")
    text = text.replace('version = "0.1"', f'version = "{version}"')
    (folder / "pack.toml").write_text(text, encoding="utf-8")
    return folder


def test_version_key_compares_numerically_by_parts() -> None:
    key = registry.version_key
    assert key("1.10") > key("1.9") > key("1.2.3") > key("1.2")
    assert key("1.0") == key("1") and key("2") > key("1.99")


def test_an_assessment_finds_its_pack_in_the_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "daten"
    pack_dir = write_mini_pack(data / "pakete" / "irgendein-ordnername")
    pack = load_pack(pack_dir)
    file = data / "a.toml"
    assessment = make_assessment(pack)
    assessment.set_answer("alpha", "al-01", 3)
    save_assessment(assessment, file)
    # Without the data folder the pack is unknown, with a clear message …
    registry.configure()
    with pytest.raises(UserError) as info:
        open_assessment(file)
    assert "„mini“ ist nicht bekannt" in str(info.value.problems[0])
    # … with it, report, list and the light listing path find it.
    code, out, err = run(capsys, "report", "--data-dir", str(data), str(file))
    assert code == 0, err
    assert "Mini-Check" in out
    code, out, err = run(capsys, "list", "--data-dir", str(data))
    assert code == 0 and "1/7" in out, out + err


def test_env_variable_folders_and_the_newer_version_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _with_version(write_mini_pack(tmp_path / "a" / "mini"), "1.9")
    new = _with_version(write_mini_pack(tmp_path / "b" / "mini"), "1.10")
    monkeypatch.setenv("WELTOFFEN_PACKS", f"{tmp_path / 'a'}:{tmp_path / 'b'}")
    assert registry.find("mini") == new.resolve()
    code, out, _ = run(capsys, "packs", "--data-dir", str(tmp_path / "leer"))
    assert code == 0
    lines = out.splitlines()
    used = next(line for line in lines if line.startswith("* mini"))
    assert "1.10" in used and "ersetzt Paket 1.9" in used
    unused = next(line for line in lines if line.startswith("  mini"))
    assert "1.9" in unused and "nicht verwendet: Version 1.10 hat Vorrang" in unused
    assert "(WELTOFFEN_PACKS: mini)" in unused  # where it comes from, in words
    assert "Gesucht in: WELTOFFEN_PACKS (2 Ordner); Datenordner (pakete/); mitgeliefert" in out
    assert str(tmp_path) not in out  # no long paths without --pfade
    code, out, _ = run(capsys, "packs", "--pfade", "--data-dir", str(tmp_path / "leer"))
    assert code == 0
    unused = next(line for line in out.splitlines() if line.startswith("  mini"))
    assert str(old.resolve()) in unused


def test_packs_says_where_a_pack_comes_from_without_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_mini_pack(tmp_path / "pakete" / "mini")
    explicit = write_mini_pack(tmp_path / "eigen" / "mein-check")
    code, out, _ = run(capsys, "packs", "--data-dir", str(tmp_path), "--pack", str(explicit))
    assert code == 0
    lines = out.splitlines()
    assert next(line for line in lines if line.startswith("* weltoffene-kommune")).endswith(
        "(mitgeliefert)"
    )
    used = next(line for line in lines if line.startswith("* mini"))
    assert "(--pack: mein-check)" in used and "ersetzt Paket 0.1 (Datenordner)" in used
    unused = next(line for line in lines if line.startswith("  mini"))
    assert "(Datenordner: pakete/mini)" in unused
    assert "dieselbe Version aus --pack hat Vorrang" in unused
    assert "Gesucht in: --pack; Datenordner (pakete/); mitgeliefert" in out
    assert str(tmp_path) not in out and str(SHIPPED) not in out
    assert "weltoffen packs --pfade" in out


def test_a_newer_weltoffene_kommune_replaces_the_shipped_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "pakete" / "weltoffene-kommune"
    shutil.copytree(SHIPPED, copy)
    text = (copy / "pack.toml").read_text(encoding="utf-8")
    shipped = load_pack(SHIPPED).version
    newer = f"{shipped}.1"
    (copy / "pack.toml").write_text(
        text.replace(f'version = "{shipped}"', f'version = "{newer}"'), "utf-8"
    )
    code, out, _ = run(capsys, "packs", "--data-dir", str(tmp_path))
    assert code == 0
    used = next(line for line in out.splitlines() if line.startswith("* weltoffene-kommune"))
    assert newer in used and f"ersetzt mitgeliefertes Paket {shipped}" in used
    registry.configure(tmp_path)
    assert load_pack().version == newer


def test_pack_option_is_used_for_new_questionnaires_and_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack_dir = write_mini_pack(tmp_path / "mini")
    code, out, err = run(capsys, "questionnaire", "--pack", str(pack_dir), "--format", "json")
    assert code == 0, err
    assert '"id": "mini"' in out
    code, _, err = run(capsys, "questionnaire", "--pack", str(tmp_path / "fehlt"))
    assert code == 2 and "Paketordner nicht gefunden" in err
    code, _, err = run(capsys, "questionnaire", "--pack", str(tmp_path))
    assert code == 2 and "pack.toml fehlt" in err and "Traceback" not in err


def test_explicit_pack_wins_even_over_a_newer_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = _with_version(write_mini_pack(tmp_path / "mine"), "0.5")
    _with_version(write_mini_pack(tmp_path / "env" / "mini"), "9.0")
    monkeypatch.setenv("WELTOFFEN_PACKS", str(tmp_path / "env"))
    registry.configure(explicit=mine)
    assert registry.find("mini") == mine.resolve()


def test_listing_counts_only_questions_that_apply(tmp_path: Path) -> None:
    """The light path of the listing counts per kind: a Landkreis-only question is not
    part of a Gemeinde's total."""
    pack_dir = write_mini_pack(tmp_path / "pakete" / "mini")
    alpha = pack_dir / "fields" / "alpha.toml"
    text = alpha.read_text(encoding="utf-8")
    alpha.write_text(
        text.replace('id = "al-01"\n', 'id = "al-01"\napplies_to = ["Landkreis"]\n', 1), "utf-8"
    )
    registry.configure(tmp_path)
    pack = load_pack(pack_dir)
    for kind in ("Gemeinde", "Landkreis"):
        save_assessment(make_assessment(pack, kind=kind), tmp_path / f"{kind}.toml")
    entries = list_assessments(tmp_path)
    totals = question_totals(entries)
    by_kind = {e.kind: total_for(e, totals) for e in entries}
    assert by_kind == {"Gemeinde": 6, "Landkreis": 7}
