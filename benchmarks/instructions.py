"""Instruction counts (valgrind callgrind) of the benchmarked programs and their baselines.

Run: ``.venv/bin/python benchmarks/instructions.py [report floor list parse startup bare]``
(``startup-fresh``: the start-up of a user without saved settings, default theme;
``compare`` and ``compare-parse``: loading and comparing files/2 assessments, and parsing them)

Timings on a shared machine are noisy; the number of instructions a program executes
is nearly the same from run to run, so it tells whether a change helps before the
timed benchmarks (``benchmarks/run.py``) confirm it. Each scenario runs once to warm
the caches (pack cache, listing index where wanted), then once under callgrind.
Like ``benchmarks/run.py``, it first writes the package's bytecode (see
``compile_bytecode`` there): without it, with PYTHONDONTWRITEBYTECODE set, every
module of ours is compiled on every run, which no installed copy does.
This only measures; the figures and targets live in ``benchmarks/run.py``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._measure import ROOT, python
from benchmarks.compare_1000 import write_files
from benchmarks.run import PARSE_ALL, SAMPLE, compile_bytecode, weltoffen_command, write_many

COMPARE_ALL = (
    "import sys, pathlib\n"
    "from weltoffen_tui.core.pack.load import load_pack\n"
    "from weltoffen_tui.core.storage.store import load_assessment\n"
    "from weltoffen_tui.core.workshop.compare import compare\n"
    "paths = sorted(pathlib.Path(sys.argv[1]).glob('*.toml'))\n"
    "compare(load_pack(), [(p.name, load_assessment(p)) for p in paths])\n"
)


def instructions(argv: list[str], env: dict[str, str] | None = None, pty: bool = False) -> int:
    """Instructions executed by ``argv`` (and its children), counted by callgrind."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cg.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            "--trace-children=no",
            *argv,
        ]
        environment = {**os.environ, **(env or {})}
        if pty:
            master, slave = os.openpty()
            environment.update(TERM="xterm-256color", COLUMNS="100", LINES="30")
            process = subprocess.Popen(
                command, stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=environment
            )
            os.close(slave)
            while True:
                try:
                    if not os.read(master, 65536):
                        break
                except OSError:
                    break
            _, err = process.communicate()
            os.close(master)
            log = err.decode("utf-8", "replace")
        else:
            done = subprocess.run(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment
            )
            log = done.stderr.decode("utf-8", "replace")
        match = re.search(r"Collected : (\d+)", log)
        if not match:
            raise RuntimeError(f"callgrind gave no count for {argv}:\n{log[-2000:]}")
        return int(match.group(1))


def scenarios(tmp: Path, files: int) -> dict[str, Callable[[], int]]:
    weltoffen = weltoffen_command()
    many = tmp / "many"
    many.mkdir()
    write_many(many, files)
    listing = [*weltoffen, "--data-dir", str(many), "list"]
    index = many / ".weltoffen-index.json"
    data = tmp / "data"
    data.mkdir()
    tui_env = {"WELTOFFEN_EXIT_WHEN_READY": "1", "WELTOFFEN_DATA_DIR": str(data)}
    # A user who never chose a theme: the settings folder is empty. The plain "startup"
    # uses this machine's settings, and a remembered theme other than the default one
    # costs Textual a second pass over every style sheet at start.
    settings = tmp / "einstellungen"
    settings.mkdir()
    fresh_env = {**tui_env, "WELTOFFEN_CONFIG_DIR": str(settings)}

    compared = tmp / "compare"
    compared.mkdir()
    write_files(compared, max(files // 2, 2))  # varied answers, as benchmarks/compare_1000.py

    def report() -> int:
        subprocess.run([*weltoffen, "report", str(SAMPLE)], stdout=subprocess.DEVNULL, check=True)
        return instructions([*weltoffen, "report", str(SAMPLE)])

    def list_cold() -> int:
        index.unlink(missing_ok=True)
        subprocess.run(listing, stdout=subprocess.DEVNULL, check=True)  # pack ids cached
        index.unlink(missing_ok=True)
        return instructions(listing)

    def list_warm() -> int:
        subprocess.run(listing, stdout=subprocess.DEVNULL, check=True)
        return instructions(listing)

    return {
        "report": report,
        "floor": lambda: instructions([python(), str(ROOT / "benchmarks" / "floor_report.py")]),
        "list": list_cold,
        "list-warm": list_warm,
        "parse": lambda: instructions([python(), "-c", PARSE_ALL, str(many)]),
        # Loading and comparing (files/2) assessments, and its baseline: parsing them.
        "compare": lambda: instructions([python(), "-c", COMPARE_ALL, str(compared)]),
        "compare-parse": lambda: instructions([python(), "-c", PARSE_ALL, str(compared)]),
        "startup": lambda: instructions([python(), "-m", "weltoffen_tui"], tui_env, pty=True),
        "startup-fresh": lambda: instructions(
            [python(), "-m", "weltoffen_tui"], fresh_env, pty=True
        ),
        "bare": lambda: instructions(
            [python(), str(ROOT / "benchmarks" / "bare_app.py")], pty=True
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="scenarios (default: all)")
    parser.add_argument("--files", type=int, default=200, help="files for list and parse")
    args = parser.parse_args()
    compile_bytecode()  # as benchmarks/run.py does: the package's bytecode, as pip writes it
    with tempfile.TemporaryDirectory() as tmp:
        known = scenarios(Path(tmp), args.files)
        for name in args.names or list(known):
            count = known[name]()
            print(f"{name:<10} {count / 1e9:8.3f} G Instruktionen", flush=True)


if __name__ == "__main__":
    main()
