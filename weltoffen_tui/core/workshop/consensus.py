"""A consensus assessment: one agreed answer per question, built from several files.

Why: after each group has filled in the Selbstcheck on its own, a workshop agrees on one
answer per question. The result is a new, ordinary assessment file that remembers which
files it came from (``sources``), so the TUI, the report and every export work on it
unchanged. The inputs are never touched: everything taken from them is deep-copied.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

from weltoffen_tui.core.assessment import Answer, Assessment, Respondent, Source
from weltoffen_tui.core.errors import Problem, UserError
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.perspective import perspective_label
from weltoffen_tui.core.values import ANSWER_VALUES, KINDS, NOT_APPLICABLE, UNKNOWN
from weltoffen_tui.core.workshop.compare import compatibility

AnswerValue = int | str | None
QuestionKey = tuple[str, str]
Agreed = Mapping[QuestionKey, tuple[AnswerValue, str]]
NOTE_SEPARATOR = " / "
PLACE = Path("Gemeinsame Einschätzung")


class ConsensusError(UserError):
    """A consensus assessment cannot be built from these inputs."""


def _problem(message: str, hint: str) -> ConsensusError:
    return ConsensusError([Problem(PLACE, message, hint)])


def suggested_answer(values: Iterable[AnswerValue]) -> AnswerValue:
    """A default for the workshop: the median of the graded answers, rounded down.

    Rounded down because a workshop should rather start from the cautious view and
    argue upwards. Without graded answers: "trifft nicht zu" when every answer says so,
    "weiss_nicht" for any other answer, and None (open) when nobody answered.
    """
    graded: list[int] = []
    others: set[str] = set()
    for value in values:
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool):
            graded.append(value)
        else:
            others.add(str(value))
    if graded:
        return math.floor(statistics.median(graded))
    if not others:
        return None
    return NOT_APPLICABLE if others == {NOT_APPLICABLE} else UNKNOWN


def suggested_agreement(
    pack: Pack, assessments: Sequence[Assessment]
) -> dict[QuestionKey, tuple[AnswerValue, str]]:
    """Default answers for every question someone answered or annotated, in pack order.

    The note joins the distinct notes of all inputs, so no evidence is lost before the
    workshop decides what to keep.
    """
    agreed: dict[QuestionKey, tuple[AnswerValue, str]] = {}
    for action_field, question in pack.iter_questions():
        values: list[AnswerValue] = []
        notes: list[str] = []
        for assessment in assessments:
            answer = assessment.answer(action_field.id, question.id)
            if answer is None:
                continue
            values.append(answer.value)
            note = answer.note.strip()
            if note and note not in notes:
                notes.append(note)
        value = suggested_answer(values)
        if value is not None or notes:
            agreed[(action_field.id, question.id)] = (value, NOTE_SEPARATOR.join(notes))
    return agreed


def respondents_summary(assessment: Assessment) -> str:
    """``Name (Rolle), Name`` – how a source's people are remembered in the new file."""
    return ", ".join(f"{r.name} ({r.role})" if r.role else r.name for r in assessment.respondents)


def _union_respondents(assessments: Iterable[Assessment]) -> list[Respondent]:
    """Everyone who took part in any source, once, in order of first appearance."""
    seen: set[tuple[str, str]] = set()
    union: list[Respondent] = []
    for assessment in assessments:
        for respondent in assessment.respondents:
            key = (respondent.name.strip().casefold(), respondent.role.strip().casefold())
            if key not in seen:
                seen.add(key)
                union.append(respondent.model_copy(deep=True))
    return union


def _municipality(sources: Sequence[tuple[Path, Assessment]], override: str | None) -> str:
    if override and override.strip():
        return override.strip()
    first = sources[0][1].municipality
    others = {a.municipality.strip().casefold() for _, a in sources}
    if len(others) > 1:
        names = ", ".join(dict.fromkeys(a.municipality for _, a in sources))
        raise _problem(
            f"Die Einschätzungen stammen aus verschiedenen Kommunen ({names})",
            "Eine gemeinsame Einschätzung gilt für eine Kommune: geben Sie an, für welche.",
        )
    return first


def _checked_value(key: QuestionKey, value: AnswerValue) -> AnswerValue:
    if value is None or (not isinstance(value, bool) and value in ANSWER_VALUES):
        return value
    raise _problem(
        f"Antwort zu {key[1]}: ungültiger Wert {value!r}",
        'Erlaubt sind 1, 2, 3, 4, "weiss_nicht" und "trifft_nicht_zu".',
    )


def merge(
    pack: Pack,
    sources: Sequence[tuple[Path, Assessment]],
    agreed: Agreed,
    *,
    municipality: str | None = None,
    kind: str | None = None,
    consultant: str | None = None,
    session_date: date | None = None,
) -> Assessment:
    """A new assessment with the agreed answers; the sources are left untouched.

    - ``agreed`` maps (field id, question id) to (value, note); questions missing from
      it stay open. Values are checked against the scale.
    - municipality, kind and consultant default to the first source; sources from
      different municipalities need an explicit ``municipality``.
    - respondents are everyone from the sources (each once); ``sources`` records each
      file's name, municipality, people and last change; session_date defaults to today.

    Raises ConsensusError (a UserError) with a German message for unusable input, and
    ComparisonError when the sources belong to different questionnaires.
    """
    if not sources:
        raise _problem(
            "Keine Einschätzungen zum Zusammenführen",
            "Wählen Sie mindestens eine Einschätzung aus.",
        )
    compatibility([(str(path), assessment) for path, assessment in sources], pack=pack)
    first = sources[0][1]
    chosen_kind = kind or first.kind
    if chosen_kind not in KINDS:
        raise _problem(
            f"Unbekannte Art der Kommune „{chosen_kind}“", f"Erlaubt sind: {', '.join(KINDS)}."
        )
    result = Assessment.new(
        municipality=_municipality(sources, municipality),
        kind=chosen_kind,
        questionnaire=pack.id,
        questionnaire_version=pack.version,
        consultant=first.consultant if consultant is None else consultant,
        respondents=_union_respondents(a for _, a in sources),
        session_date=session_date,
    )
    for key, (value, note) in agreed.items():
        field_id, question_id = key
        answer = Answer(value=_checked_value(key, value), note=note or "")
        result.answers.setdefault(field_id, {})[question_id] = answer
    result.sources = [
        Source(
            file=Path(path).name or "unbenannt",
            municipality=assessment.municipality,
            respondents=respondents_summary(assessment),
            perspective=perspective_label(assessment, Path(path).name),
            updated=assessment.updated,
        )
        for path, assessment in sources
    ]
    return result
