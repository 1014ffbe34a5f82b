"""Writing exports next to an assessment file (used by the TUI's summary screen)."""

from __future__ import annotations

from pathlib import Path

from weltoffen_tui.core.assessment import Assessment
from weltoffen_tui.core.errors import Problem, StoreError
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.scoring import evaluate
from weltoffen_tui.core.storage.atomic import write_atomic
from weltoffen_tui.render.export import SUFFIXES, render_report_as


def export_path(assessment_file: Path, fmt: str) -> Path:
    """``musterstadt-2026-11-25.toml`` → ``musterstadt-2026-11-25-bericht.html``."""
    return sibling(assessment_file, "bericht", SUFFIXES[fmt])


def write_report(pack: Pack, assessment: Assessment, fmt: str, target: Path) -> Path:
    """Render the report and write it atomically; StoreError says why if it fails."""
    return write_document(
        target, render_report_as(fmt, pack, assessment, evaluate(pack, assessment))
    )


def write_document(target: Path, text: str) -> Path:
    """Write an export atomically (CSV line endings kept); StoreError says why if it fails.

    Exports are documents people pass on, so they are readable by others (0o644) and
    flushed to the disk like an assessment.
    """
    try:
        write_atomic(target, text, mode=0o644)
    except OSError as exc:
        raise StoreError(
            [
                Problem(
                    target,
                    f"Export nicht möglich ({exc.strerror or exc})",
                    "Prüfen Sie Schreibrechte und freien Platz.",
                )
            ]
        ) from None
    return target


def sibling(path: Path, name: str, suffix: str) -> Path:
    """``musterstadt.toml`` → ``musterstadt-<name><suffix>`` beside it."""
    return path.with_name(f"{path.stem}-{name}{suffix}")
