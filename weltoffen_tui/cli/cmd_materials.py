"""``weltoffen materials``: list the Arbeitshilfen, or write one as Markdown, HTML or DOCX."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from weltoffen_tui.cli import output
from weltoffen_tui.cli.exitcodes import EXIT_OK

if TYPE_CHECKING:
    from rich.console import RenderableType

    from weltoffen_tui.core.materials import Material


def _listing(materials: tuple[Material, ...], flowing: bool) -> RenderableType:
    """Id, title and summary of every template; redirected, one tab-separated line each."""
    from rich.table import Table
    from rich.text import Text

    from weltoffen_tui.core.textsafe import visible

    if flowing:
        lines = [
            "\t".join(visible(part) for part in (m.id, m.title, m.meta.summary.strip()))
            for m in materials
        ]
        return Text("\n".join(lines))
    table = Table(title="Arbeitshilfen", title_justify="left", show_lines=True, expand=True)
    table.add_column("ID", no_wrap=True, style="bold")
    table.add_column("Titel und Zweck", ratio=1)
    for material in materials:
        about = Text(visible(material.title), style="bold")
        about.append("\n" + visible(material.meta.summary.strip()))
        table.add_row(Text(visible(material.id)), about)
    note = Text(
        "\nEine Vorlage schreiben: weltoffen materials ID -o datei.docx "
        "(oder .md, .html; --format markdown|html|docx)",
        style="dim",
    )
    from rich.console import Group

    return Group(table, note)


def run(args: argparse.Namespace) -> int:
    from weltoffen_tui.core.materials import find_material, load_materials, unknown_material
    from weltoffen_tui.core.pack.load import load_pack
    from weltoffen_tui.render import material as document

    pack = load_pack()
    materials = load_materials(pack.directory)
    if args.id is None:
        if args.format is not None or args.output is not None:
            from pathlib import Path

            from weltoffen_tui.core.errors import Problem, UserError

            ids = ", ".join(m.id for m in materials)
            raise UserError(
                [
                    Problem(
                        Path("materials"),
                        "Es fehlt, welche Arbeitshilfe geschrieben werden soll",
                        f"Nennen Sie ihre ID vor --format/-o, z. B. weltoffen materials "
                        f"{materials[0].id if materials else 'ID'} -o datei.docx. "
                        f"Vorhanden: {ids}.",
                    )
                ]
            )
        output.show(lambda flowing: _listing(materials, flowing))
        return EXIT_OK
    chosen = find_material(materials, args.id)
    if chosen is None:
        raise unknown_material(args.id, materials)
    output.emit(
        document.DOCUMENT,
        args.format,
        args.output,
        lambda f: document.render(f, chosen),
        folders=[pack.directory],
    )
    return EXIT_OK
