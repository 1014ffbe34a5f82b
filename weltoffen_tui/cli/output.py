"""Where a command's document goes: the terminal, standard output, or a file.

The format comes from the registry (``render.formats.choose``): ``--format`` and the
suffix of ``-o`` are checked there, so an unsupported combination is one German line
and exit code 2, never a crash or Markdown inside a ``.json`` file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from weltoffen_tui.core.errors import Problem, UserError
from weltoffen_tui.render import formats

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

STDOUT = "-"


def console() -> Console:
    """A Rich console without highlighting (user text is never coloured by guesswork)."""
    from rich.console import Console

    return Console(highlight=False)


def show(build: Callable[[bool], RenderableType]) -> None:
    """Print what ``build(flowing)`` makes: wrapped in a terminal; redirected, flowing
    text with one paragraph per line (greps well, less work, nothing cropped)."""
    out = console()
    flowing = not out.is_terminal
    out.print(build(flowing), soft_wrap=flowing)


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


def refuse_inputs(target: Path, inputs: Sequence[Path], folders: Sequence[Path]) -> None:
    """A document never replaces one of its inputs (or a file of the pack it reads)."""
    real = target.resolve()
    for path in inputs:
        if real == Path(path).resolve():
            raise UserError(
                [
                    Problem(
                        target,
                        "Das Ziel ist eine der Eingabedateien – sie würde überschrieben",
                        "Wählen Sie für -o einen anderen Dateinamen, z. B. mit der Endung .md.",
                    )
                ]
            )
    for folder in folders:
        if real.is_relative_to(Path(folder).resolve()):
            raise UserError(
                [
                    Problem(
                        target,
                        "Das Ziel liegt im Ordner des Fragebogen-Pakets",
                        "Schreiben Sie Exporte in einen anderen Ordner.",
                    )
                ]
            )


def emit(
    document: str,
    fmt: str | None,
    output: str | None,
    text: Callable[[formats.Format], str | bytes],
    *,
    inputs: Sequence[Path] = (),
    folders: Sequence[Path] = (),
) -> None:
    """Write the document in the chosen format to ``-o`` (atomically) or to stdout.

    ``inputs`` (the files read) and ``folders`` (the pack) are never written over.
    """
    chosen = choose(document, fmt, output)
    target = target_of(output)
    if target is not None:
        refuse_inputs(target, inputs, folders)
    if target is None and chosen.binary and sys.stdout.isatty():
        raise UserError(
            [
                Problem(
                    Path(formats.DOCUMENT_LABELS[document]),
                    f"{chosen.label} ist ein Binärformat und lässt sich nicht im Terminal zeigen",
                    f"Schreiben Sie es mit -o in eine Datei, z. B. -o datei{chosen.suffix}.",
                )
            ]
        )
    content = text(chosen)
    if isinstance(content, bytes):
        if target is None:
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
            return
    elif target is None:
        if sys.stdout.isatty():  # shown, not stored: controls visible (a pipe gets exact text)
            from weltoffen_tui.core.textsafe import visible

            content = visible(content)
        sys.stdout.write(content)
        return
    from weltoffen_tui.core.storage.exports import write_document

    written = write_document(target, content)
    from weltoffen_tui.core.textsafe import visible

    print(visible(f"Geschrieben: {written}"))
