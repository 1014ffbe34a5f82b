"""Documents as one self-contained, printable HTML page.

Why built from the blocks and not from the Markdown: every piece of user text is
escaped by ``html.escape`` right where it is written, so no note can become a heading
or an entity (``&lt;`` stays ``&lt;`` as text), tables get real header cells with
``scope`` and a caption, and headings get the ids that links point to. Only trusted
pack Markdown (article bodies) goes through markdown-it, with raw HTML switched off.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.render.blocks import (
    Block,
    Bullets,
    Column,
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
    plain,
)

if TYPE_CHECKING:
    from weltoffen_tui.render.chart import RadarChart

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:58rem;
margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111;background:#fff}
h1{font-size:1.7rem;border-bottom:3px solid #1d4e89;padding-bottom:.3rem}
h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #999}
h3{font-size:1.1rem;margin-top:1.4rem}
table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.92em}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border:1px solid #888;padding:.3rem .5rem;text-align:left;vertical-align:top;
hyphens:auto;overflow-wrap:anywhere}.nowrap{white-space:nowrap;overflow-wrap:normal}
th{background:#e8eef6}
td.right,th.right{text-align:right}td.center,th.center{text-align:center}
code{font-family:"DejaVu Sans Mono",monospace;letter-spacing:-1px}
blockquote{margin:.5rem 0;padding:.2rem .8rem;border-left:4px solid #1d4e89;background:#f4f6f9}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem}dt{font-weight:bold}
dd{margin:0}.aside{color:#444;font-style:italic}.indented{margin-left:1.5rem}
.warning{font-weight:bold}
figure.chart{margin:1rem 0}figure.chart svg{max-width:100%;height:auto}
figure.chart svg text{font-family:inherit}
"""
PRINT_CSS_PATH = Path(__file__).parent / "assets" / "print.css"


@cache
def print_css() -> str:
    """The print rules (``assets/print.css``), shared by the HTML's print and the PDF."""
    return PRINT_CSS_PATH.read_text(encoding="utf-8")


def stylesheet() -> str:
    """The page's whole stylesheet: screen rules, then the print rules for printing."""
    return f"{CSS}@media print{{\n{print_css()}}}\n"


def _span(item: Span) -> str:
    text = html.escape(visible(item.text), quote=False).replace("\n", "<br>\n")
    if item.code:
        text = f"<code>{text}</code>"
    if item.link:
        text = f'<a href="{html.escape(item.link)}">{text}</a>'
    if item.bold:
        text = f"<strong>{text}</strong>"
    if item.italic:
        text = f"<em>{text}</em>"
    if item.dim:
        text = f'<span class="aside">{text}</span>'
    if item.tone == "warning":
        text = f'<span class="warning">{text}</span>'
    return text


def inline_html(spans: Inline) -> str:
    """Spans as HTML inline markup, every text escaped."""
    return "".join(_span(item) for item in spans)


def markdown_to_html(markdown: str) -> str:
    """Trusted pack Markdown to an HTML fragment; raw HTML in it is escaped."""
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    return str(renderer.render(markdown))


def _demote(fragment: str, by: int) -> str:
    if by <= 0:
        return fragment

    def shift(match: re.Match[str]) -> str:
        level = min(6, int(match.group(2)) + by)
        return f"<{match.group(1)}h{level}>"

    return re.sub(r"<(/?)h([1-6])>", shift, fragment)


def _classes(column: Column) -> str:
    return f"{column.align} nowrap" if column.no_wrap else column.align


