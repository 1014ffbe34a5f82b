"""The on-disk cache of the validated shipped pack: plain data, never trusted blindly."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import weltoffen_tui
from weltoffen_tui.core.pack import cache as packcache
from weltoffen_tui.core.pack.check import validate_pack
from weltoffen_tui.core.pack.load import _CACHE, load_pack
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.paths import default_pack_dir


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("WELTOFFEN_NO_PACK_CACHE", raising=False)
    _CACHE.clear()
    yield tmp_path
    _CACHE.clear()


@pytest.fixture(scope="module")
def fresh() -> Pack:
    """The shipped pack as a full validation sees it."""
    pack, problems = validate_pack(default_pack_dir().resolve())
    assert pack is not None, problems
    return pack


def shipped() -> Path:
    return default_pack_dir().resolve()


def sealed(header: dict[str, Any], body: bytes) -> bytes:
    """A cache file with a correct digest, as the program writes it."""
    header = {**header, "digest": hashlib.sha256(body).hexdigest()}
    return json.dumps(header).encode("utf-8") + b"\n" + body


def test_cache_is_written_read_and_equal(cache_home: Path, fresh: Pack) -> None:
    assert packcache.read(shipped()) is None
    loaded = load_pack()
    cached = packcache.read(shipped())
    assert cached is not None and cached is not loaded
    assert cached == fresh
    assert cached.recommendations.keys() == fresh.recommendations.keys()
    assert cached.articles == fresh.articles


def test_cache_file_is_json_data(cache_home: Path) -> None:
    load_pack()
    header, body = packcache.cache_file(shipped()).read_bytes().split(b"\n")
    assert json.loads(header)["format"] == packcache.FORMAT
    assert json.loads(body)["meta"]["id"] == "weltoffene-kommune"


def test_changed_pack_file_invalidates_the_cache(cache_home: Path) -> None:
    directory = shipped()
    load_pack()
    assert packcache.read(directory) is not None
    article = next((directory / "articles").glob("*.md"))
    stat = article.stat()
    os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    try:
        assert packcache.read(directory) is None
    finally:
        os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _garbage(_good: bytes) -> bytes:
    return b"\x80\x03kein json \xff\x00" * 50


def _one_letter_changed(good: bytes) -> bytes:
    """Still valid JSON of the right shape; only the digest can tell."""
    header, body = good.split(b"\n")
    position = body.index(b'"text":"') + len(b'"text":"')
    letter = body[position : position + 1]
    replacement = b"X" if letter != b"X" else b"Y"
    return header + b"\n" + body[:position] + replacement + body[position + 1 :]


def _truncated(good: bytes) -> bytes:
    return good[: len(good) // 2]


def _truncated_in_the_header(good: bytes) -> bytes:
    return good[:40]


def _header_only(good: bytes) -> bytes:
    return good.split(b"\n")[0]


def _other_shape(_good: bytes) -> bytes:
    return json.dumps({"meta": "hallo", "fields": [1, 2, 3]}).encode("utf-8")


def _right_header_other_shape(good: bytes) -> bytes:
    """Correct fingerprint and digest, but a question text that is a number."""
    header, body = good.split(b"\n")
    data = json.loads(body)
    data["fields"][0]["questions"][0]["text"] = 5
    return sealed(json.loads(header), json.dumps(data).encode("utf-8"))


def _right_header_missing_key(good: bytes) -> bytes:
    header, body = good.split(b"\n")
    data = json.loads(body)
    del data["fields"][0]["questions"][0]["low"]["effort"]
    return sealed(json.loads(header), json.dumps(data).encode("utf-8"))


def _other_version(good: bytes) -> bytes:
    header, body = good.split(b"\n")
    return sealed({**json.loads(header), "format": packcache.FORMAT + 1}, body)


def _other_pack(good: bytes) -> bytes:
    """A correct cache of another pack (same files, but another folder)."""
    header, body = good.split(b"\n")
    fingerprint = json.loads(header)["fingerprint"]
    data = json.loads(body)
    data["meta"]["title"] = "Ein anderes Paket"
    return sealed(
        {"format": packcache.FORMAT, "fingerprint": {**fingerprint, "directory": "/anderswo"}},
        json.dumps(data).encode("utf-8"),
    )


@pytest.mark.parametrize(
    "damage",
    [
        _garbage,
        _one_letter_changed,
        _truncated,
        _truncated_in_the_header,
        _header_only,
        _other_shape,
        _right_header_other_shape,
        _right_header_missing_key,
        _other_version,
        _other_pack,
    ],
)
def test_damaged_or_foreign_cache_is_ignored_and_rewritten(
    cache_home: Path, fresh: Pack, damage: Callable[[bytes], bytes]
) -> None:
    load_pack()
    target = packcache.cache_file(shipped())
    good = target.read_bytes()
    target.write_bytes(damage(good))
    assert packcache.read(shipped()) is None
    _CACHE.clear()
    assert load_pack() == fresh
    assert target.read_bytes() == good  # rewritten, and valid again
    assert packcache.read(shipped()) == fresh


def test_unreadable_cache_is_ignored_and_rewritten(
    cache_home: Path, fresh: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_pack()
    target = packcache.cache_file(shipped())
    target.write_bytes(b"veraltet")
    original = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == target:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    with monkeypatch.context() as patched:
        patched.setattr(Path, "read_bytes", denied)
        assert packcache.read(shipped()) is None
        _CACHE.clear()
        assert load_pack() == fresh
    assert packcache.read(shipped()) == fresh


class _Payload:
    """Creates a file when unpickled: what a planted cache file could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.write_text, (self.marker, "ausgeführt"))


