"""SVG snapshots of the main screens at 80×24 and 120×40 (pytest-textual-snapshot).

After an intended change of the UI or the shipped content, review the new pictures and
update them with ``bash scripts/test.sh --snapshot-update``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from weltoffen_tui.paths import sample_path
from weltoffen_tui.tui.app import WeltoffenApp

# A fixed folder, because the start screen shows the data folder's path.
DATA = Path("/tmp/weltoffen-snapshots/daten")
SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def sample_in_data() -> Path:
    shutil.rmtree(DATA, ignore_errors=True)
    DATA.mkdir(parents=True)
    target = DATA / "musterstadt-2026-03-12.toml"
    shutil.copyfile(sample_path(), target)
    return target


@pytest.mark.parametrize("size", SIZES)
def test_start_screen(snap_compare, sample_in_data: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(WeltoffenApp(data_dir=DATA), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_field_screen(snap_compare, sample_in_data: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = WeltoffenApp(data_dir=DATA, open_file=sample_in_data)

    async def show_grouped_field(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        app.show_field(2, 0)
        await pilot.pause()
        await pilot.press("h")

    assert snap_compare(app, terminal_size=size, run_before=show_grouped_field)


@pytest.mark.parametrize("size", SIZES)
def test_summary_screen(snap_compare, sample_in_data: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(WeltoffenApp(data_dir=DATA, open_file=sample_in_data), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_article_screen(snap_compare, sample_in_data: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = WeltoffenApp(data_dir=DATA)

    async def open_article(pilot) -> None:  # type: ignore[no-untyped-def]
        from weltoffen_tui.tui.screens.article import ArticleScreen

        await pilot.pause()
        app.push_screen(ArticleScreen(app.pack.articles["dialogveranstaltung-planen"]))
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_article)
