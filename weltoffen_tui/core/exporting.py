"""Writing exports next to an assessment file (used by the TUI's summary screen)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from weltoffen_tui.core.assessment import Assessment
from weltoffen_tui.core.errors import Problem, StoreError
from weltoffen_tui.core.export import SUFFIXES, render_report_as
from weltoffen_tui.core.pack import Pack
from weltoffen_tui.core.scoring import evaluate


def export_path(assessment_file: Path, fmt: str) -> Path:
    """``musterstadt-2026-11-25.toml`` → ``musterstadt-2026-11-25-bericht.html``."""
    return assessment_file.with_name(f"{assessment_file.stem}-bericht{SUFFIXES[fmt]}")


def write_report(pack: Pack, assessment: Assessment, fmt: str, target: Path) -> Path:
    """Render the report and write it atomically; StoreError says why if it fails."""
    text = render_report_as(fmt, pack, assessment, evaluate(pack, assessment))
    tmp_name: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
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
