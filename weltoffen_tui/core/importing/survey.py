"""Survey tools (ODK, KoboToolbox, Enketo): names in the XLSForm, and reading CSV exports.

The XLSForm (render/xlsform.py) names each question ``q_<id>`` and its note ``n_<id>``
(hyphens become underscores, as XML names need), inside a group ``f_<field id>``. A
survey tool's CSV export has one row per submission and one column per question,
often with the group path before the name (``f_fairer_zugang/q_fz_01`` in
KoboToolbox, ``f_fairer_zugang-q_fz_01`` in ODK Central); both are understood.
The answers are the choice names (``1`` … , ``weiss_nicht``, ``trifft_nicht_zu``) or
their labels.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from weltoffen_tui.core.applicability import Municipality, kind_phrase
from weltoffen_tui.core.errors import Problem
from weltoffen_tui.core.importing import layout
from weltoffen_tui.core.importing.layout import Reader
from weltoffen_tui.core.importing.workbook import InputFileError
from weltoffen_tui.core.labels import NOT_APPLICABLE_LABEL, UNKNOWN_LABEL
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.core.values import NOT_APPLICABLE, UNKNOWN

ROLE_NAME = "rolle"
KIND_NAME = "art"  # the first questions of a form for no particular kind (render/xlsform.py)
KREISFREI_NAME = "kreisfrei"
CHOICE_LIST = "antwort"
MAX_BYTES = 50 * 1024 * 1024


def xml_name(identifier: str) -> str:
    """A pack id as part of an XML name: hyphens become underscores."""
    return identifier.replace("-", "_").replace(".", "_")


def question_name(question_id: str) -> str:
    return "q_" + xml_name(question_id)


def note_name(question_id: str) -> str:
    return "n_" + xml_name(question_id)


def group_name(field_id: str) -> str:
    return "f_" + xml_name(field_id)


def _last_segment(header: str) -> str:
    """``grp/q_x`` or ``grp-q_x`` → ``q_x`` (our names have neither ``/`` nor ``-``)."""
    return header.strip().replace("-", "/").rsplit("/", 1)[-1]


@dataclass
class Submission:
    """One submitted form: its line in the CSV file, its role, its answers."""

    line: int
    role: str
    answers: dict[str, dict[str, tuple[int | str | None, str]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Group:
    """A perspective made from submissions: a label and its answers."""

    label: str
    answers: dict[str, dict[str, tuple[int | str | None, str]]]
    count: int


def _decode(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        from weltoffen_tui.core.importing.xlsx import unreadable

        raise unreadable(path, exc) from None
    if len(data) > MAX_BYTES:
        raise InputFileError(
            [Problem(path, "Die Datei ist zu groß (mehr als 50 MB)", "Teilen Sie den Export auf.")]
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputFileError(
        [Problem(path, "Die Datei ist keine Textdatei", "Exportieren Sie die Antworten als CSV.")]
    )  # pragma: no cover - cp1252 decodes almost anything


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=header.count)


LINES_SHOWN = 5


def _lines(lines: Sequence[int]) -> str:
    shown = [str(n) for n in lines[:LINES_SHOWN]]
    more = len(lines) - len(shown)
    if len(lines) == 1:
        return f"Zeile {shown[0]}"
    if more:
        return f"Zeilen {', '.join(shown)} und {more} weitere"
    return f"Zeilen {', '.join(shown[:-1])} und {shown[-1]}"


def _not_applying_note(
    file_name: str, column: str, lines: Sequence[int], question_id: str, where: Municipality
) -> str:
    """The note for dropped survey answers of one question: file, column, lines."""
    plural = len(lines) != 1
    return (
        f"{visible(file_name)}, Spalte „{visible(column)}“, {_lines(lines)}: Frage {question_id} "
        f"gilt {kind_phrase(*where)} nicht – "
        + ("diese Antworten werden" if plural else "die Antwort wird")
        + " nicht übernommen."
    )


def read_submissions(path: Path, pack: Pack, role_column: str | None = None) -> list[Submission]:
    """Every submission of a CSV export, or an InputFileError naming line and column."""
    return read_survey(path, pack, role_column)[0]


def read_survey(
    path: Path,
    pack: Pack,
    role_column: str | None = None,
    where: Municipality | None = None,
) -> tuple[list[Submission], list[str]]:
    """Every submission of a CSV export and the notes on answers left out.

    With ``where`` (kind, kreisfrei) answers to questions that do not apply to that
    municipality are not kept; one note per question names the column and the lines.
    An InputFileError names line and column of anything that cannot be read.
    """
    path = Path(path)
    text = _decode(path)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = next(rows)
    except (StopIteration, csv.Error):
        header = []
    by_name = {_last_segment(h): index for index, h in enumerate(header)}
    columns: list[tuple[str, str, int, int | None]] = []
    not_applying: set[str] = set()
    for action_field, question in pack.iter_questions():
        index = by_name.get(question_name(question.id))
        if index is not None:
            columns.append(
                (action_field.id, question.id, index, by_name.get(note_name(question.id)))
            )
            if not layout.applies(action_field, question, where):
                not_applying.add(question.id)
    dropped: dict[tuple[str, int], list[int]] = {}
    if not columns:
        raise InputFileError(
            [
                Problem(
                    path,
                    f"In der Kopfzeile steht keine Frage des Fragebogens „{pack.meta.title}“",
                    "Exportieren Sie die Antworten der Umfrage, die mit „weltoffen questionnaire "
                    "--format xlsform“ erzeugt wurde, als CSV (eine Zeile je Antwort, Spalten "
                    "mit den Namen der Fragen wie q_…).",
                    line=1,
                )
            ]
        )
    role_index: int | None = None
    if role_column is not None:
        stripped = [h.strip() for h in header]
        role_index = (
            stripped.index(role_column.strip())
            if role_column.strip() in stripped
            else by_name.get(_last_segment(role_column))
        )
        if role_index is None:
            raise InputFileError(
                [
                    Problem(
                        path,
                        f"Die Spalte „{visible(role_column)}“ gibt es nicht",
                        "Nennen Sie bei --je-rolle den Namen einer Spalte aus der Kopfzeile, "
                        f"z. B. „{ROLE_NAME}“.",
                        line=1,
                    )
                ]
            )
    elif ROLE_NAME in by_name:
        role_index = by_name[ROLE_NAME]
    reader = Reader.of(pack)
    problems: list[Problem] = []
    submissions: list[Submission] = []
    try:
        for row in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            role = (
                row[role_index].strip() if role_index is not None and role_index < len(row) else ""
            )
            submission = Submission(line, role)
            for field_id, question_id, index, note_index in columns:
                raw = row[index] if index < len(row) else ""
                try:
                    value = reader.value(raw)
                except KeyError:
                    shown = visible(raw.strip())[:60]
                    problems.append(
                        Problem(
                            path,
                            f"„{shown}“ ist keine Antwort",
                            f"Erlaubt sind {reader.allowed_text()}, die Werte 1 bis "
                            f"{max(s.value for s in pack.meta.scale)}, {UNKNOWN} oder "
                            f"{NOT_APPLICABLE}, oder leer.",
                            path=f"Zeile {line}, Spalte „{visible(header[index])}“",
                        )
                    )
                    continue
                note = (
                    row[note_index].strip()
                    if note_index is not None and note_index < len(row)
                    else ""
                )
                if value is None and not note:
                    continue
                if question_id in not_applying:
                    if layout.worth_a_note(value, note):
                        dropped.setdefault((question_id, index), []).append(line)
                    continue
                submission.answers.setdefault(field_id, {})[question_id] = (value, note)
            submissions.append(submission)
    except csv.Error as exc:
        problems.append(
            Problem(
                path,
                f"Die CSV-Datei ist beschädigt ({exc})",
                "Exportieren Sie neu.",
                line=rows.line_num,
            )
        )
    if problems:
        raise InputFileError(problems[:20])
    if not submissions:
        raise InputFileError(
            [
                Problem(
                    path, "Die Datei enthält keine Antworten", "Exportieren Sie die Antworten neu."
                )
            ]
        )
    notes = [
        _not_applying_note(path.name, header[index].strip(), lines, question_id, where)
        for (question_id, index), lines in dropped.items()
        if where is not None
    ]
    return submissions, notes


def median_answer(values: Sequence[int | str]) -> int | str:
    """The answer of a group: the lower median of the graded answers.

    „Weiß nicht“ and „Trifft nicht zu“ do not count in the median; with an even number
    of graded answers the lower of the two middle values is taken (a self-check rather
    underestimates). Without any graded answer the more frequent of the two others
    wins, „Weiß nicht“ on a tie.
    """
    graded = sorted(v for v in values if isinstance(v, int))
    if graded:
        return graded[(len(graded) - 1) // 2]
    counts = Counter(values)
    return NOT_APPLICABLE if counts[NOT_APPLICABLE] > counts[UNKNOWN] else UNKNOWN


def _spread(values: Sequence[int | str]) -> str:
    """``3 Antworten in der Umfrage: Wert 1: 1×, Wert 3: 2×``."""
    counts = Counter(values)
    parts = [f"Wert {v}: {counts[v]}×" for v in sorted(v for v in counts if isinstance(v, int))]
    if counts[UNKNOWN]:
        parts.append(f"{UNKNOWN_LABEL}: {counts[UNKNOWN]}×")
    if counts[NOT_APPLICABLE]:
        parts.append(f"{NOT_APPLICABLE_LABEL}: {counts[NOT_APPLICABLE]}×")
    total = len(values)
    return f"{total} {'Antwort' if total == 1 else 'Antworten'} in der Umfrage: " + ", ".join(parts)


NO_ROLE = "ohne Rolle"


def by_role(submissions: Sequence[Submission]) -> list[Group]:
    """One perspective per role: the median answer per question (see ``median_answer``)."""
    roles: dict[str, list[Submission]] = {}
    for submission in submissions:
        roles.setdefault(submission.role or NO_ROLE, []).append(submission)
    groups: list[Group] = []
    for role, members in roles.items():
        values: dict[tuple[str, str], list[int | str]] = {}
        notes: dict[tuple[str, str], list[str]] = {}
        for member in members:
            for field_id, answers in member.answers.items():
                for question_id, (value, note) in answers.items():
                    key = (field_id, question_id)
                    if value is not None:
                        values.setdefault(key, []).append(value)
                    if note:
                        notes.setdefault(key, []).append(note)
        answers_out: dict[str, dict[str, tuple[int | str | None, str]]] = {}
        for key in [*values, *(k for k in notes if k not in values)]:
            given = values.get(key, [])
            lines = [_spread(given)] if given else []
            lines += [f"– {note}" for note in notes.get(key, [])]
            answers_out.setdefault(key[0], {})[key[1]] = (
                median_answer(given) if given else None,
                "\n".join(lines),
            )
        groups.append(Group(role, answers_out, len(members)))
    return groups


def one_each(submissions: Sequence[Submission]) -> list[Group]:
    """One perspective per submission, labelled by its role (if any) and its line."""
    return [
        Group(
            f"{s.role} (Zeile {s.line})" if s.role else f"Umfrage, Zeile {s.line}",
            s.answers,
            1,
        )
        for s in submissions
    ]
