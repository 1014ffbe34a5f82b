"""Writing exports atomically, next to an assessment file or where the user asked."""

from __future__ import annotations

from pathlib import Path

from weltoffen_tui.core.atomic import write_atomic
from weltoffen_tui.core.errors import Problem, StoreError


def write_document(target: Path, text: str) -> Path:
    """Write an export atomically (CSV line endings kept); StoreError says why if it fails.

    Exports are documents people pass on, so they are readable by others (0o644) and
    flushed to the disk like an assessment.
    """
    try:
        write_atomic(target, text, mode=0o644)
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
    return target


def sibling(path: Path, name: str, suffix: str) -> Path:
    """``musterstadt.toml`` → ``musterstadt-<name><suffix>`` beside it."""
    return path.with_name(f"{path.stem}-{name}{suffix}")
