"""The one atomic file writer: all or nothing, a backup on request, no leftovers."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

import weltoffen_tui
from weltoffen_tui.core import atomic
from weltoffen_tui.core.atomic import write_atomic


def names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def fail(*_args: object, **_kwargs: object) -> None:
    raise OSError(28, "No space left on device")


def test_text_is_written_as_utf8_without_newline_translation(tmp_path: Path) -> None:
    target = tmp_path / "neu" / "liste.csv"
    write_atomic(target, "Straße;Wert\r\nÖl;1\r\n")
    assert target.read_bytes() == "Straße;Wert\r\nÖl;1\r\n".encode()
    assert names(target.parent) == ["liste.csv"]


def test_bytes_replace_the_old_content(tmp_path: Path) -> None:
    target = tmp_path / "a.bin"
    target.write_bytes(b"alt")
    write_atomic(target, b"neu")
    assert target.read_bytes() == b"neu"
    assert names(tmp_path) == ["a.bin"]


def test_mode_is_applied(tmp_path: Path) -> None:
    target = tmp_path / "bericht.html"
    write_atomic(target, "x", mode=0o644)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_backup_keeps_the_previous_version(tmp_path: Path) -> None:
    target, backup = tmp_path / "a.toml", tmp_path / "a.toml.bak"
    write_atomic(target, "eins", backup=backup)
    assert not backup.exists()  # nothing to keep yet
    write_atomic(target, "zwei", backup=backup)
    write_atomic(target, "drei", backup=backup)
    assert target.read_text() == "drei" and backup.read_text() == "zwei"
    assert names(tmp_path) == ["a.toml", "a.toml.bak"]


@pytest.mark.parametrize("step", ["fsync", "chmod", "replace"])
def test_failure_leaves_target_and_folder_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    target, backup = tmp_path / "a.toml", tmp_path / "a.toml.bak"
    write_atomic(target, "eins", backup=backup)
    write_atomic(target, "zwei", backup=backup)
    monkeypatch.setattr(os, step, fail)
    with pytest.raises(OSError):
        write_atomic(target, "drei", mode=0o644, backup=backup)
    monkeypatch.undo()
    assert target.read_text() == "zwei"
    assert backup.read_text() in {"eins", "zwei"}  # "zwei" once the backup step ran
    assert names(tmp_path) == ["a.toml", "a.toml.bak"]


def test_failed_backup_leaves_everything_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, backup = tmp_path / "a.toml", tmp_path / "a.toml.bak"
    write_atomic(target, "eins", backup=backup)
    write_atomic(target, "zwei", backup=backup)
    import shutil

    monkeypatch.setattr(os, "link", fail)
    monkeypatch.setattr(shutil, "copy2", fail)
    with pytest.raises(OSError):
        write_atomic(target, "drei", backup=backup)
    monkeypatch.undo()
    assert (target.read_text(), backup.read_text()) == ("zwei", "eins")
    assert names(tmp_path) == ["a.toml", "a.toml.bak"]


def test_backup_that_cannot_be_replaced_leaves_no_staging_file(tmp_path: Path) -> None:
    target, backup = tmp_path / "a.toml", tmp_path / "a.toml.bak"
    write_atomic(target, "eins")
    backup.mkdir()
    (backup / "inhalt").write_text("x")
    with pytest.raises(OSError):
        write_atomic(target, "zwei", backup=backup)
    assert target.read_text() == "eins"
    assert names(tmp_path) == ["a.toml", "a.toml.bak"]


def test_backup_is_copied_where_hard_links_are_impossible(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, backup = tmp_path / "a.toml", tmp_path / "a.toml.bak"
    write_atomic(target, "eins")
    monkeypatch.setattr(os, "link", fail)
    write_atomic(target, "zwei", backup=backup)
    assert (target.read_text(), backup.read_text()) == ("zwei", "eins")
    assert names(tmp_path) == ["a.toml", "a.toml.bak"]


def test_durable_write_flushes_file_and_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flushed: list[int] = []
    monkeypatch.setattr(os, "fsync", flushed.append)
    write_atomic(tmp_path / "a.toml", "x")
    assert len(flushed) == 2  # the data, then the folder entry


def test_cache_write_skips_flushing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fsync", fail)
    write_atomic(tmp_path / "cache.json", "{}", durable=False)
    assert (tmp_path / "cache.json").read_text() == "{}"


def test_temporary_file_is_hidden_beside_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name a killed writer leaves is the one EditSession cleans up."""
    seen: list[str] = []
    replace = os.replace

    def spy(source: str, destination: Path) -> None:
        seen.append(Path(source).name)
        assert Path(source).parent == tmp_path
        replace(source, destination)

    monkeypatch.setattr(os, "replace", spy)
    write_atomic(tmp_path / "a.toml", "x")
    (name,) = seen
    assert name.startswith(".a.toml.") and name.endswith(atomic.TEMP_SUFFIX)
    assert Path(name).match(".a.toml.*.tmp")


def test_core_has_no_other_atomic_writer() -> None:
    core = Path(weltoffen_tui.__file__).parent / "core"
    pattern = re.compile(r"os\.replace\(|mkstemp\(|\.rename\(")
    others = [
        str(path)
        for path in core.rglob("*.py")
        if path.name != "atomic.py" and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert others == []
