"""A ``TextArea`` that draws control characters of its text as visible symbols.

Why: see ``safe_input.py`` (a note comes from a file anyone can edit; ``text`` keeps
exactly what was there, only the drawing changes). A module of its own because
``TextArea`` imports its document model and syntax highlighting (Pygments): the
screens that show no multi-line field never load them.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from weltoffen_tui.tui.widgets.safe_input import one_for_one


class SafeTextArea(TextArea):
    """``TextArea`` that draws control characters of its text as visible symbols."""

    def get_line(self, line_index: int) -> Text:
        """One line as drawn: symbols for controls, same length as the line in ``text``."""
        line = self.document.get_line(line_index)
        return Text(one_for_one(line), end="", no_wrap=True)
