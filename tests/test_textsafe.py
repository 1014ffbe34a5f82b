"""User text is data, never an escape sequence (issue "Nothing lost, nothing hung,
nothing injected", item 4).

Names, notes, roles, measure titles and file names can hold anything a text editor can
write. These tests feed them escape sequences (screen clear, OSC 8 hyperlink, window
title), C0 and C1 controls, NUL and bidi overrides, and check that none of it reaches a
terminal as it is: ``core.textsafe.visible`` itself, every CLI document, and the TUI.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import SelectionList

from weltoffen_tui.cli import main
from weltoffen_tui.core.assessment import Measure, Respondent
from weltoffen_tui.core.storage.store import load_assessment, save_assessment
from weltoffen_tui.core.textsafe import UNSAFE, is_visible, visible
from weltoffen_tui.paths import sample_path
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.messages import OpenAssessment
from weltoffen_tui.tui.screens.compare import CompareScreen, FilesDialog
from weltoffen_tui.tui.screens.field import FieldScreen

# Sequences a hostile or broken file might carry; each would do something in a terminal.
ATTACKS = (
    "\x1b[2J",  # clear the screen
    "\x1b]8;;http://x\x1b\\",  # start a working hyperlink (OSC 8, ST as ESC \)
    "\x1b]8;;\x1b\\",  # end it
    "\x1b]0;title\x07",  # retitle the window (OSC 0, BEL)
    "\x1b[31m",  # colour
    "\x9b2J",  # C1 CSI: clear the screen in terminals that take 8-bit controls
    "\x9d0;t\x9c",  # C1 OSC … ST
    "\x00",
    "\x7f",
    "\r",
    "\x08",
    "\u202e",  # RIGHT-TO-LEFT OVERRIDE
    "\u202d",
    "\u2066",
    "\u2069",
    "\u200f",
    "\u061c",
)
# Printable text, kept exactly: letters, umlauts, ß, punctuation, RTL letters, emoji
# (with zero-width joiner and variation selector), tab and newline.
PRINTABLE = "aZ09 äöüÄÖÜß€„“–…[bold]<b>**`שלוםمرحبا👩\u200d👩\u200d👧❤\ufe0f\t\n"

dangerous_char = st.one_of(
    st.characters(min_codepoint=0, max_codepoint=0x1F).filter(lambda c: c not in "\t\n"),
    st.characters(min_codepoint=0x7F, max_codepoint=0x9F),
    st.sampled_from("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"),
)
piece = st.one_of(
    st.sampled_from(ATTACKS),
    dangerous_char,
    st.text(alphabet=st.sampled_from(PRINTABLE), max_size=8),
)
hostile = st.lists(piece, max_size=12).map("".join)
printable = st.text(alphabet=st.sampled_from(PRINTABLE), max_size=40)


def unsafe_in(text: str) -> list[str]:
    """The characters of ``text`` that must never reach a terminal."""
    return UNSAFE.findall(text)


@given(hostile)
def test_nothing_dangerous_survives(text: str) -> None:
    shown = visible(text)
    assert unsafe_in(shown) == [], repr(shown)
    assert "\x1b" not in shown and "\x00" not in shown
    assert is_visible(shown)


@given(hostile)
def test_idempotent(text: str) -> None:
    once = visible(text)
    assert visible(once) == once


@given(printable)
def test_printable_text_unchanged(text: str) -> None:
    assert visible(text) == text
    assert visible(text) is text  # the fast path: no copy for ordinary text


@given(printable, st.sampled_from(ATTACKS), printable)
def test_text_around_an_escape_is_kept(before: str, attack: str, after: str) -> None:
    """Only the control characters change: the text around them stays readable."""
    shown = visible(before + attack + after)
    assert shown.startswith(before) and shown.endswith(after)


def test_visible_forms() -> None:
    """The forms the module docstring promises: readable, one picture per control."""
    assert visible("a\x1b[2Jb") == "a␛[2Jb"
    assert visible("\x1b]0;title\x07") == "␛]0;title␇"
    assert visible("\x1b]8;;http://x\x1b\\") == "␛]8;;http://x␛\\"
    assert visible("\x00\x7f") == "␀␡"
    assert visible("\x9b2J") == "⍰2J"
    assert visible("Name\u202eevil") == "Name⟨RLO⟩evil"
    assert visible("a\u2066b\u2069") == "a⟨LRI⟩b⟨PDI⟩"
    assert visible("Zeile 1\r\nZeile 2\rx") == "Zeile 1\nZeile 2␍x"
    assert visible("\udc9b.toml") == "\ufffd.toml"  # an undecodable byte in a file name


def test_total_on_every_code_point() -> None:
    """Any str in, never an exception, and no code point is left dangerous."""
    everything = "".join(chr(code) for code in range(0x110000))
    shown = visible(everything)
    assert unsafe_in(shown) == []
    assert visible(shown) == shown


@settings(max_examples=25)
@given(st.text(alphabet=st.one_of(st.characters(), dangerous_char), max_size=200))
def test_any_text_at_all(text: str) -> None:
    shown = visible(text)
    assert unsafe_in(shown) == [] and visible(shown) == shown
    shown.encode("utf-8")  # no lone surrogate left: printing it cannot crash


# --------------------------------------------------------------------------- the CLI

POISON = "".join(ATTACKS[:7]) + "\x00\u202e\u2066\u200f"
# In a file name: no NUL and no slash (the OSC 8 address has one).
FILE_POISON = "\x1b[2J\x1b]0;title\x07\x9b2J\x7f\u202e\u2066"
# What a terminal runs: ESC and C1 controls, NUL, bidi controls (Rich's own colour codes,
# SGR "ESC [ … m", are removed from forced-terminal output before this is checked).
SGR = re.compile(r"\x1b\[[0-9;]*m")


def hostile_file(directory: Path) -> Path:
    """The sample with the poison in every free-text field and in the file name."""
    assessment = load_assessment(sample_path())
    assessment.municipality = f"Stadt{POISON}"
    assessment.consultant = f"Beraterin{POISON}"
    assessment.respondents = [Respondent(name=f"Name{POISON}", role=f"Rolle{POISON}")]
    assessment.set_answer("management-steuerung", "ms-01", 1, note=f"Notiz{POISON}")
    assessment.measures = [
        Measure(
            id="m-001",
            field="management-steuerung",
            title=f"Maßnahme{POISON}",
            responsible=f"Amt{POISON}",
            note=f"Notiz{POISON}",
        )
    ]
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"böse{FILE_POISON}.toml"
    save_assessment(assessment, path)
    return path


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / f"daten{FILE_POISON}"  # the folder name is shown, too
    monkeypatch.setenv("WELTOFFEN_DATA_DIR", str(directory))
    return hostile_file(directory)


def assert_harmless(output: str, *, terminal: bool) -> None:
    shown = SGR.sub("", output) if terminal else output
    found = sorted({f"U+{ord(c):04X}" for c in unsafe_in(shown)})
    assert found == [], (found, shown[:400])


def commands(path: Path, other: Path) -> dict[str, list[str]]:
    return {
        "report": ["report", str(path)],
        "list": ["list"],
        "compare": ["compare", str(path), str(other)],
        # (shown in the terminal, the timeline has no free text; as text it has a title)
        "timeline-text": [
            "timeline",
            str(path),
            str(path.with_name("zweite.toml")),
            "--format",
            "text",
        ],
        "agenda": ["agenda", str(path), str(other)],
        "actionplan": ["actionplan", str(path)],
        "actionplan-csv": ["actionplan", str(path), "--format", "csv"],
        "report-markdown": ["report", str(path), "--format", "markdown"],
        "report-text": ["report", str(path), "--format", "text"],
        "compare-json": ["compare", str(path), str(other), "--format", "json"],
    }


# Each command redirected and on a terminal (colours on); CSV and JSON only on a
# terminal: redirected they are data for another program and keep the exact text.
CASES = [
    (name, where)
    for name in sorted(commands(Path("x"), Path("y")))
    for where in ("pipe", "terminal")
    if where == "terminal" or not name.endswith(("-csv", "-json"))
]


@pytest.mark.parametrize(("name", "where"), CASES)
def test_no_escape_reaches_the_terminal(
    name: str,
    where: str,
    hostile: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal = where == "terminal"
    if terminal:
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.setenv("COLUMNS", "120")
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True)  # the captured stdout
    else:
        monkeypatch.delenv("FORCE_COLOR", raising=False)
        monkeypatch.setenv("NO_COLOR", "1")
    other = tmp_path / "andere.toml"
    shutil.copyfile(sample_path(), other)
    shutil.copyfile(hostile, hostile.with_name("zweite.toml"))  # same municipality
    assert main(commands(hostile, other)[name]) == 0
    out, err = capsys.readouterr()
    assert out.strip()  # the document was shown at all
    assert_harmless(out, terminal=terminal)
    assert_harmless(err, terminal=terminal)
    if name == "compare":
        # The note names the municipality, made visible: on stdout the document carries
        # it (and stderr stays quiet); it goes to stderr only when a file is written.
        assert "Stadt␛[2J" in out and "Hinweis:" not in err


def test_csv_into_a_pipe_keeps_the_exact_text(
    hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only what is shown is changed: a CSV for another program keeps every character."""
    assert main(["actionplan", str(hostile), "--format", "csv"]) == 0
    assert f"Maßnahme{POISON}" in capsys.readouterr().out
    assert main(["actionplan", str(hostile), "--format", "json"]) == 0
    assert "\\u001b[2J" in capsys.readouterr().out  # JSON's own escape, still exact


