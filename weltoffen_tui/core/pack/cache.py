"""An on-disk cache of validated shipped packs.

Validating a pack means building pydantic schemas and checking some 40 files, which
costs more than the rest of ``weltoffen report``. The shipped packs rarely change, so
the validated pack is pickled into the user cache folder together with a fingerprint
of every pack file (name, size, modification time). Any change, a different program
or pydantic version, or an unreadable cache simply means validating again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from weltoffen_tui.core.pack.models import Pack

Fingerprint = tuple[Any, ...]


def _cache_file(directory: Path) -> Path:
    from platformdirs import user_cache_dir

    digest = hashlib.sha1(str(directory).encode("utf-8")).hexdigest()[:16]
    return Path(user_cache_dir("weltoffen-tui", appauthor=False)) / "packs" / f"{digest}.pickle"


def _pydantic_stamp() -> tuple[str, int]:
    """Where pydantic is installed and when, without importing it (that costs 30 ms)."""
    import importlib.util

    spec = importlib.util.find_spec("pydantic")
    origin = spec.origin if spec and spec.origin else ""
    try:
        return origin, os.stat(origin).st_mtime_ns
    except OSError:
        return origin, 0


def fingerprint(directory: Path) -> Fingerprint:
    """Every file of the pack with size and modification time, plus program and pydantic."""
    from weltoffen_tui import __version__

    entries = []
    for path in sorted(directory.rglob("*")):
        if path.is_file() and path.suffix in {".toml", ".md"}:
            stat = path.stat()
            entries.append((str(path.relative_to(directory)), stat.st_size, stat.st_mtime_ns))
    models = Path(__file__).with_name("models.py").stat().st_mtime_ns  # the pickled classes
    return (__version__, models, _pydantic_stamp(), tuple(entries))


def _is_shipped(directory: Path) -> bool:
    from weltoffen_tui.paths import packs_dir

    return directory.parent == packs_dir().resolve()


def read(directory: Path) -> Pack | None:
    """The cached pack, if the cache exists and matches the files exactly."""
    if not _is_shipped(directory) or os.environ.get("WELTOFFEN_NO_PACK_CACHE"):
        return None
    try:
        with _cache_file(directory).open("rb") as handle:
            stored_print, pack = pickle.load(handle)
        if stored_print != fingerprint(directory):
            return None
    except Exception:
        return None
    return pack  # type: ignore[no-any-return]


def write(directory: Path, pack: Pack) -> None:
    """Store a freshly validated pack; failures are ignored (it is only a cache)."""
    if not _is_shipped(directory) or os.environ.get("WELTOFFEN_NO_PACK_CACHE"):
        return
    tmp_name = None
    try:
        target = _cache_file(directory)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((fingerprint(directory), pack), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp_name, target)
        tmp_name = None
    except Exception:
        pass
    finally:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
