"""Every figure of the project in one run, each as a ratio to a baseline from the same run.

Run: ``.venv/bin/python benchmarks/run.py`` (``--quick`` for fewer repetitions and files).

1. Start-up to the interactive start screen vs. a bare Textual app (target ≤ 1.2).
2. Autosave median in a fully answered assessment (target ≤ 10 ms).
3. ``weltoffen report`` of a fully answered assessment vs. ``benchmarks/floor_report.py``
   (rich + pydantic, two models, one validation, one table; target ≤ 1.25).
4. ``weltoffen list`` of 10,000 assessments vs. parsing them with tomllib in one
   process, first run (index built, target ≤ 1.1) and later runs (index used, ≤ 0.3).
5. Comparing 1,000 assessments vs. parsing them (target ≤ 1.3), if available.
6. Peak memory of the TUI at the summary screen vs. the bare Textual app.
7. Importing 100 filled questionnaire workbooks vs. reading them with openpyxl in one
   process (``benchmarks/import_100.py``, target ≤ 1.5).
8. Live workshop (benchmarks/serve_live.py): posted answer to saved answer with 30
   participants at once vs. one alone (median, p95; goal p95 ≤ 250 ms), p95 also at a
   reading pace (1–4 s before each answer), and the server's peak memory (≤ 2.5 GiB).
9. ``weltoffen benchmark`` of one file against 10,000 vs. parsing them with tomllib in
   one process, first run (target ≤ 1.2) and with the index warm (≤ 0.3);
   ``benchmarks/benchmark_10000.py``.
10. The PDF handout of the sample report vs. WeasyPrint rendering the same HTML (≤ 1.3).

The machines are noisy: the two sides of each figure run alternately and medians
are compared. No figure here is asserted in the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._measure import ROOT, interleaved, line, median, python
from benchmarks.benchmark_10000 import benchmark_figure
from benchmarks.startup_autosave import autosave, startup

SAMPLE = ROOT / "questionnaires" / "weltoffene-kommune" / "samples" / "musterstadt.toml"


def timed_run(argv: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    return time.perf_counter() - start


def weltoffen_command() -> list[str]:
    """The installed console script, as a user calls it (``python -m`` as a fallback)."""
    script = Path(python()).with_name("weltoffen")
    return [str(script)] if script.exists() else [python(), "-m", "weltoffen_tui"]


def report_figure(runs: int) -> tuple[float, float]:
    weltoffen = [*weltoffen_command(), "report", str(SAMPLE)]
    timed_run(weltoffen)  # warm the pack cache, as any later run finds it
    ours, floor = interleaved(
        runs,
        lambda: timed_run(weltoffen),
        lambda: timed_run([python(), str(ROOT / "benchmarks" / "floor_report.py")]),
    )
    return median(ours), median(floor)


def write_many(directory: Path, count: int) -> None:
    template = SAMPLE.read_text(encoding="utf-8")
    for number in range(count):
        text = template.replace('"Musterstadt"', f'"Ort {number:05d}"', 1)
        (directory / f"ort-{number:05d}.toml").write_text(text, encoding="utf-8")


PARSE_ALL = (
    "import sys, tomllib, pathlib\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.toml')):\n"
    "    tomllib.loads(p.read_text('utf-8'))\n"
)


def list_figure(count: int, runs: int) -> tuple[float, float, float]:
    """(first list, later list, tomllib parse) median seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        write_many(directory, count)
        command = [*weltoffen_command(), "--data-dir", str(directory), "list"]
        firsts, laters, parses = [], [], []
        for _ in range(runs):
            (directory / ".weltoffen-index.json").unlink(missing_ok=True)
            firsts.append(timed_run(command))
            laters.append(timed_run(command))
            parses.append(timed_run([python(), "-c", PARSE_ALL, str(directory)]))
    return median(firsts), median(laters), median(parses)


