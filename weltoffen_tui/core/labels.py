"""How values are written for people: answer labels, scores, coverage, bars.

Shared by the terminal report, the exports and the TUI so every view says the same.
"""

from __future__ import annotations

from datetime import date, datetime
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


# --------------------------------------------------------------------------- dates and differences
# One German convention: every date a person reads is TT.MM.JJJJ, a moment is
# TT.MM.JJJJ HH:MM; dates are typed as TT.MM.JJJJ (ISO JJJJ-MM-TT also accepted).

DATE_FORMAT = "%d.%m.%Y"
TIMESTAMP_FORMAT = "%d.%m.%Y %H:%M"
DATE_HINT = "Schreiben Sie das Datum als TT.MM.JJJJ, z. B. 30.06.2027."


def format_date(value: date | None) -> str:
    """``30.06.2027``, or an empty string for no date."""
    return value.strftime(DATE_FORMAT) if value else ""


def format_timestamp(value: datetime | None) -> str:
    """``01.12.2026 08:18`` (local time as stored), or an empty string."""
    return value.strftime(TIMESTAMP_FORMAT) if value else ""


def format_iso_date(text: str) -> str:
    """An ISO date kept as text (``2027-06-30``, as in the listing index) as ``30.06.2027``.

    Anything that is not an ISO date is returned as it is.
    """
    try:
        return format_date(date.fromisoformat(text.strip()))
    except ValueError:
        return text


FIRST_YEAR, LAST_YEAR = 1900, 2199  # "30.06.27" is not the year 27


def parse_date(text: str) -> date | None:
    """A date typed by a person: ``30.06.2027``, ``30.6.2027`` or ``2027-06-30``; "" is None.

    Raises ValueError (with the German hint as message) for anything else, also for a
    year of fewer than four digits (``30.06.27`` would otherwise be the year 27).
    """
    text = text.strip()
    if not text:
        return None
    for pattern in (DATE_FORMAT, "%Y-%m-%d"):
        try:
            parsed = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if FIRST_YEAR <= parsed.year <= LAST_YEAR:
            return parsed
    raise ValueError(f"Datum „{text}“ nicht erkannt. {DATE_HINT}")


def format_difference(before: float | None, after: float | None) -> str:
    """``+9``, ``−5`` or ``±0`` between two scores *as shown* (whole points), or a dash.

    Computed from the rounded scores a person reads, so 12 → 21 says +9, never +10.
    """
    if before is None or after is None:
        return NO_SCORE
    difference = round(after) - round(before)
    if difference > 0:
        return f"+{difference}"
    return f"−{-difference}" if difference < 0 else "±0"


def format_points(score: float | None) -> str:
    """``44 von 100`` or a dash."""
    return NO_SCORE if score is None else f"{score:.0f} von 100"
