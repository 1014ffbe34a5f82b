"""A child process for the crash tests: saves answers in a loop and reports each save.

Usage: python tests/crash_writer.py FILE — prints "saved N" after save N returned.

With ``WELTOFFEN_CRASH_WRITER=nonatomic`` the one atomic writer (``core.atomic.write_atomic``)
is replaced by a naive one that truncates the file and writes it in place, piece by piece
(as a slow or network disk would). The crash test runs it once to show that it notices a
writer that is not atomic: killed mid-write, such a writer leaves half a file.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from weltoffen_tui.core.storage.editing import EditSession
from weltoffen_tui.core.storage.opening import open_assessment

WRITER = os.environ.get("WELTOFFEN_CRASH_WRITER", "atomic")


def write_in_place(
    target: Path,
    data: bytes | str,
    *,
    mode: int | None = None,
    backup: Path | None = None,
    durable: bool = True,
) -> None:
    """What ``write_atomic`` must not be: open, truncate, write (each piece flushed)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = Path(target)
    if backup is not None and target.exists():
        shutil.copyfile(target, backup)
    with open(target, "wb") as handle:
        for start in range(0, len(payload), 512):
            handle.write(payload[start : start + 512])
            handle.flush()
            os.fsync(handle.fileno())
    if mode is not None:
        os.chmod(target, mode)


def use_writer(name: str) -> None:
    if name == "atomic":
        return
    if name != "nonatomic":
        raise SystemExit(f"unknown WELTOFFEN_CRASH_WRITER: {name}")
    import weltoffen_tui.core.atomic as atomic
    import weltoffen_tui.core.storage.store as store

    atomic.write_atomic = write_in_place  # type: ignore[assignment]
    store.write_atomic = write_in_place  # type: ignore[assignment]


def main() -> None:
    use_writer(WRITER)
    path = Path(sys.argv[1])
    assessment, pack = open_assessment(path)
    session = EditSession.open(path, assessment, pack)
    questions = list(pack.iter_questions())
    start = int(assessment.answer("management-steuerung", "ms-01").note or 0)  # type: ignore[union-attr]
    for number in range(start + 1, start + 100_000):
        field, question = questions[number % len(questions)]
        session.assessment.set_answer(field.id, question.id, 1 + number % 4)
        session.assessment.set_answer("management-steuerung", "ms-01", note=str(number))
        if not session.save():
            print("error", session.last_error, flush=True)
            return
        print(f"saved {number}", flush=True)


if __name__ == "__main__":
    main()
