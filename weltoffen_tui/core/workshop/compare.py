"""Comparing assessments: several perspectives side by side, and change over time.

Why: a Selbstcheck is often filled in by several people or groups (Verwaltungsspitze,
Integrationsbüro, Beirat). Where their answers differ is exactly what a workshop should
discuss, so the comparison ranks those questions first. Over time, the same figures show
what has moved in each action field.

Everything here is pure. Each assessment is evaluated once (``scoring.evaluate``) and the
answer matrix is built in a single pass over the pack's questions, so comparing a
thousand files costs little more than reading them.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path

from weltoffen_tui.core.assessment import Answer, Assessment
from weltoffen_tui.core.errors import Problem, UserError
from weltoffen_tui.core.pack.models import ActionField, Level, Pack, Question
from weltoffen_tui.core.perspective import perspective_label as assessment_perspective_label
from weltoffen_tui.core.scoring import Profile, evaluate
from weltoffen_tui.core.timestamps import sort_key
from weltoffen_tui.core.values import NOT_APPLICABLE, UNKNOWN

AnswerValue = int | str | None
Item = tuple[str, Assessment]

RISEN = "gestiegen"
FALLEN = "gesunken"
SAME = "gleich"
NEWLY_RATED = "neu bewertet"
NO_LONGER_RATED = "nicht mehr bewertet"
NOT_RATED = "nicht bewertet"

MAX_COLUMNS = 8  # beyond this many perspectives, tables show minimum, mean and maximum
MAX_LISTED_ANSWERS = 6  # beyond this, a discussion point shows counts instead of names
MAX_LABEL_PARTS = 2
MAX_NAMES_IN_NOTE = 4
DEFAULT_POINTS = 10

# Bits for the kinds of answer a question received; more than one bit set = mixed.
_GRADED, _UNKNOWN, _NOT_APPLICABLE = 1, 2, 4
_EMPTY: Mapping[str, Answer] = {}


class ComparisonError(UserError):
    """Assessments that cannot sensibly be compared (or not over time)."""


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Perspective:
    """One assessment in a comparison: a short label, its file name and its profile."""

    label: str
    name: str
    assessment: Assessment
    profile: Profile


@dataclass(frozen=True)
class FieldComparison:
    """Score and level of one action field in every perspective (same order)."""

    field: ActionField
    scores: tuple[float | None, ...]
    levels: tuple[Level | None, ...]

    @property
    def _present(self) -> list[float]:
        return [s for s in self.scores if s is not None]

    @property
    def spread(self) -> float | None:
        """Highest minus lowest score; None unless at least two perspectives have one.

        From the rounded scores a person reads (as ``labels.format_difference``), so a
        spread shown beside 69 and 27 is 42, never 43.
        """
        shown = [round(score) for score in self._present]
        return float(max(shown) - min(shown)) if len(shown) >= 2 else None

    @property
    def minimum(self) -> float | None:
        present = self._present
        return min(present) if present else None

    @property
    def maximum(self) -> float | None:
        present = self._present
        return max(present) if present else None

    @property
    def mean(self) -> float | None:
        present = self._present
        return sum(present) / len(present) if present else None


@dataclass(frozen=True)
class QuestionComparison:
    """Every perspective's answer to one question, and how far they are apart.

    ``spread`` is max − min of the graded answers (1–4), 0 with fewer than two.
    ``mixed`` is set when answered perspectives disagree on the *kind* of answer:
    graded against "weiß nicht" or "trifft nicht zu" (or those two against each other).
    """

    field: ActionField
    question: Question
    position: int
    values: tuple[AnswerValue, ...]
    notes: tuple[str, ...]
    spread: int
    unknown: int
    mixed: bool

    @property
    def differs(self) -> bool:
        """Whether the perspectives see this question differently at all."""
        return self.spread > 0 or self.mixed


@dataclass(frozen=True)
class Comparison:
    """Several assessments compared field by field and question by question."""

    perspectives: tuple[Perspective, ...]
    fields: tuple[FieldComparison, ...]
    questions: tuple[QuestionComparison, ...]
    discussion_points: tuple[QuestionComparison, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class FieldDelta:
    """How one action field changed between an older and a newer assessment."""

    field: ActionField
    before: float | None
    after: float | None
    level_before: Level | None
    level_after: Level | None

    @property
    def difference(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def direction(self) -> str:
        """gestiegen, gesunken, gleich, neu bewertet, nicht mehr bewertet, nicht bewertet.

        Judged on the rounded scores a person reads, so the word matches the shown numbers.
        """
        if self.before is None:
            return NOT_RATED if self.after is None else NEWLY_RATED
        if self.after is None:
            return NO_LONGER_RATED
        rounded = round(self.after) - round(self.before)
        if rounded > 0:
            return RISEN
        return FALLEN if rounded < 0 else SAME


@dataclass(frozen=True)
class TimelineEntry:
    """One assessment of a timeline with its file name and profile."""

    name: str
    assessment: Assessment
    profile: Profile

    @property
    def when(self) -> date:
        return self.assessment.session_date or self.assessment.created.date()


@dataclass(frozen=True)
class Timeline:
    """Assessments of one municipality in date order, with the change between them."""

    entries: tuple[TimelineEntry, ...]
    steps: tuple[tuple[FieldDelta, ...], ...]
    overall: tuple[FieldDelta, ...]
    notes: tuple[str, ...] = ()


# --------------------------------------------------------------------------- checks


def _name_list(names: Sequence[str], limit: int = MAX_NAMES_IN_NOTE) -> str:
    """``a, b, c und 5 weitere`` – keeps notes short when a thousand files are compared."""
    shown = ", ".join(names[:limit])
    rest = len(names) - limit
    return f"{shown} und {rest} weitere" if rest > 0 else shown


def _place_key(municipality: str) -> str:
    """Names of one municipality typed slightly differently count as the same place.

    Compared in Unicode NFC, so "Köln" typed with a precomposed ö (most keyboards)
    and with o plus combining diaeresis (macOS file names, some exports) is one town;
    case and surrounding spaces do not matter either.
    """
    return unicodedata.normalize(
        "NFC", unicodedata.normalize("NFC", municipality).strip().casefold()
    )


def _same_place(a: str, b: str) -> bool:
    return _place_key(a) == _place_key(b)


def compatibility(items: Sequence[Item], *, pack: Pack | None = None) -> list[str]:
    """German notes on what differs between the files, or ComparisonError if nothing fits.

    - different questionnaires (or not the loaded pack's): not comparable, error;
    - different questionnaire versions: compared on the questions both versions know;
    - different municipalities: allowed as a benchmark between municipalities.
    """
    if not items:
        return []
    first_name, first = items[0]
    expected = pack.id if pack is not None else first.questionnaire
    for name, assessment in items:
        if assessment.questionnaire != expected:
            where = f"{first_name}" if pack is None else f"dem geladenen Paket „{pack.meta.title}“"
            raise ComparisonError(
                [
                    Problem(
                        Path(name),
                        f"Fragebogen „{assessment.questionnaire}“ passt nicht zu "
                        f"„{expected}“ in {where}: die Einschätzungen sind nicht vergleichbar",
                        "Vergleichen Sie nur Einschätzungen, die mit demselben Fragebogen "
                        "erstellt wurden (Eintrag questionnaire in der Datei).",
                    )
                ]
            )
    notes: list[str] = []
    by_version: dict[str, list[str]] = {}
    for name, assessment in items:
        by_version.setdefault(assessment.questionnaire_version or "unbekannt", []).append(name)
    if len(by_version) > 1:
        groups = "; ".join(f"{v}: {_name_list(names)}" for v, names in by_version.items())
        current = f" (verglichen wird mit Version {pack.version})" if pack is not None else ""
        both = "beide" if len(by_version) == 2 else "alle"
        notes.append(
            f"Die Dateien stammen aus verschiedenen Fassungen des Fragebogens ({groups}). "
            f"Verglichen werden die Fragen, die {both} Fassungen kennen{current}: Fragen, die "
            "nur eine Fassung enthält, zählen nicht als Unterschied, und Antworten zu "
            "entfallenen Fragen bleiben außen vor."
        )
    notes.extend(_duplicates(items))
    places: dict[str, str] = {}
    for _, assessment in items:
        places.setdefault(_place_key(assessment.municipality), assessment.municipality)
    if len(places) > 1:
        notes.append(
            f"Die Einschätzungen stammen aus verschiedenen Kommunen "
            f"({_name_list(list(places.values()))}). "
            "Der Vergleich taugt dann als Benchmark zwischen Kommunen, nicht als Abgleich "
            "der Sichtweisen innerhalb einer Verwaltung."
        )
    return notes


def _duplicates(items: Sequence[Item]) -> list[str]:
    """A note for every file given twice (the same file again, or identical content).

    Linear for a thousand files: the full content (as JSON) is only produced for files
    that agree on municipality, both time stamps and the respondents, and then looked
    up, not compared pairwise.
    """
    notes: list[str] = []
    first_of: dict[tuple[str, ...], Item] = {}
    expanded: set[tuple[str, ...]] = set()
    by_content: dict[str, str] = {}
    for name, assessment in items:
        key = (
            assessment.municipality,
            repr(assessment.created),
            repr(assessment.updated),
            *(f"{r.name}\x1f{r.role}" for r in assessment.respondents),
        )
        if key not in first_of:
            first_of[key] = (name, assessment)
            continue
        if key not in expanded:  # the first file of this key joins the lookup now
            expanded.add(key)
            first_name, first = first_of[key]
            by_content.setdefault(first.model_dump_json(), first_name)
        content = assessment.model_dump_json()
        twin = by_content.get(content)
        if twin is None:
            by_content[content] = name
            continue
        same = "zweimal angegeben" if twin == name else f"inhaltsgleich mit {twin}"
        notes.append(
            f"Die Einschätzung {name} ist {same}: sie zählt doppelt, ohne dass eine "
            "weitere Sichtweise hinzukommt. Geben Sie jede Datei nur einmal an."
        )
    return notes


def _require_two(items: Sequence[Item], what: str, place: str) -> None:
    """Refuse a comparison of fewer than two files (``place`` names it when none is given)."""
    if len(items) < 2:
        where = Path(items[0][0]) if items else Path(place)
        raise ComparisonError(
            [
                Problem(
                    where,
                    f"Für {what} braucht es mindestens zwei Einschätzungen",
                    "Geben Sie zwei oder mehr Einschätzungsdateien an.",
                )
            ]
        )


def _require_one_municipality(items: Sequence[Item]) -> None:
    first_name, first = items[0]
    for name, assessment in items[1:]:
        if not _same_place(assessment.municipality, first.municipality):
            raise ComparisonError(
                [
                    Problem(
                        Path(name),
                        f"Eine Entwicklung über die Zeit ergibt nur für dieselbe Kommune Sinn: "
                        f"{first_name} gehört zu „{first.municipality}“, diese Datei zu "
                        f"„{assessment.municipality}“",
                        "Wählen Sie Einschätzungen derselben Kommune – oder vergleichen Sie "
                        "verschiedene Kommunen nebeneinander (Vergleich statt Zeitverlauf).",
                    )
                ]
            )


# --------------------------------------------------------------------------- comparison


def perspective_label(name: str, assessment: Assessment, *, by_municipality: bool = False) -> str:
    """A short column label: the municipality when several are compared, else the
    perspective's label (``core.perspective.perspective_label``: the perspective typed in, a
    consensus mark, the roles, the file name)."""
    if by_municipality:
        return assessment.municipality
    return assessment_perspective_label(assessment, name)


def _unique_labels(labels: list[str], names: Sequence[str]) -> list[str]:
    """Tell equal labels apart by file name, then by number."""
    counts = Counter(labels)
    result = [
        f"{label} ({Path(name).stem})" if counts[label] > 1 else label
        for label, name in zip(labels, names, strict=True)
    ]
    seen: Counter[str] = Counter()
    unique = []
    for label in result:
        seen[label] += 1
        unique.append(label if seen[label] == 1 else f"{label} #{seen[label]}")
    return unique


def _compare_question(
    action_field: ActionField,
    question: Question,
    position: int,
    answers: Sequence[Mapping[str, Answer]],
) -> QuestionComparison:
    """One pass over the perspectives' answers to a question (the hot loop)."""
    question_id = question.id
    values: list[AnswerValue] = []
    notes: list[str] = []
    low, high, unknown, kinds = 5, 0, 0, 0
    for by_question in answers:
        answer = by_question.get(question_id)
        if answer is None:
            values.append(None)
            notes.append("")
            continue
        value = answer.value
        values.append(value)
        notes.append(answer.note)
        if value is None:
            continue
        if value == UNKNOWN:
            unknown += 1
            kinds |= _UNKNOWN
        elif value == NOT_APPLICABLE:
            kinds |= _NOT_APPLICABLE
        else:
            kinds |= _GRADED
            if value < low:  # type: ignore[operator]
                low = value  # type: ignore[assignment]
            if value > high:  # type: ignore[operator]
                high = value  # type: ignore[assignment]
    return QuestionComparison(
        field=action_field,
        question=question,
        position=position,
        values=tuple(values),
        notes=tuple(notes),
        spread=high - low if high else 0,
        unknown=unknown,
        mixed=bool(kinds & (kinds - 1)),
    )


