"""Moments from files, made comparable: the one place naive datetimes are normalised.

A hand-edited file may give ``updated`` without an offset (``2026-03-01T10:00:00``),
others carry one. Python refuses to compare the two kinds, and the extremes of the
calendar (year 1, year 9999) overflow ``timestamp()``. Everything that orders or
compares moments from files goes through here. A plain leaf module (no imports from
the program), so light readers and the workshop can both use it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def as_aware(moment: datetime) -> datetime:
    """``moment`` with an offset: a naive one counts as local time (UTC if that overflows)."""
    if moment.tzinfo is not None and moment.utcoffset() is not None:
        return moment
    try:
        return moment.astimezone()
    except (OverflowError, ValueError, OSError):
        return moment.replace(tzinfo=UTC)


def sort_key(moment: datetime) -> datetime:
    """A naive UTC datetime that orders any two moments correctly, never raising."""
    aware = as_aware(moment)
    offset = aware.utcoffset()
    naive = aware.replace(tzinfo=None)
    if offset is None:
        return naive
    try:
        return naive - offset
    except OverflowError:
        return datetime.min if naive.year == datetime.min.year else datetime.max


# --------------------------------------------------------------------------- "now"

FIXED_DAY_VARIABLE = "WELTOFFEN_HEUTE"


def fixed_day() -> date | None:
    """The day ``WELTOFFEN_HEUTE`` pins (``2026-03-12`` or ``12.03.2026``), else None.

    Demo runs set it so file names, dates and consensus headers are the same every day.
    An unreadable value is ignored here; the command line checks it with a message.
    """
    import os

    text = os.environ.get(FIXED_DAY_VARIABLE, "").strip()
    return parse_day(text) if text else None


def parse_day(text: str) -> date | None:
    """``2026-03-12`` or ``12.03.2026`` as a date, None if it is neither."""
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def current_moment() -> datetime:
    """The current local time with offset, to the second: the one source of "now".

    With a fixed day the date is that day and the time 10:00 local, so every stamp a
    demo writes is the same on every run.
    """
    day = fixed_day()
    if day is not None:
        return datetime(day.year, day.month, day.day, 10, 0, 0).astimezone()
    return datetime.now().astimezone().replace(microsecond=0)


def today() -> date:
    """Today's date (or the fixed day of a demo run)."""
    return current_moment().date()
