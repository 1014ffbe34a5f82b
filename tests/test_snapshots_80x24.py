"""SVG snapshots at 80×24 (a projector) of every screen and dialog not in test_snapshots.py.

Each picture is one state a consultant shows to a room: the form to start a check, the
housekeeping dialogs, the comparison and the workshop card, the action plan, the agenda,
the large-print views, the library, the help and the export choice. Fixed data folder,
fixed dates and fixed copies of the shipped samples keep the pictures stable.

After an intended change of one of these screens, review the new picture and update it
with ``pytest tests/test_snapshots_80x24.py -k NAME --snapshot-update``.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from weltoffen_tui.paths import sample_path
from weltoffen_tui.tui.app import WeltoffenApp

# A fixed folder, because some screens show the data folder or a file's place.
DATA = Path("/tmp/weltoffen-snapshots-80x24/daten")
SIZE = (80, 24)
PERSPECTIVES = (
    "musterstadt-verwaltungsleitung.toml",
    "musterstadt-integrationsbuero.toml",
    "musterstadt-integrationsbeirat.toml",
)
FIXED_NOW = datetime(2026, 3, 20, 10, 0, tzinfo=timezone(timedelta(hours=1)))
# Every sample file gets the same modification time (the start screen shows it).
FIXED_MTIME = FIXED_NOW.timestamp()


class FixedDate(date):
    """``date.today()`` is always 20.03.2026 (the setup form proposes today)."""

    @classmethod
    def today(cls) -> FixedDate:
        return cls(2026, 3, 20)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    import weltoffen_tui.core.storage.editing as editing
    import weltoffen_tui.tui.screens.setup as setup

    monkeypatch.setattr(editing, "now", lambda: FIXED_NOW)
    monkeypatch.setattr(setup, "date", FixedDate)


def _fill(names: list[Path]) -> None:
    import os

    shutil.rmtree(DATA, ignore_errors=True)
    DATA.mkdir(parents=True)
    for sample in names:
        target = DATA / sample.name
        shutil.copyfile(sample, target)
        os.utime(target, (FIXED_MTIME, FIXED_MTIME))


@pytest.fixture
def one_sample() -> Path:
    _fill([sample_path()])
    return DATA / sample_path().name


@pytest.fixture
def all_samples() -> Path:
    _fill(sorted(sample_path().parent.glob("*.toml")))
    return DATA


def _load(names: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from weltoffen_tui.core.storage.opening import open_assessment

    loaded = [(DATA / n, *open_assessment(DATA / n)) for n in names]
    return loaded[0][2], [p for p, _, _ in loaded], [(p.name, a) for p, a, _ in loaded]


async def _settle(app: WeltoffenApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Let the screen finish drawing and drop passing messages (they time out anyway);
    a steady text cursor, so a picture does not depend on when the cursor blinked."""
    from textual.widgets import Input, TextArea

    await pilot.pause()
    app.clear_notifications()
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    for area in app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def _keys(*keys: str):  # type: ignore[no-untyped-def]
    """run_before: press ``keys`` after the first screen is drawn."""

    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await _settle(pilot.app, pilot)

    return run


# ---------------------------------------------------------------- start screen and housekeeping