def rank_discussion_points(
    questions: Sequence[QuestionComparison],
) -> tuple[QuestionComparison, ...]:
    """Questions seen differently: widest spread, then most "weiß nicht", then pack order."""
    return tuple(
        sorted(
            (q for q in questions if q.differs),
            key=lambda q: (-q.spread, -q.unknown, q.position),
        )
    )


def compare(pack: Pack, items: Sequence[Item]) -> Comparison:
    """Compare two or more assessments (``(file name, assessment)`` pairs) of one pack.

    Raises ComparisonError for fewer than two items or different questionnaires; other
    differences (version, municipality) end up in ``Comparison.notes``.
    """
    _require_two(items, "einen Vergleich", "Vergleich")
    notes = compatibility(items, pack=pack)
    names = [name for name, _ in items]
    several_places = any(
        not _same_place(a.municipality, items[0][1].municipality) for _, a in items
    )
    labels = _unique_labels(
        [perspective_label(n, a, by_municipality=several_places) for n, a in items], names
    )
    perspectives = tuple(
        Perspective(label, name, assessment, evaluate(pack, assessment))
        for label, (name, assessment) in zip(labels, items, strict=True)
    )
    fields = []
    questions = []
    position = 0
    for index, action_field in enumerate(pack.fields):
        results = [p.profile.fields[index] for p in perspectives]
        fields.append(
            FieldComparison(
                action_field,
                tuple(r.score for r in results),
                tuple(r.level for r in results),
            )
        )
        answers = [p.assessment.answers.get(action_field.id, _EMPTY) for p in perspectives]
        for question in action_field.questions:
            questions.append(_compare_question(action_field, question, position, answers))
            position += 1
    return Comparison(
        perspectives=perspectives,
        fields=tuple(fields),
        questions=tuple(questions),
        discussion_points=rank_discussion_points(questions),
        notes=tuple(notes),
    )


