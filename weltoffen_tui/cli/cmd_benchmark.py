"""``weltoffen benchmark DATEI --against ORDNER_ODER_DATEI …``: one assessment among others."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from weltoffen_tui.cli import output
from weltoffen_tui.cli.exitcodes import EXIT_OK
from weltoffen_tui.core.errors import Problem, UserError

if TYPE_CHECKING:
    from weltoffen_tui.core.pack.models import Pack
    from weltoffen_tui.core.storage.listing import Pool
    from weltoffen_tui.render.benchmark import Subject

NAMED_BROKEN = 3  # how many unreadable files a note names


def _open_subject(path: Path) -> tuple[Subject, Pack, dict[str, Any], str]:
    """The file to place: its subject, pack, raw answers and text.

    An anonymised export can be placed too; anything unreadable is a UserError.
    """
    from weltoffen_tui.core import tomlparse
    from weltoffen_tui.core.anonymize import is_anonymized, read_anonymized
    from weltoffen_tui.core.storage.store import read_text
    from weltoffen_tui.render.benchmark import ANONYMOUS, Subject

    text = read_text(path)
    try:
        data = tomlparse.loads(text)
    except (tomlparse.TOMLDecodeError, RecursionError):
        data = {}
    if is_anonymized(data):
        from weltoffen_tui.core.pack.load import load_pack_by_id
        from weltoffen_tui.core.storage.store import unknown_questionnaire
        from weltoffen_tui.paths import packs_dir

        anonymized = read_anonymized(data, path, text)
        pack = load_pack_by_id(anonymized.questionnaire)
        if pack is None:
            raise unknown_questionnaire(anonymized.questionnaire, path, text, packs_dir())
        subject = Subject(ANONYMOUS, anonymized.kind, path.name, anonymized.kreisfrei)
        return subject, pack, anonymized.answers, text
    from weltoffen_tui.core.storage.opening import open_assessment

    assessment, pack = open_assessment(path)  # every problem as the report would say it
    answers = {
        f: {q: {"value": a.value} for q, a in by_q.items()}
        for f, by_q in assessment.answers.items()
    }
    subject = Subject(assessment.municipality, assessment.kind, path.name, assessment.kreisfrei)
    return subject, pack, answers, text


def _sources(names: list[str]) -> list[Path]:
    """The folders and files of ``--against``; a missing one is a UserError."""
    sources = []
    for name in names:
        path = Path(name).expanduser()
        if not path.exists():
            raise UserError(
                [
                    Problem(
                        path,
                        "Nicht gefunden",
                        "Geben Sie nach --against einen Ordner oder Einschätzungsdateien an.",
                    )
                ]
            )
        sources.append(path)
    return sources


def _files(count: int) -> str:
    return f"{count} Datei" if count == 1 else f"{count} Dateien"


def notes_of(pool: Pool) -> list[str]:
    """What was left out of the comparison, in German."""
    notes = []
    if pool.itself:
        notes.append(
            "Die Datei selbst (oder eine inhaltsgleiche Kopie) zählt nicht zu den anderen"
            + (f" ({pool.itself}-mal gefunden)." if pool.itself > 1 else ".")
        )
    if pool.other_pack:
        notes.append(
            f"{_files(pool.other_pack)} eines anderen Fragebogens übersprungen "
            "(verglichen wird nur derselbe Fragebogen)."
        )
    if pool.broken:
        named = ", ".join(pool.broken[:NAMED_BROKEN])
        more = " …" if len(pool.broken) > NAMED_BROKEN else ""
        notes.append(
            f"{_files(len(pool.broken))} nicht lesbar und übersprungen: {named}{more}. "
            "»weltoffen list --data-dir ORDNER« nennt den Grund."
        )
    return notes


def run(args: argparse.Namespace) -> int:
    from weltoffen_tui.core.benchmark import place, spec_of, tally
    from weltoffen_tui.core.storage.listing import benchmark_pool
    from weltoffen_tui.render import benchmark as document

    path = Path(args.file).expanduser()
    subject, pack, answers, own_text = _open_subject(path)
    sources = _sources(args.against)
    spec = spec_of(pack)
    pool = benchmark_pool(sources, spec, path, own_text)
    own = tally(answers, spec, subject.kind or "", subject.kreisfrei)
    result = place(own, pool.others, spec, kind=args.kind)
    notes = notes_of(pool)
    if output.wants_terminal(args.format, args.output):
        output.show(
            lambda flowing: document.rich_benchmark(
                pack, subject, result, notes, flowing=flowing, compact=True
            )
        )
    else:
        output.emit(
            "benchmark",
            args.format,
            args.output,
            lambda f: document.render(f, pack, subject, result, notes),
            inputs=[path, *sources],
            folders=[pack.directory],
        )
    return EXIT_OK
