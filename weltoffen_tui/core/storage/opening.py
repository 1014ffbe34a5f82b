"""Opening an assessment together with the questionnaire pack it was made for."""

from __future__ import annotations

import re
from pathlib import Path

from weltoffen_tui.core.assessment import QUESTIONNAIRE_ID, Assessment
from weltoffen_tui.core.errors import Problem
from weltoffen_tui.core.pack.load import load_pack
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.store import (
    check_answers,
    parse_assessment,
    read_text,
    unknown_questionnaire,
)


def pack_for(
    assessment: Assessment, path: Path, text: str = "", packs_root: Path | None = None
) -> Pack:
    """The pack an assessment names, wherever it is installed, or a clear error.

    With ``packs_root`` only the packs in that folder count; otherwise every installed
    pack (``core/pack/registry``: ``--pack``, ``WELTOFFEN_PACKS``, the data folder's
    ``pakete/``, the shipped packs). Answers are checked against the pack's scale.
    """
    from weltoffen_tui.core.pack import registry

    directory: Path | None
    if packs_root is not None:
        directory = packs_root / assessment.questionnaire
        if not (directory / "pack.toml").is_file():
            directory = None
    else:
        directory = registry.find(assessment.questionnaire)
    # Only a pack id names a pack: a path ("/x", "../x") must never load one from elsewhere.
    if not QUESTIONNAIRE_ID.match(assessment.questionnaire) or directory is None:
        raise unknown_questionnaire(assessment.questionnaire, path, text, packs_root)
    pack = load_pack(directory)
    check_answers(assessment, pack, path, text)
    return pack


def open_assessment(path: Path, packs_root: Path | None = None) -> tuple[Assessment, Pack]:
    """Load an assessment file and the pack it belongs to."""
    path = Path(path)
    text = read_text(path)
    assessment = parse_assessment(text, path)
    return assessment, pack_for(assessment, path, text, packs_root)


def default_target(path: Path, version: str) -> Path:
    """A new file beside ``path`` with the version in its name, never an existing one."""
    stem = re.sub(r"-v[0-9][0-9a-z.]*$", "", path.stem)
    label = re.sub(r"[^0-9A-Za-z.]+", "-", version).strip("-") or "neu"
    candidate = path.with_name(f"{stem}-v{label}{path.suffix}")
    counter = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{stem}-v{label}-{counter}{path.suffix}")
        counter += 1
    return candidate


def migrate_file(path: Path, target: Path | None = None) -> tuple[Path, list[str]]:
    """Migrate the file at ``path`` to its installed pack and write it as a new file.

    Returns the new file and the German summary; raises UserError (the old file is
    never changed, an existing file never overwritten).
    """
    from weltoffen_tui.core.errors import UserError
    from weltoffen_tui.core.migrate import migrate, summary_lines
    from weltoffen_tui.core.storage.store import save_assessment

    text = read_text(path)
    assessment = parse_assessment(text, path)
    pack = pack_for(assessment, path, text)
    result = migrate(pack, assessment)
    if target is None:
        target = default_target(path, pack.version)
    else:
        target = target.expanduser()
        if target.is_dir():
            target = default_target(target / path.name, pack.version)
        if target.exists() or target.is_symlink():
            raise UserError(
                [Problem(target, "Diese Datei gibt es schon", "Wählen Sie einen neuen Dateinamen.")]
            )
    save_assessment(result.assessment, target)
    return target, summary_lines(result)
