"""Listing the assessments of a data directory, fast even with thousands of files.

Each file's summary is cached in a hidden index (``.weltoffen-index.json``) keyed by
the file's inode, modification and change times (ns) and size; a file is parsed again only when
one of them changes. The index is a cache: if it is missing, unreadable or cannot be
written (read-only folder), listing simply parses the files.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from weltoffen_tui.core.atomic import write_atomic
from weltoffen_tui.core.storage.store import (
    Listing,
    assessment_files,
    name_is_text,
    read_bounded,
    read_listing,
    visible_path,
)
from weltoffen_tui.core.timestamps import sort_key

if TYPE_CHECKING:
    from weltoffen_tui.core.benchmark import Other, PackSpec

INDEX_NAME = ".weltoffen-index.json"
INDEX_VERSION = 5  # 3: strict light check, unknown answers apart, packs root; 4: labels
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
        "kreisfrei": listing.kreisfrei,
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
    kreisfrei = data.get("kreisfrei")
    if kreisfrei is not None and type(kreisfrei) is not bool:
        raise ValueError("foreign index entry: kreisfrei")
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
        kreisfrei=kreisfrei,
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
    files = assessment_files(directory)
    if not files and not os.path.lexists(directory / INDEX_NAME):
        # An empty folder: no index to read or to write, so no pack to look at (the
        # packs' signature reads every installed pack.toml) -- as the loop below would.
        return []
    packs = _packs_signature(packs_root)
    cached = _read_index(directory, packs)
    fresh: dict[str, Any] = {}
    entries: list[Listing] = []
    changed = False
    for path in files:
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
        listing = _read_listing(path, packs_root)
        entries.append(listing)
        entry = _to_json(listing, key)
        if isinstance(known, dict) and known.get("key") == key and "bench" in known:
            entry["bench"] = known["bench"]  # the benchmark's part of an unchanged file
        fresh[path.name] = entry
        changed = True
    if changed or set(fresh) != set(cached):
        _write_index(directory, fresh, packs)
    entries.sort(key=lambda e: e.path)
    dated = [e for e in entries if e.updated is not None]
    dated.sort(key=lambda e: sort_key(e.updated), reverse=True)  # type: ignore[arg-type]
    return dated + [e for e in entries if e.updated is None]


def _packs_signature(packs_root: Path | None) -> str:
    """What an index depends on: the given packs folder, else every installed pack."""
    if packs_root is None:
        from weltoffen_tui.core.pack.registry import env_signature

        return env_signature()
    return str(packs_root)


def _read_listing(path: Path, packs_root: Path | None) -> Listing:
    """``read_listing``, but an anonymised export is named as such, not as a broken file."""
    listing = read_listing(path, packs_root)
    if not listing.error:
        return listing
    from weltoffen_tui.core import tomlparse
    from weltoffen_tui.core.anonymize import is_anonymized
    from weltoffen_tui.core.errors import AssessmentFileError, Problem
    from weltoffen_tui.core.storage.store import read_text

    try:
        anonymized = is_anonymized(tomlparse.loads(read_text(path)))
    except (AssessmentFileError, tomlparse.TOMLDecodeError, RecursionError):
        return listing
    if not anonymized:
        return listing
    problem = Problem(
        visible_path(path),
        "Anonymisierte Einschätzung für Vergleiche – sie lässt sich nicht öffnen oder bearbeiten",
        "Vergleichen Sie mit ihr: weltoffen benchmark DATEI --against ORDNER.",
    )
    return Listing(path=path, error=str(problem))


def question_totals(entries: list[Listing], packs_root: Path | None = None) -> dict[str, int]:
    """The number of questions of each pack the readable entries use (by questionnaire id).

    Also, under ``total_key(entry)``, the number that apply to each kind of municipality
    listed (see ``total_for``).
    """
    if not any(not entry.error and entry.questionnaire for entry in entries):
        return {}  # an empty folder: no pack to look at (nor its modules to import)
    from weltoffen_tui.core.applicability import applicable_ids
    from weltoffen_tui.core.pack.info import question_count
    from weltoffen_tui.core.storage.store import _pack_dir

    totals: dict[str, int] = {}
    for entry in entries:
        if entry.error or not entry.questionnaire:
            continue
        folder = _pack_dir(packs_root, entry.questionnaire)
        if folder is None:
            continue
        if entry.questionnaire not in totals:
            totals[entry.questionnaire] = question_count(folder)
        key = total_key(entry)
        if key not in totals:
            totals[key] = len(applicable_ids(folder, entry.kind, entry.kreisfrei))
    return totals


def total_key(entry: Listing) -> str:
    """The key of ``question_totals`` for the questions that apply to an entry."""
    return f"{entry.questionnaire}|{entry.kind}|{entry.kreisfrei}"


def total_for(entry: Listing, totals: dict[str, int]) -> int:
    """The number of questions that apply to an entry's municipality (0 if unknown)."""
    return totals.get(total_key(entry), totals.get(entry.questionnaire, 0))


