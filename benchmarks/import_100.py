"""Importing 100 filled questionnaire workbooks against merely reading them with openpyxl.

Run: ``.venv/bin/python benchmarks/import_100.py [--files N] [--runs N]``

Writes the xlsx questionnaire once, fills N copies as departments would (most answers
from the drop-down texts, some notes, each with its perspective on the cover sheet),
then measures alternately, in the same process:

- baseline: ``openpyxl.load_workbook(read_only=True, data_only=True)`` for every file
  and every cell value of every sheet (the floor of any reader);
- ours: what ``weltoffen import … --perspektiven ORDNER`` does for every file: read,
  check structure and values, build the assessment and write it as a new file.

Prints the medians and their ratio (target ≤ 1.5).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._measure import line, median

ROLES = ("Jugendamt", "Personalamt", "Ordnungsamt", "Schulverwaltung", "Sozialamt")


def write_files(directory: Path, count: int, seed: int = 11) -> list[Path]:
    """``count`` filled workbooks of the shipped pack."""
    import io

    import openpyxl

    from weltoffen_tui.core.importing import layout
    from weltoffen_tui.core.pack.load import load_pack
    from weltoffen_tui.render.workbook import workbook_bytes

    pack = load_pack()
    blank = workbook_bytes(pack)
    texts = [text for text, _ in layout.choices(pack)]
    rng = random.Random(seed)
    paths = []
    for number in range(count):
        book = openpyxl.load_workbook(io.BytesIO(blank))
        book[layout.COVER_SHEET][layout.PERSPECTIVE_CELL] = f"{rng.choice(ROLES)} {number}"
        for title, action_field in zip(layout.sheet_titles(pack), pack.fields, strict=True):
            sheet = book[title]
            for index in range(len(action_field.questions)):
                row = layout.FIRST_ROW + index
                if rng.random() < 0.1:
                    continue
                sheet.cell(row, layout.ANSWER_COLUMN, rng.choice(texts))
                if rng.random() < 0.3:
                    sheet.cell(row, layout.NOTE_COLUMN, f"Nachweis {number}-{index}")
        path = directory / f"fragebogen-{number:03d}.xlsx"
        book.save(path)
        paths.append(path)
    return paths


def read_only(paths: list[Path]) -> float:
    from openpyxl import load_workbook

    start = time.perf_counter()
    for path in paths:
        book = load_workbook(path, read_only=True, data_only=True)
        for sheet in book.worksheets:
            for _ in sheet.iter_rows(values_only=True):
                pass
        book.close()
    return time.perf_counter() - start


def import_all(paths: list[Path], folder: Path) -> float:
    from weltoffen_tui.cli.cmd_import import _answers_of, _find_pack
    from weltoffen_tui.core.importing.workbook import drop_not_applying, read_filled
    from weltoffen_tui.core.importing.writing import build, free_name, write_new
    from weltoffen_tui.core.importing.xlsx import read_workbook

    start = time.perf_counter()
    taken: set[Path] = set()
    for path in paths:
        filled = read_filled(read_workbook(path), _find_pack)
        pack = _find_pack(filled.pack_id)
        assert pack is not None
        drop_not_applying(filled, pack, ("Stadt", False))  # as import --art … does
        assessment = build(pack, "Messstadt", "Stadt", _answers_of(filled), filled.label, False)
        write_new(assessment, free_name(folder, "Messstadt", filled.label, taken))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=100, help="number of workbooks")
    parser.add_argument("--runs", type=int, default=5, help="repetitions (median)")
    args = parser.parse_args()
    # Warm imports and the pack cache so only the per-file work is timed.
    import openpyxl  # noqa: F401

    from weltoffen_tui.cli.cmd_import import _find_pack

    _find_pack("weltoffene-kommune")
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_files(Path(tmp), args.files)
        base: list[float] = []
        ours: list[float] = []
        for run in range(args.runs):
            base.append(read_only(paths))
            ours.append(import_all(paths, Path(tmp) / f"perspektiven-{run}"))
    print(
        line(
            f"{args.files} Fragebögen (xlsx) importieren vs. openpyxl lesen",
            median(ours) * 1000,
            median(base) * 1000,
            "ms",
            "≤ 1.5",
        )
    )


if __name__ == "__main__":
    main()
