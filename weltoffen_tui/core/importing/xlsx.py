"""Reading an xlsx file into plain values (openpyxl, imported only here and only when used)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from weltoffen_tui.core.errors import Problem
from weltoffen_tui.core.importing.workbook import InputFileError, RawWorkbook, Rows

MAX_BYTES = 20 * 1024 * 1024
# Enough for any questionnaire sheet; a sheet filled with a million rows is not read whole.
MAX_ROWS = 2000
MAX_COLUMNS = 12


def read_workbook(path: Path) -> RawWorkbook:
    """Every sheet's cell values (read-only, values not formulas), or a clear error."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputFileError(
            [
                Problem(
                    path,
                    f"Die Datei lässt sich nicht lesen ({exc.strerror or exc})",
                    "Prüfen Sie den Namen und die Leserechte.",
                )
            ]
        ) from None
    if size > MAX_BYTES:
        raise InputFileError(
            [
                Problem(
                    path,
                    "Die Datei ist zu groß für einen ausgefüllten Fragebogen",
                    "Lesen Sie nur Fragebögen ein, die weltoffen-tui erzeugt hat.",
                )
            ]
        )
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        del exc
        raise InputFileError(
            [
                Problem(
                    path,
                    "Die Datei ist keine lesbare Excel-Datei (.xlsx)",
                    "Speichern Sie den Fragebogen in Excel oder LibreOffice im Format "
                    "„Excel 2007–365 (.xlsx)“ und lesen Sie ihn erneut ein.",
                )
            ]
        ) from None
    try:
        sheets: dict[str, Rows] = {
            str(sheet.title): [
                tuple(row)
                for row in sheet.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True)
            ]
            for sheet in book.worksheets
        }
    finally:
        book.close()
    return RawWorkbook(path, sheets)
