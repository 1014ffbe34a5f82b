"""The README stays true to the code: its code map names every module, its table every command.

The code map ("Aufbau des Codes") is a tree in a fenced block: two spaces of indentation
per level, a package ends in ``/``, a module in ``.py``, the description follows after two
or more spaces. Lines that continue a description are indented further and start with a
word that is neither, so they are skipped.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from weltoffen_tui.cli.parser import build_parser

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "weltoffen_tui"
README = ROOT / "README.md"

ENTRY = re.compile(r"^(?P<indent> *)(?P<name>[A-Za-z_][\w.-]*(?:/|\.py))(?:\s{2,}|$)")
OPTIONAL = {"__init__.py", "__main__.py"}


def section(text: str, title: str) -> str:
    """The text of the level-2 section ``## title``, up to the next level-2 heading."""
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def code_map(text: str) -> set[str]:
    """Paths (relative to weltoffen_tui/, packages ending in /) named in the code map."""
    block = section(text, "Aufbau des Codes").split("```\nweltoffen_tui/\n", 1)[1]
    block = block.split("\n```", 1)[0]
    named: set[str] = set()
    parents: list[str] = []  # parents[k]: the package at depth k + 1
    for line in block.splitlines():
        match = ENTRY.match(line)
        if match is None:
            continue
        indent = len(match["indent"])
        if indent == 0:
            break  # back at the top: questionnaires/, tests/, benchmarks/
        assert indent % 2 == 0, f"odd indentation in the code map: {line!r}"
        depth = indent // 2
        assert depth <= len(parents) + 1, f"indented too far in the code map: {line!r}"
        del parents[depth - 1 :]
        path = "".join(parents) + match["name"]
        assert path not in named, f"named twice in the code map: {path}"
        named.add(path)
        if path.endswith("/"):
            parents.append(match["name"])
    return named


def modules_on_disk() -> tuple[set[str], set[str]]:
    """(required, allowed): every module and package of weltoffen_tui/, relative paths."""
    required: set[str] = set()
    allowed: set[str] = set()
    for file in PACKAGE.rglob("*.py"):
        relative = file.relative_to(PACKAGE).as_posix()
        allowed.add(relative)
        if file.name not in OPTIONAL:
            required.add(relative)
        if file.name == "__init__.py" and file.parent != PACKAGE:
            package = file.parent.relative_to(PACKAGE).as_posix() + "/"
            required.add(package)
            allowed.add(package)
    return required, allowed


def visible_commands() -> set[str]:
    """The subcommands of ``weltoffen`` that ``--help`` lists (hidden ones have no help)."""
    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(actions) == 1
    listed = {choice.dest for choice in actions[0]._choices_actions}
    assert listed <= set(actions[0].choices)
    return listed


def table_commands(text: str) -> set[str]:
    """Commands named in the first cell of the rows of the table in „Befehle“."""
    named: set[str] = set()
    for line in section(text, "Befehle").splitlines():
        if not line.startswith("| `weltoffen"):
            continue
        first_cell = re.split(r"(?<!\\)\|", line)[1]
        named.update(re.findall(r"`weltoffen ([a-z][a-z-]*)", first_cell))
    return named


def test_the_code_map_names_every_module_and_nothing_else() -> None:
    named = code_map(README.read_text(encoding="utf-8"))
    required, allowed = modules_on_disk()
    missing = sorted(required - named)
    assert not missing, f"not in the README's „Aufbau des Codes“: {missing}"
    unknown = sorted(named - allowed)
    assert not unknown, f"in „Aufbau des Codes“, but not in weltoffen_tui/: {unknown}"


def test_the_command_table_names_every_command() -> None:
    commands = visible_commands()
    assert "participate" not in commands  # hidden: started by serve, never typed
    assert {"report", "serve", "materials"} <= commands  # the parser was read at all
    named = table_commands(README.read_text(encoding="utf-8"))
    missing = sorted(commands - named)
    assert not missing, f"not in the README's table „Befehle“: {missing}"
    unknown = sorted(named - commands)
    assert not unknown, f"in the table „Befehle“, but no such command: {unknown}"


def test_the_code_map_reader_sees_nesting_and_ends_at_the_top_level() -> None:
    text = (
        "\n## Aufbau des Codes\n\n```\nweltoffen_tui/\n  paths.py   wo\n  core/      Kern\n"
        "    pack/    Pakete\n      load.py  Laden\n    values.py  Werte\n"
        "                          Fortsetzung, keine Datei\n  tui/  Oberfläche\n"
        "tests/     Tests\n  x.py  nicht im Paket\n```\n## Weiter\n"
    )
    assert code_map(text) == {
        "paths.py",
        "core/",
        "core/pack/",
        "core/pack/load.py",
        "core/values.py",
        "tui/",
    }
