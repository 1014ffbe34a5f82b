"""An Arbeitshilfe (template to fill in) as a document: Markdown, HTML and DOCX from one view."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from weltoffen_tui.core.materials import Material
from weltoffen_tui.render.blocks import Document, Heading, Inline, Paragraph, Prose, Span, inline
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


# Links to templates from recommendations and measures (report, action plan, TUI).
LABEL_ONE, LABEL_MANY = "Arbeitshilfe", "Arbeitshilfen"


def anchor(material_id: str) -> str:
    """The link target of a template in a report's appendix."""
    return f"arbeitshilfe-{material_id}"


def command(material_id: str) -> str:
    """The command that writes a template (where a document cannot link to it)."""
    return f"weltoffen materials {material_id}"


def pack_material_titles(directory: Path, wanted: Iterable[str]) -> dict[str, str]:
    """Id → title of the templates named in ``wanted`` (read only if any is named).

    A template that cannot be read keeps its id as its title (``validate`` reports it).
    """
    ids = list(dict.fromkeys(wanted))
    if not ids:
        return {}
    from weltoffen_tui.core.materials import material_titles

    return material_titles(directory, ids)


def material_spans(
    titles: dict[str, str],
    ids: Iterable[str],
    *,
    anchors: bool = False,
    export_key: str | None = None,
) -> Inline:
    """„→ Arbeitshilfe: Netiquette … (weltoffen materials netiquette)“, or empty.

    ``anchors``: each title links to the template in the appendix (full report);
    ``export_key``: the key that exports it (TUI); else the command that writes it.
    """
    ids = [material_id for material_id in ids if material_id in titles]
    if not ids:
        return ()
    spans: list[Span] = [Span(f"→ {LABEL_MANY if len(ids) > 1 else LABEL_ONE}: ", bold=True)]
    for index, material_id in enumerate(ids):
        if index:
            spans.append(Span("; "))
        link = f"#{anchor(material_id)}" if anchors else None
        spans.append(Span(titles[material_id], bold=True, link=link))
        if not anchors and export_key is None:
            spans += [Span(" ("), Span(command(material_id), code=True), Span(")")]
    if export_key is not None:
        spans.append(Span(f" ({export_key} exportiert)", dim=True))
    return tuple(spans)