def test_a_planted_pickle_is_never_executed(cache_home: Path, fresh: Pack) -> None:
    marker = cache_home / "ausgefuehrt.txt"
    target = packcache.cache_file(shipped())
    target.parent.mkdir(parents=True)
    target.write_bytes(pickle.dumps(_Payload(marker)))
    assert load_pack() == fresh
    assert not marker.exists()


def test_no_pickle_in_the_package() -> None:
    """Loading a cache must never be able to run code: no pickle-like module anywhere."""
    forbidden = re.compile(
        r"^\s*(?:import|from)\s+(?:c?pickle|_pickle|shelve|marshal|dill|cloudpickle|joblib)\b"
        r"|import_module\(\s*['\"](?:c?pickle|shelve|marshal)",
        re.MULTILINE,
    )
    package = Path(weltoffen_tui.__file__).parent
    sources = sorted(package.rglob("*.py"))
    assert len(sources) > 20
    offenders = [str(p) for p in sources if forbidden.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_packs_from_outside_are_cached_in_the_user_cache_not_in_the_pack(
    cache_home: Path, mini_pack_dir: Path
) -> None:
    """Issue 14: installed packs are cached too, keyed by their path, in the user's
    cache folder; the pack folder (perhaps read-only) gets no file."""
    before = sorted(p.relative_to(mini_pack_dir) for p in mini_pack_dir.rglob("*"))
    first = load_pack(mini_pack_dir)
    cached = [p for p in (cache_home / "cache").rglob("*.json") if p.is_file()]
    assert cached and all(mini_pack_dir not in p.parents for p in cached)
    assert sorted(p.relative_to(mini_pack_dir) for p in mini_pack_dir.rglob("*")) == before
    assert packcache.read(mini_pack_dir.resolve()) == first


def test_cached_article_path_outside_the_pack_is_foreign(cache_home: Path, fresh: Pack) -> None:
    load_pack()
    target = packcache.cache_file(shipped())
    header, body = target.read_bytes().split(b"\n")
    data = json.loads(body)
    data["articles"][0]["path"] = "../../../etc/passwd"
    target.write_bytes(sealed(json.loads(header), json.dumps(data).encode("utf-8")))
    assert packcache.read(shipped()) is None
    _CACHE.clear()
    assert load_pack() == fresh
