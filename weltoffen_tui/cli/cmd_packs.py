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


def _origin(origin: str, directory: Path, full: bool) -> str:
    """Where a pack comes from, short: „mitgeliefert“, „Datenordner: pakete/mini“,
    „WELTOFFEN_PACKS: mini“, „--pack: mini-check“; with ``full`` the whole folder."""
    from weltoffen_tui.core.pack import registry
    from weltoffen_tui.core.textsafe import visible

    if full:
        return f"{origin}: {_where(directory)}"
    if origin == registry.ORIGIN_SHIPPED:
        return origin
    if origin == registry.ORIGIN_DATA:
        return f"{origin}: {registry.DATA_SUBDIR}/{visible(directory.name)}"
    return f"{origin}: {visible(directory.name)}"


def _root(origin: str, root: Path, full: bool) -> str:
    """A searched folder, short: „Datenordner (pakete/)“, „mitgeliefert“ …"""
    from weltoffen_tui.core.pack import registry

    if full:
        return f"{_where(root)} ({origin})"
    if origin == registry.ORIGIN_DATA:
        return f"{origin} ({registry.DATA_SUBDIR}/)"
    return origin


def listing_lines(full: bool = False) -> list[str]:
    """The installed packs as lines of text: id, version, title, where, what wins.

    Where a pack comes from is said in words (and the folder's name); ``full`` adds
    the whole path (``weltoffen packs --pfade``).
    """
    from weltoffen_tui.core.pack import registry
    from weltoffen_tui.core.textsafe import visible

    found = registry.installed()
    rows: list[tuple[str, str, str, str, str, str]] = []
    for pack_id in found.ids():
        chosen = found.chosen[pack_id]
        for entry in [e for e in found.entries if e.id == pack_id]:
            used = entry is chosen
            tail = ""
            if used:
                others = found.superseded_by(entry)
                replaced = [
                    f"mitgeliefertes Paket {visible(o.version)}"
                    if o.shipped
                    else f"Paket {visible(o.version)} ({o.origin})"
                    for o in others
                ]
                if replaced:
                    tail = f" – ersetzt {', '.join(replaced)}"
            elif registry.version_key(chosen.version) == registry.version_key(entry.version):
                tail = f" – nicht verwendet: dieselbe Version aus {chosen.origin} hat Vorrang"
            else:
                tail = f" – nicht verwendet: Version {visible(chosen.version)} hat Vorrang"
            rows.append(
                (
                    "*" if used else " ",
                    entry.id,
                    visible(entry.version),
                    visible(entry.title),
                    _origin(entry.origin, entry.directory, full),
                    tail,
                )
            )
    widths = [max((len(row[i]) for row in rows), default=0) for i in (1, 2, 3)]
    lines = [
        f"{mark} {pack_id:<{widths[0]}}  {version:<{widths[1]}}  {title:<{widths[2]}}  "
        f"({origin}){tail}"
        for mark, pack_id, version, title, origin, tail in rows
    ]
    for bad in found.unreadable:
        lines.append(f"! ({_origin(bad.origin, bad.directory, full)}): {bad.reason} – übergangen")
    return lines


def run(args: argparse.Namespace) -> int:
    """List every pack found and which one is used per id."""
    from weltoffen_tui.core.pack import registry
    from weltoffen_tui.core.textsafe import visible

    full = bool(getattr(args, "pfade", False))
    lines = listing_lines(full)
    out = sys.stdout
    if not lines:
        out.write("Keine Fragebogen-Pakete gefunden.\n")
    else:
        out.write("Fragebogen-Pakete (* = wird verwendet):\n")
        out.write("".join(line + "\n" for line in lines))
    named = [_root(origin, root, full) for root, origin in registry.roots()]
    counts = {name: named.count(name) for name in named}  # two WELTOFFEN_PACKS folders: once
    searched = "; ".join(
        name if counts[name] == 1 else f"{name} ({counts[name]} Ordner)" for name in counts
    )
    out.write(visible(f"Gesucht in: {searched}") + "\n")
    out.write(
        "Weitere Ordner: Umgebungsvariable WELTOFFEN_PACKS oder der Ordner pakete im Datenordner.\n"
    )
    if not full:
        out.write("Die vollständigen Ordner zeigt: weltoffen packs --pfade\n")
    return EXIT_OK
