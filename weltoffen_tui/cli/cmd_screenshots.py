"""``weltoffen screenshots`` and the extras of ``weltoffen demo``: tour, fixed date, workshop.

``screenshots`` plays a scenario without a screen (Textual's ``run_test``) on fresh
copies of the samples and writes one SVG per step, and a PNG beside it when a
converter (``rsvg-convert``) is installed. Nothing is ever downloaded.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from weltoffen_tui.cli.exitcodes import EXIT_OK
from weltoffen_tui.core.errors import Problem, UserError

if TYPE_CHECKING:
    from weltoffen_tui.core.tour import Scenario


# --------------------------------------------------------------------------- demo extras


def fix_demo_day(text: str | None) -> None:
    """``--datum TT.MM.JJJJ``: every "today" of this run is that day (via WELTOFFEN_HEUTE)."""
    from weltoffen_tui.core.timestamps import FIXED_DAY_VARIABLE, fixed_day, parse_day

    if text is None:
        if os.environ.get(FIXED_DAY_VARIABLE, "").strip() and fixed_day() is None:
            raise UserError(
                [
                    Problem(
                        Path(FIXED_DAY_VARIABLE),
                        "Die Umgebungsvariable WELTOFFEN_HEUTE enthält kein Datum",
                        "Schreiben Sie es als JJJJ-MM-TT oder TT.MM.JJJJ, z. B. "
                        "WELTOFFEN_HEUTE=2026-03-12, oder entfernen Sie die Variable.",
                    )
                ]
            )
        return
    day = parse_day(text)
    if day is None:
        raise UserError(
            [
                Problem(
                    Path("--datum"),
                    "Das Datum ist nicht lesbar",
                    "Schreiben Sie es als TT.MM.JJJJ, z. B. --datum 12.03.2026.",
                )
            ]
        )
    os.environ[FIXED_DAY_VARIABLE] = day.isoformat()


def prepare_demo(args: argparse.Namespace) -> None:
    """Check ``--datum`` and the ``--tour`` scenario on the command line (exit code 2)."""
    fix_demo_day(getattr(args, "datum", None))
    load_tour(getattr(args, "tour", None))


def fix_tour_day() -> None:
    """A tour plays on the sample's day unless a day is given, so it runs the same always."""
    from weltoffen_tui.core.timestamps import FIXED_DAY_VARIABLE
    from weltoffen_tui.core.tour import TOUR_DAY

    os.environ.setdefault(FIXED_DAY_VARIABLE, TOUR_DAY)


def load_tour(given: str | None) -> Scenario | None:
    """The scenario of ``--tour`` (empty: the shipped one), checked before the app starts."""
    if given is None:
        return None
    from weltoffen_tui.core.tour import load_scenario, shipped_scenario

    fix_tour_day()
    return load_scenario(Path(given).expanduser() if given else shipped_scenario())


def demo_extras(args: argparse.Namespace, directory: Path, samples: list[Path]) -> Scenario | None:
    """Add the half-finished workshop to a demo folder; the tour to play, if any.

    The workshop file joins ``samples`` so it does not count as the user's own work
    when the demo folder is tidied.
    """
    tour = load_tour(getattr(args, "tour", None))
    made = add_half_finished_workshop(directory)
    if made is not None:
        samples.append(made)
    return tour