# --------------------------------------------------------------------------- benchmark pool
# ``weltoffen benchmark`` reads thousands of files like the listing does, with the same
# index: each entry gains a "bench" part (the file's counted scores against one pack,
# named by the pack spec's fingerprint). ``list`` keeps that part untouched as long as
# the file is unchanged, and drops it with the entry when the file changes.


@dataclass(frozen=True)
class Pool:
    """The other assessments a file is placed among, and what was left out."""

    others: list[Other]
    other_pack: int = 0  # files of another questionnaire
    broken: tuple[str, ...] = ()  # names of files that could not be read
    itself: int = 0  # the file itself, or a copy with the same content


def _bench_part(
    path: Path, root: Path | None, spec: PackSpec
) -> tuple[Listing | None, dict[str, Any]]:
    """The listing (None for an anonymised file) and the benchmark part of one file."""
    from weltoffen_tui.core import tomlparse
    from weltoffen_tui.core.anonymize import is_anonymized, read_anonymized
    from weltoffen_tui.core.benchmark import counted_scores, tally
    from weltoffen_tui.core.errors import AssessmentFileError
    from weltoffen_tui.core.storage.store import _light_summary, _NotLight, read_text

    fingerprint = spec.fingerprint
    try:
        text = read_text(path)
        data = tomlparse.loads(text)
    except (AssessmentFileError, tomlparse.TOMLDecodeError, RecursionError):
        failed = read_listing(path, root)  # says why, in the listing's words
        return failed, {"fp": fingerprint, "error": failed.error or "nicht lesbar"}
    questionnaire = data.get("questionnaire")
    listing: Listing | None
    if is_anonymized(data):
        listing = None
        try:
            anonymized = read_anonymized(data, path, text)
        except AssessmentFileError as exc:
            return None, {"fp": fingerprint, "error": str(exc.problems[0])}
        kind, answers = anonymized.kind, anonymized.answers
        kreisfrei = anonymized.kreisfrei
    else:
        try:
            listing = _light_summary(path, data, root)
            kind, answers = listing.kind, data.get("answers", {})
        except _NotLight:
            listing = read_listing(path, root)
            answers = None
            kind = listing.kind
        kreisfrei = listing.kreisfrei
    if isinstance(questionnaire, str) and questionnaire != spec.pack_id:
        return listing, {"fp": fingerprint, "q": questionnaire}
    if listing is not None and listing.error:
        return listing, {"fp": fingerprint, "error": listing.error}
    if answers is None:  # valid, but not plainly so: take the answers from the model
        from weltoffen_tui.core.storage.store import parse_assessment

        assessment = parse_assessment(text, path)
        answers = {
            f: {q: {"value": a.value} for q, a in by_q.items()}
            for f, by_q in assessment.answers.items()
        }
    scores = counted_scores(tally(answers, spec, kind, kreisfrei), spec.max_points)
    return listing, {
        "fp": fingerprint,
        "q": spec.pack_id,
        "kind": kind,
        "s": list(scores),
    }


def _other_from(bench: dict[str, Any], spec: PackSpec) -> Other | None:
    """The Other of a benchmark part; None for another questionnaire or a broken file;
    ValueError if the part is not ours."""
    from weltoffen_tui.core.benchmark import Other

    if "error" in bench:
        if isinstance(bench["error"], str):
            return None
        raise ValueError("foreign benchmark part")
    if bench.get("q") != spec.pack_id:
        if isinstance(bench.get("q"), str):
            return None
        raise ValueError("foreign benchmark part")
    scores = bench.get("s")
    kind = bench.get("kind")
    if (
        not isinstance(kind, str)
        or not isinstance(scores, list)
        or len(scores) != len(spec.fields) + 1
        or not all(s is None or type(s) is float for s in scores)
    ):
        raise ValueError("foreign benchmark part")
    return Other(kind, tuple(scores))


