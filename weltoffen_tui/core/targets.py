"""Target levels (*Soll*) per action field: what a field should reach, and the gap.

A target names a maturity level of the pack (``Assessment.targets[field_id].level``);
its score is the lowest score of that level, so "reached" means the field's current
level is at least the target level. Everything that shows a target (the summary, the
reports, the chart, the comparison) asks this module, so the rule lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from weltoffen_tui.core.assessment import Assessment, Target, now
from weltoffen_tui.core.errors import Problem, UserError
from weltoffen_tui.core.pack.models import Level, Pack

PLACE = Path("Ziele")


def target_of(assessment: Assessment, field_id: str) -> Target | None:
    """The target set for a field, if any."""
    return assessment.targets.get(field_id)


def target_level(pack: Pack, assessment: Assessment, field_id: str) -> Level | None:
    """The pack level a field's target names (None without a target or for an unknown id)."""
    target = target_of(assessment, field_id)
    if target is None:
        return None
    for level in pack.meta.levels:
        if level.id == target.level:
            return level
    return None


def target_score(pack: Pack, assessment: Assessment, field_id: str) -> float | None:
    """The score (0–100) a field needs to reach its target: the target level's lowest score."""
    level = target_level(pack, assessment, field_id)
    return None if level is None else level.min


def level_gap(pack: Pack, assessment: Assessment, field_id: str, score: float | None) -> int | None:
    """How many levels a field stands below its target (0 when reached; None when unknown)."""
    level = target_level(pack, assessment, field_id)
    if level is None or score is None:
        return None
    current = pack.level_index(pack.level_for(score).id)
    return max(0, pack.level_index(level.id) - current)


# --------------------------------------------------------------------------- status and wording

REACHED = "erreicht"
NO_TARGET = "kein Ziel"
UNKNOWN_GAP = "offen"  # a target is set, but the field has no score (or the level is unknown)
TARGET_MARK = "┃"


@dataclass(frozen=True)
class TargetStatus:
    """One field's target as every view shows it: level, date, and the gap.

    ``gap`` is None when it cannot be said (no score yet, or the file names a level
    the pack does not know: then ``level`` is None and ``level_id`` keeps the id).
    """

    field_id: str
    level_id: str
    level: Level | None
    due: date | None
    score: float | None  # the target level's lowest score
    gap: int | None

    @property
    def reached(self) -> bool:
        return self.gap == 0

    @property
    def level_name(self) -> str:
        return self.level.name if self.level else self.level_id


def target_status(
    pack: Pack, assessment: Assessment, field_id: str, score: float | None
) -> TargetStatus | None:
    """The target of a field with its gap (None without a target)."""
    target = target_of(assessment, field_id)
    if target is None:
        return None
    return TargetStatus(
        field_id=field_id,
        level_id=target.level,
        level=target_level(pack, assessment, field_id),
        due=target.due,
        score=target_score(pack, assessment, field_id),
        gap=level_gap(pack, assessment, field_id, score),
    )


def gap_label(status: TargetStatus | None) -> str:
    """``erreicht``, ``noch 1 Stufe``, ``noch 2 Stufen``, ``offen`` or ``kein Ziel``."""
    if status is None:
        return NO_TARGET
    if status.level is None:
        return f"{UNKNOWN_GAP} (Stufe „{status.level_id}“ unbekannt)"
    if status.gap is None:
        return UNKNOWN_GAP
    if status.gap == 0:
        return REACHED
    return f"noch {status.gap} {'Stufe' if status.gap == 1 else 'Stufen'}"


def marker_index(target: float | None, width: int) -> int | None:
    """Where on a bar of ``width`` cells the target marker stands (None: no marker).

    The cell whose left edge is the target score, so a target of 50 on ten cells is
    the sixth cell; a target of 100 is the last cell.
    """
    if target is None or width <= 0:
        return None
    return min(width - 1, max(0, round(width * max(0.0, min(100.0, target)) / 100)))


