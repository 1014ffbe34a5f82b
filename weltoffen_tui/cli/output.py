"""Where a command's document goes: the terminal, standard output, or a file.

The format comes from the registry (``render.formats.choose``): ``--format`` and the
suffix of ``-o`` are checked there, so an unsupported combination is one German line
and exit code 2, never a crash or Markdown inside a ``.json`` file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from weltoffen_tui.render import formats

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

STDOUT = "-"


def console() -> Console:
    """A Rich console without highlighting (user text is never coloured by guesswork)."""
    from rich.console import Console

    return Console(highlight=False)


def is_terminal() -> bool:
    """Whether standard output is a terminal (else a file or pipe gets flowing text)."""
    return console().is_terminal


def show(renderable: RenderableType) -> None:
    """Print to the terminal; redirected, one paragraph per line (greps well, less work)."""
    out = console()
    out.print(renderable, soft_wrap=not out.is_terminal)


def target_of(output: str | None) -> Path | None:
    """The file ``-o`` names, or None for standard output (no ``-o`` or ``-o -``)."""
    if output is None or output == STDOUT:
        return None
    return Path(output).expanduser()


def choose(document: str, fmt: str | None, output: str | None) -> formats.Format:
    """The format for a document from ``--format`` and ``-o`` (FormatError if it does not fit)."""
    return formats.choose(document, fmt, target_of(output))


def wants_terminal(fmt: str | None, output: str | None) -> bool:
    """Neither ``--format`` nor ``-o``: the document is shown in the terminal."""
    return fmt is None and output is None


def emit(
    document: str,
    fmt: str | None,
    output: str | None,
    text: Callable[[formats.Format], str],
) -> None:
    """Write the document in the chosen format to ``-o`` (atomically) or to stdout."""
    chosen = choose(document, fmt, output)
    content = text(chosen)
    target = target_of(output)
    if target is None:
        sys.stdout.write(content)
        return
    from weltoffen_tui.core.storage.exports import write_document

    written = write_document(target, content)
    print(f"Geschrieben: {written}")
