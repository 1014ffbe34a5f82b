"""Documents as a tagged PDF handout (PDF/UA-1), built from the HTML export with WeasyPrint.

Why from the HTML: one page model for screen, print and PDF. The PDF adds a cover page
(the title and who took part), a table of contents with page numbers, and page numbers
in the footer; the print rules are ``assets/print.css``, the same file the HTML uses
when printed. WeasyPrint is imported only here and only when a PDF is made (it is slow
to import and needs the system library Pango); when it cannot be loaded, a UserError
says in one German line how to install it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from weltoffen_tui.core.errors import Problem, UserError
from weltoffen_tui.render.blocks import Document
from weltoffen_tui.render.html import body_parts, page

if TYPE_CHECKING:
    from weltoffen_tui.render.chart import RadarChart

PDF_VARIANT = "pdf/ua-1"
INSTALL_HINT = (
    "Installieren Sie WeasyPrint und Pango, unter Debian/Ubuntu z. B. mit "
    "„sudo apt install libpango-1.0-0 libpangoft2-1.0-0“ und danach "
    "„pip install weasyprint“; HTML- und Markdown-Exporte gehen auch ohne."
)
TOC_HEADING = "Inhalt"


class PdfUnavailable(UserError):
    """WeasyPrint or its system libraries (Pango) cannot be loaded on this machine."""


def unavailable() -> PdfUnavailable:
    return PdfUnavailable(
        [
            Problem(
                Path("PDF"),
                "Die PDF-Ausgabe ist auf diesem Rechner nicht möglich, weil WeasyPrint oder "
                "die Bibliothek Pango fehlt",
                INSTALL_HINT,
            )
        ]
    )


# Section headings (h2) and the headings that start a page (the fields) are listed.
_LISTED = re.compile(r"<(h2|h3)((?: [^>]*)?)>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _with_contents(rest: str) -> tuple[str, str]:
    """Every section heading (h2) and field heading gets an id; the contents link to each."""
    entries: list[str] = []

    def number(match: re.Match[str]) -> str:
        tag, attributes, inner = match.group(1), match.group(2), match.group(3)
        if tag == "h3" and 'class="new-page"' not in attributes:
            return match.group(0)
        found = re.search(r' id="([^"]+)"', attributes)
        if found:
            ident = found.group(1)
        else:
            ident = f"abschnitt-{len(entries) + 1}"
            attributes += f' id="{ident}"'
        label = _TAG.sub("", inner)
        sub = ' class="sub"' if tag == "h3" else ""
        entries.append(f'<li{sub}><a href="#{ident}">{label}</a></li>')
        return f"<{tag}{attributes}>{inner}</{tag}>"

    numbered = _LISTED.sub(number, rest)
    if not entries:
        return "", numbered
    contents = (
        f'<nav class="toc" aria-labelledby="inhalt">\n<h2 id="inhalt">{TOC_HEADING}</h2>\n'
        f"<ol>\n{chr(10).join(entries)}\n</ol>\n</nav>"
    )
    return contents, numbered


def pdf_html(
    document: Document, *, chart: RadarChart | None = None, new_pages: Collection[str] = ()
) -> str:
    """The HTML the PDF is made from: cover, contents, then the document."""
    opening, rest = body_parts(document, chart=chart, new_pages=new_pages)
    contents, body = _with_contents("\n".join(rest))
    cover = f'<section class="cover" aria-label="Titelseite">\n{chr(10).join(opening)}\n</section>'
    return page(document.title, "\n".join(part for part in (cover, contents, body) if part))


def html_to_pdf(text: str) -> bytes:
    """A tagged PDF (PDF/UA-1, language and title from the page) of an HTML page."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # no package, or no Pango on the machine
        raise unavailable() from exc
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)  # CSS it skips is no news for the user
    try:
        result = HTML(string=text, base_url=None).write_pdf(pdf_variant=PDF_VARIANT)
    finally:
        logger.setLevel(level)
    if not isinstance(result, bytes):  # pragma: no cover - write_pdf without a target
        raise TypeError("WeasyPrint returned no bytes")
    return result


def to_pdf(
    document: Document, *, chart: RadarChart | None = None, new_pages: Collection[str] = ()
) -> bytes:
    """The document as a PDF handout."""
    return html_to_pdf(pdf_html(document, chart=chart, new_pages=new_pages))
