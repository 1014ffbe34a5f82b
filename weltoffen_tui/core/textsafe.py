"""User text is data, never an escape sequence: ``visible`` makes controls visible.

Why: names, notes, roles, measure titles and file names come from files anyone can
edit. Printed as they are, an ``ESC [2J`` clears the screen, ``ESC ] 8 ;;`` makes a
working hyperlink, ``ESC ] 0 ;`` retitles the terminal window, a NUL or C1 code can
confuse the terminal, and a bidi override (U+202E) reorders the rest of the line so a
reader sees something else than what is there. Every place where text reaches a
terminal passes it through ``visible`` first; files written for other programs (CSV,
JSON, an assessment) keep the exact text.

The visible forms, chosen so a reader can still tell what was there and so nothing of
it is itself a control:

* C0 controls U+0000–U+001F except ``\\n`` and ``\\t`` become the Unicode control
  pictures U+2400–U+241F (NUL ``␀``, BEL ``␇``, ESC ``␛`` …). So an escape sequence
  shows as ``␛[2J`` or ``␛]0;Titel␇``: the ESC that would start it is a picture now and
  the rest is ordinary text, so nothing executes. One picture per character keeps the
  column width of tables.
* ``\\r``: a line end written as CR LF (Windows) is a line end, so ``\\r\\n`` becomes
  ``\\n``; any other CR becomes ``␍``. A bare CR would return the cursor to the start
  of the line and let the rest of the text overwrite what was printed before it.
* DEL U+007F becomes ``␡`` (U+2421).
* C1 controls U+0080–U+009F (``\\x9b`` is a one-byte CSI in some terminals) become
  ``⍰`` (U+2370). They have no control pictures and never stand for text in Unicode;
  in practice they are bytes of a wrongly decoded file.
* Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the marks
  U+200E, U+200F and U+061C become their abbreviation in angle brackets, e.g.
  ``⟨RLO⟩``. Wrapping user text in FSI…PDI was the other choice, but it would add
  invisible characters (terminals without bidi support draw some of them as boxes,
  Rich counts their width differently), would not be idempotent in a simple way, and
  hides from the reader that the text tried to reorder itself. Right-to-left letters
  (Arabic, Hebrew names) are untouched and still shown by the terminal's own rules.
* Lone surrogates (U+D800–U+DFFF, what Python makes of undecodable bytes in a file
  name) become ``�`` (U+FFFD): they cannot be encoded, so printing one would crash.

Everything else (letters, umlauts, emoji with their joiners, ``\\n``, ``\\t``) stays as
it is. ``visible`` is pure and total (any ``str`` in, never raises) and idempotent: no
visible form is itself replaced again.
"""

from __future__ import annotations

import re
from functools import cache

#: The characters that never reach a terminal as they are: C0 controls except tab and
#: newline, DEL, C1 controls, bidi controls and marks, lone surrogates.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)

_BIDI = {
    0x061C: "ALM",
    0x200E: "LRM",
    0x200F: "RLM",
    0x202A: "LRE",
    0x202B: "RLE",
    0x202C: "PDF",
    0x202D: "LRO",
    0x202E: "RLO",
    0x2066: "LRI",
    0x2067: "RLI",
    0x2068: "FSI",
    0x2069: "PDI",
}


@cache
def _table() -> dict[int, str]:
    """The replacements (built on first use: most runs never see a control character)."""
    table = {code: chr(0x2400 + code) for code in range(0x20)}
    del table[0x09], table[0x0A]  # tab and newline stay as they are
    table[0x7F] = "\u2421"
    table.update({code: "\u2370" for code in range(0x80, 0xA0)})
    table.update({code: f"⟨{name}⟩" for code, name in _BIDI.items()})
    table.update({code: "\ufffd" for code in range(0xD800, 0xE000)})
    return table


def visible(text: str) -> str:
    """``text`` with every control, escape and bidi override in a visible form.

    Plain text (the usual case) is returned as it is after one regex search, so this is
    cheap enough to call on every span of a report.
    """
    if UNSAFE.search(text) is None:
        return text
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return text.translate(_table())


def is_visible(text: str) -> bool:
    """Whether ``text`` is already safe to print (``visible`` would not change it)."""
    return UNSAFE.search(text) is None
