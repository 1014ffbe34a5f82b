"""Reading and writing assessment files safely.

Writes are atomic (temporary file, fsync, rename) and keep the previous version as
``<name>.toml.bak``. A file that cannot be read or validated raises
AssessmentFileError and is never written to.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from weltoffen_tui.core.atomic import NAME_MAX, fit_name, write_atomic
from weltoffen_tui.core.errors import AssessmentFileError, Problem, StoreError
from weltoffen_tui.core.values import ANSWER_VALUES, KINDS, SCHEMA_VERSION

if TYPE_CHECKING:
    from weltoffen_tui.core.assessment import Assessment

SUFFIX = ".toml"
BACKUP_SUFFIX = ".bak"
MAX_FILE_BYTES = 5 * 1024 * 1024
# Lists and tables nested deeper than this are refused on reading: an assessment
# needs four levels, and every level costs stack when the file is saved again.
MAX_NESTING = 32
HEADER = (
    "# Einschätzung einer Kommune; welcher Fragebogen, steht bei questionnaire.\n"
    "# Erstellt mit weltoffen-tui. Das Format ist in der README beschrieben.\n"
    "# Achtung: Beim Speichern schreibt das Programm die Datei neu; eigene Kommentare\n"
    "# (Zeilen mit #) gehen dabei verloren. Schreiben Sie Anmerkungen als Notiz\n"
    '# (note = "…") zur jeweiligen Antwort.\n\n'
)


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept (``<name>.bak``).

    A name at the file-name limit is shortened before the suffix, so a long file
    name still gets its backup.
    """
    return path.with_name(fit_name(path.name, NAME_MAX - len(BACKUP_SUFFIX)) + BACKUP_SUFFIX)


def _megabytes(size: int) -> str:
    """A size in MB as a German reads it: ``5,0``."""
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


class _NotRegular(OSError):
    """The path is a named pipe, a device or a socket, not a file with content."""


class _TooLarge(OSError):
    """The file is larger than a reader allows."""

    def __init__(self, size: int) -> None:
        super().__init__(errno.EFBIG, "too large")
        self.size = size


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, never blocking.

    Opened without blocking (a named pipe without writer would wait forever) and
    checked to be a regular file on the open descriptor, so a swap between check and
    read is impossible; at most ``limit + 1`` bytes are read, so a file that grows or
    lies about its size cannot exhaust memory. OSError otherwise (IsADirectoryError
    for a folder, _NotRegular, _TooLarge).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise _NotRegular(errno.EINVAL, "not a regular file", str(path))
        if info.st_size > limit:
            raise _TooLarge(info.st_size)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise _TooLarge(len(data))
    return data


def read_text(path: Path) -> str:
    """The text of an assessment file, or AssessmentFileError with a clear reason.

    Only a regular file of at most MAX_FILE_BYTES is read (see ``read_bounded``); a
    UTF-8 byte-order mark at the start (Windows Notepad) is dropped.
    """
    path = Path(path)
    try:
        data = read_bounded(path, MAX_FILE_BYTES)
        text = data.decode("utf-8")
    except FileNotFoundError:
        raise AssessmentFileError(
            [
                Problem(
                    path,
                    "Datei nicht gefunden",
                    "Prüfen Sie den Pfad; »weltoffen list« zeigt die vorhandenen Einschätzungen.",
                )
            ]
        ) from None
    except IsADirectoryError:
        raise AssessmentFileError(
            [Problem(path, "Das ist ein Ordner, keine Datei", "Geben Sie eine .toml-Datei an.")]
        ) from None
    except PermissionError:
        raise AssessmentFileError(
            [Problem(path, "Keine Leserechte für die Datei", "Prüfen Sie die Dateirechte.")]
        ) from None
    except _NotRegular:
        raise AssessmentFileError(
            [
                Problem(
                    path,
                    "Das ist keine gewöhnliche Datei (sondern z. B. eine benannte Pipe oder "
                    "ein Gerät)",
                    "Geben Sie eine gespeicherte .toml-Datei an.",
                )
            ]
        ) from None
    except _TooLarge as exc:
        raise AssessmentFileError(
            [
                Problem(
                    path,
                    f"Datei ist zu groß für eine Einschätzung (mehr als "
                    f"{_megabytes(MAX_FILE_BYTES)} MB: {_megabytes(exc.size)} MB)",
                    "Prüfen Sie, ob Sie die richtige Datei gewählt haben.",
                )
            ]
        ) from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AssessmentFileError(
            [
                Problem(
                    path,
                    "Datei ist nicht UTF-8-kodiert",
                    "Speichern Sie sie im Editor als UTF-8 und versuchen Sie es erneut.",
                    line=line,
                )
            ]
        ) from None
    except OSError as exc:
        raise AssessmentFileError(
            [Problem(path, f"Datei nicht lesbar ({exc.strerror})", "Prüfen Sie den Datenträger.")]
        ) from None
    return text.removeprefix("\ufeff")


