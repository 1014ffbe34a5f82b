"""Arbeitshilfen: working materials a municipality fills in (templates shipped in a pack).

A pack may hold a folder ``arbeitshilfen/`` with one Markdown file per template, each
starting with a TOML front matter between ``+++`` lines like an article (id, title,
summary, fields, pillar, tags). Articles link to them with ``materials = [...]``.

Why a module of its own and not part of ``Pack``: the templates are only needed when
someone looks at or exports one, so a pack read from the cache does not carry them,
and the pack models stay as they are. ``weltoffen validate`` checks them through
:func:`check_materials` (called once from ``core/pack/check.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from weltoffen_tui.core.errors import PackError, Problem
from weltoffen_tui.core.frontmatter import (
    DocumentMeta,
    FrontMatterFile,
    PackDocument,
    Wording,
    check_fields_and_pillar,
    read_front_matter_file,
)

FOLDER = "arbeitshilfen"


class MaterialMeta(DocumentMeta):
    """The TOML front matter of an Arbeitshilfe (the same keys as an article's, no links)."""


@dataclass(frozen=True)
class Material(PackDocument):
    """One template: its front matter and Markdown body."""

    meta: MaterialMeta


_File = FrontMatterFile[MaterialMeta]
WORDING = Wording(
    unreadable=("Arbeitshilfe nicht lesbar", "Speichern Sie die Datei als UTF-8."),
    no_front_matter=(
        "Vorspann (Front Matter) der Arbeitshilfe fehlt oder ist nicht geschlossen",
        "Beginnen Sie die Datei mit einer Zeile +++, dann id, title, summary, "
        "fields, pillar, tags, dann wieder +++.",
    ),
    empty=("Arbeitshilfe hat keinen Text", "Schreiben Sie die Vorlage."),
)


def _material(entry: _File) -> Material | None:
    """The template of a file read without problems in its front matter and body."""
    if entry.meta is None or not entry.body.strip():
        return None
    return Material(meta=entry.meta, body=entry.body.strip() + "\n", path=entry.path)


def _read(path: Path, problems: list[Problem]) -> _File:
    """Read one template; every problem found is added."""
    return read_front_matter_file(path, MaterialMeta, WORDING, problems)


def _files(directory: Path, problems: list[Problem]) -> list[_File]:
    """Every template of a pack folder (none if it has no ``arbeitshilfen`` folder)."""
    return [_read(p, problems) for p in sorted((Path(directory) / FOLDER).glob("*.md"))]


def check_materials(
    directory: Path,
    links: Iterable[tuple[Path, dict[str, Any] | None, int | None]],
    field_ids: set[str],
    pillar_ids: set[str],
    problems: list[Problem],
) -> set[str]:
    """Check a pack's templates and the articles' links to them; add every problem found.

    ``links`` holds per article its file, its raw front matter (None if unreadable) and
    the line of its ``materials`` key. A template with a broken front matter still
    exists: a link to it is not reported as dead. Returns the ids of every template
    (for the links from recommendations, checked in ``core/pack/check.py``).
    """
    files = _files(directory, problems)
    seen: set[str] = set()
    for entry in files:
        if entry.id in seen:
            problems.append(
                Problem(
                    entry.path,
                    f"Arbeitshilfe „{entry.id}“ ist doppelt",
                    "Jede Arbeitshilfe braucht eine eigene id.",
                    entry.line(("id",)),
                    "id",
                )
            )
        seen.add(entry.id)
        check_fields_and_pillar(entry, field_ids, pillar_ids, problems)
    for path, data, line in links:
        wanted = data.get("materials") if data else None
        if not isinstance(wanted, list):
            continue  # missing, or of the wrong type (the article's schema check says so)
        for material_id in wanted:
            if isinstance(material_id, str) and material_id not in seen:
                problems.append(
                    Problem(
                        path,
                        f"Artikel verweist auf eine Arbeitshilfe, die es nicht gibt: "
                        f"„{material_id}“",
                        f"Legen Sie {FOLDER}/{material_id}.md an oder korrigieren Sie die id "
                        "unter materials.",
                        line,
                        "materials",
                    )
                )
    return seen


_CACHE: dict[Path, tuple[Material, ...]] = {}


def load_materials(directory: Path) -> tuple[Material, ...]:
    """The templates of a pack folder in file-name order; PackError if one is broken.

    Kept per folder for the process (packs do not change while the program runs).
    """
    directory = Path(directory).resolve()
    if directory in _CACHE:
        return _CACHE[directory]
    problems: list[Problem] = []
    files = _files(directory, problems)
    if problems:
        raise PackError(problems)
    materials = tuple(m for m in map(_material, files) if m is not None)
    _CACHE[directory] = materials
    return materials


def find_material(materials: Iterable[Material], material_id: str) -> Material | None:
    """The template with this id, or None."""
    return next((m for m in materials if m.id == material_id), None)


def linked_materials(materials: Iterable[Material], wanted: Iterable[str]) -> list[Material]:
    """The templates an article links to, in the order it names them (unknown ids left out)."""
    by_id = {m.id: m for m in materials}
    return [by_id[material_id] for material_id in wanted if material_id in by_id]


def unknown_material(material_id: str, materials: Iterable[Material]) -> PackError:
    """The error for an id that names no template: what exists, what to do."""
    known = ", ".join(m.id for m in materials) or "keine"
    return PackError(
        [
            Problem(
                Path(material_id),
                "Diese Arbeitshilfe gibt es nicht",
                f"Vorhanden sind: {known}. Die Liste zeigt: weltoffen materials",
            )
        ]
    )


def material_titles(directory: Path, ids: Iterable[str]) -> dict[str, str]:
    """Id → title of the named templates, read from their front matter alone.

    A report names the templates of its recommendations; loading them all
    (``load_materials``: every file, the schema check) cost a tenth of ``weltoffen
    report``. The title is all that is needed here. A template that cannot be read, or
    has no title, keeps its id (``weltoffen validate`` reports why).
    """
    from weltoffen_tui.core import tomlparse
    from weltoffen_tui.core.frontmatter import split_front_matter

    titles: dict[str, str] = {}
    for material_id in dict.fromkeys(ids):
        title: object = None
        try:
            text = (Path(directory) / FOLDER / f"{material_id}.md").read_text(encoding="utf-8")
            parts = split_front_matter(text)
            if parts is not None:
                title = tomlparse.loads(parts[0]).get("title")
        except (OSError, UnicodeDecodeError, tomlparse.TOMLDecodeError):
            title = None
        titles[material_id] = title if isinstance(title, str) and title else material_id
    return titles
