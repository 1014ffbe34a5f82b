"""Where packs are installed, and which one is used for a pack id.

Packs are found in, by priority:

1. a folder given with ``--pack`` (it is always used for its id),
2. the folders in ``WELTOFFEN_PACKS`` (separated by ``os.pathsep``),
3. ``<data-dir>/pakete/``,
4. the packs shipped with the program.

A folder in 2 and 3 may be a pack itself (it holds ``pack.toml``) or hold packs in
its sub-folders. When two packs share an id, the newer version wins (versions are
compared numerically by parts, so 1.10 is newer than 1.9); on equal versions the one
earlier in the list above. Only ``pack.toml`` is read here, with the TOML parser, so the
start screen and ``weltoffen list`` stay quick; loading and checking is ``load``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

ENV_PACKS = "WELTOFFEN_PACKS"
DATA_SUBDIR = "pakete"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

ORIGIN_EXPLICIT = "--pack"
ORIGIN_ENV = ENV_PACKS
ORIGIN_DATA = "Datenordner"
ORIGIN_SHIPPED = "mitgeliefert"
_PRIORITY = {ORIGIN_EXPLICIT: 0, ORIGIN_ENV: 1, ORIGIN_DATA: 2, ORIGIN_SHIPPED: 3}


@dataclass(frozen=True)
class PackEntry:
    """One installed pack, as its ``pack.toml`` names it."""

    id: str
    version: str
    title: str
    directory: Path
    origin: str

    @property
    def shipped(self) -> bool:
        return self.origin == ORIGIN_SHIPPED


@dataclass(frozen=True)
class Unreadable:
    """A folder that looks like a pack but whose ``pack.toml`` cannot be read."""

    directory: Path
    origin: str
    reason: str


@dataclass(frozen=True)
class Installed:
    """Every pack found, and the one used per id."""

    entries: tuple[PackEntry, ...]
    chosen: dict[str, PackEntry]
    unreadable: tuple[Unreadable, ...] = field(default=())

    def find(self, pack_id: str) -> PackEntry | None:
        return self.chosen.get(pack_id)

    def superseded_by(self, entry: PackEntry) -> list[PackEntry]:
        """The other packs with the id of ``entry`` that it wins over (if it is chosen)."""
        if self.chosen.get(entry.id) is not entry:
            return []
        return [e for e in self.entries if e.id == entry.id and e is not entry]

    def ids(self) -> list[str]:
        return sorted(self.chosen)


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """A version for comparing, part by part: numbers as numbers ("1.10" > "1.9")."""
    parts = re.split(r"[.\-+_ ]", version.strip())
    key: list[tuple[int, str]] = []
    for part in parts:
        digits = re.match(r"\d+", part)
        key.append(
            (int(digits.group()) if digits else -1, part[digits.end() :] if digits else part)
        )
    while key and key[-1] == (0, ""):  # 1.0 is 1
        key.pop()
    return tuple(key)


# ----------------------------------------------------------------------------- settings

_settings: dict[str, Path | None] = {"data_dir": None, "explicit": None}
_found: tuple[tuple[object, ...], Installed] | None = None


def configure(data_dir: Path | None = None, explicit: Path | None = None) -> None:
    """Set the data folder (for ``pakete/``) and a ``--pack`` folder for this process."""
    global _found
    _settings["data_dir"] = Path(data_dir) if data_dir is not None else None
    _settings["explicit"] = Path(explicit).resolve() if explicit is not None else None
    _found = None


def explicit_pack() -> Path | None:
    """The folder given with ``--pack``, if any."""
    return _settings["explicit"]


def roots() -> list[tuple[Path, str]]:
    """The folders searched, in priority order, with where they come from."""
    from weltoffen_tui.paths import packs_dir

    found: list[tuple[Path, str]] = []
    explicit = _settings["explicit"]
    if explicit is not None:
        found.append((explicit, ORIGIN_EXPLICIT))
    for part in os.environ.get(ENV_PACKS, "").split(os.pathsep):
        if part.strip():
            found.append((Path(part).expanduser(), ORIGIN_ENV))
    data_dir = _settings["data_dir"]
    if data_dir is not None:
        found.append((data_dir / DATA_SUBDIR, ORIGIN_DATA))
    found.append((packs_dir(), ORIGIN_SHIPPED))
    return found


def _read_entry(directory: Path, origin: str) -> PackEntry | Unreadable:
    # here, not at the top: the start screen of an empty folder reads no pack
    from weltoffen_tui.core import tomlparse

    pack_file = directory / "pack.toml"
    try:
        data = tomlparse.loads(pack_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomlparse.TOMLDecodeError) as exc:
        reason = (
            "pack.toml ist kein gültiges TOML"
            if isinstance(exc, ValueError)
            else ("pack.toml ist nicht lesbar")
        )
        return Unreadable(directory, origin, reason)
    pack_id, version, title = data.get("id"), data.get("version"), data.get("title")
    if not isinstance(pack_id, str) or not _ID.match(pack_id):
        return Unreadable(directory, origin, "pack.toml nennt keine gültige id")
    if not isinstance(version, str) or not version.strip():
        return Unreadable(directory, origin, "pack.toml nennt keine version")
    return PackEntry(
        id=pack_id,
        version=version,
        title=title if isinstance(title, str) else pack_id,
        directory=directory.resolve(),
        origin=origin,
    )


def _pack_folders(root: Path, origin: str) -> list[Path]:
    """The pack folders in a search folder: the folder itself, else its sub-folders."""
    if (root / "pack.toml").is_file():
        return [root]
    if origin == ORIGIN_EXPLICIT:
        return []
    try:
        children = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []
    return [child for child in children if (child / "pack.toml").is_file()]


def installed() -> Installed:
    """Every pack found in the search folders (kept while the settings stay the same)."""
    global _found
    from weltoffen_tui import paths

    # The function, not its result: the shipped folder is fixed for a process (tests
    # replace the function), and calling it at every lookup would cost a listing time.
    key = (
        os.environ.get(ENV_PACKS, ""),
        _settings["data_dir"],
        _settings["explicit"],
        paths.packs_dir,
    )
    if _found is not None and _found[0] == key:
        return _found[1]
    entries: list[PackEntry] = []
    unreadable: list[Unreadable] = []
    seen: set[Path] = set()
    for root, origin in roots():
        for folder in _pack_folders(root, origin):
            resolved = folder.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            entry = _read_entry(folder, origin)
            if isinstance(entry, PackEntry):
                entries.append(entry)
            else:
                unreadable.append(entry)
    chosen: dict[str, PackEntry] = {}
    for entry in entries:  # in priority order
        best = chosen.get(entry.id)
        if best is None or (
            best.origin != ORIGIN_EXPLICIT
            and (
                entry.origin == ORIGIN_EXPLICIT
                or version_key(entry.version) > version_key(best.version)
            )
        ):
            chosen[entry.id] = entry
    result = Installed(tuple(entries), chosen, tuple(unreadable))
    _found = (key, result)
    return result


def env_signature() -> str:
    """What the packs used depend on, for caches keyed by it (e.g. the listing index)."""
    found = installed()
    return "|".join(f"{e.id}={e.version}@{e.directory}" for _, e in sorted(found.chosen.items()))


def find(pack_id: str) -> Path | None:
    """The folder of the pack used for ``pack_id``, or None."""
    if not _ID.match(pack_id):
        return None  # a path never names a pack
    entry = installed().find(pack_id)
    return entry.directory if entry else None


def default_pack_dir() -> Path:
    """The pack used for new assessments: ``--pack``, else the default pack's winner."""
    from weltoffen_tui.paths import DEFAULT_PACK_ID
    from weltoffen_tui.paths import default_pack_dir as shipped_default

    explicit = _settings["explicit"]
    if explicit is not None:
        return explicit
    return find(DEFAULT_PACK_ID) or shipped_default()
