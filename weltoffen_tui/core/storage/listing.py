"""Listing the assessments of a data directory, fast even with thousands of files.

Each file's summary is cached in a hidden index (``.weltoffen-index.json``) keyed by
the file's inode, modification and change times (ns) and size; a file is parsed again only when
one of them changes. The index is a cache: if it is missing, unreadable or cannot be
written (read-only folder), listing simply parses the files.
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from weltoffen_tui.core.atomic import write_atomic
from weltoffen_tui.core.storage.store import (
    Listing,
    assessment_files,
    name_is_text,
    read_bounded,
    read_listing,
)
from weltoffen_tui.core.timestamps import sort_key

INDEX_NAME = ".weltoffen-index.json"
INDEX_VERSION = 4  # 3: strict light check, unknown answers apart, packs root; 4: labels
MAX_INDEX_BYTES = 256 * 1024 * 1024  # a cache larger than this is rebuilt, not read


def _key(stat: os.stat_result) -> list[int]:
    """What identifies one version of a file: any edit, rename over or touch changes it."""
    return [stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size]


def _to_json(listing: Listing, key: list[int]) -> dict[str, Any]:
    """The index entry of a listing (JSON values only)."""
    return {
        "key": key,
        "municipality": listing.municipality,
        "kind": listing.kind,
        "session_date": listing.session_date,
        "updated": listing.updated.isoformat() if listing.updated else None,
        "answered": listing.answered,
        "questionnaire": listing.questionnaire,
        "roles": listing.roles,
        "error": listing.error,
        "unknown_answers": listing.unknown_answers,
        "label": listing.label,
        "sources": listing.sources,
    }


def _text(data: dict[str, Any], name: str) -> str:
    """A text value of an index entry; ValueError if it is anything else."""
    value = data.get(name)
    if not isinstance(value, str):
        raise ValueError(f"foreign index entry: {name}")
    return value


def _from_json(path: Path, data: dict[str, Any]) -> Listing:
    """The listing stored in an index entry; ValueError if the entry is not ours.

    Every value must have exactly the type this module writes: an index left by
    another version, edited by hand or damaged must never show wrong summaries, so
    anything unexpected means "read the file again".
    """
    updated = data.get("updated")
    answered = data.get("answered")
    if not (updated is None or isinstance(updated, str)):
        raise ValueError("foreign index entry: updated")
    if type(answered) is not int or answered < 0:
        raise ValueError("foreign index entry: answered")
    unknown = data.get("unknown_answers")
    if type(unknown) is not int or unknown < 0:
        raise ValueError("foreign index entry: unknown_answers")
    return Listing(
        path=path,
        municipality=_text(data, "municipality"),
        kind=_text(data, "kind"),
        session_date=_text(data, "session_date"),
        updated=datetime.fromisoformat(updated) if updated else None,
        answered=answered,
        questionnaire=_text(data, "questionnaire"),
        roles=_text(data, "roles"),
        error=_text(data, "error"),
        unknown_answers=unknown,
        label=_text(data, "label"),
        sources=_text(data, "sources"),
    )


def _read_index(directory: Path, packs: str) -> dict[str, Any]:
    """The entries of the index, or none if it is missing, damaged, foreign or made
    against other packs (the packs decide which files are valid)."""
    try:
        text = read_bounded(directory / INDEX_NAME, MAX_INDEX_BYTES)
        import json  # here: a new, empty folder has no index, and starts without json

        data = json.loads(text)
    except (OSError, ValueError, RecursionError):
        return {}
    if (
        not isinstance(data, dict)
        or data.get("version") != INDEX_VERSION
        or data.get("packs") != packs
    ):
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def _write_index(directory: Path, files: dict[str, Any], packs: str) -> None:
    """Store the index; not durable and never an error, because it is only a cache."""
    import json

    payload = json.dumps(
        {"version": INDEX_VERSION, "packs": packs, "files": files}, ensure_ascii=False
    )
    with contextlib.suppress(OSError):  # e.g. a read-only folder: listing still works
        write_atomic(directory / INDEX_NAME, payload, durable=False)


def list_assessments(directory: Path, packs_root: Path | None = None) -> list[Listing]:
    """Summaries of every assessment in a directory, most recently edited first.

    Broken files are listed with their error instead of being skipped; a file shown
    as fine opens with ``open_assessment`` against the same ``packs_root`` (default:
    the shipped packs).
    """
    directory = Path(directory)
    if packs_root is None:
        from weltoffen_tui.paths import packs_dir

        packs_root = packs_dir()
    packs = str(packs_root)
    cached = _read_index(directory, packs)
    fresh: dict[str, Any] = {}
    entries: list[Listing] = []
    changed = False
    for path in assessment_files(directory):
        if not name_is_text(path):  # cannot be a JSON key; costs nothing to list again
            entries.append(read_listing(path, packs_root))
            continue
        try:
            key = _key(path.stat())
        except OSError:
            continue
        known = cached.get(path.name)
        if isinstance(known, dict) and known.get("key") == key:
            try:
                entries.append(_from_json(path, known))
                fresh[path.name] = known
                continue
            except (TypeError, ValueError):
                pass
        listing = read_listing(path, packs_root)
        entries.append(listing)
        fresh[path.name] = _to_json(listing, key)
        changed = True
    if changed or set(fresh) != set(cached):
        _write_index(directory, fresh, packs)
    entries.sort(key=lambda e: e.path)
    dated = [e for e in entries if e.updated is not None]
    dated.sort(key=lambda e: sort_key(e.updated), reverse=True)  # type: ignore[arg-type]
    return dated + [e for e in entries if e.updated is None]


def question_totals(entries: list[Listing], packs_root: Path | None = None) -> dict[str, int]:
    """The number of questions of each pack the readable entries use (by questionnaire id)."""
    used = {entry.questionnaire for entry in entries if not entry.error and entry.questionnaire}
    if not used:  # an empty folder: no pack to look at (nor its module to import)
        return {}
    from weltoffen_tui.core.pack.info import question_count
    from weltoffen_tui.paths import packs_dir

    root = packs_root if packs_root is not None else packs_dir()
    return {questionnaire: question_count(root / questionnaire) for questionnaire in used}
