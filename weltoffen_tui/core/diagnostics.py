"""Turn TOML and pydantic errors into German problems with a line number.

The TOML parser reports the line of syntax errors itself; for validation errors we find the
line of the offending key by walking the file's table headers and keys.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from weltoffen_tui.core import tomlparse
from weltoffen_tui.core.errors import Problem

if TYPE_CHECKING:
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)\s*=""")
_END_OF_DOCUMENT = "(at end of document)"
_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def _split_dotted(name: str) -> tuple[str, ...]:
    """The parts of a dotted TOML key such as ``questions.low`` or ``a."b.c"``."""
    parts: list[str] = []
    for raw in re.findall(r'"[^"]*"|\'[^\']*\'|[^.]+', name):
        raw = raw.strip()
        parts.append(raw[1:-1] if raw[:1] in "\"'" else raw)
    return tuple(parts)


def key_lines(text: str) -> dict[tuple[Any, ...], int]:
    """Map every table and key path in a TOML text to its 1-based line.

    Arrays of tables get their index in the path: ``("questions", 2, "low")``.
    Multi-line strings are skipped so their content never looks like a key.
    """
    lines: dict[tuple[Any, ...], int] = {}
    counters: dict[tuple[Any, ...], int] = {}
    current: tuple[Any, ...] = ()
    in_multiline: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_multiline:
            if in_multiline in line:
                in_multiline = None
            continue
        header = _HEADER.match(line)
        if header:
            keys = _split_dotted(header.group(2))
            path = _resolve(keys, counters)
            if header.group(1) == "[[":
                base = path
                index = counters.get(base, -1) + 1
                counters[base] = index
                path = (*base, index)
                lines.setdefault(base, number)
            current = path
            lines.setdefault(path, number)
            continue
        key = _KEY.match(line)
        if key:
            name = key.group(1)
            name = name[1:-1] if name[:1] in "\"'" else name
            lines.setdefault((*current, name), number)
            rest = line[key.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) == 1:
                    in_multiline = quote
    return lines


def _resolve(keys: tuple[str, ...], counters: dict[tuple[Any, ...], int]) -> tuple[Any, ...]:
    """Insert the current index of every enclosing array of tables into a header path."""
    path: tuple[Any, ...] = ()
    for position, key in enumerate(keys):
        path = (*path, key)
        if position < len(keys) - 1 and path in counters:
            path = (*path, counters[path])
    return path


def line_of(text: str, loc: Sequence[Any]) -> int | None:
    """The line of the deepest part of ``loc`` found in the text, or None."""
    table = key_lines(text)
    loc = tuple(loc)
    while loc:
        if loc in table:
            return table[loc]
        loc = loc[:-1]
    return None


def toml_syntax_problem(
    file: Path, error: tomlparse.TOMLDecodeError, hint: str, text: str = ""
) -> Problem:
    """A German problem for a TOML syntax error, with the line the parser reported."""
    message = str(error)
    line = None
    match = _TOML_POS.search(message)
    if match:
        line = int(match.group(1))
        message = message[: match.start()].strip()
    elif message.endswith(_END_OF_DOCUMENT):
        message = message[: -len(_END_OF_DOCUMENT)].strip() + " am Dateiende"
        line = max(1, len(text.splitlines())) if text else None
    return Problem(
        file=file,
        line=line,
        message=f"TOML-Syntaxfehler: {_translate_toml(message)}",
        hint=hint,
    )


_TOML_MESSAGES = {
    "Invalid value": "ungültiger Wert",
    "Expected '=' after a key in a key/value pair": "nach dem Schlüssel fehlt ein '='",
    "Invalid statement": "ungültige Zeile",
    "Cannot declare": "Tabelle doppelt angelegt",
    "Cannot overwrite a value": "Wert doppelt angegeben",
    "Unclosed array": "Liste nicht geschlossen",
    "Unterminated string": "Text nicht abgeschlossen (Anführungszeichen fehlt)",
    "Illegal character": "unzulässiges Zeichen",
    "Expected newline or end of document after a statement": (
        "nach einem Eintrag muss die Zeile enden"
    ),
    "Invalid initial character for a key part": "ungültiges Zeichen am Anfang eines Schlüssels",
    "Unclosed inline table": "Inline-Tabelle nicht geschlossen",
    "Invalid date or datetime": "ungültiges Datum",
}


