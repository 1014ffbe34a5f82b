"""``weltoffen benchmark`` of one file against 10,000 vs. merely parsing the 10,000 files.

Run: ``.venv/bin/python benchmarks/benchmark_10000.py [--files N] [--runs N]``
(``benchmarks/run.py`` runs it as figure 7).

Writes N assessment files of the shipped pack into a temporary folder – the sample
file with every answer value drawn at random, a few perspectives with other kinds
and a tenth in anonymised form – then measures alternately, each as its own process:

- baseline: ``tomllib`` parsing every file in one process (the floor of any reader);
- first run: ``weltoffen benchmark SAMPLE --against FOLDER`` without an index (target ≤ 1.2);
- warm run: the same with the index the first run left (target ≤ 0.3).
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._measure import ROOT, line, median, python

SAMPLE = ROOT / "questionnaires" / "weltoffene-kommune" / "samples" / "musterstadt.toml"
VALUES = ("1", "2", "3", "4", "1", "2", "3", "4", '"weiss_nicht"', '"trifft_nicht_zu"')
KINDS = ("Stadt", "Gemeinde", "Landkreis")
PARSE_ALL = (
    "import sys, tomllib, pathlib\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.toml')):\n"
    "    tomllib.loads(p.read_text('utf-8'))\n"
)
VALUE_LINE = re.compile(r"^value = .*$", re.MULTILINE)


def anonymized_text(rng: random.Random, template: str) -> str:
    """An anonymised export with random answers (the format of ``core/anonymize``)."""
    lines = ["anonymized = true", 'questionnaire = "weltoffene-kommune"', 'kind = "Gemeinde"']
    field = None
    for match in re.finditer(r"^\[answers\.([a-z-]+)\.([a-z0-9-]+)\]$", template, re.MULTILINE):
        if match.group(1) != field:
            field = match.group(1)
            lines.append(f"[answers.{field}]")
        lines.append(f"{match.group(2)} = {{ value = {rng.choice(VALUES)} }}")
    return "\n".join(lines) + "\n"


def write_files(directory: Path, count: int, seed: int = 13) -> None:
    rng = random.Random(seed)
    template = SAMPLE.read_text(encoding="utf-8")
    for number in range(count):
        if number % 10 == 9:
            text = anonymized_text(rng, template)
        else:
            text = template.replace('"Musterstadt"', f'"Ort {number:05d}"', 1)
            text = text.replace('kind = "Stadt"', f'kind = "{rng.choice(KINDS)}"', 1)
            text = VALUE_LINE.sub(lambda _: f"value = {rng.choice(VALUES)}", text)
        (directory / f"ort-{number:05d}.toml").write_text(text, encoding="utf-8")


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def weltoffen_command() -> list[str]:
    script = Path(python()).with_name("weltoffen")
    return [str(script)] if script.exists() else [python(), "-m", "weltoffen_tui"]


def benchmark_figure(count: int, runs: int) -> tuple[float, float, float]:
    """(first run, warm run, tomllib parse) median seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "kommunen"
        directory.mkdir()
        write_files(directory, count)
        command = [
            *weltoffen_command(),
            "benchmark",
            str(SAMPLE),
            "--against",
            str(directory),
            "--format",
            "json",
        ]
        timed(command)  # warm the pack cache and the page cache, as any later run finds them
        firsts, warms, parses = [], [], []
        parse = [python(), "-c", PARSE_ALL, str(directory)]
        for _ in range(runs):  # the baseline before and after: fairer on a noisy machine
            parses.append(timed(parse))
            (directory / ".weltoffen-index.json").unlink(missing_ok=True)
            firsts.append(timed(command))
            warms.append(timed(command))
            parses.append(timed(parse))
    return median(firsts), median(warms), median(parses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=10_000, help="number of files")
    parser.add_argument("--runs", type=int, default=3, help="repetitions (median)")
    args = parser.parse_args()
    first, warm, parse = benchmark_figure(args.files, args.runs)
    print(
        line(
            f"7 weltoffen benchmark ({args.files} Dateien, erster Lauf)", first, parse, "s", "≤ 1.2"
        )
    )
    print(
        line(f"7 weltoffen benchmark ({args.files} Dateien, mit Index)", warm, parse, "s", "≤ 0.3")
    )


if __name__ == "__main__":
    main()
