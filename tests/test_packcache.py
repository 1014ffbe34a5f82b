"""The on-disk cache of the validated shipped pack."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from weltoffen_tui.core.pack import cache as packcache
from weltoffen_tui.core.pack.load import _CACHE, load_pack
from weltoffen_tui.paths import default_pack_dir


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("WELTOFFEN_NO_PACK_CACHE", raising=False)
    _CACHE.clear()
    yield tmp_path
    _CACHE.clear()


def test_cache_is_written_read_and_equal(cache_home: Path) -> None:
    directory = default_pack_dir().resolve()
    assert packcache.read(directory) is None
    fresh = load_pack()
    cached = packcache.read(directory)
    assert cached is not None and cached is not fresh
    assert [f.model_dump() for f in cached.fields] == [f.model_dump() for f in fresh.fields]
    assert cached.articles.keys() == fresh.articles.keys()
    assert cached.recommendations.keys() == fresh.recommendations.keys()


def test_changed_pack_file_invalidates_the_cache(cache_home: Path) -> None:
    directory = default_pack_dir().resolve()
    load_pack()
    assert packcache.read(directory) is not None
    article = next((directory / "articles").glob("*.md"))
    stat = article.stat()
    os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    try:
        assert packcache.read(directory) is None
    finally:
        os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_broken_cache_file_is_a_miss(cache_home: Path) -> None:
    directory = default_pack_dir().resolve()
    load_pack()
    target = packcache._cache_file(directory)
    target.write_bytes(b"kein pickle")
    assert packcache.read(directory) is None
    _CACHE.clear()
    assert load_pack().question_count() > 0


def test_packs_outside_the_shipped_folder_are_not_cached(
    cache_home: Path, mini_pack_dir: Path
) -> None:
    load_pack(mini_pack_dir)
    assert not (cache_home / "cache").exists() or not any((cache_home / "cache").rglob("*.pickle"))