def _translate_toml(message: str) -> str:
    """The parser's English message in German, where it is one we know."""
    for english, german in _TOML_MESSAGES.items():
        if message.startswith(english):
            return german + message[len(english) :].replace("'", "„", 0)
    return message


def _describe(error: ErrorDetails) -> tuple[str, str]:
    """German message and hint for one pydantic error."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    loc = error.get("loc") or ()
    key = str(loc[-1]) if loc else ""
    shown = _short(value)
    if kind == "missing":
        return f"Pflichtangabe „{key}“ fehlt", "Ergänzen Sie den Eintrag."
    if kind == "extra_forbidden":
        return (
            f"unbekannter Eintrag „{key}“",
            "Prüfen Sie die Schreibweise oder entfernen Sie den Eintrag.",
        )
    if kind == "literal_error":
        # pydantic joins the choices in English ("'a', 'b' or 'c'")
        expected = str(ctx.get("expected", "")).replace("' or '", "' oder '")
        return f"ungültiger Wert {shown}", f"Erlaubt sind: {expected}."
    if kind in {"string_type", "string_unicode"}:
        return f"Text erwartet, gefunden: {shown}", "Setzen Sie den Wert in Anführungszeichen."
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"ganze Zahl erwartet, gefunden: {shown}", "Tragen Sie eine ganze Zahl ein."
    if kind in {"float_type", "float_parsing"}:
        return f"Zahl erwartet, gefunden: {shown}", "Tragen Sie eine Zahl ein."
    if kind in {"list_type", "tuple_type"}:
        return f"Liste erwartet, gefunden: {shown}", 'Schreiben Sie eine Liste: ["…", "…"].'
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"Tabelle erwartet, gefunden: {shown}", "Legen Sie eine Tabelle [ … ] an."
    if kind == "bool_type" or kind == "bool_parsing":
        return f"true oder false erwartet, gefunden: {shown}", "Schreiben Sie true oder false."
    if kind.startswith("date") or kind.startswith("datetime"):
        return (
            f"Datum erwartet, gefunden: {shown}",
            "Schreiben Sie das Datum als JJJJ-MM-TT (z. B. 2026-03-01).",
        )
    if kind == "string_too_short":
        return "darf nicht leer sein", "Tragen Sie einen Text ein."
    if kind == "too_short":
        return (
            f"zu wenige Einträge (mindestens {ctx.get('min_length', 1)})",
            "Ergänzen Sie die fehlenden Einträge.",
        )
    if kind == "string_pattern_mismatch":
        return (
            f"Format passt nicht: {shown}",
            "Verwenden Sie nur Kleinbuchstaben, Ziffern und Bindestriche.",
        )
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        return f"Wert außerhalb des erlaubten Bereichs: {shown}", "Prüfen Sie den Wert."
    if kind == "value_error":
        message = str(ctx.get("error", error.get("msg", "")))
        return message, ""
    if kind == "union_tag_invalid" or kind.startswith("union"):
        return f"ungültiger Wert {shown}", "Prüfen Sie den Wert."
    return f"ungültiger Wert {shown}", str(error.get("msg", ""))


def _short(value: Any) -> str:
    """A value as a message shows it: short, and tables or lists by name only."""
    if isinstance(value, dict):
        return "eine Tabelle"
    if isinstance(value, list):
        return "eine Liste"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def validation_problems(
    file: Path, text: str, error: ValidationError, prefix: Sequence[Any] = ()
) -> list[Problem]:
    """One German problem per pydantic error, each with the line of its key."""
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(prefix) + tuple(p for p in item.get("loc", ()) if not _is_union_tag(p))
        message, hint = _describe(item)
        problems.append(
            Problem(
                file=file,
                line=line_of(text, loc) if text else None,
                path=".".join(str(p) for p in loc),
                message=message,
                hint=hint,
            )
        )
    return problems


def _is_union_tag(part: Any) -> bool:
    """Pydantic adds union member names such as 'literal[...]' to a location."""
    return isinstance(part, str) and (
        part.startswith(("literal[", "int", "str", "function-")) and "[" in part
    )
