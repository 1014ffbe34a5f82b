"""A session in front of a room: exports in the background and the screens at 80×24.

Each test here protects one point of issues 12 and 13: the UI answers keys while a
(slow) export is written, quitting waits for it, and at 80 columns the footers keep the
keys to go on, the field header stays one line, the plan table and the file choice stay
readable and copies are told apart from their originals.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from weltoffen_tui.paths import sample_path
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.messages import ExportRequested
from weltoffen_tui.tui.screens.dialogs import HelpDialog
from weltoffen_tui.tui.screens.summary import SummaryScreen
from weltoffen_tui.tui.widgets.status import StatusBanner

SIZE = (80, 24)


def screen_lines(app: WeltoffenApp) -> list[str]:
    update = app.screen._compositor.render_update(full=True)
    assert update is not None
    return ["".join(segment.text for segment in strip) for strip in update.strips]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    directory = tmp_path / "daten"
    directory.mkdir()
    shutil.copyfile(sample_path(), directory / sample_path().name)
    return directory


def slow_writer(target: Path, released: threading.Event, seen: list[bool]):  # type: ignore[no-untyped-def]
    """A writer that blocks until the test releases it (at most a few seconds).

    ``seen`` records whether it was released in time, i.e. whether the test could press
    keys while it ran: on the UI thread it would block the app and time out instead.
    """
    from weltoffen_tui.core.storage.exports import write_document

    def write() -> Path:
        seen.append(released.wait(timeout=5))
        return write_document(target, b"%PDF-1.7 fake\n")

    return write


async def test_the_app_answers_keys_while_an_export_is_written(data: Path) -> None:
    app = WeltoffenApp(data_dir=data, open_file=data / sample_path().name)
    released, seen = threading.Event(), []  # type: ignore[var-annotated]
    target = data / "bericht.pdf"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        summary.post_message(
            ExportRequested(slow_writer(target, released, seen), "PDF", reply_to=summary)
        )
        await pilot.pause()
        # While it runs the screen says so ...
        banner = summary.query_one(StatusBanner)
        assert "PDF wird erstellt" in str(banner.render())
        assert app.exporting
        # ... and keys still work: F1 opens the help.
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        # A second export is refused while the first runs.
        summary.post_message(ExportRequested(lambda: target, "Noch eins", reply_to=summary))
        await pilot.pause()
        released.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert seen == [True]
        assert target.read_bytes().startswith(b"%PDF-")
        assert app.exported == [target]  # the second one never ran
        assert not app.exporting
        await pilot.press("escape")
        await pilot.pause()
        assert "✓ PDF geschrieben" in str(summary.query_one(StatusBanner).render())


async def test_a_failed_export_is_reported_in_german(data: Path) -> None:
    from weltoffen_tui.core.errors import Problem, UserError
    from weltoffen_tui.tui.screens.dialogs import MessageDialog

    def fail() -> Path:
        problem = Problem(data / "bericht.pdf", "Der Ordner ist schreibgeschützt.")
        raise UserError([problem])

    app = WeltoffenApp(data_dir=data, open_file=data / sample_path().name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.post_message(ExportRequested(fail, "PDF", reply_to=app.screen))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        assert "schreibgeschützt" in "\n".join(screen_lines(app))
        assert app.exported == []
        assert app.return_code is None  # no crash


async def test_quitting_during_an_export_waits_for_the_whole_file(data: Path) -> None:
    app = WeltoffenApp(data_dir=data, open_file=data / sample_path().name)
    released, seen = threading.Event(), []  # type: ignore[var-annotated]
    target = data / "bericht.pdf"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.post_message(
            ExportRequested(slow_writer(target, released, seen), "PDF", reply_to=app.screen)
        )
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code is None  # still running: the export is not done
        released.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.return_code == 0  # ... and then it quits by itself
    assert target.read_bytes() == b"%PDF-1.7 fake\n"
    assert app.exported == [target]
    assert not [p.name for p in data.iterdir() if p.name.endswith(".tmp")]
