"""At 80×24 (a projector) every full screen keeps F1 and the keys to go on in its footer."""

from __future__ import annotations

import itertools
from pathlib import Path

from weltoffen_tui.paths import sample_path
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.screens.field import FieldScreen
from weltoffen_tui.tui.screens.library import LibraryScreen
from weltoffen_tui.tui.screens.start import StartScreen
from weltoffen_tui.tui.screens.summary import SummaryScreen

SIZE = (80, 24)


def footer_line(app: WeltoffenApp) -> str:
    """The bottom line of the screen as drawn (the footer)."""
    update = app.screen._compositor.render_update(full=True)
    assert update is not None
    return "".join(segment.text for segment in update.strips[-1])


async def test_every_screen_shows_f1_and_the_way_on_at_80x24(data: Path) -> None:
    app = WeltoffenApp(data_dir=data, open_file=data / sample_path().name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen: dict[str, str] = {}

        async def look(kind: type) -> None:
            await pilot.pause()
            assert isinstance(app.screen, kind)
            seen[kind.__name__] = footer_line(app)

        await look(SummaryScreen)  # a fully answered file opens at its summary
        app.show_field(0, 0)
        await look(FieldScreen)
        await pilot.press("ctrl+b")
        await look(LibraryScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await look(StartScreen)
        for name, footer in seen.items():
            assert "F1 Hilfe" in footer, (name, footer)
        # The field screen: moving on and to the summary must not be cut off.
        for key in ("n Weiter", "v Zurück", "z Auswertung"):
            assert key in seen["FieldScreen"], seen["FieldScreen"]


def screen_lines(app: WeltoffenApp) -> list[str]:
    update = app.screen._compositor.render_update(full=True)
    assert update is not None
    return ["".join(segment.text for segment in strip) for strip in update.strips]


async def test_the_summary_shows_all_seven_fields_at_80x24(data: Path) -> None:
    app = WeltoffenApp(data_dir=data, open_file=data / sample_path().name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        pack = app.session.pack  # type: ignore[union-attr]
        shown = screen_lines(app)
        for field in pack.fields:
            assert field.short_title, field.id  # the shipped pack names every field briefly
            rows = [line for line in shown if field.short_name in line]
            assert len(rows) == 1, (field.short_name, shown)
            assert "█" in rows[0] or "░" in rows[0]  # on the same line as its bar
        # Wide enough, the full names come back.
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        await pilot.pause()
        wide = "\n".join(screen_lines(app))
        assert all(field.title in wide for field in pack.fields)


PERSPECTIVES = (
    "musterstadt-verwaltungsleitung.toml",
    "musterstadt-integrationsbuero.toml",
    "musterstadt-integrationsbeirat.toml",
)


async def test_comparison_and_timeline_give_each_field_one_line_at_80x24(tmp_path: Path) -> None:
    from weltoffen_tui.core.storage.store import load_assessment
    from weltoffen_tui.tui.screens.compare import CompareScreen, TimelineScreen

    samples = sample_path().parent
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pack = app.pack
        paths = [samples / name for name in PERSPECTIVES]
        app.push_screen(CompareScreen(pack, paths, [(p.name, load_assessment(p)) for p in paths]))
        await pilot.pause()
        await pilot.pause()
        shown = screen_lines(app)
        assert any(line.strip().startswith("• A = ") for line in shown), shown
        for field in pack.fields:
            rows = [line for line in shown if field.short_name in line]
            assert len(rows) == 1 and "…" not in rows[0], (field.short_name, shown)
        app.pop_screen()
        await pilot.pause()
        old, new = samples / "musterstadt-2025.toml", samples / "musterstadt.toml"
        app.push_screen(
            TimelineScreen(pack, [old, new], [(p.name, load_assessment(p)) for p in (old, new)])
        )
        await pilot.pause()
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "10.03.2025" in text and "12.03.2026" in text and "10.03…" not in text
        assert pack.fields[0].short_name in text


async def test_large_print_of_summary_and_comparison(data: Path) -> None:
    from weltoffen_tui.core.storage.store import load_assessment
    from weltoffen_tui.tui.screens.compare import CompareScreen
    from weltoffen_tui.tui.screens.largeprint import LargePrintScreen

    app = WeltoffenApp(data_dir=data, open_file=data / sample_path().name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pack = app.pack
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LargePrintScreen)
        shown = screen_lines(app)
        rows = [i for i, line in enumerate(shown) for f in pack.fields if f.short_name in line]
        assert len(rows) == len(pack.fields)  # every field, each on one line
        assert all(b - a == 2 for a, b in itertools.pairwise(rows))  # a gap between
        assert "F1 Hilfe" in shown[-1]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        samples = sample_path().parent
        paths = [samples / name for name in PERSPECTIVES]
        app.push_screen(CompareScreen(pack, paths, [(p.name, load_assessment(p)) for p in paths]))
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LargePrintScreen)
        text = "\n".join(screen_lines(app))
        assert "A = " in text and "C = " in text
        assert all(f.short_name in text for f in pack.fields)
