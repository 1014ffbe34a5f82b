"""Start-up to the interactive start screen, and the cost of one autosave.

Run: ``.venv/bin/python benchmarks/startup_autosave.py [--runs N]``

- Start-up: ``weltoffen`` (with WELTOFFEN_EXIT_WHEN_READY, so it quits once its start
  screen is filled and shown) against a bare Textual app (Header, Static, Footer)
  that quits after its first refresh. Both are launched the same way, as a Python
  process in a pseudo-terminal, alternately; medians are compared.
- Autosave: the median of ``EditSession.set_answer`` (change + atomic save with
  backup and fsync) in a fully answered assessment, against writing the same bytes
  once with write + fsync + rename (the floor of any durable save).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._measure import ROOT, interleaved, line, median, python, time_in_pty


def startup(runs: int) -> tuple[float, float]:
    """(weltoffen, bare app) median seconds from launch to interactive first screen."""
    with tempfile.TemporaryDirectory() as data:
        env = {"WELTOFFEN_EXIT_WHEN_READY": "1", "WELTOFFEN_DATA_DIR": data}
        ours, bare = interleaved(
            runs,
            lambda: time_in_pty([python(), "-m", "weltoffen_tui"], env),
            lambda: time_in_pty([python(), str(ROOT / "benchmarks" / "bare_app.py")]),
        )
    return median(ours), median(bare)


def full_session(directory: Path):  # type: ignore[no-untyped-def]
    """An EditSession on a fully answered assessment of the shipped pack."""
    from weltoffen_tui.core.pack.load import load_pack
    from weltoffen_tui.core.storage.editing import EditSession

    pack = load_pack()
    session = EditSession.create(directory, pack, municipality="Messstadt", kind="Stadt")
    for number, (action_field, question) in enumerate(pack.iter_questions()):
        session.assessment.set_answer(
            action_field.id, question.id, 1 + number % 4, note=f"Nachweis {number}: Beschluss"
        )
    session.save()
    return session


def autosave(samples: int) -> tuple[float, float]:
    """(autosave, raw durable write) median milliseconds."""
    from weltoffen_tui.core.storage.store import dumps_assessment

    with tempfile.TemporaryDirectory() as tmp:
        session = full_session(Path(tmp))
        items = list(session.pack.iter_questions())
        payload = dumps_assessment(session.assessment).encode("utf-8")
        raw_target = Path(tmp) / "raw.toml"

        def one_autosave(i: int) -> float:
            action_field, question = items[i % len(items)]
            start = time.perf_counter()
            session.set_answer(action_field.id, question.id, 1 + (i * 7) % 4)
            return time.perf_counter() - start

        def one_raw_write(i: int) -> float:
            start = time.perf_counter()
            tmp_path = raw_target.with_suffix(".tmp")
            with open(tmp_path, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp_path, raw_target)
            return time.perf_counter() - start

        ours: list[float] = []
        raw: list[float] = []
        for i in range(samples):
            ours.append(one_autosave(i))
            raw.append(one_raw_write(i))
    return median(ours) * 1000, median(raw) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10, help="launches per app")
    parser.add_argument("--saves", type=int, default=200, help="autosaves measured")
    args = parser.parse_args()
    ours, bare = startup(args.runs)
    print(
        line(
            "Start bis Startseite (weltoffen vs. leere App)",
            ours * 1000,
            bare * 1000,
            "ms",
            "≤ 1.2",
        )
    )
    save, raw = autosave(args.saves)
    print(line("Autosave-Median (vs. write+fsync+rename)", save, raw, "ms", "≤ 10 ms absolut"))


if __name__ == "__main__":
    main()
