"""An Arbeitshilfe (template to fill in) as a document: Markdown, HTML and DOCX from one view."""

from __future__ import annotations

from weltoffen_tui.core.materials import Material
from weltoffen_tui.render.blocks import Document, Heading, Paragraph, Prose, Span, inline
from weltoffen_tui.render.formats import DOCX, Format, produce

DOCUMENT = "material"
# Said once at the top of every exported template, in every format.
HOW_TO = (
    "Vorlage zum Ausfüllen: Ersetzen Sie alles in eckigen Klammern durch die Angaben "
    "Ihrer Kommune und löschen Sie die kursiven Hinweise, bevor Sie den Text verwenden."
)


def view(material: Material) -> Document:
    """Title, summary, how to use it, then the template (trusted pack Markdown)."""
    return Document(
        title=material.title,
        blocks=(
            Heading(inline(material.title), level=1),
            Paragraph(inline(Span(material.meta.summary.strip(), italic=True))),
            Paragraph(inline(Span(HOW_TO, italic=True))),
            Prose(material.body),
        ),
    )


def render(fmt: Format, material: Material) -> str | bytes:
    """The template in ``fmt``: bytes for DOCX, text for Markdown and HTML."""
    if fmt is DOCX:
        from weltoffen_tui.render.docx import to_docx

        return to_docx(view(material))
    return produce(fmt, lambda: view(material))


def file_name(material: Material, fmt: Format) -> str:
    """The name an export gets: ``arbeitshilfe-<id><suffix>``."""
    return f"arbeitshilfe-{material.id}{fmt.suffix}"
