"""A child process for the crash tests: saves answers in a loop and reports each save.

Usage: python tests/crash_writer.py FILE — prints "saved N" after save N returned.
"""

from __future__ import annotations

import sys
from pathlib import Path

from weltoffen_tui.core.storage.editing import EditSession
from weltoffen_tui.core.storage.opening import open_assessment


def main() -> None:
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
