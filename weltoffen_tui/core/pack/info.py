"""What the start screen and ``weltoffen list`` need of a pack, read cheaply.

Loading a pack validates every field and article with pydantic; to show "12/106"
next to each assessment only the number of questions is needed, so this counts
them from the TOML files directly (and keeps them in the user cache folder until a
pack file changes). Any problem falls back to the full loader.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from weltoffen_tui.core import tomlparse


def question_count(pack_dir: Path) -> int:
    """The number of questions in a pack."""
    return len(question_ids(pack_dir))


@lru_cache(maxsize=8)
def question_ids(pack_dir: Path) -> frozenset[tuple[str, str]]:
    """Every (field id, question id) of a pack, for counting answers a listing shows.

    Parsing the seven field files costs some 30 ms at every start; the ids are kept
    on disk beside the pack cache, as JSON data, until any pack file changes.
    """
    cached = _read_ids(pack_dir)
    if cached is not None:
        return cached
    ids = _parse_ids(pack_dir)
    _write_ids(pack_dir, ids)
    return ids


def _ids_file(pack_dir: Path) -> Path:
    from weltoffen_tui.paths import pack_cache_file

    return pack_cache_file(pack_dir, ".ids.json")


def _fingerprint(pack_dir: Path) -> list[object]:
    """The pack's field files and ``pack.toml`` (size, modification time) and this code.

    Deliberately without the pack cache's fingerprint: that one imports pydantic,
    which is what the start screen must not pay for.
    """
    from weltoffen_tui import __version__

    entries: list[object] = [str(pack_dir), __version__, Path(__file__).stat().st_mtime_ns]
    for path in [pack_dir / "pack.toml", *sorted((pack_dir / "fields").glob("*.toml"))]:
        info = path.stat()
        entries.append([path.name, info.st_size, info.st_mtime_ns])
    return entries


def _read_ids(pack_dir: Path) -> frozenset[tuple[str, str]] | None:
    """The cached ids, if the file is ours, intact and the pack unchanged; else None."""
    import json
    import os

    if os.environ.get("WELTOFFEN_NO_PACK_CACHE"):
        return None
    try:
        data = json.loads(_ids_file(pack_dir).read_bytes()[:1_000_000])
        if not isinstance(data, dict) or data.get("fingerprint") != _fingerprint(pack_dir):
            return None
        pairs = data["ids"]
        if not isinstance(pairs, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)
            for p in pairs
        ):
            return None
        return frozenset((f, q) for f, q in pairs)
    except (OSError, ValueError, KeyError, RecursionError):
        return None


def _write_ids(pack_dir: Path, ids: frozenset[tuple[str, str]]) -> None:
    """Keep the ids for the next start; failures are ignored (it is only a cache)."""
    import json
    import os

    if os.environ.get("WELTOFFEN_NO_PACK_CACHE"):
        return
    from weltoffen_tui.core.atomic import write_atomic

    try:
        data = {"fingerprint": _fingerprint(pack_dir), "ids": sorted([f, q] for f, q in ids)}
        write_atomic(_ids_file(pack_dir), json.dumps(data, ensure_ascii=False), durable=False)
    except (OSError, ValueError):
        pass


def _parse_ids(pack_dir: Path) -> frozenset[tuple[str, str]]:
    """The ids read from the pack's TOML files (the full loader if anything is odd)."""
    try:
        meta = tomlparse.loads((pack_dir / "pack.toml").read_text(encoding="utf-8"))
        ids: set[tuple[str, str]] = set()
        for field_id in meta["fields"]:
            text = (pack_dir / "fields" / f"{field_id}.toml").read_text(encoding="utf-8")
            ids.update(
                (field_id, question["id"]) for question in tomlparse.loads(text)["questions"]
            )
        if not all(isinstance(f, str) and isinstance(q, str) for f, q in ids):
            raise TypeError("ids must be text")
        return frozenset(ids)
    except (OSError, KeyError, TypeError, ValueError, RecursionError):
        from weltoffen_tui.core.pack.load import load_pack

        pack = load_pack(pack_dir)
        return frozenset((f.id, q.id) for f in pack.fields for q in f.questions)


Outline = tuple[int, tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...]]


@lru_cache(maxsize=8)
def outline(pack_dir: Path) -> Outline:
    """The number of graded steps, and every (field, question, its applies_to, its
    group's applies_to), read cheaply from the TOML files (the full loader if odd)."""
    try:
        meta = tomlparse.loads((pack_dir / "pack.toml").read_text(encoding="utf-8"))
        steps = len(meta["scale"])
        rows: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = []
        for field_id in meta["fields"]:
            text = (pack_dir / "fields" / f"{field_id}.toml").read_text(encoding="utf-8")
            data = tomlparse.loads(text)
            groups = {g["id"]: tuple(g.get("applies_to", ())) for g in data.get("groups", [])}
            for question in data["questions"]:
                rows.append(
                    (
                        field_id,
                        question["id"],
                        tuple(question.get("applies_to", ())),
                        groups.get(question.get("group"), ()),
                    )
                )
        if not all(
            isinstance(f, str) and isinstance(q, str) and all(isinstance(k, str) for k in a + g)
            for f, q, a, g in rows
        ):
            raise TypeError("ids must be text")
        return steps, tuple(rows)
    except (OSError, KeyError, TypeError, ValueError, RecursionError, AttributeError):
        from weltoffen_tui.core.pack.load import load_pack

        pack = load_pack(pack_dir)
        groups_of = {(f.id, g.id): g.applies_to for f in pack.fields for g in f.groups}
        return len(pack.meta.scale), tuple(
            (f.id, q.id, q.applies_to, groups_of.get((f.id, q.group or ""), ()))
            for f in pack.fields
            for q in f.questions
        )


def step_count(pack_dir: Path) -> int:
    """The number of graded steps of the pack's scale."""
    return outline(pack_dir)[0]


def heading(pack_dir: Path) -> tuple[str, str] | None:
    """A pack's title and description for the start screen, from ``pack.toml`` alone
    (None when it cannot be read: the start screen then says nothing about the pack, and
    starting a self-check reports the problem with the full loader's message)."""
    try:
        meta = tomlparse.loads((pack_dir / "pack.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomlparse.TOMLDecodeError):
        return None
    title, description = meta.get("title"), meta.get("description", "")
    if not isinstance(title, str) or not isinstance(description, str):
        return None
    return title.strip(), " ".join(description.split())
