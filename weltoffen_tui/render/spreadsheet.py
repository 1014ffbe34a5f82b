"""Tables for spreadsheets: CSV as German Excel and LibreOffice open it without a dialog.

Semicolons, CRLF line ends and a UTF-8 byte order mark; a cell that a spreadsheet would
read as a formula (``=``, ``+``, ``-``, ``@`` …) gets a leading apostrophe (CSV injection).
Write the text with ``encoding="utf-8"`` and ``newline=""``: the BOM is part of it and
CRLF must not be translated again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """Prefix an apostrophe where a spreadsheet would otherwise run a formula."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def csv_text(rows: Sequence[Sequence[str]]) -> str:
    """Rows (the first is the header) as CSV text with BOM, semicolons and CRLF."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue()
