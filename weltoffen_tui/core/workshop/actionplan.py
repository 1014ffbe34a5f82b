"""The action plan (*Maßnahmenplan*): measures made from recommendations, and editing them.

Why: the Selbstcheck ends with *Anregungen zur Weiterarbeit*; a municipality turns the
ones it adopts into measures with a person responsible, a due date and a status. The
measures live in ``Assessment.measures``, so they are saved with the assessment file.

The editing functions change the given assessment in place (append, replace, remove)
and stamp ``updated`` – the same contract as ``Assessment.set_answer``, so the TUI edits
through an ``EditSession`` and calls ``save()`` afterwards.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from weltoffen_tui.core.assessment import MEASURE_STATUSES, Assessment, Measure, now
from weltoffen_tui.core.errors import Problem, UserError
from weltoffen_tui.core.labels import DATE_HINT, parse_date
from weltoffen_tui.core.pack.models import Pack

PLACE = Path("Maßnahmenplan")
MEASURE_ID = re.compile(r"^m-(\d+)$")
TITLE_LIMIT = 320  # the longest first sentence in the shipped pack has 308 characters
EDITABLE = frozenset({"title", "field", "recommendation", "responsible", "due", "status", "note"})
# Words that end with a full stop without ending the sentence ("bzw.", "z. B.", "ggf.").
ABBREVIATIONS = frozenset(
    {"bzw", "ggf", "etc", "ca", "nr", "vgl", "usw", "evtl", "inkl", "sog", "dr", "bspw", "insb"}
)
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"„(]?[A-ZÄÖÜ0-9])")


class MeasureError(UserError):
    """A measure cannot be added or changed as asked."""


def _error(message: str, hint: str = "") -> MeasureError:
    return MeasureError([Problem(PLACE, message, hint)])


# --------------------------------------------------------------------------- building


def first_sentence(text: str, limit: int = TITLE_LIMIT) -> str:
    """The first sentence of a recommendation, as the short title of a measure.

    Abbreviations (``bzw.``, ``z. B.``) and ordinals (``1.``) do not end a sentence; an
    overlong sentence is cut at a word boundary with an ellipsis.
    """
    flat = " ".join(text.split())
    for match in _SENTENCE_END.finditer(flat):
        word = flat[: match.start()].rsplit(" ", 1)[-1].lstrip('(„"')
        if len(word) <= 1 or word.isdigit() or word.casefold() in ABBREVIATIONS:
            continue
        flat = flat[: match.end()]
        break
    if len(flat) > limit:
        flat = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return flat


def next_measure_id(measures: list[Measure]) -> str:
    """``m-001``, ``m-002``, … – one above the highest number in use (gaps stay gaps)."""
    numbers = [int(m.group(1)) for x in measures if (m := MEASURE_ID.match(x.id))]
    return f"m-{max(numbers, default=0) + 1:03d}"


def measure_from_recommendation(pack: Pack, assessment: Assessment, rec_id: str) -> Measure:
    """A new measure (not yet added) made from a recommendation of the pack.

    Raises MeasureError if the pack has no recommendation with this id.
    """
    ref = pack.recommendations.get(rec_id)
    if ref is None:
        raise _error(
            f"Anregung „{rec_id}“ gibt es im Fragebogen nicht",
            "Wählen Sie eine Anregung aus der Auswertung (die IDs stehen im JSON-Export).",
        )
    return Measure(
        id=next_measure_id(assessment.measures),
        title=first_sentence(ref.recommendation.text),
        field=ref.field_id,
        recommendation=rec_id,
        responsible=ref.recommendation.who,
    )


def measures_for_recommendation(assessment: Assessment, rec_id: str) -> list[Measure]:
    """Measures already made from a recommendation (the TUI marks those as adopted)."""
    return [m for m in assessment.measures if m.recommendation == rec_id]


# --------------------------------------------------------------------------- editing


def parse_due(text: str) -> date | None:
    """A due date typed by a person (TT.MM.JJJJ, ISO accepted); MeasureError if unclear."""
    try:
        return parse_date(text)
    except ValueError as exc:
        raise _error(str(exc).split(". ", 1)[0], DATE_HINT) from None


def _index(assessment: Assessment, measure_id: str) -> int:
    for index, measure in enumerate(assessment.measures):
        if measure.id == measure_id:
            return index
    raise _error(f"Maßnahme „{measure_id}“ gibt es nicht", "Sie wurde vielleicht schon entfernt.")


def _checked(values: dict[str, Any]) -> Measure:
    """Validate a measure's values with German messages for what people type."""
    if not str(values.get("title", "")).strip():
        raise _error("Die Maßnahme braucht einen Titel", "Beschreiben Sie sie in einem Satz.")
    if values.get("status") not in MEASURE_STATUSES:
        raise _error(
            f"Status „{values.get('status')}“ gibt es nicht",
            f"Erlaubt sind: {', '.join(MEASURE_STATUSES)}.",
        )
    if isinstance(values.get("due"), str):
        values["due"] = parse_due(values["due"])
    return Measure.model_validate(values)


def add_measure(assessment: Assessment, measure: Measure) -> Measure:
    """Append a measure to the assessment (in place); its id must be new."""
    if any(m.id == measure.id for m in assessment.measures):
        raise _error(
            f"Maßnahme „{measure.id}“ gibt es schon", "Vergeben Sie eine neue Nummer (m-…)."
        )
    added = _checked(measure.model_dump())
    assessment.measures.append(added)
    assessment.updated = now()
    return added


def update_measure(assessment: Assessment, measure_id: str, **changes: Any) -> Measure:
    """Change fields of a measure in place; ``due`` may be a date, a string or None.

    Changing ``id`` is refused (other files may refer to it); unknown keys are a
    programming error (ValueError).
    """
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    index = _index(assessment, measure_id)
    changed = _checked({**assessment.measures[index].model_dump(), **changes})
    assessment.measures[index] = changed
    assessment.updated = now()
    return changed


def remove_measure(assessment: Assessment, measure_id: str) -> Measure:
    """Remove a measure in place and return it (so the TUI can offer to undo)."""
    removed = assessment.measures.pop(_index(assessment, measure_id))
    assessment.updated = now()
    return removed
