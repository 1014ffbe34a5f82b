"""One writer per assessment: an advisory lock beside the file.

The lock lives in a hidden sidecar file (``.<name>.toml.lock``) and is held with the
operating system's file locking, so it is released when the process ends for any
reason, SIGKILL and power loss included: a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import os
import socket
import sys
from datetime import datetime
from pathlib import Path


def lock_path(path: Path) -> Path:
    """The hidden sidecar file that carries the lock of an assessment file."""
    return path.with_name(f".{path.name}.lock")


class AssessmentLock:
    """An exclusive, non-blocking lock on one assessment file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock; False when another process holds it."""
        if self._fd is not None:
            return True
        target = lock_path(self.path)
        try:
            fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            # No lock possible (read-only folder): reading is still safe, and
            # saving will fail with its own clear message.
            return True
        if not _try_lock(fd):
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        info = (
            f"{os.getpid()} {socket.gethostname()} {datetime.now().isoformat(timespec='seconds')}"
        )
        os.write(fd, info.encode("utf-8"))
        self._fd = fd
        return True

    def intact(self) -> bool:
        """Whether the held lock still guards the file: its sidecar is the one locked.

        Someone may delete the sidecar (or the whole folder) underneath; another
        instance would then lock a new sidecar and both would write. Checked before
        every save. True when no lock is held (nothing to lose).
        """
        if self._fd is None:
            return True
        try:
            on_disk = os.stat(lock_path(self.path))
            held = os.fstat(self._fd)
        except OSError:
            return False
        return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)

    def holder(self) -> str:
        """Who holds the lock, as written by the holder (process id, computer, since)."""
        try:
            text = lock_path(self.path).read_text(encoding="utf-8").split()
        except OSError:
            return ""
        if len(text) >= 3:
            return f"Prozess {text[0]} auf {text[1]}, seit {text[2].replace('T', ' ')}"
        return ""

    def release(self) -> None:
        if self._fd is None:
            return
        _unlock(self._fd)
        os.close(self._fd)
        self._fd = None


if sys.platform == "win32":  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
