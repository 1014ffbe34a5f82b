"""Nothing lost, nothing hung, nothing injected: leaving with unsaved answers, crashes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Input

from weltoffen_tui.core.errors import Problem, StoreError
from weltoffen_tui.core.storage import editing
from weltoffen_tui.core.storage.store import load_assessment
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.screens.dialogs import UnsavedDialog
from weltoffen_tui.tui.screens.field import FieldScreen
from weltoffen_tui.tui.screens.start import StartScreen

FIELD, QUESTION = "management-steuerung", "ms-01"


def value_on_disk(path: Path) -> object:
    answer = load_assessment(path).answer(FIELD, QUESTION)
    return None if answer is None else answer.value


class DiskFull:
    """Saving to ``path`` fails as on a full disk (other paths are written) while on."""

    def __init__(self, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.path = path
        self.on = True
        real = editing.save_assessment

        def save(assessment: object, target: Path) -> bytes:
            if self.on and Path(target) == self.path:
                raise StoreError(
                    [Problem(target, "Speichern nicht möglich: der Datenträger ist voll", "Platz.")]
                )
            return real(assessment, target)  # type: ignore[arg-type]

        monkeypatch.setattr(editing, "save_assessment", save)


async def answer_unsaved(app: WeltoffenApp, pilot, disk: DiskFull) -> None:  # type: ignore[no-untyped-def]
    """Open the first field and answer its first question while the disk is full."""
    await pilot.pause()
    app.show_field(0, 0, replace=True)
    await pilot.pause()
    assert isinstance(app.screen, FieldScreen)
    await pilot.press("w")
    await pilot.pause()
    assert app.session is not None and app.session.last_error is not None
    assert "NICHT gespeichert" in str(app.screen.query_one("#save-status").render())


def assert_fits(dialog: UnsavedDialog, *kinds: type) -> None:
    """Every widget of these kinds is wholly inside the dialog's frame, on an 80×24 screen."""
    frame = dialog.query_one(".dialog").content_region
    assert frame.bottom <= 24 and frame.right <= 80
    for kind in kinds:
        for widget in dialog.query(kind):
            region = widget.region
            assert region.width and region.height, widget
            assert frame.contains_region(region), (widget, region, frame)


def record_exit(app: WeltoffenApp, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    exits: list[int] = []
    monkeypatch.setattr(app, "exit", lambda *args, **kwargs: exits.append(1))
    return exits


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "home"
    directory.mkdir()
    monkeypatch.setenv("HOME", str(directory))
    return directory


async def test_quit_with_unsaved_answers_asks_and_escape_stays(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    disk = DiskFull(sample_copy, monkeypatch)
    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_unsaved(app, pilot, disk)
        exits = record_exit(app, monkeypatch)
        for key in ("ctrl+q", "ctrl+c"):
            await pilot.press(key)
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, UnsavedDialog), key
            text = " ".join(str(s.render()) for s in dialog.query("Static"))
            assert "nicht in musterstadt.toml gespeichert" in text
            assert "Datenträger ist voll" in text and "Programm beenden" in text
            assert_fits(dialog, Button)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, FieldScreen) and not exits
        # Retry once the disk has room again: saved, and the app quits.
        await pilot.press("ctrl+q")
        await pilot.pause()
        disk.on = False
        await pilot.press("e")
        await pilot.pause()
        assert exits == [1]
    assert value_on_disk(sample_copy) == "weiss_nicht"


async def test_retry_that_fails_again_stays_and_says_so(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    disk = DiskFull(sample_copy, monkeypatch)
    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_unsaved(app, pilot, disk)
        exits = record_exit(app, monkeypatch)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("enter")  # the focused first button: Erneut speichern
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog) and not exits
        assert "Erneut nicht gespeichert" in str(app.screen.query_one("#problem").render())


