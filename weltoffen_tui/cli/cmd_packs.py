"""``weltoffen packs`` and the ``--pack`` option every pack-reading command shares."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from weltoffen_tui.cli.exitcodes import EXIT_OK

if TYPE_CHECKING:
    import argparse


def pack_option(args: argparse.Namespace) -> Path | None:
    """The folder given with ``--pack`` (checked: a folder with pack.toml), or None.

    The one place the option is read; ``configure`` calls it once per command and
    registers the folder, so every command finds the pack through ``core/pack/registry``.
    """
    from weltoffen_tui.core.errors import Problem, UserError

    given = getattr(args, "pack", None)
    if not given:
        return None
    folder = Path(given).expanduser()
    if not folder.is_dir():
        raise UserError(
            [Problem(folder, "Paketordner nicht gefunden", "Geben Sie bei --pack einen Ordner an.")]
        )
    if not (folder / "pack.toml").is_file():
        raise UserError(
            [
                Problem(
                    folder,
                    "In diesem Ordner liegt kein Fragebogen-Paket (pack.toml fehlt)",
                    "Geben Sie bei --pack den Ordner an, in dem pack.toml liegt.",
                )
            ]
        )
    return folder.resolve()


def configure(args: argparse.Namespace) -> None:
    """Tell the pack registry about ``--data-dir`` (its pakete/ folder) and ``--pack``."""
    from weltoffen_tui.core.pack import registry
    from weltoffen_tui.paths import data_dir

    registry.configure(data_dir(getattr(args, "data_dir", None)), pack_option(args))


def add_pack_option(parser: argparse.ArgumentParser) -> None:
    """``--pack ORDNER`` on a parser (the shared parent parser has it already)."""
    import argparse

    parser.add_argument(
        "--pack",
        metavar="PAKETORDNER",
        default=argparse.SUPPRESS,
        help="Fragebogen-Paket aus diesem Ordner verwenden (hat Vorrang vor installierten)",
    )


def _where(directory: Path) -> str:
    """A folder for the listing: shown, its control characters visible."""
    from weltoffen_tui.core.textsafe import visible

    return visible(str(directory))


def listing_lines() -> list[str]:
    """The installed packs as lines of text: id, version, title, where, what wins."""
    from weltoffen_tui.core.pack import registry
    from weltoffen_tui.core.textsafe import visible

    found = registry.installed()
    lines: list[str] = []
    for pack_id in found.ids():
        chosen = found.chosen[pack_id]
        for entry in [e for e in found.entries if e.id == pack_id]:
            used = entry is chosen
            mark = "*" if used else " "
            origin = entry.origin
            line = (
                f"{mark} {entry.id}  {entry.version}  {visible(entry.title)}  "
                f"({origin}: {_where(entry.directory)})"
            )
            if used:
                others = found.superseded_by(entry)
                replaced = [
                    ("mitgeliefertes Paket " if o.shipped else "Paket ") + o.version for o in others
                ]
                if replaced:
                    line += f" – ersetzt {', '.join(replaced)}"
            else:
                line += f" – nicht verwendet: {chosen.version} hat Vorrang"
            lines.append(line)
    for bad in found.unreadable:
        lines.append(f"! {_where(bad.directory)}: {bad.reason} ({bad.origin}) – übergangen")
    return lines


def run(args: argparse.Namespace) -> int:
    """List every pack found and which one is used per id."""
    from weltoffen_tui.core.pack import registry
    from weltoffen_tui.core.textsafe import visible

    lines = listing_lines()
    out = sys.stdout
    if not lines:
        out.write("Keine Fragebogen-Pakete gefunden.\n")
    else:
        out.write("Fragebogen-Pakete (* = wird verwendet):\n")
        out.write("".join(line + "\n" for line in lines))
    searched = "; ".join(f"{_where(root)} ({origin})" for root, origin in registry.roots())
    out.write(visible(f"Gesucht in: {searched}") + "\n")
    out.write(
        "Weitere Ordner: Umgebungsvariable WELTOFFEN_PACKS oder der Ordner pakete im Datenordner.\n"
    )
    return EXIT_OK
