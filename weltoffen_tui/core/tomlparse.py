"""Parsing TOML: one place for every reader of the program, with the compiled parser.

Why: every assessment a listing, a comparison, a benchmark or a report opens is parsed,
and parsing is most of the time those commands take. ``tomli`` is the project the
standard library's ``tomllib`` was taken from; its wheels are compiled (mypyc) and parse
the same TOML into the same values, with the same error messages and positions, two to
three times faster. Where no compiled wheel exists, ``tomli`` is the same pure-Python
parser ``tomllib`` is. ``tests/test_tomlparse.py`` checks that both agree.
"""

from __future__ import annotations

from tomli import TOMLDecodeError, loads

__all__ = ["TOMLDecodeError", "loads"]
