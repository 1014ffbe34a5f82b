"""Answer values and kinds of municipality: plain constants, no imports.

Kept apart from the pydantic models so that light readers (listing files, the start
screen) can use them without paying for pydantic at start-up.
"""

from __future__ import annotations

SCHEMA_VERSION = 1
UNKNOWN = "weiss_nicht"
NOT_APPLICABLE = "trifft_nicht_zu"
GRADED_VALUES = (1, 2, 3, 4)
ANSWER_VALUES: tuple[int | str, ...] = (*GRADED_VALUES, UNKNOWN, NOT_APPLICABLE)
KINDS: tuple[str, ...] = ("Stadt", "Gemeinde", "Landkreis")
# How an answer is supported (Answer.evidence): a document, or a judgement.
EVIDENCE_VALUES: tuple[str, ...] = ("belegt", "eingeschaetzt")
# What a question's or group's `applies_to` may name (core/applicability.py decides):
# "Stadt" covers both kinds of Stadt; "kreisangehörige Gemeinde" is the same as "Gemeinde".
APPLIES_TO_VALUES: tuple[str, ...] = (
    "Stadt",
    "kreisfreie Stadt",
    "kreisangehörige Stadt",
    "Gemeinde",
    "kreisangehörige Gemeinde",
    "Landkreis",
)