def parse_assessment(text: str, path: Path) -> Assessment:
    """Parse and validate the text of an assessment file."""
    # here, not at the top: the start screen of an empty folder parses none
    from weltoffen_tui.core import tomlparse

    try:
        data = tomlparse.loads(text)
    except RecursionError:
        raise AssessmentFileError([_too_deep(path)]) from None
    except tomlparse.TOMLDecodeError as exc:
        from weltoffen_tui.core.diagnostics import toml_syntax_problem

        raise AssessmentFileError(
            [
                toml_syntax_problem(
                    path,
                    exc,
                    "Korrigieren Sie die Zeile im Editor oder stellen Sie die Sicherung "
                    f"{backup_path(path).name} wieder her.",
                    text,
                )
            ]
        ) from None
    if nesting_depth(data) > MAX_NESTING:
        raise AssessmentFileError([_too_deep(path)])
    duplicate = _duplicate_measure(data)
    if duplicate is not None:
        from weltoffen_tui.core.diagnostics import line_of

        index, measure_id = duplicate
        raise AssessmentFileError(
            [
                Problem(
                    path,
                    f"Maßnahme „{measure_id}“ ist doppelt angegeben",
                    "Jede Maßnahme braucht eine eigene Kennung (id): ändern oder entfernen "
                    "Sie den zweiten Eintrag.",
                    line=line_of(text, ("measures", index, "id")),
                    path=f"measures.{index}.id",
                )
            ]
        )
    from weltoffen_tui.core.storage.plain import plain_assessment

    plain = plain_assessment(data)  # most files: no validator to build or run
    if plain is not None:
        return plain
    from pydantic import ValidationError

    from weltoffen_tui.core.assessment import Assessment

    try:
        return Assessment.model_validate(data)
    except ValidationError as exc:
        from weltoffen_tui.core.diagnostics import validation_problems

        raise AssessmentFileError(validation_problems(path, text, exc)) from None


def nesting_depth(data: Any) -> int:
    """How deeply lists and tables nest in ``data`` (counted without recursion)."""
    # Level by level, with a tuple for isinstance (a `dict | list` union is several
    # times slower): this runs for every file opened or listed.
    containers = (dict, list)
    depth = 0
    level: list[Any] = [data] if isinstance(data, containers) else []
    while level:
        depth += 1
        below: list[Any] = []
        add = below.append
        for value in level:
            for child in value.values() if isinstance(value, dict) else value:
                if isinstance(child, containers):
                    add(child)
        level = below
    return depth


def _duplicate_measure(data: dict[str, Any]) -> tuple[int, str] | None:
    """(index, id) of the first measure whose id an earlier one already has, if any."""
    measures = data.get("measures")
    if not isinstance(measures, list):
        return None
    seen: set[str] = set()
    for index, measure in enumerate(measures):
        measure_id = measure.get("id") if isinstance(measure, dict) else None
        if isinstance(measure_id, str):
            if measure_id in seen:
                return index, measure_id
            seen.add(measure_id)
    return None


def _too_deep(path: Path) -> Problem:
    """A German problem for lists or tables nested too deeply to be read."""
    return Problem(
        path,
        "Die Datei ist zu tief verschachtelt (Listen oder Tabellen ineinander) und kann "
        "nicht gelesen werden",
        "Eine Einschätzung sieht anders aus: prüfen Sie, ob Sie die richtige Datei gewählt "
        f"haben, oder stellen Sie die Sicherung {backup_path(path).name} wieder her.",
    )


def load_assessment(path: Path) -> Assessment:
    """Read, parse and validate an assessment file."""
    path = Path(path)
    return parse_assessment(read_text(path), path)


