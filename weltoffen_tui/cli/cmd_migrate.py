"""``weltoffen migrate FILE [-o NEUE_DATEI]``: an assessment on the installed pack version."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from weltoffen_tui.cli.exitcodes import EXIT_OK


def default_target(path: Path, version: str) -> Path:
    """A new file beside ``path`` with the version in its name, never an existing one."""
    stem = re.sub(r"-v[0-9][0-9a-z.]*$", "", path.stem)
    label = re.sub(r"[^0-9A-Za-z.]+", "-", version).strip("-") or "neu"
    candidate = path.with_name(f"{stem}-v{label}{path.suffix}")
    counter = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{stem}-v{label}-{counter}{path.suffix}")
        counter += 1
    return candidate


def write_migration(path: Path, target: Path | None = None) -> tuple[Path, list[str]]:
    """Migrate the file at ``path`` to its installed pack and write it as a new file.

    Returns the new file and the German summary; raises UserError (the old file is
    never changed, an existing file never overwritten).
    """
    from weltoffen_tui.core.errors import Problem, UserError
    from weltoffen_tui.core.migrate import migrate, summary_lines
    from weltoffen_tui.core.storage.opening import pack_for
    from weltoffen_tui.core.storage.store import parse_assessment, read_text, save_assessment

    text = read_text(path)
    assessment = parse_assessment(text, path)
    pack = pack_for(assessment, path, text)
    result = migrate(pack, assessment)
    if target is None:
        target = default_target(path, pack.version)
    else:
        target = target.expanduser()
        if target.is_dir():
            target = default_target(target / path.name, pack.version)
        if target.exists() or target.is_symlink():
            raise UserError(
                [Problem(target, "Diese Datei gibt es schon", "Wählen Sie einen neuen Dateinamen.")]
            )
    save_assessment(result.assessment, target)
    return target, summary_lines(result)


def run(args: argparse.Namespace) -> int:
    from weltoffen_tui.core.textsafe import visible

    output = Path(args.output) if getattr(args, "output", None) else None
    target, lines = write_migration(Path(args.file), output)
    for line in lines:
        print(visible(line))
    print(visible(f"Neue Datei: {target} (die alte Datei bleibt unverändert)."))
    return EXIT_OK
