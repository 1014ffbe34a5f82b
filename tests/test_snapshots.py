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


PERSPECTIVES = (
    "musterstadt-verwaltungsleitung.toml",
    "musterstadt-integrationsbuero.toml",
    "musterstadt-integrationsbeirat.toml",
)


@pytest.fixture
def all_samples() -> Path:
    shutil.rmtree(DATA, ignore_errors=True)
    DATA.mkdir(parents=True)
    for sample in sample_path().parent.glob("*.toml"):
        shutil.copyfile(sample, DATA / sample.name)
    return DATA


def _load(names: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from weltoffen_tui.core.storage.opening import open_assessment

    loaded = [(DATA / n, *open_assessment(DATA / n)) for n in names]
    return loaded[0][2], [p for p, _, _ in loaded], [(p.name, a) for p, a, _ in loaded]


def test_compare_screen(snap_compare, all_samples: Path) -> None:  # type: ignore[no-untyped-def]
    app = WeltoffenApp(data_dir=DATA)

    async def show(pilot) -> None:  # type: ignore[no-untyped-def]
        from weltoffen_tui.tui.screens.compare import CompareScreen

        await pilot.pause()
        app.push_screen(CompareScreen(*_load(PERSPECTIVES)))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=show)


def test_timeline_screen(snap_compare, all_samples: Path) -> None:  # type: ignore[no-untyped-def]
    app = WeltoffenApp(data_dir=DATA)

    async def show(pilot) -> None:  # type: ignore[no-untyped-def]
        from weltoffen_tui.tui.screens.compare import TimelineScreen

        await pilot.pause()
        app.push_screen(TimelineScreen(*_load(("musterstadt-2025.toml", "musterstadt.toml"))))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=show)


def test_workshop_screen(snap_compare, all_samples: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime, timedelta, timezone

    import weltoffen_tui.core.storage.editing as editing

    fixed = datetime(2026, 3, 20, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    monkeypatch.setattr(editing, "now", lambda: fixed)
    app = WeltoffenApp(data_dir=DATA)

    async def start(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        app.start_workshop(*_load(PERSPECTIVES))
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=start)


def test_action_plan_screen(snap_compare, all_samples: Path) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from weltoffen_tui.core.storage.store import load_assessment, save_assessment
    from weltoffen_tui.core.workshop.actionplan import add_measure, measure_from_recommendation

    path = DATA / "musterstadt.toml"
    assessment = load_assessment(path)
    pack = WeltoffenApp(data_dir=DATA).pack
    for rec_id in ("ms-13.low", "io-01.low"):
        measure = measure_from_recommendation(pack, assessment, rec_id)
        add_measure(assessment, measure.model_copy(update={"due": date(2027, 6, 30)}))
    save_assessment(assessment, path)
    app = WeltoffenApp(data_dir=DATA, open_file=path)

    async def show(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=show)