def dumps_assessment(assessment: Assessment) -> str:
    """The TOML text of an assessment (what save writes)."""
    import tomli_w

    data = assessment.model_dump(mode="python", exclude_none=True)
    if not data.get("perspective"):  # optional: files without one stay as they were
        data.pop("perspective", None)
    if not data.get("targets"):  # optional: files without targets stay as they were
        data.pop("targets", None)
    for source in data.get("sources", []):
        if not source.get("perspective"):
            source.pop("perspective", None)
    return HEADER + tomli_w.dumps(data)


def save_assessment(assessment: Assessment, path: Path) -> bytes:
    """Write atomically and keep the previous version as a backup.

    The file keeps its permission mode (colleagues on a shared folder keep their
    access; a new file gets the usual mode of the user's umask), and a symbolic link
    is written through: its target gets the answers and the link stays a link.
    Returns the bytes written. On any failure the file on disk is unchanged and
    StoreError says why.
    """
    path = Path(path)
    target = save_target(path)
    try:
        payload = dumps_assessment(assessment).encode("utf-8")
    except RecursionError:
        raise StoreError(
            [
                Problem(
                    path,
                    "Speichern nicht möglich: zusätzliche Einträge sind zu tief verschachtelt",
                    "Ihre Antworten sind noch im Programm, die Datei auf dem Datenträger ist "
                    "unverändert.",
                )
            ]
        ) from None
    if len(payload) > MAX_FILE_BYTES:  # what can be saved can always be read again
        raise StoreError(
            [
                Problem(
                    path,
                    f"Speichern nicht möglich: die Einschätzung wäre zu groß "
                    f"({_megabytes(len(payload))} MB, erlaubt sind "
                    f"{_megabytes(MAX_FILE_BYTES)} MB)",
                    "Kürzen Sie lange Notizen; Ihre Antworten sind noch im Programm, die "
                    "Datei auf dem Datenträger ist unverändert.",
                )
            ]
        )
    try:
        write_atomic(target, payload, mode=_mode_for(target), backup=backup_path(target))
    except OSError as exc:
        raise StoreError([_write_problem(path, exc)]) from None
    return payload


def save_target(path: Path) -> Path:
    """The file a save replaces: the final target of a symbolic link, else ``path``."""
    if not path.is_symlink():
        return path
    return Path(os.path.realpath(path))


def _mode_for(target: Path) -> int:
    """The permission bits the saved file gets: those it has, or 0o666 minus the umask."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write_problem(path: Path, exc: OSError) -> Problem:
    """A German problem for a failed write that tells the user the answers are not lost."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return Problem(
            path,
            "Speichern nicht möglich: keine Schreibrechte im Ordner",
            "Wählen Sie mit --data-dir einen beschreibbaren Ordner; Ihre Antworten sind "
            "noch im Programm.",
        )
    if exc.errno == errno.ENOSPC:
        return Problem(
            path,
            "Speichern nicht möglich: der Datenträger ist voll",
            "Schaffen Sie Platz und speichern Sie erneut; Ihre Antworten sind noch im Programm.",
        )
    return Problem(
        path,
        f"Speichern nicht möglich ({exc.strerror or exc})",
        "Die Datei auf dem Datenträger ist unverändert.",
    )


def slugify(text: str) -> str:
    """A file-name-safe form of a municipality's name (umlauts kept readable)."""
    text = text.strip().lower()
    for src, dst in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(src, dst)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:60] or "kommune"


def new_assessment_path(directory: Path, municipality: str, when: date | None = None) -> Path:
    """A new, unused file name such as ``musterstadt-2026-11-25.toml``.

    ``when`` is the session date (a datetime counts by its date); default today.
    """
    if when is None:
        from weltoffen_tui.core.timestamps import today

        when = today()
    day = when
    stamp = (day.date() if isinstance(day, datetime) else day).isoformat()
    base = f"{slugify(municipality)}-{stamp}"
    candidate = Path(directory) / f"{base}{SUFFIX}"
    counter = 2
    while candidate.exists():
        candidate = Path(directory) / f"{base}-{counter}{SUFFIX}"
        counter += 1
    return candidate


