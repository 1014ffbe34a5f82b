"""Writing exports atomically, next to an assessment file or where the user asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from weltoffen_tui.core.errors import Problem, StoreError


def write_document(target: Path, text: str) -> Path:
    """Write an export atomically (CSV line endings kept); StoreError says why if it fails."""
    tmp_name: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
        tmp_name = None
    except OSError as exc:
        raise StoreError(
            [
                Problem(
                    target,
                    f"Export nicht möglich ({exc.strerror or exc})",
                    "Prüfen Sie Schreibrechte und freien Platz.",
                )
            ]
        ) from None
    finally:
        if tmp_name:
            Path(tmp_name).unlink(missing_ok=True)
    return target


def sibling(path: Path, name: str, suffix: str) -> Path:
    """``musterstadt.toml`` → ``musterstadt-<name><suffix>`` beside it."""
    return path.with_name(f"{path.stem}-{name}{suffix}")
