"""Loading a pack: process cache, then disk cache, then full check."""

from __future__ import annotations

from pathlib import Path

from weltoffen_tui.core.errors import PackError
from weltoffen_tui.core.pack.models import Pack

_CACHE: dict[Path, Pack] = {}


def load_pack(directory: Path | None = None) -> Pack:
    """Load and validate a pack; raise PackError on problems.

    Without ``directory``: the pack used for new assessments (``--pack``, else the
    newest installed version of the default pack, see ``registry``). Packs are
    immutable, so a loaded pack is kept per directory for the process, and a validated
    pack is also kept on disk (see ``cache``) until a file changes.
    """
    from weltoffen_tui.core.pack import cache as packcache

    if directory is None:
        from weltoffen_tui.core.pack.registry import default_pack_dir

        directory = default_pack_dir()
    directory = Path(directory).resolve()
    if directory in _CACHE:
        return _CACHE[directory]
    pack = packcache.read(directory)
    if pack is None:
        from weltoffen_tui.core.pack.check import validate_pack

        pack, problems = validate_pack(directory)
        if pack is None:
            raise PackError(problems)
        packcache.write(directory, pack)
    _CACHE[directory] = pack
    return pack


def load_pack_by_id(pack_id: str) -> Pack | None:
    """The installed pack with this id (the newest version), or None if there is none."""
    from weltoffen_tui.core.pack.registry import find

    directory = find(pack_id)
    return load_pack(directory) if directory is not None else None
