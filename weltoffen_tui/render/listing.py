"""The list of assessments in a data folder (``weltoffen list``).

Names, kinds, file names, error texts and the folder come from files and the file
system, so each passes ``core.textsafe.visible`` before it becomes a Rich ``Text``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from weltoffen_tui.core import texts
from weltoffen_tui.core.labels import format_coverage, format_iso_date, format_timestamp
from weltoffen_tui.core.storage.listing import total_for
from weltoffen_tui.core.storage.store import Listing
from weltoffen_tui.core.textsafe import visible

COLUMNS = (
    texts.MUNICIPALITY,
    texts.KIND,
    texts.DATE,
    texts.PROGRESS,
    texts.LAST_CHANGED,
    texts.FILE,
)


def rich_listing(
    directory: Path, entries: Sequence[Listing], totals: Mapping[str, int]
) -> RenderableType:
    """A table of the assessments, or a sentence saying how to start one.

    ``totals`` gives the number of questions of each pack (by questionnaire id), so each
    file's progress is counted against its own pack.
    """
    if not entries:
        return Text(visible(f"Keine Einschätzungen in {directory}. Neuer Selbstcheck: weltoffen"))
    table = Table(title=Text(visible(f"Einschätzungen in {directory}")), title_justify="left")
    for column in COLUMNS:
        table.add_column(column)
    for entry in entries:
        if entry.error:
            table.add_row(
                Text(texts.UNREADABLE, style="bold red"), "", "", "", "", Text(visible(entry.error))
            )
            continue
        table.add_row(
            Text(visible(entry.municipality)),
            Text(visible(entry.kind)),
            Text(visible(format_iso_date(entry.session_date))),
            format_coverage(entry.answered, total_for(entry, dict(totals))),
            format_timestamp(entry.updated),
            Text(visible(entry.path.name)),
        )
    return table


_BREAKS = re.compile("[\t\n\r\v\f\x85\u2028\u2029]+")


def _one_line(text: str) -> str:
    """User text on one line: controls made visible, tabs and line breaks as spaces."""
    return _BREAKS.sub(" ", visible(text))


def text_listing(directory: Path, entries: Sequence[Listing], totals: Mapping[str, int]) -> str:
    """The list as flowing text for a pipe or file: one line per assessment, the
    columns separated by tabs (greps and cuts well, nothing cropped, no table to lay out).
    """
    if not entries:
        return (
            _one_line(f"Keine Einschätzungen in {directory}. Neuer Selbstcheck: weltoffen") + "\n"
        )
    lines = [_one_line(f"Einschätzungen in {directory}"), "\t".join(COLUMNS)]
    for entry in entries:
        if entry.error:
            cells = [texts.UNREADABLE, "", "", "", "", entry.error]
        else:
            cells = [
                entry.municipality,
                entry.kind,
                format_iso_date(entry.session_date),
                format_coverage(entry.answered, total_for(entry, dict(totals))),
                format_timestamp(entry.updated),
                entry.path.name,
            ]
        lines.append("\t".join(_one_line(cell) for cell in cells))
    return "\n".join(lines) + "\n"
