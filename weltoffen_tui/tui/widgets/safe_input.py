"""Input fields that show control characters as symbols and never send them to the terminal.

Why: a measure title, a note or a path in a dialog comes from a file anyone can edit.
Textual's ``Input`` and ``TextArea`` draw their value as it is, so an ``ESC [2J`` in a
title would reach the terminal as an escape sequence the moment the dialog opens. These
subclasses change only how the value is *drawn*: every control character is shown as
one visible symbol (ESC as ``␛``, NUL as ``␀``, a C1 code as ``⍰``, a bidi control as
``⇄``), while ``value`` / ``text`` keep exactly what was there, so saving the dialog
unchanged writes back the same text.

The mapping is one character for one character on purpose: the cursor, the selection
and the clicks of both widgets count characters of the value, so a drawn text of the
same length keeps them in step. (``core.textsafe.visible`` writes bidi controls as
``⟨RLO⟩``, longer than one character; that is right for documents, not for an editor.)

Written against Textual 8.2 (pinned in pyproject.toml). ``SafeInput`` overrides three
private members of ``Input`` (``_value``, ``_position_to_cell``,
``_cell_offset_to_index``); ``SafeTextArea`` overrides the public ``get_line`` hook.
tests/test_textsafe.py checks what the dialogs draw; a Textual update that renames these
members makes those tests fail instead of silently drawing raw controls.
``SafeTextArea`` lives in ``safe_textarea.py``: ``TextArea`` brings its document model and
syntax highlighting along, which a screen that only shows an ``Input`` should not load.
"""

from __future__ import annotations

from functools import cache

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual.expand_tabs import expand_tabs_inline
from textual.widgets import Input

from weltoffen_tui.core.textsafe import is_visible, visible

BIDI_SYMBOL = "⇄"  # one symbol for every bidi control or mark (U+202A–E, U+2066–9 …)
NEWLINE_SYMBOL = "\u240a"  # ␊: a one-line field cannot show a line break


@cache
def _symbol(char: str) -> str:
    """The one character drawn for ``char`` (a character ``visible`` would change)."""
    shown = visible(char)
    return shown if len(shown) == 1 else BIDI_SYMBOL


def one_for_one(text: str, *, single_line: bool = False) -> str:
    """``text`` with each control character replaced by one visible symbol.

    The result has exactly as many characters as ``text`` (tab stays a tab; with
    ``single_line`` a newline becomes ``␊``).
    """
    if is_visible(text) and not (single_line and "\n" in text):
        return text
    chars = [_symbol(char) if not is_visible(char) else char for char in text]
    if single_line:
        chars = [NEWLINE_SYMBOL if char == "\n" else char for char in chars]
    return "".join(chars)


class SafeInput(Input):
    """``Input`` that draws control characters of its value as visible symbols."""

    @property
    def _value(self) -> Text:
        """The value as drawn: symbols for controls (passwords stay dots)."""
        if self.password:
            return super()._value
        text = Text(
            one_for_one(self.value, single_line=True), no_wrap=True, overflow="ignore", end=""
        )
        if self.highlighter is not None:
            text = self.highlighter(text)
        return text

    def _position_to_cell(self, position: int) -> int:
        """Cell of a character index, counted on the drawn text (a symbol is one cell)."""
        drawn = one_for_one(self.value[:position], single_line=True)
        return cell_len(expand_tabs_inline(drawn, 4))

    def _cell_offset_to_index(self, offset: int) -> int:
        """Character index under a cell offset (a click), counted on the drawn text."""
        scroll_x, _ = self.scroll_offset
        offset += scroll_x
        cell_offset = 0
        drawn = one_for_one(self.value, single_line=True)
        for index, char in enumerate(drawn):
            width = get_character_cell_size(char)
            if cell_offset <= offset < cell_offset + width:
                return index
            cell_offset += width
        return max(0, min(offset, len(drawn)))