def _table(block: Table) -> str:
    out = ["<table>"]
    if block.title:
        out.append(f"<caption>{html.escape(visible(block.title), quote=False)}</caption>")
    head = "".join(
        f'<th scope="col" class="{_classes(c)}">{html.escape(visible(c.label), quote=False)}</th>'
        for c in block.columns
    )
    out.append(f"<thead><tr>{head}</tr></thead>")
    out.append("<tbody>")
    for row in block.rows:
        tds = "".join(
            f'<td class="{_classes(column)}">{inline_html(cell)}</td>'
            for column, cell in zip(block.columns, row, strict=True)
        )
        out.append(f"<tr>{tds}</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _heading(block: Heading, new_page: bool = False) -> str:
    anchor = f' id="{html.escape(block.anchor)}"' if block.anchor else ""
    extra = ' class="new-page"' if new_page else ""
    return f"<h{block.level}{anchor}{extra}>{inline_html(block.text)}</h{block.level}>"


def _block(block: Block, new_pages: Collection[str] = ()) -> str:
    if isinstance(block, Heading):
        return _heading(block, block.level > 1 and plain(block.text) in new_pages)
    if isinstance(block, Paragraph):
        return f"<p>{inline_html(block.text)}</p>"
    if isinstance(block, Notice):
        return f"<blockquote><p>{inline_html(block.text)}</p></blockquote>"
    if isinstance(block, Bullets):
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        items = "".join(f"<li>{inline_html(item)}</li>" for item in block.items)
        return f"<{tag}{start}>{items}</{tag}>"
    if isinstance(block, Facts):
        rows = "".join(
            f"<dt>{html.escape(label)}</dt><dd>{inline_html(value)}</dd>"
            for label, value in block.pairs
        )
        return f"<dl>{rows}</dl>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Prose):
        return _demote(markdown_to_html(block.markdown), block.heading_offset)
    if isinstance(block, Indented):
        inner = "\n".join(_block(b, new_pages) for b in block.blocks)
        return f'<div class="indented">\n{inner}\n</div>'
    if isinstance(block, PageBreak):
        return '<div class="page-break"></div>'
    raise TypeError(f"unknown block {type(block).__name__}")


def page(title: str, body: str, css: str | None = None) -> str:
    """A self-contained HTML page (no external resources) in German, its body in ``<main>``."""
    return (
        '<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(visible(title))}</title>\n"
        f"<style>{stylesheet() if css is None else css}</style>\n</head>\n<body>\n"
        f"<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


CHART_HEADING = "Profil der Handlungsfelder"


def chart_html(chart: RadarChart, ident: str = "profil") -> str:
    """The chart as a figure (SVG with title and description), its numbers as a table."""
    from weltoffen_tui.render.chart import data_table, svg

    return (
        f'<figure class="chart">\n{svg(chart, ident)}\n'
        f"<figcaption>{html.escape(visible(chart.title), quote=False)}"
        " – die Werte stehen in der Tabelle darunter.</figcaption>\n</figure>\n"
        f"{_table(data_table(chart))}"
    )


def chart_place(blocks: Sequence[Block]) -> int:
    """Where the chart goes: before the first table at the top level (the points per
    field), or after the title when there is none."""
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            return index
    return 1 if blocks else 0


def body_parts(
    document: Document, *, chart: RadarChart | None = None, new_pages: Collection[str] = ()
) -> tuple[list[str], list[str]]:
    """The document's HTML in two parts: the opening (title and who, up to the first
    section or table: the PDF's cover) and the rest, the chart with its heading first."""
    blocks = document.blocks
    place = chart_place(blocks) if chart is not None else len(blocks)
    cover_end = next(
        (
            index
            for index, block in enumerate(blocks)
            if (isinstance(block, Heading) and block.level > 1) or isinstance(block, Table)
        ),
        len(blocks),
    )
    cover_end = min(cover_end, place)
    opening = [_block(block, new_pages) for block in blocks[:cover_end]]
    rest = [_block(block, new_pages) for block in blocks[cover_end:place]]
    if chart is not None:
        rest.append(f'<h2 id="profil-abschnitt">{html.escape(CHART_HEADING)}</h2>')
        rest.append(chart_html(chart))
    rest += [_block(block, new_pages) for block in blocks[place:]]
    return opening, rest


def to_html(
    document: Document, *, chart: RadarChart | None = None, new_pages: Collection[str] = ()
) -> str:
    """The whole document as one printable HTML page.

    ``chart``: the profile chart, put before the first table; ``new_pages``: the texts of
    headings that start a new printed page (the action fields).
    """
    opening, rest = body_parts(document, chart=chart, new_pages=new_pages)
    return page(document.title, "\n".join(opening + rest))
