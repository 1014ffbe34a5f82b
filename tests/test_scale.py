"""Scale: listing and reporting on many assessment files.

CI uses a reduced number of files; the full run is
``WELTOFFEN_SCALE_FILES=10000 bash scripts/test.sh tests/test_scale.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from weltoffen_tui.cli import main
from weltoffen_tui.core.storage.listing import list_assessments
from weltoffen_tui.core.storage.store import dumps_assessment, load_assessment
from weltoffen_tui.paths import sample_path

FILES = int(os.environ.get("WELTOFFEN_SCALE_FILES", "1500"))


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("viele")
    assessment = load_assessment(sample_path())
    template = dumps_assessment(assessment)
    for number in range(FILES):
        name = f'municipality = "Ort {number:05d}"'
        text = template.replace('municipality = "Musterstadt"', name)
        (directory / f"ort-{number:05d}.toml").write_text(text, encoding="utf-8")
    (directory / "kaputt.toml").write_text("municipality = [", encoding="utf-8")
    return directory


def test_list_every_file(many: Path) -> None:
    cold = list_assessments(many)
    assert len(cold) == FILES + 1
    assert sum(1 for e in cold if e.error) == 1
    assert {e.municipality for e in cold if not e.error} == {f"Ort {n:05d}" for n in range(FILES)}
    # Musterstadt is a kreisangehörige Stadt: the question on an own Ausländerbehörde
    # (Landkreis and kreisfreie Stadt only) is not counted, so 104 of the 105 apply.
    assert all(e.answered == 104 for e in cold if not e.error)
    warm = list_assessments(many)
    assert warm == cold


def test_list_command_shows_every_file(many: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(many), "list"]) == 0
    out = capsys.readouterr().out
    assert out.count("ort-") == FILES and "nicht lesbar" in out


def test_report_of_any_file(many: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for number in (0, FILES // 2, FILES - 1):
        assert main(["report", str(many / f"ort-{number:05d}.toml"), "--format", "json"]) == 0
        assert f"Ort {number:05d}" in capsys.readouterr().out


def test_compare_many(many: Path) -> None:
    from weltoffen_tui.core.pack.load import load_pack
    from weltoffen_tui.core.workshop.compare import compare

    items = [(p.name, load_assessment(p)) for p in sorted(many.glob("ort-*.toml"))]
    comparison = compare(load_pack(), items)
    assert len(comparison.perspectives) == FILES
    assert all(row.spread == 0 for row in comparison.questions)