def peak_memory_kib(argv: list[str], env: dict[str, str]) -> int:
    """Peak resident memory (KiB) of a program run in a pseudo-terminal."""
    master, slave = os.openpty()
    process = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "TERM": "xterm-256color", **env},
        close_fds=True,
    )
    os.close(slave)
    while True:
        try:
            if not os.read(master, 65536):
                break
        except OSError:
            break
    _, _, usage = os.wait4(process.pid, 0)
    os.close(master)
    return usage.ru_maxrss


def memory_figure() -> tuple[int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / SAMPLE.name
        shutil.copyfile(SAMPLE, copy)
        env = {"WELTOFFEN_EXIT_WHEN_READY": "1", "WELTOFFEN_DATA_DIR": tmp}
        ours = peak_memory_kib([python(), "-m", "weltoffen_tui", "open", str(copy)], env)
    bare = peak_memory_kib([python(), str(ROOT / "benchmarks" / "bare_app.py")], {})
    return ours, bare


def compile_bytecode() -> None:
    """Write the package's bytecode first, as pip does when it installs a wheel.

    The libraries of both sides (Textual, Rich, pydantic) come with bytecode from their
    installation; an editable install of this package has none, and with
    PYTHONDONTWRITEBYTECODE set (as on these machines) Python would compile every
    module of ours on every run. ``scripts/app.sh`` does the same at set-up.
    """
    subprocess.run(
        [python(), "-m", "compileall", "-q", str(ROOT / "weltoffen_tui")],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs and files")
    args = parser.parse_args()
    runs = 3 if args.quick else 9
    files = 1000 if args.quick else 10_000
    compile_bytecode()
    print(
        f"weltoffen-tui Messungen ({'kurz' if args.quick else 'vollständig'}), "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} Kerne"
    )
    ours, bare = startup(runs)
    print(
        line(
            "1 Start bis Startseite vs. leere Textual-App", ours * 1000, bare * 1000, "ms", "≤ 1.2"
        )
    )
    save, raw = autosave(100 if args.quick else 300)
    print(line("2 Autosave-Median vs. write+fsync+rename", save, raw, "ms", "≤ 10 ms"))
    report, floor = report_figure(runs)
    print(
        line("3 weltoffen report vs. Minimal-Bericht", report * 1000, floor * 1000, "ms", "≤ 1.25")
    )
    first, later, parse = list_figure(files, 1 if files > 2000 else runs)
    print(line(f"4 weltoffen list ({files} Dateien, erster Lauf)", first, parse, "s", "≤ 1.1"))
    print(line(f"4 weltoffen list ({files} Dateien, mit Index)", later, parse, "s", "≤ 0.3"))
    compare_script = ROOT / "benchmarks" / "compare_1000.py"
    if compare_script.exists():
        runs_flag = ["--runs", "2"] if args.quick else []
        subprocess.run([python(), str(compare_script), *runs_flag], check=False)
    import_script = ROOT / "benchmarks" / "import_100.py"
    if import_script.exists():
        runs_flag = ["--runs", "2", "--files", "30"] if args.quick else []
        subprocess.run([python(), str(import_script), *runs_flag], check=False)
    pdf_script = ROOT / "benchmarks" / "pdf_report.py"
    if pdf_script.exists():
        pdf_runs = "3" if args.quick else "5"
        subprocess.run([python(), str(pdf_script), "--runs", pdf_runs], check=False)
    mem, bare_mem = memory_figure()
    print(
        line(
            "6 Speicher der Oberfläche (Auswertung) vs. leere App",
            mem / 1024,
            bare_mem / 1024,
            "MiB",
            "—",
        )
    )
    live = ["--participants", "10", "--questions", "3"] if args.quick else []
    subprocess.run([python(), str(ROOT / "benchmarks" / "serve_live.py"), *live], check=False)
    first, warm, parse = benchmark_figure(files, 1 if files > 2000 else runs)
    print(line(f"9 weltoffen benchmark ({files} Dateien, erster Lauf)", first, parse, "s", "≤ 1.2"))
    print(line(f"9 weltoffen benchmark ({files} Dateien, mit Index)", warm, parse, "s", "≤ 0.3"))


if __name__ == "__main__":
    main()
