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
)

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
@media print{body{margin:0;max-width:none;font-size:11pt}a{color:#000}
h2{break-after:avoid}.page-break{break-before:page}}
"""


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
        out.append(f"<caption>{html.escape(block.title)}</caption>")
    head = "".join(
        f'<th scope="col" class="{_classes(c)}">{html.escape(c.label)}</th>' for c in block.columns
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


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        anchor = f' id="{html.escape(block.anchor)}"' if block.anchor else ""
        return f"<h{block.level}{anchor}>{inline_html(block.text)}</h{block.level}>"
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
        inner = "\n".join(_block(b) for b in block.blocks)
        return f'<div class="indented">\n{inner}\n</div>'
    if isinstance(block, PageBreak):
        return '<div class="page-break"></div>'
    raise TypeError(f"unknown block {type(block).__name__}")


def page(title: str, body: str) -> str:
    """A self-contained HTML page (no external resources) in German."""
    return (
        '<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(visible(title))}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


def to_html(document: Document) -> str:
    """The whole document as one printable HTML page."""
    body = "\n".join(_block(block) for block in document.blocks)
    return page(document.title, body)
