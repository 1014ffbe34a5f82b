"""Nothing lost, nothing hung, nothing injected: every path from a file to the core."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.conftest import make_assessment
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.store import load_assessment, save_assessment

# --------------------------------------------------------------------------- saving


def test_save_keeps_the_permission_mode(mini_pack: Pack, tmp_path: Path) -> None:
    path = tmp_path / "geteilt.toml"
    save_assessment(make_assessment(mini_pack), path)
    os.chmod(path, 0o664)  # a shared folder: the group may read and write
    save_assessment(make_assessment(mini_pack, municipality="Zweitort"), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    assert load_assessment(path).municipality == "Zweitort"


def test_new_file_gets_the_umask_mode(mini_pack: Pack, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "neu.toml"
        save_assessment(make_assessment(mini_pack), path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_save_through_a_symlink_writes_the_target(mini_pack: Pack, tmp_path: Path) -> None:
    synced = tmp_path / "sync"
    synced.mkdir()
    real = synced / "echt.toml"
    save_assessment(make_assessment(mini_pack), real)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    save_assessment(make_assessment(mini_pack, municipality="Über Link"), link)
    assert link.is_symlink()
    assert load_assessment(real).municipality == "Über Link"
    assert (synced / "echt.toml.bak").is_file()


@pytest.mark.parametrize("length", [251, 255])
def test_a_file_name_at_the_limit_can_be_saved(
    mini_pack: Pack, tmp_path: Path, length: int
) -> None:
    from weltoffen_tui.core.atomic import temp_prefix
    from weltoffen_tui.core.storage.editing import EditSession

    path = tmp_path / ("ä" * ((length - 5) // 2) + "x" * ((length - 5) % 2) + ".toml")
    assert len(os.fsencode(path.name)) == length
    save_assessment(make_assessment(mini_pack), path)
    save_assessment(make_assessment(mini_pack, municipality="Zweimal"), path)
    assert load_assessment(path).municipality == "Zweimal"
    backups = [p for p in tmp_path.iterdir() if p.name.endswith(".bak")]
    assert len(backups) == 1 and load_assessment(backups[0]).municipality == "Musterhausen"
    stale = tmp_path / f"{temp_prefix(path)}abcdefgh.tmp"  # left by a killed writer
    stale.write_text("halb")
    EditSession.open(path, load_assessment(path), mini_pack).close()
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == sorted(
        [path.name, backups[0].name]
    )


def test_what_can_be_saved_can_be_read(mini_pack: Pack, tmp_path: Path) -> None:
    from weltoffen_tui.core.errors import StoreError
    from weltoffen_tui.core.storage.store import MAX_FILE_BYTES

    path = tmp_path / "lang.toml"
    assessment = make_assessment(mini_pack)
    save_assessment(assessment, path)
    before = path.read_bytes()
    assessment.set_answer("alpha", "al-01", 2, note="Beleg " * (MAX_FILE_BYTES // 6 + 10))
    with pytest.raises(StoreError) as caught:
        save_assessment(assessment, path)
    message = str(caught.value)
    assert "zu groß" in message and "Notizen" in message and str(path) in message
    assert path.read_bytes() == before
    assert assessment.answer("alpha", "al-01").note.startswith("Beleg")  # type: ignore[union-attr]
    assessment.set_answer("alpha", "al-01", note="Beleg " * (MAX_FILE_BYTES // 8))
    save_assessment(assessment, path)  # just under the limit: saved, and read again
    assert load_assessment(path).answer("alpha", "al-01") == assessment.answer("alpha", "al-01")


def test_header_says_comments_are_not_kept(mini_pack: Pack, tmp_path: Path) -> None:
    path = tmp_path / "kommentiert.toml"
    save_assessment(make_assessment(mini_pack), path)
    path.write_text(path.read_text(encoding="utf-8") + "# meine Anmerkung\n", encoding="utf-8")
    save_assessment(load_assessment(path), path)
    text = path.read_text(encoding="utf-8")
    assert "# meine Anmerkung" not in text  # tomli-w rewrites the file
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    assert "Kommentare" in header and "verloren" in header and "Notiz" in header
