"""The program's TOML parser (tomli, compiled) reads exactly what tomllib reads.

Why: ``core/tomlparse.py`` swapped the standard library's parser for the faster build of
the same project. The values, the error messages and their positions must stay the same:
the German syntax messages in ``core/diagnostics.py`` are translated from those messages.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from weltoffen_tui.core import tomlparse
from weltoffen_tui.core.diagnostics import toml_syntax_problem
from weltoffen_tui.paths import sample_path

PACK = Path(__file__).resolve().parent.parent / "questionnaires"

BROKEN = [
    "a = ",
    "a = 1\nb",
    "[x]\n[x]",
    "a = 1\na = 2",
    "a = [1",
    'a = "x',
    "a = 1 b",
    "= 1",
    "a = {b = 1",
    "a = 2026-13-01",
    "a = \x01",
    'municipality = "Musterstadt"\nkind = Stadt',
]


def test_every_shipped_toml_file_reads_the_same() -> None:
    files = [sample_path(), *sorted(PACK.rglob("*.toml"))]
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert tomlparse.loads(text) == tomllib.loads(text), path


@pytest.mark.parametrize("text", BROKEN)
def test_a_syntax_error_has_the_same_message_and_place(text: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as expected:
        tomllib.loads(text)
    with pytest.raises(tomlparse.TOMLDecodeError) as ours:
        tomlparse.loads(text)
    assert str(ours.value) == str(expected.value)
    hint = "Korrigieren Sie die Zeile."
    german = toml_syntax_problem(Path("x.toml"), ours.value, hint, text)
    assert german.message.startswith("TOML-Syntaxfehler: ")
    assert german.line is not None


def test_deep_nesting_is_a_recursion_error_not_a_crash() -> None:
    for opener, closer in (("[", "]"), ("{a = ", "}")):
        text = "x = " + opener * 100_000 + closer * 100_000
        with pytest.raises(RecursionError):
            tomlparse.loads(text)
