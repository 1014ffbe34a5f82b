"""Listings count each file against its own pack: the start screen with --pack-dir, and
``weltoffen list`` with several packs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable

from tests.conftest import make_assessment, write_mini_pack
from weltoffen_tui.cli import main
from weltoffen_tui.core.pack.load import load_pack
from weltoffen_tui.core.storage.store import save_assessment
from weltoffen_tui.paths import default_pack_dir, sample_path
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.screens.start import StartScreen


def mini_file(directory: Path, pack_dir: Path) -> Path:
    """An assessment of the mini pack (3 + 4 questions) with two answers."""
    pack = load_pack(pack_dir)
    assessment = make_assessment(pack, municipality="Kleinhausen")
    assessment.set_answer("alpha", "al-01", 2)
    assessment.set_answer("beta", "be-02", 3)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "kleinhausen.toml"
    save_assessment(assessment, path)
    return path


def table_text(table: DataTable) -> str:  # type: ignore[type-arg]
    return "\n".join(
        " | ".join(str(cell) for cell in table.get_row_at(row)) for row in range(table.row_count)
    )


async def test_start_screen_lists_files_of_a_pack_from_pack_dir(tmp_path: Path) -> None:
    pack_dir = write_mini_pack(tmp_path / "eigene-pakete" / "mini")
    data = tmp_path / "daten"
    mini_file(data, pack_dir)
    app = WeltoffenApp(data_dir=data, pack_dir=pack_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        shown = table_text(app.screen.query_one(DataTable))
        assert "Kleinhausen" in shown and "nicht lesbar" not in shown, shown
        assert "2/7 (29\u202f%)" in shown, shown


def test_list_counts_each_file_against_its_own_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "pakete"  # the shipped pack and the mini pack side by side
    root.mkdir()
    (root / default_pack_dir().name).symlink_to(default_pack_dir(), target_is_directory=True)
    pack_dir = write_mini_pack(root / "mini")
    monkeypatch.setattr("weltoffen_tui.paths.packs_dir", lambda: root)
    data = tmp_path / "daten"
    mini_file(data, pack_dir)
    shutil.copyfile(sample_path(), data / "musterstadt.toml")
    from weltoffen_tui.core.applicability import skipped_count

    pack = load_pack(default_pack_dir())
    # Musterstadt is a kreisangehörige Stadt: it is counted against the questions for it.
    shipped = pack.question_count() - skipped_count(pack, "Stadt", False)
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["--data-dir", str(data), "list"]) == 0
    out = capsys.readouterr().out
    assert "Kleinhausen" in out and "2/7 (29\u202f%)" in out, out
    assert f"/{shipped} (" in out, out