def test_written_files_and_messages(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``Geschrieben: PATH`` with a hostile path, and the Markdown and HTML files."""
    for suffix in ("md", "html"):
        target = tmp_path / f"bericht{FILE_POISON}.{suffix}"
        assert main(["report", str(hostile), "-o", str(target)]) == 0
        out, _ = capsys.readouterr()
        assert out.startswith("Geschrieben: ")
        assert_harmless(out, terminal=False)
        content = target.read_text(encoding="utf-8")
        assert "Stadt␛" in content
        assert_harmless(content, terminal=False)


def test_error_messages_name_files_harmlessly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / f"kaputt{FILE_POISON}.toml"
    broken.write_text(f'municipality = "x\\u001b]0;T\\u0007"\nkind = "{POISON[:10]}', "utf-8")
    assert main(["report", str(broken)]) == 2
    assert main(["validate", str(tmp_path / f"paket{FILE_POISON}")]) == 1
    out, err = capsys.readouterr()
    assert "kaputt␛" in err and "paket␛" in out
    assert_harmless(out, terminal=False)
    assert_harmless(err, terminal=False)


# --------------------------------------------------------------------------- the TUI


def screen_text(app: WeltoffenApp) -> str:
    """Every character the screen would send to the terminal (all layers, toasts too)."""
    update = app.screen._compositor.render_update(full=True)
    assert update is not None
    return "\n".join("".join(segment.text for segment in strip) for strip in update.strips)


async def test_tui_shows_hostile_text_harmlessly(hostile: Path) -> None:
    app = WeltoffenApp(data_dir=hostile.parent)
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await pilot.pause()
        shown = {"start": screen_text(app)}
        assert "Stadt␛[2J" in shown["start"]  # the list shows the name, made visible
        app.post_message(OpenAssessment(hostile))
        await pilot.pause()
        await pilot.pause()
        shown["opened"] = screen_text(app)
        await pilot.press("z")
        await pilot.pause()
        shown["summary"] = screen_text(app)
        assert "Stadt␛[2J" in shown["summary"]
        await pilot.press("p")
        await pilot.pause()
        shown["plan"] = screen_text(app)
        assert "Maßnahme␛[2J" in shown["plan"]
        await pilot.press("escape")  # back to the summary
        await pilot.pause()
        await pilot.press("o")  # overview of the fields; the first holds the note
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        shown["field"] = screen_text(app)
        assert "Notiz␛[2J" in shown["field"]
        app.notify(f"Hinweis zu {hostile.name}", title=f"Titel{POISON}")
        app.sub_title = f"Untertitel{POISON}"
        await pilot.pause()
        shown["notified"] = screen_text(app)
        assert "Hinweis zu böse␛" in shown["notified"]
        for where, text in shown.items():
            found = sorted({f"U+{ord(c):04X}" for c in unsafe_in(text)})
            assert found == [], (where, found)
        assert is_visible(app.title) and is_visible(app.sub_title)
        assert "\x1b" not in app.title + app.sub_title


def assert_screens_harmless(shown: dict[str, str]) -> None:
    for where, text in shown.items():
        found = sorted({f"U+{ord(c):04X}" for c in unsafe_in(text)})
        assert found == [], (where, found)


async def test_tui_workshop_shows_hostile_text_harmlessly(hostile: Path) -> None:
    """The file chooser, the comparison, the perspectives beside a question, the banner."""
    shutil.copyfile(hostile, hostile.with_name("zweite.toml"))
    app = WeltoffenApp(data_dir=hostile.parent)
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await pilot.pause()
        shown = {"start": screen_text(app)}
        assert "Datenordner: " in shown["start"] and "daten␛[2J" in shown["start"]
        await pilot.press("v")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FilesDialog)
        dialog.query_one(SelectionList).select_all()
        await pilot.pause()
        shown["files"] = screen_text(app)
        assert "[✓]" in shown["files"] and "Stadt␛[2J" in shown["files"]
        await pilot.click("#compare")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        shown["compare"] = screen_text(app)
        await pilot.press("m")  # export: the banner names the file written
        await pilot.pause()
        await pilot.pause()
        shown["exported"] = screen_text(app)
        assert "daten␛[2J" in shown["exported"]
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, FieldScreen)
        shown["workshop"] = screen_text(app)
        assert "Notiz␛[2J" in shown["workshop"]  # a perspective's note beside the question
        assert_screens_harmless(shown)


async def test_error_dialog_shows_a_hostile_file_name_harmlessly(tmp_path: Path) -> None:
    from weltoffen_tui.tui.screens.dialogs import MessageDialog

    broken = tmp_path / f"kaputt{FILE_POISON}.toml"
    broken.write_text("municipality = ", encoding="utf-8")
    app = WeltoffenApp(data_dir=tmp_path, open_file=broken)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        shown = screen_text(app)
        assert "kaputt␛" in shown
        assert_screens_harmless({"error": shown})


async def test_measure_dialog_shows_hostile_text_harmlessly(hostile: Path) -> None:
    """Input and TextArea draw controls as symbols; the value itself stays exactly as it was."""
    from textual.widgets import Input, TextArea

    app = WeltoffenApp(data_dir=hostile.parent, open_file=hostile)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        shown = screen_text(app)
        assert_screens_harmless({"measure dialog": shown})
        assert "Maßnahme␛[2J" in shown and "Amt␛[2J" in shown and "Notiz␛[2J" in shown
        title = app.screen.query_one("#title", Input)
        assert title.value == f"Maßnahme{POISON}"  # the value is not changed, only drawn
        assert app.screen.query_one("#measure-note", TextArea).text == f"Notiz{POISON}"
        await pilot.press("end", "x")  # type at the end: the controls stay in the value
        await pilot.pause()
        assert title.value == f"Maßnahme{POISON}x"
        assert_screens_harmless({"typed": screen_text(app)})
        await pilot.press("backspace", "ctrl+s")  # back to what it was, and save
        await pilot.pause()
        await pilot.pause()
    (measure,) = load_assessment(hostile).measures
    assert measure.title == f"Maßnahme{POISON}"
    assert measure.responsible == f"Amt{POISON}"
    assert measure.note == f"Notiz{POISON}"


async def test_note_dialog_shows_a_hostile_note_harmlessly(hostile: Path) -> None:
    from textual.widgets import TextArea

    from weltoffen_tui.tui.screens.dialogs import NoteDialog

    app = WeltoffenApp(data_dir=hostile.parent, open_file=hostile)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter")  # the first field: its first question holds the note
        await pilot.pause()
        assert isinstance(app.screen, FieldScreen)
        await pilot.press("e")  # the note of the focused question
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        assert app.screen.query_one(TextArea).text == f"Notiz{POISON}"
        shown = screen_text(app)
        assert "Notiz␛[2J" in shown
        assert_screens_harmless({"note dialog": shown})


def test_one_for_one_keeps_the_length_and_makes_every_control_visible() -> None:
    from weltoffen_tui.tui.widgets.safe_input import one_for_one

    everything = "".join(chr(code) for code in range(0x3000)) + "\ud800\U0001f600"
    drawn = one_for_one(everything)
    assert len(drawn) == len(everything)
    assert unsafe_in(drawn) == [] and "\n" in drawn and "\t" in drawn
    assert one_for_one("a\nb", single_line=True) == "a␊b"
    assert one_for_one("a\x1b[2J\u202eb\x9b\x00") == "a␛[2J⇄b⍰␀"
    plain = "Maßnahme: Ratsbeschluss 👩\u200d👩\u200d👧"
    assert one_for_one(plain) is plain


async def test_safe_input_keeps_cursor_scrolling_and_clicks_in_step() -> None:
    """Each symbol takes one cell: the cursor scrolls to the end, a click hits its character."""
    from textual.app import App, ComposeResult

    from weltoffen_tui.tui.widgets.safe_input import SafeInput

    class Box(App[None]):
        CSS = "SafeInput { width: 20; border: none; padding: 0; }"

        def compose(self) -> ComposeResult:
            yield SafeInput("\x1b" * 30 + "Ende", id="long")
            yield SafeInput("\x1b\x1b\x1babc", id="short")

    app = Box()
    async with app.run_test(size=(40, 5)) as pilot:
        long = app.query_one("#long", SafeInput)
        long.focus()
        await pilot.press("end")
        await pilot.pause()
        first_line = screen_text(app).splitlines()[0]
        assert "Ende" in first_line, first_line
        assert unsafe_in(first_line) == []
        short = app.query_one("#short", SafeInput)
        for cell in (1, 4):  # the second ␛, then "b"
            await pilot.click(short, offset=(cell, 0))
            await pilot.pause()
            assert short.cursor_position == cell
        assert short.value == "\x1b\x1b\x1babc"