def add_half_finished_workshop(directory: Path) -> Path | None:
    """Merge the three perspective samples into a consensus with about half agreed.

    Made fresh from the samples each time (so it matches the questions of the day);
    skipped when the folder already has a consensus file or lacks the perspectives.
    Returns the file written, or None.
    """
    from weltoffen_tui.core.storage.opening import pack_for
    from weltoffen_tui.core.storage.store import (
        load_assessment,
        new_assessment_path,
        save_assessment,
    )
    from weltoffen_tui.core.tour import half_agreed
    from weltoffen_tui.core.workshop.compare import compare
    from weltoffen_tui.core.workshop.consensus import merge, workshop_suggestion

    if any("gemeinsam" in p.name for p in directory.glob("*.toml")):
        return None
    perspectives = sorted(
        p
        for p in directory.glob("musterstadt-*.toml")
        if p.stem.removeprefix("musterstadt-")[:1].isalpha()
    )
    if len(perspectives) < 2:
        return None
    try:
        loaded = [(path, load_assessment(path)) for path in perspectives]
        pack = pack_for(loaded[0][1], loaded[0][0])
        comparison = compare(pack, [(path.name, a) for path, a in loaded])
        suggestions = {
            (r.field.id, r.question.id): workshop_suggestion(r.values) for r in comparison.questions
        }
        agreed: dict[tuple[str, str], tuple[int | str | None, str]] = {}
        for key in half_agreed([(f, q, v is not None) for (f, q), v in suggestions.items()]):
            agreed[key] = (suggestions[key], "")
        consensus = merge(pack, loaded, agreed, base=directory)
        target = new_assessment_path(
            directory, f"{consensus.municipality} gemeinsam", consensus.session_date
        )
        save_assessment(consensus, target)
    except (UserError, OSError):
        return None  # the demo works without it
    return target


# --------------------------------------------------------------------------- screenshots


def run(args: argparse.Namespace) -> int:
    from weltoffen_tui.core.tour import load_scenario, parse_size, shipped_scenario

    size = parse_size(args.groesse)
    if size is None:
        raise UserError(
            [
                Problem(
                    Path("--groesse"),
                    f"Die Größe „{args.groesse}“ ist nicht lesbar",
                    "Schreiben Sie Spalten x Zeilen, z. B. 100x30 oder 80x24.",
                )
            ]
        )
    scenario = load_scenario(
        Path(args.scenario).expanduser() if args.scenario else shipped_scenario()
    )
    target = Path(args.output).expanduser()
    if target.exists() and not target.is_dir():
        raise UserError(
            [Problem(target, "Das Ziel ist kein Ordner", "Geben Sie mit -o einen Ordner an.")]
        )
    fix_demo_day(None)
    fix_tour_day()
    written = take_screenshots(scenario, target, size, theme=getattr(args, "theme", None))
    png = shutil.which("rsvg-convert")
    if png is None:
        print(
            "Hinweis: kein Umwandler für PNG gefunden (rsvg-convert); es wurden nur "
            "SVG-Dateien geschrieben.",
            file=sys.stderr,
        )
    else:
        import subprocess

        for svg in written:
            subprocess.run(
                [png, "-o", str(svg.with_suffix(".png")), str(svg)], check=False, timeout=60
            )
    print(f"{len(written)} Bildschirmfotos geschrieben (je Schritt eins).")
    return EXIT_OK


def take_screenshots(
    scenario: Scenario, target: Path, size: tuple[int, int], *, theme: str | None = None
) -> list[Path]:
    """Play ``scenario`` headless on fresh sample copies; one SVG per step in ``target``."""
    import asyncio

    from weltoffen_tui.core.tour import screenshot_names
    from weltoffen_tui.paths import sample_path
    from weltoffen_tui.tui.app import WeltoffenApp

    target.mkdir(parents=True, exist_ok=True)
    names = screenshot_names(len(scenario.steps))
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="weltoffen-screenshots-") as folder:
        directory = Path(folder)
        for sample in sorted(sample_path().parent.glob("*.toml")):
            shutil.copyfile(sample, directory / sample.name)
        add_half_finished_workshop(directory)
        app = WeltoffenApp(data_dir=directory, open_file=directory / sample_path().name, demo=True)
        app.start_theme = theme

        async def play() -> None:
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                for step, name in zip(scenario.steps, names, strict=True):
                    app.show_caption(step.text)
                    if step.keys:
                        await pilot.press(*step.keys)
                    await pilot.pause()
                    app.show_caption(step.text)
                    await pilot.pause()
                    app.save_screenshot(filename=name, path=str(target))
                    written.append(target / name)

        asyncio.run(play())
    return written
