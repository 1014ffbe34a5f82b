"""``weltoffen migrate FILE [-o NEUE_DATEI]``: an assessment on the installed pack version."""

from __future__ import annotations

import argparse
from pathlib import Path

from weltoffen_tui.cli.exitcodes import EXIT_OK
from weltoffen_tui.core.storage.opening import migrate_file


def run(args: argparse.Namespace) -> int:
    from weltoffen_tui.core.textsafe import visible

    output = Path(args.output) if getattr(args, "output", None) else None
    target, lines = migrate_file(Path(args.file), output)
    for line in lines:
        print(visible(line))
    print(visible(f"Neue Datei: {target} (die alte Datei bleibt unverändert)."))
    return EXIT_OK
