"""Live workshop under load: key press to saved answer, and the server's peak memory.

Run: ``.venv/bin/python benchmarks/serve_live.py [--participants 30] [--questions 8]``

Starts ``weltoffen serve --workshop`` on loopback (a subprocess, as a user would) and
connects HTTP clients that fill in the participants' forms as a browser does
(tests/live_clients.py). First one participant alone answers (the baseline, same run,
same server), then all N at once join and answer: for each answer (the POST of the
form, the "key press"), the time until the answer is in the participant's file; after
each answer the client also fetches the next question's page.

Two crowd figures, both against the same baseline:
- burst: once all have joined, everyone answers as fast as the server lets them (each
  waits for their answer to be saved, then posts the next) – the worst case;
- reading pace: before each answer every participant reads for a random 1–4 s (seeded
  per participant, so every run is the same) – how people answer in a workshop.
Memory: the server with all its processes, sampled every 0.2 s (RSS sum, and PSS,
which counts pages shared between processes once).
Goals: p95 ≤ 250 ms and ≤ 2.5 GiB on a 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._measure import line, median
from tests.live_clients import Participant, tree_memory
from tests.live_server import serve

FIELD = "engagement-beteiligung"
READING_PACE = (1.0, 4.0)  # seconds a participant reads before each answer


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


async def _round(
    address: str,
    code: str,
    folder: Path,
    names: list[str],
    questions: list[str],
    pace: tuple[float, float] | None = None,
) -> tuple[list[float], float]:
    """(latencies, seconds until all had joined) of participants answering at once."""
    joined = 0
    all_joined = asyncio.Event()
    start = time.perf_counter()
    join_time = 0.0

    async def one(number: int, name: str) -> list[float]:
        nonlocal joined, join_time
        async with Participant(address, code, name) as p:
            await p.join()
            joined += 1
            if joined == len(names):
                join_time = time.perf_counter() - start
                all_joined.set()
            await all_joined.wait()  # everyone answers at the same time
            await p.answer(folder, FIELD, questions, 1 + number % 4, pace, seed=number)
            return p.latencies

    results = await asyncio.gather(*(one(n, name) for n, name in enumerate(names)))
    return [x for r in results for x in r], join_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--questions", type=int, default=8)
    args = parser.parse_args()
    count = max(1, min(args.participants, 40))  # bounded

    from weltoffen_tui.core.pack.load import load_pack

    field = next(f for f in load_pack().fields if f.id == FIELD)
    questions = [q.id for q in field.questions][: args.questions]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "workshop"
        with serve(folder, "--kommune", "Messstadt", "--felder", FIELD) as server:
            peak = [0, 0]
            idle = tree_memory(server.process.pid)
            sampling = True

            def measure() -> None:
                rss, pss = tree_memory(server.process.pid)
                peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)

            def sample() -> None:
                while sampling:
                    measure()
                    time.sleep(0.2)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            # One answer first, not counted: the server's first request loads what
            # answering needs, which would make the baseline slower than it is.
            asyncio.run(_round(server.address, server.code, folder, ["Aufwärmen"], questions[:1]))
            alone, _ = asyncio.run(
                _round(server.address, server.code, folder, ["Allein"], questions)
            )
            measure()  # a round shorter than the sampling interval still counts
            one_peak = list(peak)
            peak[0] = peak[1] = 0
            names = [f"Person {n:02d}" for n in range(count)]
            crowd, join_time = asyncio.run(
                asyncio.wait_for(_round(server.address, server.code, folder, names, questions), 900)
            )
            measure()
            crowd_peak = list(peak)  # the burst's: the reading round comes on top
            readers = [f"Lesend {n:02d}" for n in range(count)]
            paced, _ = asyncio.run(
                asyncio.wait_for(
                    _round(server.address, server.code, folder, readers, questions, READING_PACE),
                    900,
                )
            )
            sampling = False
            sampler.join()
    cores = os.cpu_count()
    print(
        f"Live-Workshop: {count} Teilnehmende, je {len(questions)} Antworten, "
        f"{cores} Kerne; alle angemeldet nach {join_time:.1f} s; "
        f"Server allein {idle[0] / 1024:.0f} MiB"
    )
    base = median(alone) * 1000
    print(
        line(
            f"8 Taste bis gespeichert, Median ({count} gleichzeitig) vs. 1",
            median(crowd) * 1000,
            base,
            "ms",
            "—",
        )
    )
    print(
        line(
            f"8 Taste bis gespeichert, p95 ({count} gleichzeitig) vs. 1",
            percentile(crowd, 0.95) * 1000,
            base,
            "ms",
            "≤ 250 ms",
        )
    )
    print(
        line(
            f"8 Taste bis gespeichert, p95 ({count}, Lesetempo 1–4 s) vs. 1",
            percentile(paced, 0.95) * 1000,
            base,
            "ms",
            "≤ 250 ms",
        )
    )
    print(
        line(
            f"8 Spitzenspeicher RSS, Server, {count} Teilnehmende vs. 1",
            crowd_peak[0] / 1024,
            one_peak[0] / 1024,
            "MiB",
            "≤ 2560 MiB",
        )
    )
    print(
        line(
            f"8 Spitzenspeicher PSS, Server, {count} Teilnehmende vs. 1",
            crowd_peak[1] / 1024,
            one_peak[1] / 1024,
            "MiB",
            "≤ 2560 MiB",
        )
    )


if __name__ == "__main__":
    main()