# --------------------------------------------------------------------------- over time


def _field_deltas(older: Profile, newer: Profile) -> tuple[FieldDelta, ...]:
    return tuple(
        FieldDelta(before.field, before.score, after.score, before.level, after.level)
        for before, after in zip(older.fields, newer.fields, strict=True)
    )


def deltas(
    pack: Pack,
    older: Assessment,
    newer: Assessment,
    *,
    names: tuple[str, str] = ("ältere Einschätzung", "neuere Einschätzung"),
) -> list[FieldDelta]:
    """The change per field from ``older`` to ``newer`` (same municipality and pack).

    Raises ComparisonError for different questionnaires or municipalities; ``names``
    only appear in those messages.
    """
    items = [(names[0], older), (names[1], newer)]
    compatibility(items, pack=pack)
    _require_one_municipality(items)
    return list(_field_deltas(evaluate(pack, older), evaluate(pack, newer)))


def timeline(pack: Pack, items: Sequence[Item]) -> Timeline:
    """Two or more assessments of one municipality, sorted by session date.

    Files without a session date count by their creation date. Raises ComparisonError
    for fewer than two files, different questionnaires or different municipalities.
    """
    _require_two(items, "einen Zeitverlauf", "Zeitverlauf")
    notes = compatibility(items, pack=pack)
    _require_one_municipality(items)
    # Answers to questions an earlier version had under another id count for their
    # successor (Question.replaces), so a renamed question keeps its history.
    from weltoffen_tui.core.migrate import migrate, successors

    mapping = successors(pack)
    followed = []
    for name, a in items:
        if any(q in mapping for by_q in a.answers.values() for q in by_q):
            moved = migrate(pack, a)
            if moved.moved:
                notes.append(
                    f"{name}: {len(moved.moved)} Antwort(en) einer früheren Fragebogen-Version "
                    "sind den Fragen zugeordnet, die sie ersetzen."
                )
            moved.assessment.updated = a.updated  # only the answers are re-filed
            followed.append((name, moved.assessment))
        else:
            followed.append((name, a))
    entries = sorted(
        (TimelineEntry(name, a, evaluate(pack, a)) for name, a in followed),
        key=lambda e: (e.when, sort_key(e.assessment.updated)),
    )
    steps = tuple(_field_deltas(a.profile, b.profile) for a, b in pairwise(entries))
    return Timeline(
        entries=tuple(entries),
        steps=steps,
        overall=_field_deltas(entries[0].profile, entries[-1].profile),
        notes=tuple(notes),
    )
