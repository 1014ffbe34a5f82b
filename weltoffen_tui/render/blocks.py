"""The view model every document is built from: a few kinds of block and inline span.

Why: a report used to be written twice by hand, once for the terminal (Rich) and once
as Markdown, and the twins drifted apart in wording. Now a document module builds one
``Document`` of these blocks, and ``terminal``, ``markdown`` and ``html`` turn the same
blocks into each format. User text lives in spans as plain strings: every renderer
escapes it for its own format, so a name like ``[bold]`` or ``<b>`` stays literal.

Nothing here imports Rich; the blocks are NamedTuples (immutable, and about ten times
cheaper to define than dataclasses, which counts at start-up).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

Align = Literal["left", "right", "center"]


class Span(NamedTuple):
    """A run of text with emphasis; ``"\\n"`` inside is a hard line break.

    ``tone`` names a meaning (``"level-0"`` … ``"level-3"``, ``"warning"``, ``"up"``,
    ``"down"``) that the terminal shows as a colour and HTML as a class; it never
    carries meaning alone (the text says the same).
    """

    text: str
    bold: bool = False
    italic: bool = False
    dim: bool = False
    code: bool = False
    link: str | None = None
    tone: str | None = None


Inline = tuple[Span, ...]


def inline(*parts: str | Span) -> Inline:
    """Spans from strings (plain) and spans, in order."""
    return tuple(Span(part) if isinstance(part, str) else part for part in parts)


def joined(parts: Iterable[Inline], separator: str | Span) -> Inline:
    """Inline runs joined by a separator span."""
    sep = Span(separator) if isinstance(separator, str) else separator
    out: list[Span] = []
    for index, part in enumerate(parts):
        if index:
            out.append(sep)
        out.extend(part)
    return tuple(out)


def plain(spans: Inline) -> str:
    """The text of spans without any emphasis."""
    return "".join(s.text for s in spans)


class Heading(NamedTuple):
    """A section heading; level 1 is the document title. ``anchor`` is a link target."""

    text: Inline
    level: int = 2
    anchor: str | None = None


class Paragraph(NamedTuple):
    """Running text."""

    text: Inline


class Notice(NamedTuple):
    """A short remark set apart (a hint on the data, shown as a quote in documents)."""

    text: Inline


class Bullets(NamedTuple):
    """A list; ``ordered`` numbers the items from ``start``."""

    items: tuple[Inline, ...]
    ordered: bool = False
    start: int = 1


class Facts(NamedTuple):
    """Label/value pairs (who assessed what and when)."""

    pairs: tuple[tuple[str, Inline], ...]
    title: str = ""


class Column(NamedTuple):
    """One column of a table: heading, alignment and terminal sizing hints."""

    label: str
    align: Align = "left"
    ratio: int | None = None
    min_width: int | None = None
    max_width: int | None = None
    no_wrap: bool = False


Cell = Inline


class Table(NamedTuple):
    """A table with a caption; every cell is inline text."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    title: str = ""
    spacing: int = 0  # blank lines between rows on a screen (the large-print view)


class Prose(NamedTuple):
    """Trusted Markdown from the questionnaire pack (an article body), never user text."""

    markdown: str
    heading_offset: int = 0


class Indented(NamedTuple):
    """Blocks set in from the left (recommendations under their field)."""

    blocks: tuple[Block, ...]


class PageBreak(NamedTuple):
    """Start a new page when printed (nothing on screen)."""

    before: bool = True


Block = Heading | Paragraph | Notice | Bullets | Facts | Table | Prose | Indented | PageBreak


class Document(NamedTuple):
    """A whole document: its title (for the HTML page and file) and its blocks."""

    title: str
    blocks: tuple[Block, ...] = ()


def cells(*values: str | Span | Inline) -> tuple[Cell, ...]:
    """A table row from strings, spans or inline runs."""
    out: list[Cell] = []
    for value in values:
        if isinstance(value, str):
            out.append((Span(value),))
        elif isinstance(value, Span):
            out.append((value,))
        else:
            out.append(tuple(value))
    return tuple(out)


def table(
    columns: Sequence[Column],
    rows: Iterable[Sequence[str | Span | Inline]],
    title: str = "",
    spacing: int = 0,
) -> Table:
    """A table from column specs and rows of strings, spans or inline runs."""
    return Table(tuple(columns), tuple(cells(*row) for row in rows), title, spacing)
