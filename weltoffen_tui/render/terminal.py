"""Documents for the terminal (Rich renderables) and as plain text.

User text only ever becomes ``rich.text.Text`` content, never markup, so ``[bold]``
in a name stays literal, and every string passes ``core.textsafe.visible`` on its way
into a ``Text``, so an escape sequence, control character or bidi override in a name or
note is shown, never executed by the terminal (this module is the one door to it).
Colours (``Span.tone``) repeat what the text already says.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table as RichTable
from rich.text import Text

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

TONES = {
    "level-0": "red",
    "level-1": "yellow",
    "level-2": "cyan",
    "level-3": "green",
    "level-4": "blue",
    "level-5": "magenta",
    "none": "dim",
    "warning": "yellow",
    "up": "green",
    "down": "red",
}
TEXT_WIDTH = 100


def _style(item: Span) -> str:
    parts = []
    if item.bold:
        parts.append("bold")
    if item.italic:
        parts.append("italic")
    if item.dim:
        parts.append("dim")
    if item.tone and item.tone in TONES:
        parts.append(TONES[item.tone])
    return " ".join(parts)


def inline_text(spans: Inline) -> Text:
    """Spans as one Rich Text (literal, styled, controls made visible)."""
    text = Text()
    for item in spans:
        text.append(visible(item.text), style=_style(item))
    return text


def _table(block: Table) -> RichTable:
    table = RichTable(
        title=Text(visible(block.title)) if block.title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        leading=block.spacing,
    )
    for column in block.columns:
        table.add_column(
            Text(visible(column.label)),
            justify=column.align,
            ratio=column.ratio,
            min_width=column.min_width,
            max_width=column.max_width,
            no_wrap=column.no_wrap,
        )
    for row in block.rows:
        table.add_row(*(inline_text(cell) for cell in row))
    return table


def _block(block: Block, flowing: bool) -> RenderableType | None:
    if isinstance(block, Heading):
        if block.level <= 2:
            return Rule(inline_text(block.text), align="left")
        heading = inline_text(block.text)
        heading.stylize("bold underline")
        return heading
    if isinstance(block, Paragraph):
        return inline_text(block.text)
    if isinstance(block, Notice):
        notice = inline_text(block.text)
        notice.stylize("yellow")
        return notice
    if isinstance(block, Bullets):
        lines = []
        for number, item in enumerate(block.items, start=block.start):
            line = Text(f"{number}. " if block.ordered else "• ")
            line.append_text(inline_text(item))
            lines.append(line)
        return Text("\n").join(lines)
    if isinstance(block, Facts):
        grid = RichTable.grid(padding=(0, 2))
        grid.add_column(style="bold")
        grid.add_column()
        for label, value in block.pairs:
            grid.add_row(Text(visible(label)), inline_text(value))
        title = Text(visible(block.title), style="bold") if block.title else None
        return Panel(grid, title=title, title_align="left")
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Prose):
        from rich.markdown import Markdown

        return Markdown(visible(block.markdown))
    if isinstance(block, Indented):
        if flowing:  # Padding would crop soft-wrapped lines: indent the first line only
            parts = [Text("  ").append_text(_as_text(inner)) for inner in block.blocks]
            return Text("\n\n").join(parts).append("\n")
        return Padding(to_rich_blocks(block.blocks, gap=True), (0, 0, 1, 2))
    if isinstance(block, PageBreak):
        return None
    raise TypeError(f"unknown block {type(block).__name__}")


def _as_text(block: Block) -> Text:
    if isinstance(block, Paragraph | Notice):
        return inline_text(block.text)
    raise TypeError(f"cannot indent {type(block).__name__} in flowing text")


def to_rich_blocks(
    blocks: tuple[Block, ...], *, gap: bool = False, flowing: bool = False
) -> RenderableType:
    """Blocks as one Rich group; ``gap`` puts an empty line between them.

    ``flowing`` is for output that is not a terminal (soft-wrapped, one paragraph per
    line): nothing may crop lines there.
    """
    parts: list[RenderableType] = []
    for block in blocks:
        rendered = _block(block, flowing)
        if rendered is None:
            continue
        if gap and parts:
            parts.append(Text(""))
        parts.append(rendered)
    return Group(*parts)


def to_rich(document: Document, *, flowing: bool = False) -> RenderableType:
    """The document for the terminal (``flowing``: for a file or pipe, soft-wrapped)."""
    return to_rich_blocks(document.blocks, flowing=flowing)


def to_text(document: Document, width: int = TEXT_WIDTH) -> str:
    """The document as plain text (no colours, no escape sequences), ``width`` wide."""
    import io

    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, color_system=None, force_terminal=False, highlight=False
    )
    console.print(to_rich(document))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