@dataclass(frozen=True)
class Listing:
    """One file in the data directory: its summary, or why it cannot be read."""

    path: Path
    municipality: str = ""
    kind: str = ""
    session_date: str = ""
    updated: datetime | None = None
    answered: int = 0
    questionnaire: str = ""
    roles: str = ""
    error: str = ""
    unknown_answers: int = 0  # answers to question ids the pack does not know
    label: str = ""  # the perspective label (assessment.perspective_label)
    sources: str = ""  # a consensus file: the perspectives it was merged from
    kreisfrei: bool | None = None  # a Stadt: kreisfrei or not (which questions apply)


def _label_parts(respondents: list[Any]) -> list[tuple[str, str]]:
    """(name, role) of respondents given as models or as raw tables."""
    parts = []
    for person in respondents:
        if isinstance(person, dict):
            parts.append((str(person.get("name", "")), str(person.get("role", ""))))
        else:
            parts.append((person.name, person.role))
    return parts


def roles_of(respondents: list[Any]) -> str:
    """The respondents' roles (or names), to tell perspectives of one municipality apart."""
    parts = []
    for person in respondents:
        role = person.get("role") if isinstance(person, dict) else getattr(person, "role", "")
        name = person.get("name") if isinstance(person, dict) else getattr(person, "name", "")
        if role or name:
            parts.append(str(role or name))
    return ", ".join(parts)


def assessment_files(directory: Path) -> list[Path]:
    """The assessment files in a directory (backups and temporary files excluded)."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    return sorted(
        p for p in directory.iterdir() if p.suffix == SUFFIX and not p.name.startswith(".")
    )


def visible_path(path: Path) -> Path:
    """``path`` as it can be shown: bytes that are not UTF-8 appear as ``\\xff``."""
    raw = os.fsencode(path)
    return Path(raw.decode("utf-8", "backslashreplace"))


def name_is_text(path: Path) -> bool:
    """Whether a file name is valid UTF-8 (else it cannot be shown or indexed)."""
    try:
        os.fsencode(path.name).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def read_listing(path: Path, packs_root: Path | None = None) -> Listing:
    """The summary of one file for a listing, read without building the full model.

    Listing hundreds of files must stay close to the cost of parsing them, so this
    checks the raw data strictly, with exactly what opening the file would check
    (types, dates, scale, schema, unique measures, a known questionnaire). Anything
    unusual is validated in full, so what the listing shows as fine always opens.
    ``answered`` counts answers to questions the pack knows; answers to other question
    ids are counted apart (``unknown_answers``), so the progress never exceeds 100 %.
    A file whose name is not UTF-8 is listed as unreadable, its name shown escaped.
    """
    if not name_is_text(path):
        return Listing(
            path=path,
            error=str(
                Problem(
                    visible_path(path),
                    "Der Dateiname ist nicht UTF-8-kodiert",
                    "Benennen Sie die Datei um (Buchstaben, Ziffern und Bindestriche).",
                )
            ),
        )
    from weltoffen_tui.core import tomlparse

    root = packs_root if packs_root is not None else _default_packs_root()
    try:
        data = tomlparse.loads(read_text(path))
        summary = _light_summary(path, data, root)
    except (AssessmentFileError, tomlparse.TOMLDecodeError, RecursionError, _NotLight):
        summary = None
    if summary is not None:
        return summary
    try:
        text = read_text(path)
        assessment = parse_assessment(text, path)
        ids = _pack_questions(root, assessment.questionnaire, assessment.kind, assessment.kreisfrei)
        if ids is None:
            raise unknown_questionnaire(assessment.questionnaire, path, text, root)
        _check_scale(assessment, path, text, root)
    except AssessmentFileError as exc:
        return Listing(path=path, error=str(replace(exc.problems[0], file=visible_path(path))))
    from weltoffen_tui.core.perspective import perspective_label, sources_label

    known = _pack_questions(root, assessment.questionnaire) or ids
    answered = unknown = 0
    for field_id, by_question in assessment.answers.items():
        for question_id, answer in by_question.items():
            if answer.is_answered:
                if (field_id, question_id) in ids:
                    answered += 1
                elif (field_id, question_id) not in known:  # not merely not applying
                    unknown += 1
    return Listing(
        path=path,
        municipality=assessment.municipality,
        kind=assessment.kind,
        session_date=assessment.session_date.isoformat() if assessment.session_date else "",
        updated=assessment.updated,
        answered=answered,
        questionnaire=assessment.questionnaire,
        roles=roles_of(assessment.respondents),
        unknown_answers=unknown,
        label=perspective_label(assessment, path.name),
        sources=sources_label(assessment),
        kreisfrei=assessment.kreisfrei,
    )


def unknown_questionnaire(
    questionnaire: str, path: Path, text: str, root: Path | None
) -> AssessmentFileError:
    """The error for an assessment whose questionnaire is not one of the packs in ``root``
    (None: not one of the installed packs, see core/pack/registry)."""
    from weltoffen_tui.core.diagnostics import line_of

    if root is None:
        from weltoffen_tui.core.pack.registry import installed

        hint = (
            f"Installiert sind: {', '.join(installed().ids()) or 'keine'}. Prüfen Sie den "
            "Eintrag questionnaire, oder installieren Sie das Paket (weltoffen packs zeigt, "
            "wo Pakete gesucht werden)."
        )
    else:
        known = sorted(p.parent.name for p in root.glob("*/pack.toml"))
        hint = f"Bekannt sind: {', '.join(known)}. Prüfen Sie den Eintrag questionnaire."
    return AssessmentFileError(
        [
            Problem(
                path,
                f"Fragebogen „{questionnaire}“ ist nicht bekannt",
                hint,
                line=line_of(text, ("questionnaire",)) if text else None,
                path="questionnaire",
            )
        ]
    )


def _default_packs_root() -> Path | None:
    """None: every installed pack (core/pack/registry), not one folder."""
    return None


def _pack_dir(root: Path | None, questionnaire: str) -> Path | None:
    """The folder of the pack an assessment names: in ``root``, else wherever installed."""
    if not _SLUG.match(questionnaire):
        return None
    if root is None:
        from weltoffen_tui.core.pack.registry import find

        return find(questionnaire)
    directory = root / questionnaire
    return directory if (directory / "pack.toml").is_file() else None


def _pack_questions(
    root: Path | None, questionnaire: str, kind: str = "", kreisfrei: bool | None = None
) -> frozenset[tuple[str, str]] | None:
    """The (field, question) ids of a pack that apply to the municipality, or None.

    Without ``kind`` every question of the pack counts.
    """
    directory = _pack_dir(root, questionnaire)
    if directory is None:
        return None
    from weltoffen_tui.core.applicability import applicable_ids
    from weltoffen_tui.core.pack.info import question_ids

    return applicable_ids(directory, kind, kreisfrei) if kind else question_ids(directory)


def _pack_steps(root: Path | None, questionnaire: str) -> int | None:
    """The number of graded steps of the pack's scale (read cheaply), or None."""
    directory = _pack_dir(root, questionnaire)
    if directory is None:
        return None
    from weltoffen_tui.core.pack.info import step_count

    return step_count(directory)


