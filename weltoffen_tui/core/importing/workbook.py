"""Filled workbooks → answers: pure logic on plain cell values (no openpyxl here).

The reader (``xlsx.read_workbook``) hands over each sheet as rows of values; this
module checks the structure against the pack (marker, pack id, version, checksum,
sheet names, question ids in their rows) and reads the answer and note cells. Every
problem names the file, the sheet and the cell; nothing is half-read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from weltoffen_tui.core.applicability import Municipality, kind_phrase
from weltoffen_tui.core.errors import Problem, UserError
from weltoffen_tui.core.importing import layout
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.textsafe import visible

Rows = Sequence[Sequence[object]]


class InputFileError(UserError):
    """A file that cannot be imported: wrong structure, unknown value, conflict."""


@dataclass(frozen=True)
class RawWorkbook:
    """What a workbook file holds, as plain values: sheet name → rows (first row is 1)."""

    path: Path
    sheets: dict[str, Rows]

    def cell(self, sheet: str, row: int, column: int) -> object:
        rows = self.sheets.get(sheet, ())
        if row - 1 >= len(rows):
            return None
        values = rows[row - 1]
        return values[column - 1] if column - 1 < len(values) else None


@dataclass(frozen=True)
class CellAnswer:
    """One answer read from a workbook, and where it stands."""

    field_id: str
    question_id: str
    value: int | str | None
    note: str
    sheet: str
    cell: str
    text: str = ""  # the cell as the person filled it in (for messages)


@dataclass
class FilledWorkbook:
    """The answers of one workbook and whose view they are."""

    path: Path
    pack_id: str
    version: str
    perspective: str
    answers: list[CellAnswer] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The perspective from the cover sheet, else the file name without suffix."""
        return self.perspective or self.path.stem


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _problem(path: Path, message: str, hint: str, sheet: str = "", cell: str = "") -> Problem:
    where = f"Blatt „{visible(sheet)}“" if sheet else ""
    if cell:
        where += f", Zelle {cell}"
    return Problem(path, message, hint, path=where)


def _quote(value: object) -> str:
    text = visible(_text(value))
    return f"„{text[:60]}{'…' if len(text) > 60 else ''}“"


def info_of(raw: RawWorkbook) -> dict[str, str]:
    """The key/value rows of the hidden sheet."""
    return {
        _text(row[0]): _text(row[1])
        for row in raw.sheets.get(layout.INFO_SHEET, ())
        if len(row) >= 2 and row[0] is not None
    }


REBUILD_HINT = (
    "Erzeugen Sie den Fragebogen neu (weltoffen questionnaire --format xlsx) und übertragen "
    "Sie die Antworten, oder machen Sie die Änderung rückgängig."
)


