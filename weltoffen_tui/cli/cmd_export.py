"""``weltoffen export DATEI --anonym -o ZIEL``: the answers without anything personal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from weltoffen_tui.cli import output
from weltoffen_tui.cli.exitcodes import EXIT_OK
from weltoffen_tui.core.errors import Problem, UserError


def run(args: argparse.Namespace) -> int:
    from weltoffen_tui.core.anonymize import anonymize
    from weltoffen_tui.core.storage.opening import open_assessment

    path = Path(args.file).expanduser()
    if not args.anonym:
        raise UserError(
            [
                Problem(
                    path,
                    "Export ohne --anonym gibt es nicht",
                    "Für eine anonymisierte Datei: weltoffen export DATEI --anonym -o ZIEL.toml; "
                    "für Berichte: weltoffen report DATEI -o ZIEL.",
                )
            ]
        )
    assessment, pack = open_assessment(path)
    text = anonymize(assessment, pack)
    target = output.target_of(args.output)
    if target is None:
        sys.stdout.write(text)
        return EXIT_OK
    if target.suffix.lower() not in (".toml", ""):
        raise UserError(
            [
                Problem(
                    target,
                    f"Eine {target.suffix}-Datei gibt es für die anonymisierte Einschätzung nicht",
                    "Nehmen Sie als Ziel eine Datei auf .toml (z. B. kommune-anonym.toml).",
                )
            ]
        )
    output.refuse_inputs(target, [path], [pack.directory])
    from weltoffen_tui.core.storage.exports import write_document
    from weltoffen_tui.core.textsafe import visible

    written = write_document(target, text)
    print(visible(f"Geschrieben: {written}"))
    return EXIT_OK
