"""Faults around the file: a second instance, files deleted or changed underneath."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.editing import EditSession
from weltoffen_tui.core.storage.opening import open_assessment
from weltoffen_tui.core.storage.store import load_assessment
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.screens.dialogs import MessageDialog


def open_session(path: Path) -> EditSession:
    assessment, pack = open_assessment(path)
    return EditSession.open(path, assessment, pack)


def test_second_instance_is_read_only_and_cannot_overwrite(sample_copy: Path) -> None:
    first = open_session(sample_copy)
    second = open_session(sample_copy)
    try:
        assert not first.read_only
        assert second.read_only and "anderen Fenster" in second.read_only_reason
        before = sample_copy.read_bytes()
        assert not second.set_answer("management-steuerung", "ms-01", 1)
        assert sample_copy.read_bytes() == before
        assert second.assessment.answer("management-steuerung", "ms-01").value != 1  # type: ignore[union-attr]
        assert first.set_answer("management-steuerung", "ms-01", 4)
    finally:
        first.close()
        second.close()
    third = open_session(sample_copy)
    assert not third.read_only
    third.close()


def test_lock_of_a_killed_process_is_released(sample_copy: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from weltoffen_tui.core.storage.editing import EditSession
        from weltoffen_tui.core.storage.opening import open_assessment
        path = Path({str(sample_copy)!r})
        a, p = open_assessment(path)
        s = EditSession.open(path, a, p)
        print("locked" if not s.read_only else "ro", flush=True)
        time.sleep(60)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        assert open_session(sample_copy).read_only
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    session = open_session(sample_copy)
    assert not session.read_only
    session.close()


def test_file_deleted_underneath_is_written_again(mini_pack: Pack, tmp_path: Path) -> None:
    session = EditSession.create(tmp_path, mini_pack, municipality="X", kind="Stadt")
    session.set_answer("alpha", "al-01", 2)
    session.path.unlink()
    assert session.set_answer("alpha", "al-02", 3)
    notices = session.take_notices()
    assert notices and "gelöscht" in notices[0]
    reloaded = load_assessment(session.path)
    assert reloaded.answer("alpha", "al-01").value == 2  # type: ignore[union-attr]
    assert reloaded.answer("alpha", "al-02").value == 3  # type: ignore[union-attr]
    session.close()


def test_file_changed_underneath_is_never_overwritten(mini_pack: Pack, tmp_path: Path) -> None:
    session = EditSession.create(tmp_path, mini_pack, municipality="X", kind="Stadt")
    session.set_answer("alpha", "al-01", 2)
    original = session.path
    time.sleep(0.01)
    edited = original.read_text().replace('municipality = "X"', 'municipality = "Y"')
    original.write_text(edited)
    assert session.set_answer("alpha", "al-02", 4)
    assert original.read_text() == edited
    assert session.path != original and "konflikt" in session.path.name
    moved = load_assessment(session.path)
    assert moved.answer("alpha", "al-01").value == 2  # type: ignore[union-attr]
    assert moved.answer("alpha", "al-02").value == 4  # type: ignore[union-attr]
    (notice,) = session.take_notices()
    assert original.name in notice and session.path.name in notice
    session.close()


async def test_tui_second_instance_shows_read_only_dialog(sample_copy: Path) -> None:
    holder = open_session(sample_copy)
    try:
        app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, MessageDialog)
            assert "Nur lesend" in app.screen.title_text
            assert app.session is not None and app.session.read_only
    finally:
        holder.close()


async def test_tui_disk_full_keeps_answer_and_says_so(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weltoffen_tui.tui.screens.field import FieldScreen
    from weltoffen_tui.tui.widgets.question import QuestionCard

    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    before = sample_copy.read_bytes()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.show_field(0, 0, replace=True)
        await pilot.pause()
        assert isinstance(app.screen, FieldScreen)

        def full(_fd: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", full)
        card = app.focused
        assert isinstance(card, QuestionCard)
        await pilot.press("w")
        await pilot.pause()
        status = str(app.screen.query_one("#save-status").render())
        assert "NICHT gespeichert" in status and "voll" in status
        assert card.answer is not None and card.answer.value == "weiss_nicht"
        assert sample_copy.read_bytes() == before
        monkeypatch.undo()
        await pilot.press("w")
        await pilot.pause()
        assert "✓ Gespeichert" in str(app.screen.query_one("#save-status").render())
    assert (
        load_assessment(sample_copy).answer("management-steuerung", "ms-01").value == "weiss_nicht"
    )  # type: ignore[union-attr]
