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

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from weltoffen_tui.core.diagnostics import line_of, toml_syntax_problem, validation_problems
from weltoffen_tui.core.errors import PackError, Problem
from weltoffen_tui.core.frontmatter import split_front_matter

FOLDER = "arbeitshilfen"
SLUG = r"^[a-z0-9][a-z0-9\-]*$"


class MaterialMeta(BaseModel):
    """The TOML front matter of an Arbeitshilfe (mirrors an article's)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    fields: tuple[str, ...] = ()
    pillar: str = "selbstcheck"
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Material:
    """One template: its front matter and Markdown body."""

    meta: MaterialMeta
    body: str
    path: Path

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title


def _shift(problem: Problem, offset: int) -> Problem:
    """A problem found in the front matter, with the line counted in the whole file."""
    line = None if problem.line is None else problem.line + offset - 1
    return Problem(problem.file, problem.message, problem.hint, line, problem.path)


@dataclass
class _File:
    """One template file as read: raw front matter for the cross-checks, the model if valid."""

    path: Path
    front: str = ""
    offset: int = 1
    data: dict[str, Any] | None = None
    material: Material | None = None

    @property
    def id(self) -> str:
        written = self.data.get("id") if self.data else None
        return written if isinstance(written, str) else self.path.stem

    def line(self, key: str) -> int | None:
        line = line_of(self.front, (key,))
        return None if line is None else line + self.offset - 1


def _read(path: Path, problems: list[Problem]) -> _File:
    """Read one template; every problem found is added, the model only if all is well."""
    entry = _File(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        problems.append(
            Problem(path, "Arbeitshilfe nicht lesbar", "Speichern Sie die Datei als UTF-8.")
        )
        return entry
    parts = split_front_matter(text)
    if parts is None:
        problems.append(
            Problem(
                path,
                "Vorspann (Front Matter) der Arbeitshilfe fehlt oder ist nicht geschlossen",
                "Beginnen Sie die Datei mit einer Zeile +++, dann id, title, summary, "
                "fields, pillar, tags, dann wieder +++.",
                line=1,
            )
        )
        return entry
    front, body, entry.offset = parts
    entry.front = front
    if not body.strip():
        problems.append(Problem(path, "Arbeitshilfe hat keinen Text", "Schreiben Sie die Vorlage."))
    try:
        entry.data = tomllib.loads(front)
    except tomllib.TOMLDecodeError as exc:
        problem = toml_syntax_problem(path, exc, "Korrigieren Sie den Vorspann.", front)
        problems.append(_shift(problem, entry.offset))
        return entry
    written_id = entry.data.get("id")
    if isinstance(written_id, str) and written_id != path.stem:
        problems.append(
            Problem(
                path,
                f"id „{written_id}“ passt nicht zum Dateinamen",
                f"Nennen Sie die Datei {written_id}.md oder ändern Sie die id.",
                line=entry.line("id"),
                path="id",
            )
        )
    try:
        meta = MaterialMeta.model_validate(entry.data)
    except ValidationError as exc:
        problems.extend(
            _shift(problem, entry.offset) for problem in validation_problems(path, front, exc)
        )
        return entry
    if body.strip():
        entry.material = Material(meta=meta, body=body.strip() + "\n", path=path)
    return entry


def _files(directory: Path, problems: list[Problem]) -> list[_File]:
    """Every template of a pack folder (none if it has no ``arbeitshilfen`` folder)."""
    return [_read(p, problems) for p in sorted((Path(directory) / FOLDER).glob("*.md"))]


def check_materials(
    directory: Path,
    links: Iterable[tuple[Path, dict[str, Any] | None, int | None]],
    field_ids: set[str],
    pillar_ids: set[str],
    problems: list[Problem],
) -> None:
    """Check a pack's templates and the articles' links to them; add every problem found.

    ``links`` holds per article its file, its raw front matter (None if unreadable) and
    the line of its ``materials`` key. A template with a broken front matter still
    exists: a link to it is not reported as dead.
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
                    entry.line("id"),
                    "id",
                )
            )
        seen.add(entry.id)
        if entry.data is None:
            continue
        fields = entry.data.get("fields")
        if isinstance(fields, list):
            for field_id in fields:
                if isinstance(field_id, str) and field_ids and field_id not in field_ids:
                    problems.append(
                        Problem(
                            entry.path,
                            f"Handlungsfeld „{field_id}“ gibt es nicht",
                            f"Erlaubt sind: {', '.join(sorted(field_ids))}.",
                            entry.line("fields"),
                            "fields",
                        )
                    )
        pillar = entry.data.get("pillar", MaterialMeta.model_fields["pillar"].default)
        if pillar_ids and isinstance(pillar, str) and pillar not in pillar_ids:
            problems.append(
                Problem(
                    entry.path,
                    f"Säule „{pillar}“ gibt es nicht",
                    f"Erlaubt sind: {', '.join(sorted(pillar_ids))}.",
                    entry.line("pillar"),
                    "pillar",
                )
            )
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
    materials = tuple(entry.material for entry in files if entry.material is not None)
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
