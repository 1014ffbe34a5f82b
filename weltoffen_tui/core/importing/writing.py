"""Imported answers as new assessment files: always a new file, never over an existing one."""

from __future__ import annotations

import os
from pathlib import Path

from weltoffen_tui.core.assessment import Answer, Assessment
from weltoffen_tui.core.atomic import write_atomic
from weltoffen_tui.core.errors import Problem, StoreError
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.store import SUFFIX, dumps_assessment, slugify

Answers = dict[str, dict[str, tuple[int | str | None, str]]]


def build(
    pack: Pack,
    municipality: str,
    kind: str,
    answers: Answers,
    perspective: str = "",
    kreisfrei: bool | None = None,
) -> Assessment:
    """A new assessment of ``pack`` holding ``answers`` (value, note) by field and question."""
    assessment = Assessment.new(
        municipality=municipality,
        kind=kind,
        questionnaire=pack.id,
        questionnaire_version=pack.version,
        perspective=perspective,
    )
    if kind == "Stadt":
        assessment.kreisfrei = kreisfrei
    for field_id, by_question in answers.items():
        for question_id, (value, note) in by_question.items():
            assessment.answers.setdefault(field_id, {})[question_id] = Answer(
                value=value, note=note
            )
    return assessment


def refuse_existing(target: Path) -> None:
    """An import never replaces a file: say so before anything is read or written."""
    if target.exists() or target.is_symlink():
        raise StoreError(
            [
                Problem(
                    target,
                    "Die Datei gibt es schon; ein Import überschreibt nie eine Datei",
                    "Wählen Sie mit -o einen neuen Dateinamen.",
                )
            ]
        )


def write_new(assessment: Assessment, target: Path) -> Path:
    """Write ``assessment`` to ``target``, which must not exist (StoreError otherwise)."""
    refuse_existing(target)
    payload = dumps_assessment(assessment).encode("utf-8")
    try:
        umask = os.umask(0)
        os.umask(umask)
        write_atomic(target, payload, mode=0o666 & ~umask, replace=False)
    except FileExistsError:
        refuse_existing(target)
        raise
    except OSError as exc:
        raise StoreError(
            [
                Problem(
                    target,
                    f"Schreiben nicht möglich ({exc.strerror or exc})",
                    "Prüfen Sie Schreibrechte und freien Platz; nichts wurde geschrieben.",
                )
            ]
        ) from None
    return target


def free_name(folder: Path, municipality: str, label: str, taken: set[Path]) -> Path:
    """``<kommune>-<perspektive>.toml`` in ``folder``, numbered if the name is in use."""
    base = f"{slugify(municipality)}-{slugify(label)}"
    candidate = folder / f"{base}{SUFFIX}"
    counter = 2
    while candidate in taken or candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{base}-{counter}{SUFFIX}"
        counter += 1
    taken.add(candidate)
    return candidate
