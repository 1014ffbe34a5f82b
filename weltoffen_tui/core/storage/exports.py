"""Writing exports atomically, next to an assessment file or where the user asked."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from weltoffen_tui.core.atomic import write_atomic
from weltoffen_tui.core.errors import Problem, StoreError


def _refuse(target: Path, message: str, hint: str) -> StoreError:
    return StoreError([Problem(target, message, hint)])


def _write_to_stream(target: Path, text: str | bytes, mode: int) -> None:
    """Write into a device or named pipe as it is: it must never be replaced by a file."""
    flags = os.O_WRONLY
    if stat.S_ISFIFO(mode):
        flags |= os.O_NONBLOCK  # no reader: refuse instead of hanging
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise _refuse(
                target,
                "Aus dieser benannten Pipe liest gerade kein Programm",
                "Starten Sie zuerst das lesende Programm oder wählen Sie eine Datei als Ziel.",
            ) from None
        raise
    os.set_blocking(fd, True)
    if isinstance(text, bytes):
        with os.fdopen(fd, "wb") as binary:
            binary.write(text)
        return
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def write_document(target: Path, text: str | bytes) -> Path:
    """Write an export atomically (CSV line endings kept); StoreError says why if it fails.

    ``text`` is bytes for binary formats (PDF, xlsx, DOCX), written as they are.

    Exports are documents people pass on, so they are readable by others (0o644) and
    flushed to the disk like an assessment. A symbolic link is written through (its
    target gets the new content, the link stays); a device such as ``/dev/null`` or a
    named pipe is written to, never replaced; a folder or socket is refused.
    """
    try:
        info = target.stat() if target.exists() else None
        if info is not None and not stat.S_ISREG(info.st_mode):
            if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
                _write_to_stream(target, text, info.st_mode)
                return target
            kind = "ein Ordner" if stat.S_ISDIR(info.st_mode) else "keine gewöhnliche Datei"
            raise _refuse(target, f"Das Ziel ist {kind}", "Geben Sie als Ziel einen Dateinamen an.")
        real = target.resolve() if target.is_symlink() else target
        write_atomic(real, text, mode=0o644)
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
