"""How values are written for people: answer labels, scores, coverage, bars.

Shared by the terminal report, the exports and the TUI so every view says the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from weltoffen_tui.core.values import NOT_APPLICABLE, UNKNOWN

if TYPE_CHECKING:
    from weltoffen_tui.core.pack.models import Pack

UNKNOWN_LABEL = "Weiß nicht"
NOT_APPLICABLE_LABEL = "Trifft nicht zu"
OPEN_LABEL = "offen"
NO_SCORE = "–"
BAR_FULL = "█"
BAR_EMPTY = "░"
KIND_LABELS = {"level": "Handlungsfeld", "low": "Frage", "unknown": "Wissenslücke"}
EFFORT_LABEL = "Aufwand"


def answer_label(pack: Pack, value: int | str | None) -> str:
    """The German label of an answer value."""
    if value is None:
        return OPEN_LABEL
    if value == UNKNOWN:
        return UNKNOWN_LABEL
    if value == NOT_APPLICABLE:
        return NOT_APPLICABLE_LABEL
    step = pack.scale_step(int(value))
    return f"{value} – {step.label}" if step else str(value)


def format_score(score: float | None) -> str:
    """A score as a whole number, or a dash when there is none."""
    return NO_SCORE if score is None else f"{score:.0f}"


def format_coverage(answered: int, total: int) -> str:
    """``12/14 (86 %)``, with a narrow no-break space before the percent sign."""
    share = round(100 * answered / total) if total else 0
    return f"{answered}/{total} ({share}\u202f%)"


def score_bar(score: float | None, width: int = 20) -> str:
    """A bar of full and empty blocks, readable without colour."""
    if score is None:
        return BAR_EMPTY * width
    filled = round(width * max(0.0, min(100.0, score)) / 100)
    return BAR_FULL * filled + BAR_EMPTY * (width - filled)