def benchmark_pool(
    sources: Sequence[Path],
    spec: PackSpec,
    own: Path,
    own_text: str,
    packs_root: Path | None = None,
) -> Pool:
    """The assessments in ``sources`` (folders and files) to place ``own`` among.

    Folders are read like ``list_assessments`` reads the data folder (``*.toml``,
    not recursive) with the index; files given one by one are read directly. A file
    counts once however often it is named; ``own`` and files with its content
    (``own_text``) do not count. Broken files are skipped and named.
    """
    try:
        own_stat = own.stat()
        own_id: tuple[int, int] | None = (own_stat.st_dev, own_stat.st_ino)
    except OSError:
        own_id = None
    own_size = len(own_text.encode("utf-8"))  # a copy has the same size: only then compare
    seen: set[tuple[int, int]] = set()
    others: list[Other] = []
    broken: list[str] = []
    counts = {"other_pack": 0, "itself": 0}

    def take(path: Path, info: os.stat_result, bench: dict[str, Any]) -> None:
        file_id = (info.st_dev, info.st_ino)
        if file_id in seen:
            return
        seen.add(file_id)
        if file_id == own_id or (info.st_size == own_size and _same_text(path, own_text)):
            counts["itself"] += 1
            return
        if "error" in bench:
            broken.append(path.name)
            return
        other = _other_from(bench, spec)
        if other is None:
            counts["other_pack"] += 1
        else:
            others.append(other)

    for source in sources:
        if source.is_dir():
            _pool_folder(source, packs_root, spec, take, broken)
            continue
        try:
            info = source.stat()
        except OSError:
            broken.append(str(visible_path(Path(source.name))))
            continue
        take(source, info, _bench_part(source, packs_root, spec)[1])
    return Pool(others, counts["other_pack"], tuple(broken), counts["itself"])


def _same_text(path: Path, text: str) -> bool:
    """Whether a file holds exactly ``text`` (False if it cannot be read)."""
    from weltoffen_tui.core.errors import AssessmentFileError
    from weltoffen_tui.core.storage.store import read_text

    try:
        return read_text(path) == text
    except AssessmentFileError:
        return False


def _pool_folder(
    directory: Path,
    packs_root: Path | None,
    spec: PackSpec,
    take: Callable[[Path, os.stat_result, dict[str, Any]], None],
    broken: list[str],
) -> None:
    """Every assessment of a folder into ``take``, through the folder's index."""
    packs = _packs_signature(packs_root)  # the same index as ``list_assessments``
    fingerprint = spec.fingerprint
    cached = _read_index(directory, packs)
    fresh: dict[str, Any] = {}
    changed = False
    for path in assessment_files(directory):
        try:
            info = path.stat()
        except OSError:
            continue
        if not name_is_text(path):
            broken.append(str(visible_path(Path(path.name))))
            continue
        key = _key(info)
        known = cached.get(path.name)
        if isinstance(known, dict) and known.get("key") == key:
            bench = known.get("bench")
            if isinstance(bench, dict) and bench.get("fp") == fingerprint:
                try:
                    _other_from(bench, spec)  # an entry that is not ours is read again
                except ValueError:
                    pass
                else:
                    take(path, info, bench)
                    fresh[path.name] = known
                    continue
        listing, bench = _bench_part(path, packs_root, spec)
        entry: dict[str, Any] = {"key": key} if listing is None else _to_json(listing, key)
        entry["bench"] = bench
        fresh[path.name] = entry
        changed = True
        take(path, info, bench)
    # Never leave a cache in the shipped packs (their samples are a folder to compare with).
    from weltoffen_tui.paths import packs_dir

    shipped = packs_root if packs_root is not None else packs_dir()
    inside_packs = directory.resolve().is_relative_to(shipped.resolve())
    if (changed or set(fresh) != set(cached)) and not inside_packs:
        _write_index(directory, fresh, packs)
