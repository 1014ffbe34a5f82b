"""Documents as a Word file (DOCX), so staff can edit them in their office software.

Built from the same blocks as Markdown and HTML. Trusted pack Markdown (a template's
body) is parsed with markdown-it into tokens, never by regular expressions, and each
heading, paragraph, list, table, quote and bold or italic run becomes its Word
counterpart with the built-in styles (Heading 1–6, List Bullet, List Number, Quote,
Table Grid), so the file looks right in Word and LibreOffice and keeps its structure.

The document is German: the title is set in the core properties, the language there
and as ``w:lang`` de-DE in the default run properties and the Normal style, so spell
checking and hyphenation work. python-docx is imported only here, when a DOCX is made.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

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
    Table,
)

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph as DocxParagraph

LANGUAGE = "de-DE"
# A table with more columns than this (the incident log) gets a landscape page.
WIDE = 6


def _landscape(doc: DocxDocument) -> None:
    """Turn every page sideways, so a wide table to fill in by hand has room."""
    from docx.enum.section import WD_ORIENT

    for section in doc.sections:
        if section.orientation != WD_ORIENT.LANDSCAPE:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width


def _set_language(doc: DocxDocument) -> None:
    """German as the language of the whole document (properties, defaults, Normal)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc.core_properties.language = LANGUAGE
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    targets = [rpr, doc.styles["Normal"].element.get_or_add_rPr()]
    for target in targets:
        lang = target.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            target.append(lang)
        for attribute in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attribute), LANGUAGE)


def _runs(paragraph: DocxParagraph, spans: Inline) -> None:
    """Spans as runs; user text goes in as plain text (controls made visible)."""
    for span in spans:
        parts = visible(span.text).split("\n")
        for index, part in enumerate(parts):
            run = paragraph.add_run(part)
            run.bold = span.bold or None
            run.italic = (span.italic or span.dim) or None
            if span.code:
                run.font.name = "Courier New"
            if index < len(parts) - 1:
                run.add_break()


