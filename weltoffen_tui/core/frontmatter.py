"""The TOML front matter of a Markdown file between ``+++`` lines (articles, Arbeitshilfen).

One reader for both, so an article and a template written the same way are read the same
way, and a line number in a message means the same line in either.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from weltoffen_tui.core import tomlparse
from weltoffen_tui.core.errors import Problem

if TYPE_CHECKING:
    from collections.abc import Sequence

FRONT_MATTER = "+++"
# Ids of everything in a pack: lower case, digits and hyphens (also file names).
SLUG = r"^[a-z0-9][a-z0-9\-]*$"
M = TypeVar("M", bound=BaseModel)


class DocumentMeta(BaseModel):
    """The TOML front matter shared by knowledge articles and Arbeitshilfen.

    Strict and frozen like every pack model (``core/pack/models.py``); the schema is
    built on first validation only, so a pack read from the cache never needs it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1)
    fields: tuple[str, ...] = ()
    pillar: str = "selbstcheck"
    tags: tuple[str, ...] = ()
    summary: str = Field(min_length=1)


@dataclass(frozen=True)
class PackDocument:
    """A Markdown file of a pack with its front matter: an article or an Arbeitshilfe."""

    meta: DocumentMeta
    body: str
    path: Path

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Front matter, body, and the line number where the front matter starts (or None)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER:
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == FRONT_MATTER:
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), 2
    return None


class Wording(NamedTuple):
    """What the reader says about one kind of file: (message, hint) per problem."""

    unreadable: tuple[str, str]
    no_front_matter: tuple[str, str]
    empty: tuple[str, str]


@dataclass
class FrontMatterFile(Generic[M]):
    """One file as read: raw front matter for the cross-checks, the model if valid.

    ``data`` is the parsed front matter (None if unreadable), ``meta`` its model (None
    if the schema check failed) and ``body`` the Markdown after the front matter.
    """

    path: Path
    front: str = ""
    offset: int = 1
    data: dict[str, Any] | None = None
    meta: M | None = None
    body: str = ""

    @property
    def id(self) -> str:
        """The id links use: the one written in the file, else the file name."""
        written = self.data.get("id") if self.data else None
        return written if isinstance(written, str) else self.path.stem

    def line(self, loc: Sequence[Any]) -> int | None:
        """The line in the whole file of a key of its front matter."""
        # Here, not at the top: only a problem needs it, and reading a pack from its
        # cache (every `weltoffen report`) then never loads the diagnostics.
        from weltoffen_tui.core.diagnostics import line_of

        line = line_of(self.front, loc)
        return None if line is None else line + self.offset - 1


def _shift(problem: Problem, offset: int) -> Problem:
    """A problem found in the front matter, with the line counted in the whole file."""
    line = None if problem.line is None else problem.line + offset - 1
    return Problem(problem.file, problem.message, problem.hint, line, problem.path)


def read_front_matter_file(
    path: Path, model: type[M], wording: Wording, problems: list[Problem]
) -> FrontMatterFile[M]:
    """Read one Markdown file with front matter; every problem found is added."""
    from pydantic import ValidationError

    entry: FrontMatterFile[M] = FrontMatterFile(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        problems.append(Problem(path, *wording.unreadable))
        return entry
    parts = split_front_matter(text)
    if parts is None:
        problems.append(Problem(path, *wording.no_front_matter, line=1))
        return entry
    front, entry.body, entry.offset = parts
    entry.front = front
    if not entry.body.strip():
        problems.append(Problem(path, *wording.empty))
    try:
        entry.data = tomlparse.loads(front)
    except tomlparse.TOMLDecodeError as exc:
        from weltoffen_tui.core.diagnostics import toml_syntax_problem

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
                line=entry.line(("id",)),
                path="id",
            )
        )
    try:
        entry.meta = model.model_validate(entry.data)
    except ValidationError as exc:
        from weltoffen_tui.core.diagnostics import validation_problems

        problems.extend(
            _shift(problem, entry.offset) for problem in validation_problems(path, front, exc)
        )
    return entry


def check_fields_and_pillar(
    entry: FrontMatterFile[Any], field_ids: set[str], pillar_ids: set[str], problems: list[Problem]
) -> None:
    """The fields and the pillar a file names exist in the pack (raw data, so it also
    runs for a file with schema errors); every problem found is added."""
    if entry.data is None:
        return
    fields = entry.data.get("fields")
    for field_id in fields if isinstance(fields, list) else []:
        if isinstance(field_id, str) and field_ids and field_id not in field_ids:
            problems.append(
                Problem(
                    entry.path,
                    f"Handlungsfeld „{field_id}“ gibt es nicht",
                    f"Erlaubt sind: {', '.join(sorted(field_ids))}.",
                    entry.line(("fields",)),
                    "fields",
                )
            )
    pillar = entry.data.get("pillar", DocumentMeta.model_fields["pillar"].default)
    if pillar_ids and isinstance(pillar, str) and pillar not in pillar_ids:
        problems.append(
            Problem(
                entry.path,
                f"Säule „{pillar}“ gibt es nicht",
                f"Erlaubt sind: {', '.join(sorted(pillar_ids))}.",
                entry.line(("pillar",)),
                "pillar",
            )
        )