def _check_scale(assessment: Any, path: Path, text: str, root: Path | None) -> None:
    """What opening checks: every graded answer on the pack's scale (AssessmentFileError)."""
    directory = _pack_dir(root, assessment.questionnaire)
    if directory is None:
        return
    from weltoffen_tui.core.pack.load import load_pack

    check_answers(assessment, load_pack(directory), path, text)


class _NotLight(Exception):
    """The light check cannot vouch for this file; validate it in full."""


_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # = assessment.QUESTIONNAIRE_ID (no pydantic here)
_MEASURE_STATUSES = ("offen", "in Arbeit", "erledigt", "zurückgestellt")  # = MEASURE_STATUSES


def _text_or_absent(table: dict[str, Any], *names: str) -> bool:
    return all(isinstance(table.get(name, ""), str) for name in names)


def _plain_list(value: Any) -> list[dict[str, Any]]:
    """A list of tables, else _NotLight."""
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise _NotLight
    return value


def _light_summary(path: Path, data: dict[str, Any], root: Path | None) -> Listing:
    """The listing from the raw data if every value is plainly valid, else _NotLight."""
    municipality = data.get("municipality")
    kind = data.get("kind")
    session_date = data.get("session_date")
    updated = data.get("updated")
    questionnaire = data.get("questionnaire")
    answers = data.get("answers", {})
    version = data.get("schema_version", SCHEMA_VERSION)
    if (
        not isinstance(municipality, str)
        or not municipality.strip()
        or kind not in KINDS
        or not isinstance(questionnaire, str)
        or not _SLUG.match(questionnaire)
        or type(updated) is not datetime
        or type(data.get("created")) is not datetime
        or not (session_date is None or type(session_date) is date)
        or not isinstance(answers, dict)
        or type(version) is not int
        or not 1 <= version <= SCHEMA_VERSION
        or not _text_or_absent(data, "questionnaire_version", "consultant", "perspective")
        or nesting_depth(data) > MAX_NESTING
    ):
        raise _NotLight
    respondents = _plain_list(data.get("respondents", []))
    for person in respondents:
        name = person.get("name")
        if not isinstance(name, str) or not name or not _text_or_absent(person, "role"):
            raise _NotLight
    seen: set[str] = set()
    for measure in _plain_list(data.get("measures", [])):
        measure_id, title, due = measure.get("id"), measure.get("title"), measure.get("due")
        if (
            not isinstance(measure_id, str)
            or not measure_id
            or measure_id in seen
            or not isinstance(title, str)
            or not title
            or not (due is None or type(due) is date)
            or measure.get("status", "offen") not in _MEASURE_STATUSES
            or not _text_or_absent(measure, "field", "recommendation", "responsible", "note")
        ):
            raise _NotLight
        seen.add(measure_id)
    sources = _plain_list(data.get("sources", []))
    for source in sources:
        file, moment = source.get("file"), source.get("updated")
        if (
            not isinstance(file, str)
            or not file
            or not (moment is None or type(moment) is datetime)
            or not _text_or_absent(source, "municipality", "respondents", "perspective")
        ):
            raise _NotLight
    kreisfrei = data.get("kreisfrei")
    if kreisfrei is not None and type(kreisfrei) is not bool:
        raise _NotLight
    ids = _pack_questions(root, questionnaire, kind, kreisfrei)
    steps = _pack_steps(root, questionnaire)
    if ids is None or steps is None:
        raise _NotLight
    from weltoffen_tui.core.perspective import derive_label, derive_sources

    known = _pack_questions(root, questionnaire) or ids
    answered = unknown = 0
    for field_id, by_question in answers.items():
        if not isinstance(by_question, dict):
            raise _NotLight
        for question_id, answer in by_question.items():
            if not isinstance(answer, dict) or not isinstance(answer.get("note", ""), str):
                raise _NotLight
            value = answer.get("value")
            if value is None:
                continue
            if type(value) not in (int, str) or value not in ANSWER_VALUES:
                raise _NotLight
            if type(value) is int and value > steps:  # not on this pack's scale
                raise _NotLight
            if (field_id, question_id) in ids:
                answered += 1
            elif (field_id, question_id) not in known:  # not merely not applying
                unknown += 1
    return Listing(
        path=path,
        municipality=municipality,
        kind=kind,
        session_date=session_date.isoformat() if session_date else "",
        updated=updated,
        answered=answered,
        questionnaire=questionnaire,
        roles=roles_of(respondents),
        unknown_answers=unknown,
        label=derive_label(
            data.get("perspective", ""),
            _label_parts(respondents),
            bool(sources),
            path.name,
        ),
        sources=derive_sources([(s.get("perspective", ""), s["file"]) for s in sources]),
        kreisfrei=kreisfrei,
    )


