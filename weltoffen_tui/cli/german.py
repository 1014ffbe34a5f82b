"""German wording for argparse's own messages (usage, errors, help headings)."""

from __future__ import annotations

import argparse

_MESSAGES = {
    "usage: ": "Aufruf: ",
    "positional arguments": "Argumente",
    "options": "Optionen",
    "show this help message and exit": "diese Hilfe zeigen und beenden",
    "%(prog)s: error: %(message)s\n": "%(prog)s: Fehler: %(message)s\n",
    "the following arguments are required: %s": "diese Angaben fehlen: %s",
    "unrecognized arguments: %s": "unbekannte Angaben: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ungültige Auswahl: %(value)r (möglich: %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "Angabe %(argument_name)s: %(message)s",
    "expected one argument": "erwartet einen Wert",
    "expected at least one argument": "erwartet mindestens einen Wert",
    "expected at most one argument": "erwartet höchstens einen Wert",
    "invalid %(type)s value: %(value)r": "ungültiger Wert: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "mehrdeutige Option: %(option)s passt zu %(matches)s"
    ),
    "not allowed with argument %s": "nicht zusammen mit %s erlaubt",
    "one of the arguments %s is required": "eine dieser Angaben ist nötig: %s",
    "ignored explicit argument %r": "Wert %r wird ignoriert",
    "can't open '%(filename)s': %(error)s": "kann „%(filename)s“ nicht öffnen: %(error)s",
}


def _translate(message: str) -> str:
    return _MESSAGES.get(message, message)


def install() -> None:
    """Make argparse speak German (it looks up ``argparse._`` at call time)."""
    argparse._ = _translate  # type: ignore[attr-defined]