def test_setup_new_assessment(snap_compare, one_sample: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(WeltoffenApp(data_dir=DATA), terminal_size=SIZE, run_before=_keys("n"))


def test_edit_details(snap_compare, one_sample: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(WeltoffenApp(data_dir=DATA), terminal_size=SIZE, run_before=_keys("e"))


def test_rename_dialog(snap_compare, one_sample: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(WeltoffenApp(data_dir=DATA), terminal_size=SIZE, run_before=_keys("u"))


def test_copy_dialog(snap_compare, one_sample: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(WeltoffenApp(data_dir=DATA), terminal_size=SIZE, run_before=_keys("k"))


def test_delete_confirmation(snap_compare, one_sample: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(WeltoffenApp(data_dir=DATA), terminal_size=SIZE, run_before=_keys("delete"))


def test_start_list_with_a_copy(snap_compare, one_sample: Path) -> None:  # type: ignore[no-untyped-def]
    """A copy and its original: their rows show the file names, not the same label twice."""
    import os

    copy = DATA / "musterstadt-kopie.toml"
    shutil.copyfile(one_sample, copy)
    os.utime(copy, (FIXED_MTIME, FIXED_MTIME))
    assert snap_compare(WeltoffenApp(data_dir=DATA), terminal_size=SIZE, run_before=_keys())


def test_files_dialog(snap_compare, all_samples: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(WeltoffenApp(data_dir=DATA), terminal_size=SIZE, run_before=_keys("v"))


# ---------------------------------------------------------------- several assessments


def _push(make):  # type: ignore[no-untyped-def]
    """run_before: push the screen ``make(app)`` returns, then press nothing."""

    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        pilot.app.push_screen(make(pilot.app))
        await _settle(pilot.app, pilot)

    return run


def test_comparison(snap_compare, all_samples: Path) -> None:  # type: ignore[no-untyped-def]
    from weltoffen_tui.tui.screens.compare import CompareScreen

    run = _push(lambda app: CompareScreen(*_load(PERSPECTIVES)))
    assert snap_compare(WeltoffenApp(data_dir=DATA), terminal_size=SIZE, run_before=run)


def test_comparison_large_print(snap_compare, all_samples: Path) -> None:  # type: ignore[no-untyped-def]
    from weltoffen_tui.tui.screens.compare import CompareScreen

    push = _push(lambda app: CompareScreen(*_load(PERSPECTIVES)))

    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await push(pilot)
        await pilot.press("l")
        await _settle(pilot.app, pilot)

    assert snap_compare(WeltoffenApp(data_dir=DATA), terminal_size=SIZE, run_before=run)


def test_timeline(snap_compare, all_samples: Path) -> None:  # type: ignore[no-untyped-def]
    from weltoffen_tui.tui.screens.compare import TimelineScreen

    run = _push(lambda app: TimelineScreen(*_load(("musterstadt-2025.toml", "musterstadt.toml"))))
    assert snap_compare(WeltoffenApp(data_dir=DATA), terminal_size=SIZE, run_before=run)


def test_agenda_preview(snap_compare, all_samples: Path) -> None:  # type: ignore[no-untyped-def]
    from weltoffen_tui.tui.screens.agenda import AgendaScreen

    run = _push(lambda app: AgendaScreen(*_load(PERSPECTIVES), day="15.04.2026"))

    async def with_place(pilot) -> None:  # type: ignore[no-untyped-def]
        await run(pilot)
        for _ in range(3):
            await pilot.press("tab")
        await pilot.press(*"Ratssaal")
        await _settle(pilot.app, pilot)

    assert snap_compare(WeltoffenApp(data_dir=DATA), terminal_size=SIZE, run_before=with_place)


def _workshop(*keys: str):  # type: ignore[no-untyped-def]
    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        pilot.app.start_workshop(*_load(PERSPECTIVES))
        await _settle(pilot.app, pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await _settle(pilot.app, pilot)

    return run


def test_workshop_discussion_point(snap_compare, all_samples: Path) -> None:  # type: ignore[no-untyped-def]
    """The filter „Nur Diskussionspunkte“ on: the first card is marked ⚑, no suggestion."""
    run = _workshop("d")
    assert snap_compare(WeltoffenApp(data_dir=DATA), terminal_size=SIZE, run_before=run)


def test_workshop_unanimous_question(snap_compare, all_samples: Path) -> None:  # type: ignore[no-untyped-def]
    """A question all three perspectives answered alike: a suggestion Enter takes."""
    run = _workshop(*UNANIMOUS_KEYS)
    assert snap_compare(WeltoffenApp(data_dir=DATA), terminal_size=SIZE, run_before=run)


# In the demo perspectives ms-03 (question 3 of field 1) has 2 – In Ansätzen from all three.
UNANIMOUS_KEYS = ("down", "down")


# ---------------------------------------------------------------- one assessment


def _opened(*keys: str):  # type: ignore[no-untyped-def]
    return _keys(*keys)


def test_summary_large_print(snap_compare, one_sample: Path) -> None:  # type: ignore[no-untyped-def]
    app = WeltoffenApp(data_dir=DATA, open_file=one_sample)
    assert snap_compare(app, terminal_size=SIZE, run_before=_opened("l"))


def test_summary_export_choice(snap_compare, one_sample: Path) -> None:  # type: ignore[no-untyped-def]
    app = WeltoffenApp(data_dir=DATA, open_file=one_sample)
    assert snap_compare(app, terminal_size=SIZE, run_before=_opened("e"))


def test_summary_recommendations(snap_compare, one_sample: Path) -> None:  # type: ignore[no-untyped-def]
    """The recommendation list, jumped on to the second field with n."""
    app = WeltoffenApp(data_dir=DATA, open_file=one_sample)
    assert snap_compare(app, terminal_size=SIZE, run_before=_opened("n", "n"))


def test_action_plan(snap_compare, all_samples: Path) -> None:  # type: ignore[no-untyped-def]
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
    assert snap_compare(app, terminal_size=SIZE, run_before=_opened("p"))


def _field(*keys: str):  # type: ignore[no-untyped-def]
    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        pilot.app.show_field(1, 0)
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await _settle(pilot.app, pilot)

    return run


def test_field_overview_dialog(snap_compare, one_sample: Path) -> None:  # type: ignore[no-untyped-def]
    app = WeltoffenApp(data_dir=DATA, open_file=one_sample)
    assert snap_compare(app, terminal_size=SIZE, run_before=_field("o"))


def test_field_help(snap_compare, one_sample: Path) -> None:  # type: ignore[no-untyped-def]
    app = WeltoffenApp(data_dir=DATA, open_file=one_sample)
    assert snap_compare(app, terminal_size=SIZE, run_before=_field("f1"))


def test_unsaved_answers_dialog(  # type: ignore[no-untyped-def]
    snap_compare, one_sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weltoffen_tui.core.errors import Problem, StoreError
    from weltoffen_tui.core.storage import editing

    def full_disk(assessment: object, target: Path) -> bytes:
        raise StoreError(
            [Problem(Path(target), "Speichern nicht möglich: der Datenträger ist voll", "Platz.")]
        )

    monkeypatch.setattr(editing, "save_assessment", full_disk)
    # The failed save also pops up a message that fades at its own pace; the picture is
    # about the dialog (the banner at the top says the same and stays).
    monkeypatch.setattr(WeltoffenApp, "notify", lambda self, *args, **kwargs: None)
    monkeypatch.setenv("HOME", "/tmp/weltoffen-snapshots-80x24/home")
    app = WeltoffenApp(data_dir=DATA, open_file=one_sample)
    assert snap_compare(app, terminal_size=SIZE, run_before=_field("w", "ctrl+q"))


# ---------------------------------------------------------------- library


def test_library_search_results(snap_compare, one_sample: Path) -> None:  # type: ignore[no-untyped-def]
    app = WeltoffenApp(data_dir=DATA)
    assert snap_compare(app, terminal_size=SIZE, run_before=_keys("b", *"Hassmails"))


def test_library_article_pane(snap_compare, one_sample: Path) -> None:  # type: ignore[no-untyped-def]
    app = WeltoffenApp(data_dir=DATA)
    run = _keys("b", *"Dolmetscher", "down", "enter")
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


# ---------------------------------------------------------------- what must fit at 80×24


def _screen_lines(app: WeltoffenApp) -> list[str]:
    update = app.screen._compositor.render_update(full=True)
    assert update is not None
    return ["".join(segment.text for segment in strip) for strip in update.strips]


async def test_overview_shows_every_field_and_the_way_on_with_open_questions(
    tmp_path: Path,
) -> None:
    """Half answered: each field on one line, the summary entry and the keys still visible."""
    from weltoffen_tui.core.storage.store import load_assessment, save_assessment
    from weltoffen_tui.tui.screens.overview import OverviewDialog

    path = tmp_path / "halb.toml"
    assessment = load_assessment(sample_path())
    for field_answers in assessment.answers.values():
        for question_id in list(field_answers)[::2]:
            del field_answers[question_id]
    save_assessment(assessment, path)
    app = WeltoffenApp(data_dir=tmp_path, open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.show_field(0, 0)
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OverviewDialog)
        shown = _screen_lines(app)
        for number in range(1, 8):
            rows = [line for line in shown if f"○ {number}. " in line]
            assert len(rows) == 1, (number, shown)
            assert "offen: " in rows[0] and "…" in rows[0], rows[0]
        assert any("→ Auswertung und Anregungen" in line for line in shown), shown
        assert any("Enter öffnet" in line and "Esc schließt" in line for line in shown), shown
        assert "F1 Hilfe" in shown[-1]


def _burst(app: WeltoffenApp, keys: list[str]) -> None:
    """Queue ``keys`` at once, as the terminal delivers fast typing (Pilot waits per key)."""
    from textual import events

    for key in keys:
        character = {"tab": "\t", "shift+tab": None}.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))


async def test_agenda_form_typed_fast_fills_the_field_the_tab_moved_to(
    all_samples: Path,
) -> None:
    """Text typed right after Tab lands in the next field, not in the one just left."""
    from textual.widgets import Input

    from weltoffen_tui.tui.screens.agenda import AgendaScreen

    app = WeltoffenApp(data_dir=DATA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(AgendaScreen(*_load(PERSPECTIVES)))
        await pilot.pause()
        screen = app.screen
        screen.query_one("#agenda-duration", Input).value = ""
        screen.query_one("#agenda-duration", Input).focus()
        await pilot.pause()
        _burst(app, [*"2:30", "tab", *"Ratssaal", "shift+tab", "shift+tab", *"18:00"])
        for _ in range(5):
            await pilot.pause()
        assert screen.query_one("#agenda-duration", Input).value == "2:30"
        assert screen.query_one("#agenda-place", Input).value == "Ratssaal"
        # Focusing an input selects its old value, so typing replaces it.
        assert screen.query_one("#agenda-start", Input).value == "18:00"


async def test_a_dialog_form_typed_fast_fills_the_field_the_tab_moved_to(
    one_sample: Path,
) -> None:
    """The same in an edit dialog (here the measure of one's own on the action plan)."""
    from textual.widgets import Input

    from weltoffen_tui.tui.screens.actionplan import MeasureDialog

    app = WeltoffenApp(data_dir=DATA, open_file=one_sample)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MeasureDialog)
        inputs = list(dialog.query(Input))
        title, responsible = inputs[0], inputs[1]
        _burst(app, [*"Pool", "tab", "tab", *"Amt"])
        for _ in range(5):
            await pilot.pause()
        assert title.value == "Pool"
        assert responsible.value == "Amt"


async def test_delete_confirmation_left_and_enter_moves_to_the_bin(one_sample: Path) -> None:
    """The safe button has the focus; ← then Enter confirms (the hint says so)."""
    from weltoffen_tui.tui.screens.edit import ConfirmDialog

    app = WeltoffenApp(data_dir=DATA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert any("← und Enter: In den Papierkorb" in line for line in _screen_lines(app))
        await pilot.press("left", "enter")
        for _ in range(3):
            await pilot.pause()
        assert not one_sample.exists()
        assert (DATA / "Papierkorb" / one_sample.name).exists()
