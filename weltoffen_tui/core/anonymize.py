"""Anonymised export: only what a benchmark needs, no free text from the original.

``weltoffen export DATEI --anonym`` writes a small TOML file for a programme that
collects results from many municipalities. It is built from an allow-list, never by
deleting fields from the original, so nothing typed by a person can slip through:

- kept: the questionnaire id and the pack's version, the kind of municipality,
  ``kreisfrei``, the year of the session (not the day: with the kind it could point
  to one municipality), every answer value and evidence flag to a question the pack
  knows, and the target level of each field the pack knows;
- dropped: the municipality's name, notes, references, the consultant, respondents,
  the perspective, measures, the sources of a consensus (file names), creation and
  change times, target dates, answers to question ids the pack does not know (their
  ids come from the file and could be any text), and every unknown key.

The file says it is anonymised (``anonymized = true`` and a comment) and has its own
light reader (``read_anonymized``), used by the benchmark; it is not an assessment
that can be opened or edited.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from weltoffen_tui.core.errors import AssessmentFileError, Problem
from weltoffen_tui.core.values import ANSWER_VALUES, EVIDENCE_VALUES, KINDS

if TYPE_CHECKING:
    from weltoffen_tui.core.assessment import Assessment
    from weltoffen_tui.core.pack.models import Pack

MARKER = "anonymized"
FORMAT_VERSION = 1
HEADER = (
    "# Selbstcheck Weltoffene Kommune – anonymisierte Einschätzung für Vergleiche.\n"
    "# Ohne Namen, Notizen, Belege, Beteiligte, Begleitung und Maßnahmen; nur Antworten,\n"
    "# Nachweis-Kennzeichen und Zielstufen. Lesbar mit »weltoffen benchmark«.\n\n"
)
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,31}$")


def _quoted(value: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML for these plain values)."""
    return json.dumps(value, ensure_ascii=False)


def anonymize(assessment: Assessment, pack: Pack) -> str:
    """The anonymised TOML text of an assessment, against the pack it belongs to."""
    lines = [HEADER.rstrip("\n"), ""]
    lines.append(f"{MARKER} = true")
    lines.append(f"format_version = {FORMAT_VERSION}")
    lines.append(f"questionnaire = {_quoted(pack.id)}")
    if _VERSION.match(pack.version):
        lines.append(f"questionnaire_version = {_quoted(pack.version)}")
    if assessment.kind in KINDS:
        lines.append(f"kind = {_quoted(assessment.kind)}")
    if assessment.kreisfrei is not None:
        lines.append(f"kreisfrei = {'true' if assessment.kreisfrei else 'false'}")
    if assessment.session_date is not None:
        lines.append(f"year = {int(assessment.session_date.year)}")
    level_ids = {level.id for level in pack.meta.levels}
    targets = [
        (f.id, assessment.targets[f.id].level)
        for f in pack.fields
        if f.id in assessment.targets and assessment.targets[f.id].level in level_ids
    ]
    if targets:
        lines += ["", "[targets]"]
        lines += [f"{field_id} = {_quoted(level)}" for field_id, level in targets]
    for action_field in pack.fields:
        given = assessment.answers.get(action_field.id, {})
        rows = []
        for question in action_field.questions:
            answer = given.get(question.id)
            if answer is None or (answer.value is None and answer.evidence is None):
                continue
            parts = []
            if answer.value is not None and answer.value in ANSWER_VALUES:
                value = answer.value
                parts.append(
                    f"value = {value}" if isinstance(value, int) else f"value = {_quoted(value)}"
                )
            if answer.evidence in EVIDENCE_VALUES:
                parts.append(f"evidence = {_quoted(answer.evidence)}")
            if parts:
                rows.append(f"{question.id} = {{ {', '.join(parts)} }}")
        if rows:
            lines += ["", f"[answers.{action_field.id}]", *rows]
    return "\n".join(lines) + "\n"


def is_anonymized(data: dict[str, Any]) -> bool:
    """Whether parsed TOML is an anonymised export (it carries the marker)."""
    return data.get(MARKER) is True


@dataclass(frozen=True)
class Anonymized:
    """What the benchmark reads of an anonymised file."""

    questionnaire: str
    kind: str
    answers: dict[str, Any]
    kreisfrei: bool | None = None


def _problem(path: Path, text: str, loc: tuple[Any, ...], message: str, hint: str) -> Problem:
    from weltoffen_tui.core.diagnostics import line_of

    return Problem(
        path,
        message,
        hint,
        line=line_of(text, loc) if text else None,
        path=".".join(str(part) for part in loc),
    )


_REDO = "Exportieren Sie die Datei erneut mit »weltoffen export DATEI --anonym -o ZIEL«."


def read_anonymized(data: dict[str, Any], path: Path, text: str = "") -> Anonymized:
    """Check an anonymised file's parsed TOML; AssessmentFileError names the first problem."""

    def fail(loc: tuple[Any, ...], message: str) -> AssessmentFileError:
        return AssessmentFileError([_problem(path, text, loc, message, _REDO)])

    version = data.get("format_version", FORMAT_VERSION)
    if type(version) is not int or not 1 <= version <= FORMAT_VERSION:
        raise fail(
            ("format_version",),
            "Anonymisierte Datei aus einer anderen Version von weltoffen-tui "
            f"(format_version {version!r}, unterstützt bis {FORMAT_VERSION})",
        )
    questionnaire = data.get("questionnaire")
    if not isinstance(questionnaire, str) or not _SLUG.match(questionnaire):
        raise fail(("questionnaire",), "Fragebogen fehlt oder ist keine Paket-Kennung")
    kind = data.get("kind", "")
    if kind != "" and kind not in KINDS:
        raise fail(("kind",), f"Art der Kommune ist ungültig (erlaubt: {', '.join(KINDS)})")
    kreisfrei = data.get("kreisfrei")
    if kreisfrei is not None and type(kreisfrei) is not bool:
        raise fail(("kreisfrei",), "kreisfrei muss true oder false sein")
    answers = data.get("answers", {})
    if not isinstance(answers, dict):
        raise fail(("answers",), "Antworten müssen eine Tabelle sein")
    for field_id, by_question in answers.items():
        if not isinstance(by_question, dict):
            raise fail(
                ("answers", field_id), "Antworten eines Handlungsfelds müssen eine Tabelle sein"
            )
        for question_id, answer in by_question.items():
            if not isinstance(answer, dict):
                raise fail(("answers", field_id, question_id), "Antwort muss eine Tabelle sein")
            value = answer.get("value")
            if value is not None and (type(value) not in (int, str) or value not in ANSWER_VALUES):
                raise fail(
                    ("answers", field_id, question_id, "value"),
                    "ungültiger Antwortwert; erlaubt sind 1, 2, 3, 4, "
                    '"weiss_nicht" und "trifft_nicht_zu"',
                )
    return Anonymized(questionnaire, kind, answers, kreisfrei)