def bar_with_target(bar: str, target: float | None) -> str:
    """A score bar (``labels.score_bar``) with ``┃`` at the target score."""
    index = marker_index(target, len(bar))
    if index is None:
        return bar
    return bar[:index] + TARGET_MARK + bar[index + 1 :]


# --------------------------------------------------------------------------- editing


class TargetError(UserError):
    """A target cannot be set as asked."""


def set_target(
    pack: Pack, assessment: Assessment, field_id: str, level_id: str | None, due: date | None
) -> None:
    """Set (``level_id``) or remove (None) a field's target; stamps ``updated``.

    The level must be one of the pack's; a date without a level is refused.
    """
    if pack.field(field_id) is None:
        raise TargetError([Problem(PLACE, f"Handlungsfeld „{field_id}“ gibt es nicht", "")])
    if level_id is None:
        if due is not None:
            raise TargetError(
                [Problem(PLACE, "Ein Zieldatum braucht eine Zielstufe", "Wählen Sie eine Stufe.")]
            )
        assessment.targets.pop(field_id, None)
    else:
        if all(level.id != level_id for level in pack.meta.levels):
            names = ", ".join(level.name for level in pack.meta.levels)
            raise TargetError(
                [Problem(PLACE, f"Stufe „{level_id}“ gibt es nicht", f"Möglich sind: {names}.")]
            )
        assessment.targets[field_id] = Target(level=level_id, due=due)
    assessment.updated = now()


def agreed_targets(targets: list[dict[str, Target]]) -> dict[str, Target]:
    """The targets every input that sets one agrees on (same level), for a consensus.

    A field counts when at least one input sets a target and all that do name the same
    level; the date is the earliest given. Differing levels are left for the workshop.
    """
    agreed: dict[str, Target] = {}
    fields = dict.fromkeys(fid for by_field in targets for fid in by_field)
    for field_id in fields:
        given = [by_field[field_id] for by_field in targets if field_id in by_field]
        if len({t.level for t in given}) != 1:
            continue
        dates = [t.due for t in given if t.due is not None]
        agreed[field_id] = Target(level=given[0].level, due=min(dates) if dates else None)
    return agreed


def targets_side_by_side(
    pack: Pack, assessments: list[Assessment], scores: list[list[float | None]]
) -> list[tuple[str, tuple[TargetStatus | None, ...]]]:
    """Per field (pack order) each assessment's target status, for a comparison.

    ``scores[i][j]`` is assessment ``i``'s score in the pack's field ``j``. Fields no
    assessment sets a target for are left out; an empty list means no targets at all.
    """
    rows: list[tuple[str, tuple[TargetStatus | None, ...]]] = []
    for j, action_field in enumerate(pack.fields):
        statuses = tuple(
            target_status(pack, assessment, action_field.id, scores[i][j])
            for i, assessment in enumerate(assessments)
        )
        if any(status is not None for status in statuses):
            rows.append((action_field.id, statuses))
    return rows


def short_target(status: TargetStatus | None) -> str:
    """``Verankert (noch 1)``, ``Aufbau (erreicht)`` or a dash, for a narrow table cell."""
    if status is None:
        return "–"
    if status.gap is None:
        return f"{status.level_name} (?)"
    return f"{status.level_name} ({REACHED if status.gap == 0 else f'noch {status.gap}'})"


def target_hints(pack: Pack, sources: list[tuple[str, Assessment]], field_id: str) -> list[str]:
    """``Verwaltung: Verankert bis 31.12.2027`` per source that sets a target for a field.

    Shown in a consensus's target dialog, so the workshop sees what each perspective
    wanted; the consensus's own target is what counts.
    """
    hints = []
    for label, assessment in sources:
        target = assessment.targets.get(field_id)
        if target is None:
            continue
        level = target_level(pack, assessment, field_id)
        text = f"{label}: {level.name if level else target.level}"
        if target.due:
            text += f" bis {target.due.strftime('%d.%m.%Y')}"
        hints.append(text)
    return hints
