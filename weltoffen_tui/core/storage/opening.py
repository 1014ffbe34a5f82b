"""Opening an assessment together with the questionnaire pack it was made for."""

from __future__ import annotations

from pathlib import Path

from weltoffen_tui.core.assessment import QUESTIONNAIRE_ID, Assessment
from weltoffen_tui.core.errors import AssessmentFileError, Problem
from weltoffen_tui.core.pack.load import load_pack
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.store import (
    parse_assessment,
    read_text,
    unknown_questionnaire,
)


def pack_for(
    assessment: Assessment, path: Path, text: str = "", packs_root: Path | None = None
) -> Pack:
    """The pack an assessment names, wherever it is installed, or a clear error.

    With ``packs_root`` only the packs in that folder count; otherwise every installed
    pack (``core/pack/registry``: ``--pack``, ``WELTOFFEN_PACKS``, the data folder's
    ``pakete/``, the shipped packs). Answers are checked against the pack's scale.
    """
    from weltoffen_tui.core.pack import registry

    directory: Path | None
    if packs_root is not None:
        directory = packs_root / assessment.questionnaire
        if not (directory / "pack.toml").is_file():
            directory = None
    else:
        directory = registry.find(assessment.questionnaire)
    # Only a pack id names a pack: a path ("/x", "../x") must never load one from elsewhere.
    if not QUESTIONNAIRE_ID.match(assessment.questionnaire) or directory is None:
        root = packs_root
        if root is None:
            from weltoffen_tui.paths import packs_dir

            root = packs_dir()
        error = unknown_questionnaire(assessment.questionnaire, path, text, root)
        if packs_root is None:
            known = ", ".join(registry.installed().ids()) or "keine"
            problem = error.problems[0]
            error = AssessmentFileError(
                [
                    Problem(
                        problem.file,
                        problem.message,
                        f"Installiert sind: {known}. Prüfen Sie den Eintrag questionnaire, "
                        "oder installieren Sie das Paket (weltoffen packs zeigt, wo "
                        "Pakete gesucht werden).",
                        problem.line,
                        problem.path,
                    )
                ]
            )
        raise error
    pack = load_pack(directory)
    check_answers(assessment, pack, path, text)
    return pack


def answer_problems(
    assessment: Assessment, pack: Pack, path: Path, text: str = ""
) -> list[Problem]:
    """Answers with a graded value the pack's scale does not have (e.g. 6 on four steps)."""
    from weltoffen_tui.core.diagnostics import line_of

    allowed = pack.graded_values
    problems: list[Problem] = []
    for field_id, by_question in assessment.answers.items():
        for question_id, answer in by_question.items():
            value = answer.value
            if isinstance(value, int) and value not in allowed:
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


def check_answers(assessment: Assessment, pack: Pack, path: Path, text: str = "") -> None:
    """Raise a clear error if an answer does not fit the pack's scale."""
    problems = answer_problems(assessment, pack, path, text)
    if problems:
        raise AssessmentFileError(problems)


def open_assessment(path: Path, packs_root: Path | None = None) -> tuple[Assessment, Pack]:
    """Load an assessment file and the pack it belongs to."""
    path = Path(path)
    text = read_text(path)
    assessment = parse_assessment(text, path)
    return assessment, pack_for(assessment, path, text, packs_root)
