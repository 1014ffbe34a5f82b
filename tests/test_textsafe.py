"""User text is data, never an escape sequence (issue "Nothing lost, nothing hung,
nothing injected", item 4).

Names, notes, roles, measure titles and file names can hold anything a text editor can
write. These tests feed them escape sequences (screen clear, OSC 8 hyperlink, window
title), C0 and C1 controls, NUL and bidi overrides, and check that none of it reaches a
terminal as it is: ``core.textsafe.visible`` itself, every CLI document, and the TUI.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from weltoffen_tui.core.textsafe import UNSAFE, is_visible, visible

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
@given(st.text(max_size=200))
def test_any_text_at_all(text: str) -> None:
    shown = visible(text)
    assert unsafe_in(shown) == [] and visible(shown) == shown
    shown.encode("utf-8")  # no lone surrogate left: printing it cannot crash
