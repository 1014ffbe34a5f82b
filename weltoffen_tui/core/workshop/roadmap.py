"""The roadmap: the action plan grouped by period (quarter or half-year) and by field.

Why: a plan of thirty measures reads as a list; a council wants to see what happens
when. Each measure falls into the period of its due date (``Q1 2027`` or
``1. Halbjahr 2027``), within a period by field in the pack's order, and each field
names the target its measures serve (``Assessment.targets``). Measures without a date
stand last, under „ohne Termin“.

Pure: dates in, groups out; nothing here reads files or formats for a screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from weltoffen_tui.core.assessment import Assessment, Measure, Target

Granularity = Literal["quartal", "halbjahr"]
GRANULARITIES: tuple[Granularity, ...] = ("quartal", "halbjahr")
NO_DATE = "ohne Termin"
NO_FIELD = ""
# More than this many quarters between the first and the last due date: half-years.
MAX_QUARTERS = 8


@dataclass(frozen=True, order=True)
class Period:
    """A quarter (``index`` 1–4) or half-year (1–2) of a year."""

    year: int
    index: int
    granularity: Granularity

    @property
    def label(self) -> str:
        if self.granularity == "quartal":
            return f"Q{self.index} {self.year}"
        return f"{self.index}. Halbjahr {self.year}"

    @property
    def start(self) -> date:
        months = 3 if self.granularity == "quartal" else 6
        return date(self.year, (self.index - 1) * months + 1, 1)


def period_of(day: date, granularity: Granularity) -> Period:
    """The quarter or half-year a date falls in."""
    months = 3 if granularity == "quartal" else 6
    return Period(day.year, (day.month - 1) // months + 1, granularity)


def choose_granularity(dates: Iterable[date]) -> Granularity:
    """Quarters, unless the due dates spread over more than ``MAX_QUARTERS`` quarters."""
    quarters = [period_of(d, "quartal") for d in dates]
    if not quarters:
        return "quartal"
    first, last = min(quarters), max(quarters)
    span = (last.year - first.year) * 4 + last.index - first.index + 1
    return "halbjahr" if span > MAX_QUARTERS else "quartal"


@dataclass(frozen=True)
class FieldGroup:
    """The measures of one field in one period, and the field's target (if any)."""

    field_id: str  # "" for measures without a field
    target: Target | None
    measures: tuple[Measure, ...]


@dataclass(frozen=True)
class PeriodGroup:
    """One period of the roadmap (``period`` None: „ohne Termin“)."""

    period: Period | None
    fields: tuple[FieldGroup, ...]

    @property
    def label(self) -> str:
        return self.period.label if self.period else NO_DATE

    @property
    def measures(self) -> tuple[Measure, ...]:
        return tuple(m for group in self.fields for m in group.measures)


@dataclass(frozen=True)
class Roadmap:
    granularity: Granularity
    periods: tuple[PeriodGroup, ...]


def _field_groups(
    measures: list[Measure], order: Sequence[str], targets: dict[str, Target]
) -> tuple[FieldGroup, ...]:
    """Measures by field: the pack's order, then unknown ids, then those without field."""
    by_field: dict[str, list[Measure]] = {}
    for measure in measures:
        by_field.setdefault(measure.field or NO_FIELD, []).append(measure)
    rank = {field_id: index for index, field_id in enumerate(order)}

    def key(field_id: str) -> tuple[int, int, str]:
        if field_id == NO_FIELD:
            return (2, 0, "")
        if field_id in rank:
            return (0, rank[field_id], "")
        return (1, 0, field_id)

    return tuple(
        FieldGroup(
            field_id,
            targets.get(field_id) if field_id else None,
            tuple(sorted(by_field[field_id], key=lambda m: m.due or date.max)),
        )
        for field_id in sorted(by_field, key=key)
    )


def roadmap(
    assessment: Assessment,
    field_order: Sequence[str] = (),
    granularity: Granularity | None = None,
) -> Roadmap:
    """The assessment's measures by period and field (``granularity`` None: chosen)."""
    measures = assessment.measures
    chosen = granularity or choose_granularity(m.due for m in measures if m.due)
    by_period: dict[Period, list[Measure]] = {}
    undated: list[Measure] = []
    for measure in measures:
        if measure.due is None:
            undated.append(measure)
        else:
            by_period.setdefault(period_of(measure.due, chosen), []).append(measure)
    periods = [
        PeriodGroup(period, _field_groups(by_period[period], field_order, assessment.targets))
        for period in sorted(by_period)
    ]
    if undated:
        periods.append(PeriodGroup(None, _field_groups(undated, field_order, assessment.targets)))
    return Roadmap(chosen, tuple(periods))