def answer_problems(assessment: Any, pack: Any, path: Path, text: str = "") -> list[Problem]:
    """Answers with a graded value the pack's scale does not have (e.g. 6 on four steps)."""
    allowed = pack.graded_values
    problems: list[Problem] = []
    for field_id, by_question in assessment.answers.items():
        for question_id, answer in by_question.items():
            value = answer.value
            if isinstance(value, int) and value not in allowed:
                from weltoffen_tui.core.diagnostics import line_of  # only for a problem

                problems.append(
                    Problem(
                        path,
                        f"Antwort zu „{question_id}“: Wert {value} gibt es auf der Antwortskala "
                        f"von „{pack.meta.title}“ nicht (Stufen 1 bis {len(allowed)})",
                        f"Setzen Sie einen Wert von 1 bis {len(allowed)}, "
                        '"weiss_nicht" oder "trifft_nicht_zu".',
                        line_of(text, ("answers", field_id, question_id, "value"))
                        if text
                        else None,
                        f"answers.{field_id}.{question_id}.value",
                    )
                )
    return problems


def check_answers(assessment: Any, pack: Any, path: Path, text: str = "") -> None:
    """Raise a clear error if an answer does not fit the pack's scale."""
    problems = answer_problems(assessment, pack, path, text)
    if problems:
        raise AssessmentFileError(problems)
