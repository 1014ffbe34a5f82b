"""The listing index is a cache: a damaged, truncated, foreign or unreadable one is rebuilt."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_assessment
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.listing import INDEX_NAME, INDEX_VERSION, list_assessments
from weltoffen_tui.core.storage.store import Listing, read_listing, save_assessment


@pytest.fixture
def folder(mini_pack: Pack, tmp_path: Path) -> Path:
    """Two assessments and the index a first listing wrote."""
    first = make_assessment(mini_pack, municipality="Altstadt")
    first.set_answer("alpha", "al-01", 2)
    save_assessment(first, tmp_path / "altstadt.toml")
    second = make_assessment(mini_pack, municipality="Neudorf")
    for question in ("al-01", "al-02", "al-03"):
        second.set_answer("alpha", question, 4)
    save_assessment(second, tmp_path / "neudorf.toml")
    listed = list_assessments(tmp_path, mini_pack.directory.parent)
    assert (tmp_path / INDEX_NAME).is_file() and not any(entry.error for entry in listed)
    return tmp_path


@pytest.fixture
def packs(mini_pack: Pack) -> Path:
    """The folder holding the mini pack, so its assessments list as valid."""
    return mini_pack.directory.parent


def parsed_one_by_one(directory: Path, packs: Path) -> dict[str, Listing]:
    return {p.name: read_listing(p, packs) for p in sorted(directory.glob("*.toml"))}


def edited_entries(edit: Callable[[dict[str, Any]], None]) -> Callable[[bytes], bytes]:
    """Damage: change every entry of an otherwise correct index (keys stay right)."""

    def damage(good: bytes) -> bytes:
        data = json.loads(good)
        for entry in data["files"].values():
            edit(entry)
        return json.dumps(data).encode("utf-8")

    return damage


def _count_as_text(entry: dict[str, Any]) -> None:
    entry["answered"] = "99"


def _name_as_number(entry: dict[str, Any]) -> None:
    entry["municipality"] = 5


def _negative_count(entry: dict[str, Any]) -> None:
    entry["answered"] = -1


def _without_municipality(entry: dict[str, Any]) -> None:
    del entry["municipality"]


def _date_not_a_date(entry: dict[str, Any]) -> None:
    entry["updated"] = "gestern"


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "garbage": lambda _good: b"\xff\xfe\x00kaputt" * 20,
    "truncated": lambda good: good[: len(good) // 2],
    "other version": lambda good: good.replace(
        f'"version": {INDEX_VERSION}'.encode(), f'"version": {INDEX_VERSION + 1}'.encode()
    ),
    "a list": lambda _good: b"[1, 2, 3]",
    "files not a table": lambda _good: json.dumps(
        {"version": INDEX_VERSION, "files": ["altstadt.toml"]}
    ).encode(),
    "count as text": edited_entries(_count_as_text),
    "name as number": edited_entries(_name_as_number),
    "negative count": edited_entries(_negative_count),
    "entry without municipality": edited_entries(_without_municipality),
    "date not a date": edited_entries(_date_not_a_date),
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_damaged_or_foreign_index_is_ignored_and_rewritten(
    folder: Path, packs: Path, damage: Callable[[bytes], bytes]
) -> None:
    index = folder / INDEX_NAME
    good = index.read_bytes()
    damaged = damage(good)
    assert damaged != good
    index.write_bytes(damaged)
    expected = parsed_one_by_one(folder, packs)
    listed = {entry.path.name: entry for entry in list_assessments(folder, packs)}
    assert listed == expected
    assert json.loads(index.read_bytes()) == json.loads(good)  # rewritten, valid again


def test_unreadable_index_is_ignored_and_rewritten(
    folder: Path, packs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = folder / INDEX_NAME
    good = index.read_bytes()
    index.write_bytes(b"{}")
    from weltoffen_tui.core.storage import listing

    original = listing.read_bounded

    def denied(path: Path, limit: int) -> bytes:
        if path.name == INDEX_NAME:
            raise PermissionError(13, "Permission denied", str(path))
        return original(path, limit)

    with monkeypatch.context() as patched:
        patched.setattr(listing, "read_bounded", denied)
        listed = {entry.path.name: entry for entry in list_assessments(folder, packs)}
    assert listed == parsed_one_by_one(folder, packs)
    assert json.loads(index.read_bytes()) == json.loads(good)