class _Writer:
    """Turns blocks and Markdown tokens into the body of one Word document."""

    def __init__(self, doc: DocxDocument) -> None:
        self.doc = doc

    # ---------------------------------------------------------------- lists

    def _restarted_numbering(self) -> int:
        """A new numbering instance of the List Number style that starts again at 1.

        Without it, Word continues the numbers of the previous numbered list.
        """
        numbering = self.doc.part.numbering_part.numbering_definitions._numbering
        style = self.doc.styles["List Number"].element
        style_num = style.pPr.numPr.numId.val
        abstract = numbering.num_having_numId(style_num).abstractNumId.val
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return int(num.numId)

    def list_item(self, ordered: bool, depth: int, num_id: int | None) -> DocxParagraph:
        name = "List Number" if ordered else "List Bullet"
        if depth > 0:
            name = f"{name} {min(depth + 1, 3)}"
        paragraph = self.doc.add_paragraph(style=name)
        if ordered and depth == 0 and num_id is not None:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id
        return paragraph

    # ---------------------------------------------------------------- blocks

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            heading = self.doc.add_heading(level=min(max(block.level, 1), 9))
            _runs(heading, block.text)
        elif isinstance(block, Paragraph):
            _runs(self.doc.add_paragraph(), block.text)
        elif isinstance(block, Notice):
            _runs(self.doc.add_paragraph(style="Quote"), block.text)
        elif isinstance(block, Bullets):
            num_id = self._restarted_numbering() if block.ordered else None
            for item in block.items:
                _runs(self.list_item(block.ordered, 0, num_id), item)
        elif isinstance(block, Facts):
            for label, value in block.pairs:
                paragraph = self.doc.add_paragraph()
                paragraph.add_run(f"{visible(label)}: ").bold = True
                _runs(paragraph, value)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Prose):
            self.markdown(block.markdown, block.heading_offset)
        elif isinstance(block, Indented):
            for inner in block.blocks:
                self.block(inner)
        elif isinstance(block, PageBreak):
            self.doc.add_page_break()  # type: ignore[no-untyped-call]
        else:
            raise TypeError(f"unknown block {type(block).__name__}")

    def table(self, block: Table) -> None:
        if block.title:
            caption = self.doc.add_paragraph()
            caption.add_run(visible(block.title)).bold = True
        table = self.doc.add_table(rows=1, cols=len(block.columns))
        table.style = "Table Grid"
        for cell, column in zip(table.rows[0].cells, block.columns, strict=True):
            cell.paragraphs[0].add_run(visible(column.label)).bold = True
        for row in block.rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                _runs(cell.paragraphs[0], value)

    # ---------------------------------------------------------------- Markdown

    def markdown(self, text: str, heading_offset: int = 0) -> None:
        """Trusted pack Markdown as Word paragraphs, lists and tables."""
        from markdown_it import MarkdownIt

        parser = MarkdownIt("commonmark", {"html": False}).enable("table")
        tokens = parser.parse(text)
        lists: list[tuple[bool, int | None]] = []  # (ordered, numbering id) per open list
        quote = 0
        table: list[list[tuple[bool, Any]]] | None = None  # rows of (header?, inline token)
        in_header = False
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "heading_open":
                level = min(int(token.tag[1]) + heading_offset, 9)
                heading = self.doc.add_heading(level=level)
                self.inline(heading, tokens[index + 1])
                index += 3
                continue
            if kind == "bullet_list_open":
                lists.append((False, None))
            elif kind == "ordered_list_open":
                lists.append((True, self._restarted_numbering() if not lists else None))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif kind == "blockquote_open":
                quote += 1
            elif kind == "blockquote_close":
                quote -= 1
            elif kind == "table_open":
                table = []
            elif kind == "thead_open":
                in_header = True
            elif kind == "thead_close":
                in_header = False
            elif kind == "tr_open" and table is not None:
                table.append([])
            elif kind in ("th_open", "td_open") and table is not None:
                table[-1].append((in_header, tokens[index + 1]))
                index += 3
                continue
            elif kind == "table_close" and table is not None:
                self.markdown_table(table)
                table = None
            elif kind == "paragraph_open":
                inline = tokens[index + 1]
                if lists and tokens[index - 1].type == "list_item_open":
                    ordered, num_id = lists[-1]
                    paragraph = self.list_item(ordered, len(lists) - 1, num_id)
                elif lists:  # a further paragraph inside a list item
                    paragraph = self.doc.add_paragraph(style="List Continue")
                elif quote:
                    paragraph = self.doc.add_paragraph(style="Quote")
                else:
                    paragraph = self.doc.add_paragraph()
                self.inline(paragraph, inline)
                index += 3
                continue
            elif kind in ("fence", "code_block"):
                paragraph = self.doc.add_paragraph()
                code = visible(token.content.rstrip("\n"))
                paragraph.add_run(code).font.name = "Courier New"
            elif kind == "hr":
                self.doc.add_paragraph("—" * 10)
            index += 1

    def markdown_table(self, rows: list[list[tuple[bool, Any]]]) -> None:
        if not rows:
            return
        width = max(len(row) for row in rows)
        table = self.doc.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for row in rows:
            cells = table.add_row().cells
            for cell, (header, inline) in zip(cells, row, strict=False):
                self.inline(cell.paragraphs[0], inline, bold=header)

    def inline(self, paragraph: DocxParagraph, token: Any, *, bold: bool = False) -> None:
        """The children of an inline token as runs: bold, italic, code, links, breaks."""
        strong = 1 if bold else 0
        emphasis = 0
        for child in token.children or ():
            kind = child.type
            if kind == "strong_open":
                strong += 1
            elif kind == "strong_close":
                strong -= 1
            elif kind == "em_open":
                emphasis += 1
            elif kind == "em_close":
                emphasis -= 1
            elif kind in ("text", "code_inline"):
                run = paragraph.add_run(visible(child.content))  # XML takes no controls
                run.bold = strong > 0 or None
                run.italic = emphasis > 0 or None
                if kind == "code_inline":
                    run.font.name = "Courier New"
            elif kind == "softbreak":
                paragraph.add_run(" ")
            elif kind == "hardbreak":
                paragraph.add_run().add_break()


def to_docx(document: Document) -> bytes:
    """The whole document as the bytes of a .docx file (title and language German)."""
    import docx

    doc = docx.Document()
    doc.core_properties.title = visible(document.title)
    doc.core_properties.author = ""
    doc.core_properties.comments = ""
    _set_language(doc)
    writer = _Writer(doc)
    for block in document.blocks:
        writer.block(block)
    if any(len(table.columns) > WIDE for table in doc.tables):
        _landscape(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
