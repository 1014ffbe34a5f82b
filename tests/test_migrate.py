"""Issue 14, point 4: a new pack version with a renamed and a dropped question."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_assessment, write_mini_pack
from weltoffen_tui.cli import main
from weltoffen_tui.core.migrate import migrate, needs_migration
from weltoffen_tui.core.pack.check import validate_pack
from weltoffen_tui.core.pack.load import load_pack
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.store import load_assessment, save_assessment
from weltoffen_tui.core.workshop.compare import timeline


def _new_version(folder: Path) -> Path:
    """Version 0.2: al-01 is renamed al-neu, al-03 is dropped."""
    pack_toml = folder / "pack.toml"
    text = pack_toml.read_text(encoding="utf-8").replace('version = "0.1"', 'version = "0.2"')
    text = text.replace(
        'fields = ["alpha", "beta"]', 'fields = ["alpha", "beta"]\ndropped = ["al-03"]'
    )
    pack_toml.write_text(text, encoding="utf-8")
    alpha = folder / "fields" / "alpha.toml"
    text = alpha.read_text(encoding="utf-8")
    text = text.replace('id = "al-01"\n', 'id = "al-neu"\nreplaces = ["al-01"]\n', 1)
    start = text.index('[[questions]]\nid = "al-03"')
    end = text.index("[[levels]]")
    alpha.write_text(text[:start] + text[end:], encoding="utf-8")
    return folder


@pytest.fixture
def packs(tmp_path: Path) -> tuple[Pack, Pack]:
    old = load_pack(write_mini_pack(tmp_path / "alt" / "mini"))
    new, problems = validate_pack(_new_version(write_mini_pack(tmp_path / "neu" / "mini")))
    assert new is not None, problems
    return old, new


def _old_assessment(old: Pack, tmp_path: Path) -> Path:
    assessment = make_assessment(old)
    assessment.set_answer("alpha", "al-01", 4, note="Konzept von 2024")
    assessment.set_answer("alpha", "al-02", 2)
    assessment.set_answer("alpha", "al-03", 1)
    assessment.set_answer("alpha", "ganz-alt", 3)  # unknown to both versions
    path = tmp_path / "daten" / "alt.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    save_assessment(assessment, path)
    return path


def test_migrate_moves_renamed_drops_dropped_keeps_unknown(
    packs: tuple[Pack, Pack], tmp_path: Path
) -> None:
    old, new = packs
    assessment = load_assessment(_old_assessment(old, tmp_path))
    assert needs_migration(new, assessment)
    result = migrate(new, assessment)
    moved = result.assessment
    assert moved.questionnaire_version == "0.2"
    assert moved.answer("alpha", "al-neu").value == 4  # type: ignore[union-attr]
    assert moved.answer("alpha", "al-neu").note == "Konzept von 2024"  # type: ignore[union-attr]
    assert moved.answer("alpha", "al-01") is None
    assert moved.answer("alpha", "al-03") is None
    assert moved.answer("alpha", "ganz-alt").value == 3  # type: ignore[union-attr]
    assert result.moved == ((("alpha", "al-01"), ("alpha", "al-neu")),)
    assert result.dropped == (("alpha", "al-03"),)
    assert result.kept_unknown == (("alpha", "ganz-alt"),)
    assert ("beta", "be-01") in result.fresh and ("alpha", "al-neu") not in result.fresh
    assert assessment.answer("alpha", "al-01") is not None  # the input is unchanged


def test_migrate_command_writes_a_new_file_and_never_overwrites(
    packs: tuple[Pack, Pack], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, _ = packs
    path = _old_assessment(old, tmp_path)
    before = path.read_bytes()
    env = ["--pack", str(tmp_path / "neu" / "mini")]
    assert main(["migrate", *env, str(path)]) == 0
    out = capsys.readouterr().out
    target = path.with_name("alt-v0.2.toml")
    assert target.is_file() and path.read_bytes() == before
    assert "al-01 → al-neu" in out and "al-03" in out and "ganz-alt" in out
    assert load_assessment(target).answer("alpha", "al-neu") is not None
    # A second run takes a new name; an explicit existing target is refused.
    assert main(["migrate", *env, str(path)]) == 0
    assert path.with_name("alt-v0.2-2.toml").is_file()
    capsys.readouterr()
    assert main(["migrate", *env, str(path), "-o", str(target)]) == 2
    assert "gibt es schon" in capsys.readouterr().err


def test_timeline_follows_replaced_ids(packs: tuple[Pack, Pack], tmp_path: Path) -> None:
    old, new = packs
    earlier = load_assessment(_old_assessment(old, tmp_path))
    later = migrate(new, earlier).assessment
    later.set_answer("alpha", "al-neu", 2)
    line = timeline(new, [("alt.toml", earlier), ("neu.toml", later)])
    first, last = line.entries
    assert first.profile.fields[0].answered == 2  # al-01 counted as al-neu, and al-02
    assert last.profile.fields[0].answered == 2
    assert any("ersetzen" in note for note in line.notes)


def test_replaces_a_current_id_is_refused(tmp_path: Path) -> None:
    folder = write_mini_pack(tmp_path / "mini")
    alpha = folder / "fields" / "alpha.toml"
    text = alpha.read_text(encoding="utf-8")
    alpha.write_text(
        text.replace('id = "al-01"\n', 'id = "al-01"\nreplaces = ["al-02"]\n'), "utf-8"
    )
    pack, problems = validate_pack(folder)
    assert pack is None and any("gibt es noch" in p.message for p in problems)


async def test_opening_an_old_file_offers_the_migration(
    packs: tuple[Pack, Pack], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.dialogs import MessageDialog
    from weltoffen_tui.tui.screens.migrate import MigrateDialog

    old, _ = packs
    path = _old_assessment(old, tmp_path)
    before = path.read_bytes()
    monkeypatch.setenv("WELTOFFEN_PACKS", str(tmp_path / "neu"))
    app = WeltoffenApp(data_dir=path.parent, open_file=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MigrateDialog)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        target = path.with_name("alt-v0.2.toml")
        assert app.session is not None and app.session.path == target
    assert path.read_bytes() == before
    assert load_assessment(target).answer("alpha", "al-neu") is not None
