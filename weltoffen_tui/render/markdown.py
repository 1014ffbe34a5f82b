"""Documents as Markdown (CommonMark with pipe tables), escaped only where Markdown needs it.

Why minimal escaping: a Markdown file is also read as plain text, and
``Musterstadt \\(Stadt\\)`` reads badly. Only characters that can start markup are
escaped: inline markers (``\\ ` * _ [ ] < > & ~``) everywhere, ``|`` in table cells,
and at the start of a line whatever would open a heading, quote, list or underline
(``# > - + =`` and ``1.``/``1)``). A note line ``===`` stays a line of equals signs.
"""

from __future__ import annotations

import re

from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.render.blocks import (
    Block,
    Bullets,
    Document,
    Facts,
    Heading,
    Indented,
    Inline,
    Notice,
    PageBreak,
    Paragraph,
    Prose,
    Span,
    Table,
)

_INLINE = re.compile(r"([\\`*\[\]<>&~])")
_UNDERSCORES = re.compile(r"_+")
_LINE_START = re.compile(r"^([#>+=-])")
_ORDERED = re.compile(r"^(\d+)([.)])")
HARD_BREAK = "\\\n"


def escape(text: str) -> str:
    """Text shown literally inside a line of Markdown (inline markers escaped, breaks kept)."""
    text = visible(text)  # a .md file shown with cat must not run escape sequences
    lines = [_escape_underscores(_INLINE.sub(r"\\\1", line)) for line in text.split("\n")]
    return HARD_BREAK.join(lines)


def escape_line_starts(text: str, *, first: bool = True) -> str:
    """Escape what would open a block at the start of a line (heading, quote, list …).

    ``first=False`` leaves the first line alone (it follows a label on the same line).
    """
    lines = []
    for number, line in enumerate(text.split("\n")):
        if number == 0 and not first:
            lines.append(line)
            continue
        stripped = line.lstrip()
        stripped = _LINE_START.sub(r"\\\1", stripped)
        lines.append(_ORDERED.sub(r"\1\\\2", stripped))
    return "\n".join(lines)


def _escape_underscores(line: str) -> str:
    """Escape a run of ``_`` only where it could open or close emphasis.

    A run between spaces (a blank to fill in: ``Datum: ____``) or inside a word
    (``snake_case``) is inert in CommonMark and stays as it is, except on a line of
    nothing but underscores (three or more, spaces between allowed): that line would
    be a thematic break (a horizontal rule), so every ``_`` of it is escaped.
    """
    if line.count("_") >= 3 and not line.replace("_", "").strip(" \t"):
        return line.replace("_", "\\_")

    def fix(match: re.Match[str]) -> str:
        before = line[match.start() - 1] if match.start() else " "
        after = line[match.end()] if match.end() < len(line) else " "
        if before.isspace() and after.isspace():
            return match.group(0)
        if before.isalnum() and after.isalnum():
            return match.group(0)
        return match.group(0).replace("_", "\\_")

    return _UNDERSCORES.sub(fix, line)


def escape_cell(text: str) -> str:
    """Text for a table cell: one line, pipes escaped."""
    return escape(" / ".join(part for part in text.split("\n") if part.strip())).replace("|", "\\|")


def _wrap(text: str, marker: str) -> str:
    """Put emphasis markers inside surrounding whitespace (``** a**`` is not bold)."""
    stripped = text.strip()
    if not stripped:
        return text
    start = text[: len(text) - len(text.lstrip())]
    end = text[len(text.rstrip()) :]
    return f"{start}{marker}{stripped}{marker}{end}"


def _span(item: Span, *, in_cell: bool) -> str:
    if item.code:
        return f"`{item.text}`"
    text = escape_cell(item.text) if in_cell else escape(item.text)
    if item.link:
        text = f"[{text}]({item.link})"
    if item.bold:
        text = "\\\n".join(_wrap(part, "**") for part in text.split("\\\n"))
    if item.italic or item.dim:
        text = "\\\n".join(_wrap(part, "*") for part in text.split("\\\n"))
    return text


def inline_markdown(spans: Inline, *, in_cell: bool = False) -> str:
    """Spans as Markdown inline text."""
    return "".join(_span(item, in_cell=in_cell) for item in spans)


def _text(spans: Inline, *, first: bool = True) -> str:
    """Spans as the text of a paragraph-like block, safe at every line start."""
    return escape_line_starts(inline_markdown(spans), first=first)


def _indent_continuation(text: str, indent: str) -> str:
    return text.replace("\n", "\n" + indent)


def _table(block: Table) -> list[str]:
    out = [f"**{escape(block.title)}**", ""] if block.title else []
    out.append("| " + " | ".join(escape_cell(c.label) for c in block.columns) + " |")
    rule = {"left": "---", "right": "---:", "center": ":---:"}
    out.append("|" + "|".join(rule[c.align] for c in block.columns) + "|")
    for row in block.rows:
        out.append("| " + " | ".join(inline_markdown(c, in_cell=True) for c in row) + " |")
    return out


def _demote(markdown: str, by: int) -> str:
    """Push a pack article's headings down so they sit below the heading that holds it."""
    if by <= 0:
        return markdown.strip()
    return re.sub(
        r"(?m)^(#{1,6}) ", lambda m: "#" * min(6, len(m.group(1)) + by) + " ", markdown
    ).strip()


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + inline_markdown(block.text)]
    if isinstance(block, Paragraph):
        return [_text(block.text)]
    if isinstance(block, Notice):
        return ["> " + _indent_continuation(_text(block.text), "> ")]
    if isinstance(block, Bullets):
        out = []
        for number, item in enumerate(block.items, start=block.start):
            marker = f"{number}. " if block.ordered else "- "
            text = _text(item)
            out.append(marker + _indent_continuation(text, " " * len(marker)))
        return ["\n".join(out)]
    if isinstance(block, Facts):
        lines = [
            f"- **{escape(label)}:** {_text(value, first=False)}" for label, value in block.pairs
        ]
        return ["\n".join(lines)]
    if isinstance(block, Table):
        return ["\n".join(_table(block))]
    if isinstance(block, Prose):
        return [_demote(block.markdown, block.heading_offset)]
    if isinstance(block, Indented):
        return [part for inner in block.blocks for part in _block(inner)]
    if isinstance(block, PageBreak):
        return []
    raise TypeError(f"unknown block {type(block).__name__}")


def to_markdown(document: Document) -> str:
    """The whole document as Markdown, blocks separated by blank lines."""
    parts = [part for block in document.blocks for part in _block(block)]
    return "\n\n".join(parts).rstrip() + "\n"
