"""The one registry of export formats: name, file suffix, label, and which documents offer it.

Why one place: the CLI's ``--format`` choices, the check of an ``-o`` suffix, the TUI's
export labels and the format matrix test all read this table, so a format cannot be
offered in one place and missing in another (``report -o x.csv`` used to crash,
``compare -o x.json`` used to write Markdown into the JSON file).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from weltoffen_tui.core.errors import Problem, UserError

if TYPE_CHECKING:
    from weltoffen_tui.render.chart import RadarChart


class Format(NamedTuple):
    """An output format: its ``--format`` name, file suffixes (first is the default), label."""

    name: str
    suffixes: tuple[str, ...]
    label: str
    # A binary format (PDF, xlsx, DOCX) is produced as bytes: written to a file or a
    # pipe, never shown in a terminal.
    binary: bool = False

    @property
    def suffix(self) -> str:
        return self.suffixes[0]


TEXT = Format("text", (".txt",), "Text")
MARKDOWN = Format("markdown", (".md", ".markdown"), "Markdown")
HTML = Format("html", (".html", ".htm"), "HTML")
JSON = Format("json", (".json",), "JSON")
CSV = Format("csv", (".csv",), "CSV")
DOCX = Format("docx", (".docx",), "Word (DOCX)", binary=True)
# Both are .xlsx files: the suffix means the questionnaire workbook, the survey form
# (XLSForm for ODK, KoboToolbox) needs ``--format xlsform``.
XLSX = Format("xlsx", (".xlsx",), "Excel (xlsx)", binary=True)
XLSFORM = Format("xlsform", (".xlsx",), "XLSForm (ODK, KoboToolbox)", binary=True)
PDF = Format("pdf", (".pdf",), "PDF", binary=True)
FORMATS: tuple[Format, ...] = (TEXT, MARKDOWN, HTML, JSON, CSV, PDF, DOCX, XLSX, XLSFORM)
BY_NAME = {f.name: f for f in FORMATS}

# Which document offers which formats; the first file format is the default for ``-o``
# without a known suffix and for ``--format`` left out when writing to stdout.
OFFERED: dict[str, tuple[str, ...]] = {
    "report": ("markdown", "html", "json", "text", "pdf"),
    "questionnaire": ("markdown", "html", "json", "text", "pdf", "xlsx", "xlsform"),
    "comparison": ("markdown", "html", "json", "text", "pdf"),
    "timeline": ("markdown", "html", "json", "text", "pdf"),
    "agenda": ("markdown", "html", "text", "pdf"),
    "actionplan": ("markdown", "html", "csv", "json", "text", "pdf"),
    "material": ("markdown", "html", "docx"),
    "benchmark": ("markdown", "html", "json", "text"),
}
DOCUMENT_LABELS = {
    "report": "Bericht",
    "questionnaire": "Fragebogen",
    "comparison": "Vergleich",
    "timeline": "Verlauf",
    "agenda": "Tagesordnung",
    "actionplan": "Maßnahmenplan",
    "material": "Arbeitshilfe",
    "benchmark": "Benchmark",
}


class FormatError(UserError):
    """A format or file suffix that this document does not offer."""


def offered(document: str) -> tuple[Format, ...]:
    """The formats a document can be written in."""
    return tuple(BY_NAME[name] for name in OFFERED[document])


def _choices(document: str) -> str:
    return ", ".join(f"{f.name} ({f.suffix})" for f in offered(document))


def by_suffix(path: Path) -> Format | None:
    """The format a file name's suffix stands for, if any is registered."""
    suffix = path.suffix.lower()
    return next((f for f in FORMATS if suffix in f.suffixes), None)


def choose(document: str, fmt: str | None, output: Path | None) -> Format:
    """The format to write, from ``--format`` and the suffix of ``-o``, or a FormatError.

    An explicit format must be offered, and a known suffix of ``-o`` must agree with
    it; without ``--format`` the suffix decides; an unknown or missing suffix means the
    document's first format (Markdown for most).
    """
    label = DOCUMENT_LABELS[document]
    place = output if output is not None else Path(label)
    names = OFFERED[document]
    from_suffix = by_suffix(output) if output is not None else None
    if fmt is not None:
        if fmt not in names:
            raise FormatError(
                [
                    Problem(
                        place,
                        f"Das Format „{fmt}“ gibt es für „{label}“ nicht",
                        f"Möglich sind: {_choices(document)}.",
                    )
                ]
            )
        chosen = BY_NAME[fmt]
        if (
            from_suffix is not None
            and from_suffix is not chosen
            and place.suffix.lower() not in chosen.suffixes  # .xlsx: xlsx and xlsform
        ):
            raise FormatError(
                [
                    Problem(
                        place,
                        f"Die Endung {place.suffix} passt nicht zum Format „{fmt}“",
                        f"Nehmen Sie als Ziel eine Datei auf {chosen.suffix} oder lassen Sie "
                        "--format weg.",
                    )
                ]
            )
        return chosen
    if output is None:
        return BY_NAME[names[0]]
    suffix = output.suffix.lower()
    if from_suffix is not None and from_suffix.name in names:
        return from_suffix
    if not suffix or (from_suffix is None and suffix not in _REFUSED_SUFFIXES):
        return BY_NAME[names[0]]
    raise FormatError(
        [
            Problem(
                place,
                f"Eine {suffix}-Datei gibt es für „{label}“ nicht",
                f"Möglich sind: {_choices(document)}.",
            )
        ]
    )


# Suffixes of formats people expect but no document offers yet: refused with the list
# of what works, rather than silently written as Markdown.
_REFUSED_SUFFIXES = frozenset({".docx", ".doc", ".odt", ".xlsx", ".xls", ".ods", ".rtf"})


def produce(
    fmt: Format,
    view: Callable[[], Any],
    *,
    data: Callable[[], Any] | None = None,
    rows: Callable[[], Sequence[Sequence[str]]] | None = None,
    chart: Callable[[], RadarChart | None] | None = None,
    new_pages: Collection[str] = (),
) -> str | bytes:
    """The text of a document in ``fmt``: from its view model, its data (JSON) or rows (CSV).

    HTML and PDF show ``chart()`` (the profile chart) and start a printed page at each
    heading whose text is in ``new_pages`` (the action fields); a PDF is bytes.
    """
    if fmt is JSON:
        import json

        if data is None:
            raise ValueError("no data for JSON")
        return json.dumps(data(), ensure_ascii=False, indent=2) + "\n"
    if fmt is CSV:
        if rows is None:
            raise ValueError("no rows for CSV")
        from weltoffen_tui.render.spreadsheet import csv_text

        return csv_text(rows())
    document = view()
    if fmt in (HTML, PDF):
        from weltoffen_tui.render.chart import drawable

        profile = drawable(chart() if chart else None)
    if fmt is MARKDOWN:
        from weltoffen_tui.render.markdown import to_markdown

        return to_markdown(document)
    if fmt is HTML:
        from weltoffen_tui.render.html import to_html

        return to_html(document, chart=profile, new_pages=new_pages)
    if fmt is PDF:
        from weltoffen_tui.render.pdf import to_pdf

        return to_pdf(document, chart=profile, new_pages=new_pages)
    from weltoffen_tui.render.terminal import to_text

    return to_text(document)


def as_text(content: str | bytes) -> str:
    """A document produced in a text format, typed as text (a binary one is a bug)."""
    if isinstance(content, bytes):
        raise TypeError("a binary format where text was expected")
    return content
