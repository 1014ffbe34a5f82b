"""Reading an xlsx file into plain values (openpyxl, imported only here and only when used)."""

from __future__ import annotations

from pathlib import Path

from weltoffen_tui.core.errors import Problem
from weltoffen_tui.core.importing.workbook import InputFileError, RawWorkbook, Rows

MAX_BYTES = 20 * 1024 * 1024
# Enough for any questionnaire sheet; a sheet filled with a million rows is not read whole.
MAX_ROWS = 2000
MAX_COLUMNS = 12


def unreadable(path: Path, exc: OSError) -> InputFileError:
    """A German message for a file that cannot be opened."""
    if isinstance(exc, FileNotFoundError):
        message, hint = "Die Datei gibt es nicht", "Prüfen Sie Namen und Ordner."
    elif isinstance(exc, IsADirectoryError):
        message, hint = "Das ist ein Ordner, keine Datei", "Geben Sie die Dateien einzeln an."
    elif isinstance(exc, PermissionError):
        message, hint = "Keine Leserechte für die Datei", "Prüfen Sie die Rechte der Datei."
    else:
        message = f"Die Datei lässt sich nicht lesen ({exc.strerror or exc})"
        hint = "Prüfen Sie Namen und Leserechte."
    return InputFileError([Problem(path, message, hint)])


def read_workbook(path: Path) -> RawWorkbook:
    """Every sheet's cell values (read-only, values not formulas), or a clear error."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError(path)
    except OSError as exc:
        raise unreadable(path, exc) from None
    if size > MAX_BYTES:
        raise InputFileError(
            [
                Problem(
                    path,
                    "Die Datei ist zu groß für einen ausgefüllten Fragebogen (mehr als 20 MB)",
                    "Lesen Sie nur Fragebögen ein, die weltoffen-tui erzeugt hat.",
                )
            ]
        )
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheets: dict[str, Rows] = {
                str(sheet.title): [
                    tuple(row)
                    for row in sheet.iter_rows(
                        max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True
                    )
                ]
                for sheet in book.worksheets
            }
        finally:
            book.close()
    except PermissionError as exc:
        raise unreadable(path, exc) from None
    except Exception:  # a damaged or foreign file: any parser error means the same to a user
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
    return RawWorkbook(path, sheets)