async def test_save_elsewhere_writes_a_copy_then_quits(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    disk = DiskFull(sample_copy, monkeypatch)
    before = sample_copy.read_bytes()
    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_unsaved(app, pilot, disk)
        exits = record_exit(app, monkeypatch)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        field = app.screen.query_one("#copy-path", Input)
        assert app.focused is field
        assert_fits(app.screen, Button, Input)
        assert field.value == str(home / "musterstadt.toml")  # prefilled: home folder
        await pilot.press("enter")
        await pilot.pause()
        assert exits == [1]
    assert value_on_disk(home / "musterstadt.toml") == "weiss_nicht"
    assert sample_copy.read_bytes() == before


async def test_save_elsewhere_never_overwrites(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    disk = DiskFull(sample_copy, monkeypatch)
    other = home / "andere.toml"
    other.write_text("nicht überschreiben", encoding="utf-8")
    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_unsaved(app, pilot, disk)
        exits = record_exit(app, monkeypatch)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("a")
        app.screen.query_one("#copy-path", Input).value = str(other)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog) and not exits
        assert "gibt es schon" in str(app.screen.query_one("#problem").render())
    assert other.read_text(encoding="utf-8") == "nicht überschreiben"


async def test_going_home_with_unsaved_answers_asks_then_discards(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    disk = DiskFull(sample_copy, monkeypatch)
    before = sample_copy.read_bytes()
    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_unsaved(app, pilot, disk)
        await pilot.press("escape")  # Esc on a field screen: Startseite
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        assert app.session is not None
        assert "zur Startseite gehen" in " ".join(
            str(s.render()) for s in app.screen.query("Static")
        )
        app.screen.query_one("#discard", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) and app.session is None
    assert sample_copy.read_bytes() == before


async def test_opening_another_assessment_with_unsaved_answers_asks(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    from weltoffen_tui.tui.messages import OpenAssessment

    disk = DiskFull(sample_copy, monkeypatch)
    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_unsaved(app, pilot, disk)
        session = app.session
        app.screen.post_message(OpenAssessment(sample_copy))
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog) and app.session is session
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FieldScreen) and app.session is session


async def test_quit_when_everything_is_saved_asks_nothing(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.show_field(0, 0, replace=True)
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        exits = record_exit(app, monkeypatch)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert exits == [1] and not isinstance(app.screen, UnsavedDialog)


# ---------------------------------------------------------------------- crashes


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import platformdirs

    directory = tmp_path / "log"
    monkeypatch.setattr(platformdirs, "user_log_dir", lambda *args, **kwargs: str(directory))
    return directory


def boom(self: FieldScreen) -> None:
    secret = "GEHEIMER-INHALT"  # a local a traceback with locals would show
    raise RuntimeError(f"kaputt {secret[:0]}")


async def test_crash_saves_answers_logs_traceback_and_shows_german_message(
    sample_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    log_dir: Path,
    home: Path,
) -> None:
    disk = DiskFull(sample_copy, monkeypatch)
    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)

    printed = await run_into_crash_after_unsaved(app, capsys, monkeypatch, disk)
    assert "Unerwarteter Fehler" in printed
    assert f"Ihre Antworten sind gespeichert: {sample_copy}" in printed
    log = log_dir / "fehlerbericht.txt"
    assert f"Fehlerbericht für eine Rückmeldung: {log}" in printed
    assert "Traceback" in log.read_text(encoding="utf-8")
    assert "kaputt" in log.read_text(encoding="utf-8")
    assert value_on_disk(sample_copy) == "weiss_nicht"
    assert app.return_code == 1


async def run_into_crash_after_unsaved(
    app: WeltoffenApp,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    disk: DiskFull,
    heal: bool = True,
) -> str:
    """Answer while the disk is full (unsaved), then (room again if ``heal``) crash.

    Returns the message for the user; nothing shown or printed leaks the traceback.
    """
    screen_text = ""
    with pytest.raises(RuntimeError, match="kaputt"):  # run_test re-raises for tests
        async with app.run_test(size=(80, 24)) as pilot:
            await answer_unsaved(app, pilot, disk)
            disk.on = not heal
            monkeypatch.setattr(FieldScreen, "action_next_field", boom)
            await pilot.press("n")
            await pilot.pause()
            screen_text = "".join(str(widget.render()) for widget in app.screen.query("Static"))
    out = capsys.readouterr()
    message = app.crash_message or ""
    for leak in ("Traceback", "locals", "GEHEIMER", 'File "', "show_locals"):
        assert leak not in out.out + out.err + screen_text + message, leak
    assert "Unerwarteter Fehler" in out.err  # printed on the terminal after exit
    return message


async def test_crash_while_the_disk_is_full_saves_a_copy_and_says_where(
    sample_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    log_dir: Path,
    home: Path,
) -> None:
    disk = DiskFull(sample_copy, monkeypatch)
    before = sample_copy.read_bytes()
    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    printed = await run_into_crash_after_unsaved(app, capsys, monkeypatch, disk, heal=False)
    copy = home / "musterstadt.toml"
    assert f"Eine Kopie mit allen Antworten liegt in: {copy}" in printed
    assert value_on_disk(copy) == "weiss_nicht"
    assert sample_copy.read_bytes() == before
    assert (log_dir / "fehlerbericht.txt").exists()


def test_crash_log_is_written_without_locals(log_dir: Path) -> None:
    from weltoffen_tui.core.crashlog import write_crash_log

    try:
        boom(None)  # type: ignore[arg-type]
    except RuntimeError as exc:
        path = write_crash_log(exc)
    text = Path(path).read_text(encoding="utf-8")
    assert Path(path) == log_dir / "fehlerbericht.txt"
    assert "Traceback" in text and "GEHEIMER-INHALT" not in text
