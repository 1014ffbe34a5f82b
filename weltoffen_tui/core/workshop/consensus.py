"""A consensus assessment: one agreed answer per question, built from several files.

Why: after each group has filled in the Selbstcheck on its own, a workshop agrees on one
answer per question. The result is a new, ordinary assessment file that remembers which
files it came from (``sources``), so the TUI, the report and every export work on it
unchanged. The inputs are never touched: everything taken from them is deep-copied.
"""

from __future__ import annotations

import math
import os
import statistics
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

from weltoffen_tui.core.assessment import Answer, Assessment, Respondent, Source
from weltoffen_tui.core.errors import Problem, UserError
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.perspective import perspective_label
from weltoffen_tui.core.values import ANSWER_VALUES, KINDS, NOT_APPLICABLE, UNKNOWN
from weltoffen_tui.core.workshop.compare import Perspective, QuestionComparison, compatibility

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


def _checked_value(
    key: QuestionKey, value: AnswerValue, allowed: tuple[int | str, ...] = ANSWER_VALUES
) -> AnswerValue:
    if value is None or (not isinstance(value, bool) and value in allowed):
        return value
    steps = ", ".join(str(v) for v in allowed if isinstance(v, int))
    raise _problem(
        f"Antwort zu {key[1]}: ungültiger Wert {value!r}",
        f'Erlaubt sind {steps}, "weiss_nicht" und "trifft_nicht_zu".',
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
    base: Path | None = None,
) -> Assessment:
    """A new assessment with the agreed answers; the sources are left untouched.

    - ``agreed`` maps (field id, question id) to (value, note); questions missing from
      it stay open. Values are checked against the scale.
    - municipality, kind and consultant default to the first source; sources from
      different municipalities need an explicit ``municipality``.
    - respondents are everyone from the sources (each once); ``sources`` records each
      file's name, municipality, people and last change; session_date defaults to today.
    - ``base`` is the folder the new file will be written to: each source is then
      recorded relative to it (just the name when it lies in the same folder), so
      reopening the file finds its sources again (``source_paths``).

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
    # kreisfrei decides which questions apply: kept when every source of that kind says
    # the same, unknown (nothing hidden) when they differ or do not say.
    stated = {a.kreisfrei for _, a in sources if a.kind == chosen_kind}
    if chosen_kind == "Stadt" and len(stated) == 1:
        result.kreisfrei = stated.pop()
    for key, (value, note) in agreed.items():
        field_id, question_id = key
        allowed: tuple[int | str, ...] = (*pack.graded_values, UNKNOWN, NOT_APPLICABLE)
        answer = Answer(value=_checked_value(key, value, allowed), note=note or "")
        result.answers.setdefault(field_id, {})[question_id] = answer
    result.sources = [
        Source(
            file=source_reference(Path(path), base),
            municipality=assessment.municipality,
            respondents=respondents_summary(assessment),
            perspective=perspective_label(assessment, Path(path).name),
            updated=assessment.updated,
        )
        for path, assessment in sources
    ]
    # Targets: those all sources that set one agree on (the pack's levels only); the
    # workshop sets or changes the rest in the consensus's own summary (key s).
    from weltoffen_tui.core.targets import agreed_targets

    levels = {level.id for level in pack.meta.levels}
    result.targets = {
        field_id: target
        for field_id, target in agreed_targets([a.targets for _, a in sources]).items()
        if target.level in levels and pack.field(field_id) is not None
    }
    return result


# ----------------------------------------------------------------- sources on disk


def source_reference(path: Path, base: Path | None) -> str:
    """How a consensus file names one source: relative to its own folder ``base``.

    Without ``base`` (or across drives) just the file name, as older files have it.
    """
    if base is None:
        return path.name or "unbenannt"
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(base))
    except ValueError:  # another drive (Windows)
        return path.name or "unbenannt"
    return Path(relative).as_posix()


def source_paths(consensus_path: Path, consensus: Assessment) -> list[Path]:
    """The source files of a consensus file, found from its own folder (in order)."""
    folder = Path(consensus_path).parent
    return [Path(os.path.normpath(folder / source.file)) for source in consensus.sources]


def same_sources(consensus_path: Path, consensus: Assessment, paths: Sequence[Path]) -> bool:
    """Whether a consensus file was built from exactly these files (in any order)."""
    if not consensus.sources:
        return False
    recorded = {os.path.abspath(p) for p in source_paths(consensus_path, consensus)}
    return recorded == {os.path.abspath(p) for p in paths}


# ----------------------------------------------------------------- workshop cards

UNANIMOUS = "einstimmig"
CLOSE = "nah beieinander"
DISCUSSION = "Diskussionspunkt"
UNANSWERED = "von niemandem beantwortet"
DISCUSSION_SPREAD = 2  # levels apart from which perspectives need to talk first


def agreement(values: Sequence[AnswerValue]) -> str:
    """How far the perspectives agree on one question.

    - DISCUSSION: graded answers at least ``DISCUSSION_SPREAD`` levels apart, or
      different kinds of answer (a level beside "weiß nicht" or "trifft nicht zu");
    - UNANIMOUS: every perspective gave the same answer;
    - CLOSE: the rest (one level apart, or not everyone answered);
    - UNANSWERED: nobody answered.
    """
    answered = [v for v in values if v is not None]
    if not answered:
        return UNANSWERED
    graded = [v for v in answered if isinstance(v, int) and not isinstance(v, bool)]
    kinds = {str(v) for v in answered if v not in graded} | ({"graded"} if graded else set())
    if len(kinds) > 1 or (graded and max(graded) - min(graded) >= DISCUSSION_SPREAD):
        return DISCUSSION
    if len(answered) == len(values) and len(set(answered)) == 1:
        return UNANIMOUS
    return CLOSE


def workshop_suggestion(values: Sequence[AnswerValue]) -> AnswerValue:
    """The one-key suggestion of a workshop card; None where people need to talk first."""
    if agreement(values) == DISCUSSION:
        return None
    return suggested_answer(values)


def unanimous_answers(
    questions: Iterable[QuestionComparison], consensus: Assessment
) -> list[tuple[str, str, AnswerValue]]:
    """(field id, question id, value) for every unanimous question still open in ``consensus``.

    An answer the workshop has already agreed on is never replaced.
    """
    found: list[tuple[str, str, AnswerValue]] = []
    for row in questions:
        if agreement(row.values) != UNANIMOUS:
            continue
        current = consensus.answer(row.field.id, row.question.id)
        if current is not None and current.is_answered:
            continue
        found.append((row.field.id, row.question.id, row.values[0]))
    return found


def perspective_name(perspective: Perspective) -> str:
    """The name a perspective goes by on workshop cards and in taken-over notes."""
    return perspective.label


def with_perspective_notes(
    note: str, perspectives: Sequence[Perspective], notes: Sequence[str]
) -> str:
    """``note`` with a line „Perspektive X: …“ for each perspective's note not yet in it."""
    lines = [note.rstrip()] if note.strip() else []
    for perspective, text in zip(perspectives, notes, strict=True):
        text = text.strip()
        if not text:
            continue
        line = f"Perspektive {perspective_name(perspective)}: {text}"
        if line not in note:
            lines.append(line)
    return "\n".join(lines)
