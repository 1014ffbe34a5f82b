"""Target levels (*Soll*) per action field: what a field should reach, and the gap.

A target names a maturity level of the pack (``Assessment.targets[field_id].level``);
its score is the lowest score of that level, so "reached" means the field's current
level is at least the target level. Everything that shows a target (the summary, the
reports, the chart, the comparison) asks this module, so the rule lives in one place.
"""

from __future__ import annotations

from weltoffen_tui.core.assessment import Assessment, Target
from weltoffen_tui.core.pack.models import Level, Pack


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
