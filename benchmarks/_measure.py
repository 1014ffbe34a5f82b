"""Helpers shared by the benchmarks: timing a program in a pseudo-terminal, medians."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def time_in_pty(
    argv: Sequence[str], env: dict[str, str] | None = None, timeout: float = 60
) -> float:
    """Seconds from launch to exit of a program attached to a pseudo-terminal."""
    master, slave = os.openpty()
    environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    environment.update(env or {})

    def drain() -> None:
        while True:
            try:
                if not os.read(master, 65536):
                    return
            except OSError:
                return

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    start = time.perf_counter()
    process = subprocess.Popen(
        list(argv), stdin=slave, stdout=slave, stderr=slave, env=environment, close_fds=True
    )
    os.close(slave)
    try:
        process.wait(timeout=timeout)
    finally:
        elapsed = time.perf_counter() - start
        if process.poll() is None:
            process.kill()
        os.close(master)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {process.returncode}")
    return elapsed


def interleaved(runs: int, *measures: Callable[[], float]) -> list[list[float]]:
    """Run several measurements alternately (fair on a noisy machine)."""
    results: list[list[float]] = [[] for _ in measures]
    for _ in range(runs):
        for index, measure in enumerate(measures):
            results[index].append(measure())
    return results


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def python() -> str:
    return sys.executable


def line(name: str, value: float, baseline: float, unit: str, target: str) -> str:
    """One result line: figure, baseline, ratio and target."""
    ratio = value / baseline if baseline else float("inf")
    return (
        f"{name:<46} {value:9.1f} {unit}  Grundlinie {baseline:9.1f} {unit}  "
        f"Verhältnis {ratio:5.2f}  (Ziel {target})"
    )
