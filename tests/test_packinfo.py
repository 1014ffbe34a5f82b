"""The cheap question count: read from TOML once, then from a small JSON cache of ids."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from weltoffen_tui.core.pack import info
from weltoffen_tui.paths import default_pack_dir


@pytest.fixture
def pack_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("WELTOFFEN_NO_PACK_CACHE", raising=False)
    copy = tmp_path / "weltoffene-kommune"
    shutil.copytree(default_pack_dir(), copy)
    info.question_ids.cache_clear()
    yield copy
    info.question_ids.cache_clear()


def count(pack_dir: Path) -> int:
    info.question_ids.cache_clear()
    return info.question_count(pack_dir)


def test_count_is_cached_and_used(pack_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert count(pack_dir) == 105
    assert info._ids_file(pack_dir).is_file()
    monkeypatch.setattr(info, "_parse_ids", lambda _: pytest.fail("parsed despite the cache"))
    assert count(pack_dir) == 105


@pytest.mark.parametrize(
    "content", [b"", b"{", b"[1, 2]", b'{"fingerprint": 1, "ids": []}', b"\xff\xfe"]
)
def test_damaged_cache_is_ignored_and_rewritten(pack_dir: Path, content: bytes) -> None:
    assert count(pack_dir) == 105
    info._ids_file(pack_dir).write_bytes(content)
    assert count(pack_dir) == 105
    assert len(json.loads(info._ids_file(pack_dir).read_text(encoding="utf-8"))["ids"]) == 105


def test_foreign_ids_with_the_right_fingerprint_are_checked(pack_dir: Path) -> None:
    assert count(pack_dir) == 105
    path = info._ids_file(pack_dir)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["ids"] = [["x", 1]]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert count(pack_dir) == 105


def test_a_changed_pack_is_counted_again(pack_dir: Path) -> None:
    assert count(pack_dir) == 105
    field = pack_dir / "fields" / "management-steuerung.toml"
    text = field.read_text(encoding="utf-8")
    last = text.rindex("[[questions]]")
    end = text.find("[[levels]]", last)
    field.write_text(text[:last] + (text[end:] if end != -1 else ""), encoding="utf-8")
    assert count(pack_dir) == 104
