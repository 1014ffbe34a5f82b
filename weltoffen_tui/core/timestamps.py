"""Moments from files, made comparable: the one place naive datetimes are normalised.

A hand-edited file may give ``updated`` without an offset (``2026-03-01T10:00:00``),
others carry one. Python refuses to compare the two kinds, and the extremes of the
calendar (year 1, year 9999) overflow ``timestamp()``. Everything that orders or
compares moments from files goes through here. A plain leaf module (no imports from
the program), so light readers and the workshop can both use it.
"""

from __future__ import annotations

from datetime import UTC, datetime


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
