"""``weltoffen import``: filled workbooks or a survey export → new assessment files.

Everything is read and checked first; only then is anything written, and only to new
file names (an existing file is never replaced).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from weltoffen_tui.cli.exitcodes import EXIT_OK
from weltoffen_tui.core.errors import Problem, UserError

if TYPE_CHECKING:
    from weltoffen_tui.core.importing.writing import Answers
    from weltoffen_tui.core.pack.models import Pack

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
SURVEY_SUFFIXES = (".csv",)


def _refuse(path: Path, message: str, hint: str) -> UserError:
    return UserError([Problem(path, message, hint)])


def _find_pack(pack_id: str) -> Pack | None:
    """An installed pack by its id (only an id, never a path), wherever it is installed."""
    from weltoffen_tui.core.pack.load import load_pack_by_id

    return load_pack_by_id(pack_id)


def _check_arguments(args: argparse.Namespace, paths: Sequence[Path]) -> bool:
    """Whether the input is a survey export; a UserError for a wrong combination."""
    for path in paths:
        if path.suffix.lower() not in (*WORKBOOK_SUFFIXES, *SURVEY_SUFFIXES):
            raise _refuse(
                path,
                "Das ist ein Ordner; eingelesen werden Dateien"
                if path.is_dir()
                else "Diese Datei lässt sich nicht einlesen: erwartet wird .xlsx oder .csv",
                "Lesen Sie ausgefüllte Fragebögen (.xlsx; in LibreOffice „Speichern unter“ "
                "im Format Excel 2007–365) oder den CSV-Export einer Umfrage (.csv) ein.",
            )
    surveys = [p for p in paths if p.suffix.lower() in SURVEY_SUFFIXES]
    if surveys and (len(surveys) > 1 or len(paths) > 1):
        raise _refuse(
            surveys[0],
            "Eine Umfrage wird für sich eingelesen: eine CSV-Datei je Aufruf, ohne Excel-Dateien",
            "Rufen Sie weltoffen import für jede Datei einzeln auf.",
        )
    if not surveys and args.je_rolle:
        raise _refuse(
            paths[0],
            "--je-rolle gilt nur für den CSV-Export einer Umfrage",
            "Lassen Sie --je-rolle weg; jede Excel-Datei ergibt mit --perspektiven eine "
            "Perspektive.",
        )
    if surveys and not args.perspektiven:
        raise _refuse(
            surveys[0],
            "Die Antworten einer Umfrage ergeben Perspektiven, keine einzelne Einschätzung",
            "Geben Sie mit --perspektiven ORDNER an, wohin die Perspektiven geschrieben werden "
            "(mit --je-rolle SPALTE eine je Rolle).",
        )
    if not args.kommune.strip():
        raise _refuse(
            Path("--kommune"), "Der Name der Kommune ist leer", "Geben Sie --kommune NAME an."
        )
    return bool(surveys)


def _where(args: argparse.Namespace) -> tuple[str, bool | None]:
    """``--art`` as (kind, kreisfrei): „kreisfreie Stadt“ is ("Stadt", True)."""
    from weltoffen_tui.core.applicability import municipality_of

    where = municipality_of(args.art)
    assert where is not None  # --art is required
    return where


def _print_notes(notes: Sequence[str]) -> None:
    """Notes on answers left out; built with their file names made visible."""
    for note in notes:
        print(f"Hinweis: {note}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    paths = [Path(name).expanduser() for name in args.files]
    is_survey = _check_arguments(args, paths)
    if is_survey:
        return _import_survey(args, paths[0])
    return _import_workbooks(args, paths)


def _import_workbooks(args: argparse.Namespace, paths: Sequence[Path]) -> int:
    from weltoffen_tui.core.importing.workbook import (
        InputFileError,
        drop_not_applying,
        made_for,
        merge,
        read_filled,
    )
    from weltoffen_tui.core.importing.xlsx import read_workbook

    target = _merged_target(args) if not args.perspektiven else None
    where = _where(args)
    problems: list[Problem] = []
    notes: list[str] = []
    filled = []
    for path in paths:
        try:
            raw = read_workbook(path)
            workbook = read_filled(raw, _find_pack)
        except UserError as exc:
            problems += exc.problems
            continue
        notes += _made_for_note(path, made_for(raw), where)
        found = _find_pack(workbook.pack_id)
        assert found is not None  # read_filled found it
        notes += drop_not_applying(workbook, found, where)
        filled.append(workbook)
    if problems:
        raise InputFileError(problems)
    _print_notes(notes)
    pack_ids = {(w.pack_id, w.version) for w in filled}
    if len(pack_ids) > 1:
        raise _refuse(
            paths[0],
            "Die Dateien gehören zu verschiedenen Fragebögen",
            "Lesen Sie nur Fragebögen desselben Pakets zusammen ein.",
        )
    pack = _find_pack(filled[0].pack_id)
    assert pack is not None  # read_filled found it
    if args.perspektiven:
        items = [(w.label, _answers_of(w)) for w in filled]
        return _write_perspectives(args, pack, items)
    merged = merge(filled)
    assert target is not None
    # One department's workbook keeps its perspective; several make a joint assessment.
    perspective = filled[0].perspective if len(filled) == 1 else ""
    return _write_one(args, pack, merged.answers, target, len(filled), perspective)


def _made_for_note(
    path: Path, made: tuple[str, bool | None] | None, where: tuple[str, bool | None]
) -> list[str]:
    """A note when a workbook was made for another kind of municipality than --art."""
    from weltoffen_tui.core.applicability import kind_phrase
    from weltoffen_tui.core.textsafe import visible

    if made is None:
        return []
    differs = made[0] != where[0] or (
        made[1] is not None and where[1] is not None and made[1] != where[1]
    )
    if not differs:
        return []
    return [
        f"{visible(path.name)} wurde {kind_phrase(*made)} erstellt, eingelesen wird "
        f"{kind_phrase(*where)} (--art): es zählen die Fragen, die {kind_phrase(*where)} gelten."
    ]


def _answers_of(workbook: object) -> Answers:
    from weltoffen_tui.core.importing.workbook import FilledWorkbook

    assert isinstance(workbook, FilledWorkbook)
    answers: Answers = {}
    for answer in workbook.answers:
        answers.setdefault(answer.field_id, {})[answer.question_id] = (answer.value, answer.note)
    return answers


def _merged_target(args: argparse.Namespace) -> Path:
    """Where the one new assessment goes: ``-o`` (must be new) or a new name in the data folder."""
    from weltoffen_tui.core.importing.writing import refuse_existing
    from weltoffen_tui.core.storage.store import SUFFIX, new_assessment_path

    if args.output:
        target = Path(args.output).expanduser()
        if target.suffix.lower() != SUFFIX:
            raise _refuse(
                target,
                f"Eine Einschätzung wird als {SUFFIX}-Datei gespeichert",
                f"Geben Sie bei -o einen neuen Dateinamen mit der Endung {SUFFIX} an.",
            )
        refuse_existing(target)
        return target
    from weltoffen_tui.paths import data_dir

    return new_assessment_path(data_dir(getattr(args, "data_dir", None)), args.kommune)


def _count(answers: Answers) -> int:
    return sum(1 for by_q in answers.values() for value, _ in by_q.values() if value is not None)


def _write_one(
    args: argparse.Namespace,
    pack: Pack,
    answers: Answers,
    target: Path,
    files: int,
    perspective: str = "",
) -> int:
    from weltoffen_tui.core.applicability import skipped_count
    from weltoffen_tui.core.importing.writing import build, write_new
    from weltoffen_tui.core.textsafe import visible

    kind, kreisfrei = _where(args)
    assessment = build(pack, args.kommune.strip(), kind, answers, perspective, kreisfrei)
    written = write_new(assessment, target)
    total = pack.question_count() - skipped_count(pack, kind, kreisfrei)
    print(
        visible(
            f"Geschrieben: {written} ({_count(answers)} von {total} Fragen "
            f"beantwortet, aus {files} Datei(en))"
        )
    )
    return EXIT_OK


def _write_perspectives(
    args: argparse.Namespace, pack: Pack, items: Sequence[tuple[str, Answers]]
) -> int:
    from weltoffen_tui.core.importing.writing import build, free_name, write_new
    from weltoffen_tui.core.textsafe import visible

    folder = Path(args.perspektiven).expanduser()
    if folder.exists() and not folder.is_dir():
        raise _refuse(
            folder, "Das ist kein Ordner", "Geben Sie bei --perspektiven einen Ordner an."
        )
    kind, kreisfrei = _where(args)
    built = [
        (label, build(pack, args.kommune.strip(), kind, answers, label, kreisfrei), answers)
        for label, answers in items
    ]
    taken: set[Path] = set()
    for label, assessment, answers in built:
        target = free_name(folder, args.kommune, label, taken)
        write_new(assessment, target)
        print(
            visible(f"Geschrieben: {target} (Perspektive „{label}“, {_count(answers)} Antworten)")
        )
    return EXIT_OK


def _import_survey(args: argparse.Namespace, path: Path) -> int:
    from weltoffen_tui.core.importing.survey import by_role, one_each, read_survey
    from weltoffen_tui.core.pack.load import load_pack

    pack = load_pack()
    submissions, notes = read_survey(path, pack, args.je_rolle, _where(args))
    _print_notes(notes)
    groups = by_role(submissions) if args.je_rolle else one_each(submissions)
    return _write_perspectives(args, pack, [(g.label, g.answers) for g in groups])


def prefilled_questionnaire(args: argparse.Namespace) -> int:
    """``weltoffen questionnaire --aus DATEI.toml``: the workbook with that file's answers."""
    from weltoffen_tui.cli import output
    from weltoffen_tui.core.storage.opening import open_assessment
    from weltoffen_tui.render import formats
    from weltoffen_tui.render.workbook import workbook_bytes

    source = Path(args.aus).expanduser()
    chosen = output.choose("questionnaire", args.format, args.output)
    if chosen is not formats.XLSX:
        raise _refuse(
            source,
            "Vorausfüllen (--aus) gibt es nur für die Excel-Datei",
            "Geben Sie --format xlsx oder -o DATEI.xlsx an.",
        )
    assessment, pack = open_assessment(source)
    output.emit(
        "questionnaire",
        chosen.name,
        args.output,
        lambda _: workbook_bytes(pack, assessment),
        inputs=[source],
        folders=[pack.directory],
    )
    return EXIT_OK
