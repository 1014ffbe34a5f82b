"""Perspective labels: the short name that tells the perspectives of a municipality apart.

One label is used wherever a perspective is shown (start screen, file choice, comparison
columns, workshop cards, reports). It is, in this order:

1. the perspective typed in (``perspective`` in the file, e.g. „Verwaltungsleitung“), else
2. for a consensus file (it lists its sources): „Gemeinsam (Workshop)“, else
3. the respondents' roles (a name where a role is missing), at most two, then
   „… und N weitere“, else
4. the file name without ``.toml`` (or „ohne Angabe“ when there is none either).

Pure and free of pydantic, so the listing can use it on raw file data.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weltoffen_tui.core.assessment import Assessment

CONSENSUS_LABEL = "Gemeinsam (Workshop)"
NO_LABEL = "ohne Angabe"
MAX_LABEL_PARTS = 2


def roles_label(respondents: list[tuple[str, str]]) -> str:
    """``Integrationsbüro, Personalamt`` or ``Bürgermeisterin und 3 weitere`` from (name, role)."""
    parts: list[str] = []
    for name, role in respondents:
        part = role.strip() or name.strip()
        if part and part not in parts:
            parts.append(part)
    if len(parts) <= MAX_LABEL_PARTS:
        return ", ".join(parts)
    return f"{parts[0]} und {len(parts) - 1} weitere"


def derive_label(
    perspective: str, respondents: list[tuple[str, str]], consensus: bool, file_name: str
) -> str:
    """The perspective label from its parts (the listing uses it on raw file data)."""
    if perspective.strip():
        return perspective.strip()
    if consensus:
        return CONSENSUS_LABEL
    roles = roles_label(respondents)
    if roles:
        return roles
    stem = PurePath(file_name).stem.strip() if file_name else ""
    return stem or NO_LABEL


def perspective_label(assessment: Assessment, file_name: str = "") -> str:
    """The short name of the perspective an assessment stands for (see the module)."""
    return derive_label(
        assessment.perspective,
        [(r.name, r.role) for r in assessment.respondents],
        bool(assessment.sources),
        file_name,
    )


def derive_sources(sources: list[tuple[str, str]]) -> str:
    """``Verwaltungsleitung, Beirat`` from (perspective, file) of each source; a source
    merged before perspectives were recorded is named by its file."""
    return ", ".join(perspective.strip() or PurePath(file).stem for perspective, file in sources)


def sources_label(assessment: Assessment) -> str:
    """The perspectives a consensus file was merged from, ``""`` for an ordinary file."""
    return derive_sources([(source.perspective, source.file) for source in assessment.sources])
