"""Tests that kill the mutants mutmut makes of core/textsafe.py (scripts/mutation.sh).

Every replacement is checked character by character, so a changed table entry, range
end or fast path shows. (mutmut 3 leaves the ``@cache``-decorated ``_table`` and the
module-level ``UNSAFE`` pattern unmutated; these tests pin them all the same.)
"""

from __future__ import annotations

from weltoffen_tui.core.textsafe import UNSAFE, is_visible, visible

BIDI = {
    "\u061c": "⟨ALM⟩",
    "\u200e": "⟨LRM⟩",
    "\u200f": "⟨RLM⟩",
    "\u202a": "⟨LRE⟩",
    "\u202b": "⟨RLE⟩",
    "\u202c": "⟨PDF⟩",
    "\u202d": "⟨LRO⟩",
    "\u202e": "⟨RLO⟩",
    "\u2066": "⟨LRI⟩",
    "\u2067": "⟨RLI⟩",
    "\u2068": "⟨FSI⟩",
    "\u2069": "⟨PDI⟩",
}


def expected(char: str) -> str:
    code = ord(char)
    if char in "\t\n":
        return char
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code <= 0x9F:
        return "\u2370"
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return BIDI.get(char, char)


def test_each_character_below_u3000_and_the_surrogates() -> None:
    for code in [*range(0x3000), 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000, 0x1F600]:
        char = chr(code)
        assert visible(char) == expected(char), hex(code)
        assert is_visible(char) is (expected(char) == char), hex(code)
        assert (UNSAFE.search(char) is None) is (expected(char) == char), hex(code)


def test_line_ends() -> None:
    assert visible("a\r\nb") == "a\nb"
    assert visible("a\r\n\r\nb\r") == "a\n\nb␍"
    assert visible("\r\n") == "\n"
    assert visible("a\rb") == "a␍b"
    assert visible("x\r\n\x1b") == "x\n␛"


def test_mixed_text_keeps_everything_else() -> None:
    assert visible("Name\x1b[31m rot\x9b\u202eevil\t\n") == "Name␛[31m rot⍰⟨RLO⟩evil\t\n"
    assert visible("") == "" and is_visible("")
    assert not is_visible("a\x00") and is_visible("a b")
