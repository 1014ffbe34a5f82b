"""What the start screen and ``weltoffen list`` need of a pack, read cheaply.

Loading a pack validates every field and article with pydantic; to show "12/106"
next to each assessment only the number of questions is needed, so this counts
them from the TOML files directly. Any problem falls back to the full loader.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=8)
def question_count(pack_dir: Path) -> int:
    """The number of questions in a pack."""
    try:
        meta = tomllib.loads((pack_dir / "pack.toml").read_text(encoding="utf-8"))
        total = 0
        for field_id in meta["fields"]:
            text = (pack_dir / "fields" / f"{field_id}.toml").read_text(encoding="utf-8")
            total += len(tomllib.loads(text)["questions"])
        return total
    except (OSError, KeyError, TypeError, ValueError):
        from weltoffen_tui.core.pack.load import load_pack

        return load_pack(pack_dir).question_count()


@lru_cache(maxsize=8)
def question_ids(pack_dir: Path) -> frozenset[tuple[str, str]]:
    """Every (field id, question id) of a pack, for counting answers a listing shows."""
    try:
        meta = tomllib.loads((pack_dir / "pack.toml").read_text(encoding="utf-8"))
        ids: set[tuple[str, str]] = set()
        for field_id in meta["fields"]:
            text = (pack_dir / "fields" / f"{field_id}.toml").read_text(encoding="utf-8")
            ids.update((field_id, question["id"]) for question in tomllib.loads(text)["questions"])
        if not all(isinstance(f, str) and isinstance(q, str) for f, q in ids):
            raise TypeError("ids must be text")
        return frozenset(ids)
    except (OSError, KeyError, TypeError, ValueError, RecursionError):
        from weltoffen_tui.core.pack.load import load_pack

        pack = load_pack(pack_dir)
        return frozenset((f.id, q.id) for f in pack.fields for q in f.questions)
