"""Writing exports next to an assessment file (used by the TUI's summary screen)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from weltoffen_tui.core.assessment import Assessment
from weltoffen_tui.core.errors import Problem, StoreError
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.scoring import evaluate
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
    """Write an export atomically (CSV line endings kept); StoreError says why if it fails."""
    tmp_name: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
        tmp_name = None
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
    finally:
        if tmp_name:
            Path(tmp_name).unlink(missing_ok=True)
    return target


def sibling(path: Path, name: str, suffix: str) -> Path:
    """``musterstadt.toml`` → ``musterstadt-<name><suffix>`` beside it."""
    return path.with_name(f"{path.stem}-{name}{suffix}")