def read_filled(raw: RawWorkbook, find_pack: Callable[[str], Pack | None]) -> FilledWorkbook:
    """The answers of a filled workbook, or an InputFileError naming every problem."""
    path = raw.path
    info = info_of(raw)
    if info.get("marker") != layout.MARKER:
        raise InputFileError(
            [
                _problem(
                    path,
                    "Diese Datei ist kein Fragebogen von weltoffen-tui (oder das versteckte "
                    f"Blatt „{layout.INFO_SHEET}“ wurde verändert)",
                    "Lesen Sie nur Fragebögen ein, die mit „weltoffen questionnaire --format "
                    "xlsx“ erzeugt wurden.",
                )
            ]
        )
    pack = find_pack(info.get("pack", ""))
    if pack is None:
        raise InputFileError(
            [
                _problem(
                    path,
                    f"Der Fragebogen „{visible(info.get('pack', ''))}“ ist nicht installiert",
                    "Installieren Sie das Fragebogen-Paket, für das die Datei erzeugt wurde.",
                    layout.INFO_SHEET,
                    "B3",
                )
            ]
        )
    if info.get("version") != pack.version:
        raise InputFileError(
            [
                _problem(
                    path,
                    f"Die Datei gehört zur Fragebogen-Version {visible(info.get('version', ''))}, "
                    f"installiert ist Version {pack.version}",
                    "Erzeugen Sie den Fragebogen mit der installierten Version neu.",
                    layout.INFO_SHEET,
                    "B4",
                )
            ]
        )
    if info.get("checksum") != layout.checksum(pack):
        raise InputFileError(
            [
                _problem(
                    path,
                    "Die Struktur des Fragebogens passt nicht zum installierten Paket "
                    "(Prüfsumme verschieden)",
                    REBUILD_HINT,
                    layout.INFO_SHEET,
                    "B5",
                )
            ]
        )
    reader = layout.Reader.of(pack)
    problems: list[Problem] = []
    filled = FilledWorkbook(
        path,
        pack.id,
        pack.version,
        _text(raw.cell(layout.COVER_SHEET, layout.PERSPECTIVE_ROW, layout.PERSPECTIVE_COLUMN)),
    )
    titles = layout.sheet_titles(pack)
    present = set(raw.sheets)
    for title in titles:
        if title not in present:
            problems.append(
                _problem(
                    path,
                    f"Das Blatt „{visible(title)}“ fehlt (umbenannt oder gelöscht?)",
                    "Geben Sie dem Blatt seinen Namen zurück; " + REBUILD_HINT,
                )
            )
    extra = sorted(present - set(titles) - {layout.COVER_SHEET, layout.INFO_SHEET})
    for title in extra:
        problems.append(
            _problem(
                path,
                f"Das Blatt „{visible(title)}“ gehört nicht zum Fragebogen",
                "Löschen Sie das Blatt oder geben Sie ihm seinen ursprünglichen Namen zurück.",
                title,
            )
        )
    for title, action_field in zip(titles, pack.fields, strict=True):
        if title not in present:
            continue
        questions = action_field.questions
        for index, question in enumerate(questions):
            row = layout.FIRST_ROW + index
            found = _text(raw.cell(title, row, layout.ID_COLUMN))
            if found != question.id:
                problems.append(
                    _problem(
                        path,
                        f"Hier steht die Kennung {_quote(found) if found else '(leer)'}, "
                        f"erwartet ist „{question.id}“ – Zeilen wurden verschoben, gelöscht "
                        "oder eingefügt",
                        REBUILD_HINT,
                        title,
                        layout.cell_name(row, layout.ID_COLUMN),
                    )
                )
                break
            answer_cell = layout.cell_name(row, layout.ANSWER_COLUMN)
            raw_value = raw.cell(title, row, layout.ANSWER_COLUMN)
            try:
                # „entfällt für …“ stands where a question does not apply: no answer
                value = None if layout.is_not_applying_text(raw_value) else reader.value(raw_value)
            except KeyError:
                problems.append(
                    _problem(
                        path,
                        f"{_quote(raw_value)} ist keine Antwort",
                        f"Erlaubt sind {reader.allowed_text()} (oder die Zelle leer lassen).",
                        title,
                        answer_cell,
                    )
                )
                continue
            note = _text(raw.cell(title, row, layout.NOTE_COLUMN))
            if value is None and not note:
                continue
            filled.answers.append(
                CellAnswer(
                    action_field.id,
                    question.id,
                    value,
                    note,
                    title,
                    answer_cell,
                    _text(raw_value),
                )
            )
        else:
            after = layout.FIRST_ROW + len(questions)
            stray = _text(raw.cell(title, after, layout.ID_COLUMN)) or _text(
                raw.cell(title, after, layout.ANSWER_COLUMN)
            )
            if stray:
                problems.append(
                    _problem(
                        path,
                        f"Unter der letzten Frage steht noch {_quote(stray)} – Zeilen wurden "
                        "eingefügt oder verschoben",
                        REBUILD_HINT,
                        title,
                        layout.cell_name(after, layout.ID_COLUMN),
                    )
                )
    if problems:
        raise InputFileError(problems)
    return filled


