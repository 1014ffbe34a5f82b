"""Comparing 1,000 assessments against merely parsing their files.

Run: ``.venv/bin/python benchmarks/compare_1000.py [--files N] [--runs N]``

Writes N assessment files of the shipped pack (varied answers, notes and respondents)
into a temporary folder, then measures alternately, in the same process:

- baseline: read every file and parse it with ``tomllib`` (the floor of any reader);
- ours: ``store.load_assessment`` for every file, then one ``compare()`` over all.

The program parses with tomli's compiled build (``core/tomlparse.py``), faster than
tomllib; the baseline stays tomllib, and a third line shows the program's own parser
alone, so what loading adds beyond parsing stays visible.

Prints the medians and their ratio (target ≤ 2), and the split between loading and
comparing so a regression points at the right module.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._measure import line, median

ROLES = (
    "Oberbürgermeisterin",
    "Integrationsbeauftragte",
    "Personalamt",
    "Wirtschaftsförderung",
    "Vorsitz Integrationsbeirat",
    "Jugendamt",
)
VALUES: tuple[int | str, ...] = (1, 2, 3, 4, 1, 2, 3, 4, "weiss_nicht", "trifft_nicht_zu")


def write_files(directory: Path, count: int, seed: int = 7) -> list[Path]:
    """``count`` realistic assessment files: mostly answered, some notes, a few open."""
    from weltoffen_tui.core.assessment import Assessment, Respondent
    from weltoffen_tui.core.pack.load import load_pack
    from weltoffen_tui.core.storage.store import dumps_assessment

    pack = load_pack()
    rng = random.Random(seed)
    questions = list(pack.iter_questions())
    paths = []
    for number in range(count):
        assessment = Assessment.new(
            municipality="Messstadt",
            kind="Stadt",
            questionnaire=pack.id,
            questionnaire_version=pack.version,
            consultant="Moderation",
            respondents=[
                Respondent(name=f"Person {number}-{k}", role=rng.choice(ROLES))
                for k in range(rng.randint(1, 4))
            ],
        )
        for action_field, question in questions:
            if rng.random() < 0.08:
                continue
            note = (
                f"Nachweis {number}: Beschluss {rng.randint(1, 999)}" if rng.random() < 0.3 else ""
            )
            assessment.set_answer(action_field.id, question.id, rng.choice(VALUES), note=note)
        path = directory / f"einschaetzung-{number:04d}.toml"
        path.write_text(dumps_assessment(assessment), encoding="utf-8")
        paths.append(path)
    return paths


def parse_only(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        tomllib.loads(path.read_bytes().decode("utf-8"))
    return time.perf_counter() - start


def parse_ours(paths: list[Path]) -> float:
    """Parsing alone with the program's own parser (``core/tomlparse.py``, compiled)."""
    from weltoffen_tui.core import tomlparse

    start = time.perf_counter()
    for path in paths:
        tomlparse.loads(path.read_bytes().decode("utf-8"))
    return time.perf_counter() - start


def load_and_compare(paths: list[Path]) -> tuple[float, float]:
    """(total, comparing only) seconds."""
    from weltoffen_tui.core.pack.load import load_pack
    from weltoffen_tui.core.storage.store import load_assessment
    from weltoffen_tui.core.workshop.compare import compare

    pack = load_pack()
    start = time.perf_counter()
    items = [(path.name, load_assessment(path)) for path in paths]
    loaded = time.perf_counter()
    comparison = compare(pack, items)
    end = time.perf_counter()
    assert len(comparison.perspectives) == len(paths)
    return end - start, end - loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000, help="number of assessment files")
    parser.add_argument("--runs", type=int, default=5, help="repetitions (median)")
    args = parser.parse_args()
    # Warm imports and the pack cache so only the per-file work is timed.
    from weltoffen_tui.core.pack.load import load_pack
    from weltoffen_tui.core.workshop.compare import compare  # noqa: F401

    load_pack()
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_files(Path(tmp), args.files)
        base: list[float] = []
        ours: list[float] = []
        comparing: list[float] = []
        own_parser: list[float] = []
        for _ in range(args.runs):
            base.append(parse_only(paths))
            own_parser.append(parse_ours(paths))
            total, only_compare = load_and_compare(paths)
            ours.append(total)
            comparing.append(only_compare)
    print(
        line(
            f"{args.files} Einschätzungen laden + compare (vs. tomllib)",
            median(ours) * 1000,
            median(base) * 1000,
            "ms",
            "≤ 1.3",
        )
    )
    print(
        f"  davon compare(): {median(comparing) * 1000:.1f} ms, "
        f"Laden (load_assessment): {(median(ours) - median(comparing)) * 1000:.1f} ms"
    )
    # The baseline stays tomllib; this line shows what loading adds to our own parser.
    loading = median(ours) - median(comparing)
    print(
        f"  davon Parsen mit dem eigenen Parser (tomli, kompiliert): "
        f"{median(own_parser) * 1000:.1f} ms; Laden ohne Parsen: "
        f"{(loading - median(own_parser)) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
