"""Opening an assessment together with the questionnaire pack it was made for."""

from __future__ import annotations

from pathlib import Path

from weltoffen_tui.core.assessment import QUESTIONNAIRE_ID, Assessment
from weltoffen_tui.core.pack.load import load_pack
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.store import (
    parse_assessment,
    read_text,
    unknown_questionnaire,
)


def pack_for(
    assessment: Assessment, path: Path, text: str = "", packs_root: Path | None = None
) -> Pack:
    """The pack an assessment names (from the shipped packs), or a clear error."""
    from weltoffen_tui.paths import packs_dir

    root = packs_root or packs_dir()
    directory = root / assessment.questionnaire
    # Only a pack id names a pack: a path ("/x", "../x") must never load one from elsewhere.
    if (
        not QUESTIONNAIRE_ID.match(assessment.questionnaire)
        or not (directory / "pack.toml").is_file()
    ):
        raise unknown_questionnaire(assessment.questionnaire, path, text, root)
    return load_pack(directory)


def open_assessment(path: Path, packs_root: Path | None = None) -> tuple[Assessment, Pack]:
    """Load an assessment file and the pack it belongs to."""
    path = Path(path)
    text = read_text(path)
    assessment = parse_assessment(text, path)
    return assessment, pack_for(assessment, path, text, packs_root)