def _not_applying_note(
    file_name: str, sheet: str, cell: str, question_id: str, where: Municipality
) -> str:
    """The note for a dropped workbook answer: file, sheet, cell, why, what happens."""
    return (
        f"{visible(file_name)}, Blatt „{visible(sheet)}“, Zelle {cell}: Frage {question_id} gilt "
        f"{kind_phrase(*where)} nicht – die Antwort wird nicht übernommen."
    )


def made_for(raw: RawWorkbook) -> Municipality | None:
    """The municipality a workbook was made for (hidden sheet), None for a blank one."""
    info = info_of(raw)
    kind = info.get(layout.KIND_KEY, "")
    if not kind:
        return None
    return kind, {"ja": True, "nein": False}.get(info.get(layout.KREISFREI_KEY, ""))


def drop_not_applying(workbook: FilledWorkbook, pack: Pack, where: Municipality) -> list[str]:
    """Take out the answers to questions that do not apply to the municipality.

    Returns one note per dropped answer (file, sheet, cell); a „Trifft nicht zu“
    without a note goes without one. The rest of the workbook is imported as it is.
    """
    kept: list[CellAnswer] = []
    notes: list[str] = []
    for answer in workbook.answers:
        found = pack.question(answer.question_id)
        if found is None or layout.applies(*found, where):
            kept.append(answer)
            continue
        if layout.worth_a_note(answer.value, answer.note):
            notes.append(
                _not_applying_note(
                    workbook.path.name, answer.sheet, answer.cell, answer.question_id, where
                )
            )
    workbook.answers[:] = kept
    return notes


@dataclass(frozen=True)
class Merged:
    """Answers of several workbooks for one assessment, by field and question."""

    answers: dict[str, dict[str, tuple[int | str | None, str]]]
    labels: list[str]


def merge(workbooks: Sequence[FilledWorkbook]) -> Merged:
    """One set of answers from several workbooks; a different value twice is an error.

    The same value from two workbooks is fine; their notes are joined, each with the
    perspective it came from. A note without a value is kept as a note.
    """
    chosen: dict[tuple[str, str], tuple[CellAnswer, FilledWorkbook]] = {}
    notes: dict[tuple[str, str], list[tuple[str, str]]] = {}
    problems: list[Problem] = []
    for workbook in workbooks:
        for answer in workbook.answers:
            key = (answer.field_id, answer.question_id)
            if answer.note:
                notes.setdefault(key, []).append((workbook.label, answer.note))
            if answer.value is None:
                continue
            earlier = chosen.get(key)
            if earlier is None:
                chosen[key] = (answer, workbook)
                continue
            first, first_book = earlier
            if first.value != answer.value:
                problems.append(
                    Problem(
                        workbook.path,
                        f"Frage {answer.question_id} ist unterschiedlich beantwortet: hier "
                        f"{_quote(answer.text)} (Blatt „{visible(answer.sheet)}“, Zelle "
                        f"{answer.cell}), in {visible(first_book.path.name)} "
                        f"{_quote(first.text)} (Blatt „{visible(first.sheet)}“, Zelle "
                        f"{first.cell})",
                        "Einigen Sie sich auf eine Antwort und korrigieren Sie eine Datei, oder "
                        "lesen Sie die Dateien mit --perspektiven als getrennte Perspektiven ein.",
                    )
                )
    if problems:
        raise InputFileError(problems)
    result: dict[str, dict[str, tuple[int | str | None, str]]] = {}
    keys = [*chosen, *(key for key in notes if key not in chosen)]
    for key in keys:
        value = chosen[key][0].value if key in chosen else None
        written = notes.get(key, [])
        if len(written) == 1 or len({note for _, note in written}) == 1:
            note = written[0][1] if written else ""
        else:
            note = "\n".join(f"{label}: {text}" for label, text in written)
        result.setdefault(key[0], {})[key[1]] = (value, note)
    return Merged(result, [w.label for w in workbooks])
