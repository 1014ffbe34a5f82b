"""Scripted demos: reading and checking a tour scenario, and the demo's half-finished workshop.

A scenario is a TOML file of steps; each step presses keys, shows a caption and
waits::

    titel = "Rundgang"

    [[schritt]]
    text = "Die Übersicht zeigt alle Handlungsfelder."
    tasten = ["down", "enter"]
    pause = 2.5

Keys are Textual key names (``enter``, ``escape``, ``tab``, ``down``, ``f1``,
``ctrl+s`` …) or single characters (``"3"``, ``"?"``). Every problem of a file is
reported at once, with the file, the step number and the key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from weltoffen_tui.core import tomlparse
from weltoffen_tui.core.errors import Problem, UserError

NAMED_KEYS = frozenset(
    {
        "enter",
        "escape",
        "tab",
        "space",
        "backspace",
        "delete",
        "insert",
        "up",
        "down",
        "left",
        "right",
        "home",
        "end",
        "pageup",
        "pagedown",
        "question_mark",
        "plus",
        "minus",
        "full_stop",
        "comma",
        "slash",
        "exclamation_mark",
    }
    | {f"f{n}" for n in range(1, 13)}
)
MODIFIERS = ("ctrl", "shift", "alt")
MAX_PAUSE = 120.0
STEP_KEYS = frozenset({"text", "tasten", "pause"})
TOP_KEYS = frozenset({"titel", "schritt"})
_CHAR = re.compile(r"^[^\x00-\x20\x7f]$")


@dataclass(frozen=True)
class Step:
    """One step: the caption, the keys pressed in order, and the pause after them (s)."""

    text: str
    keys: tuple[str, ...]
    pause: float


@dataclass(frozen=True)
class Scenario:
    title: str
    steps: tuple[Step, ...]
    path: Path

    @property
    def duration(self) -> float:
        """Seconds the pauses add up to at tempo 1 (key presses not counted)."""
        return sum(step.pause for step in self.steps)


class ScenarioError(UserError):
    """A scenario file cannot be used; every problem names file, step and key."""


def shipped_scenario() -> Path:
    """The walk-through shipped with the program."""
    return Path(__file__).resolve().parent.parent / "tours" / "rundgang.toml"


def is_key(key: str) -> bool:
    """Whether ``key`` names a key the tour can press."""
    if _CHAR.match(key):
        return True
    parts = key.split("+")
    *mods, last = parts
    if any(m not in MODIFIERS for m in mods) or len(set(mods)) != len(mods):
        return False
    return last in NAMED_KEYS or (bool(mods) and len(last) == 1 and last.isalnum())


def load_scenario(path: Path) -> Scenario:
    """Read and check a scenario file; ScenarioError lists every problem at once."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = "ist kein UTF-8-Text" if isinstance(exc, UnicodeDecodeError) else "fehlt"
        raise ScenarioError(
            [
                Problem(
                    path,
                    f"Das Szenario lässt sich nicht lesen (die Datei {reason})",
                    "Geben Sie eine Szenario-Datei (.toml) an.",
                )
            ]
        ) from None
    try:
        data = tomlparse.loads(text)
    except tomlparse.TOMLDecodeError as exc:
        line = _line_of(str(exc))
        raise ScenarioError(
            [
                Problem(
                    path,
                    "Das Szenario ist kein gültiges TOML",
                    "Prüfen Sie Anführungszeichen, Klammern und Gleichheitszeichen in "
                    "dieser Zeile.",
                    line=line,
                )
            ]
        ) from None
    return parse_scenario(data, path)


def _line_of(message: str) -> int | None:
    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else None


def parse_scenario(data: dict[str, object], path: Path) -> Scenario:
    """Check a parsed scenario; ScenarioError with every problem (file, step, key)."""
    problems: list[Problem] = []

    def problem(message: str, hint: str, where: str = "") -> None:
        # a step's messages start with "Schritt N" themselves; only top-level keys add one
        problems.append(Problem(path, message, hint, path=where if where in TOP_KEYS else ""))

    for key in sorted(set(data) - TOP_KEYS):
        problem(
            f"Unbekannter Eintrag „{key}“",
            "Erlaubt sind titel und [[schritt]]-Abschnitte.",
            key,
        )
    title = data.get("titel", "Rundgang")
    if not isinstance(title, str):
        problem("titel muss ein Text sein", 'Schreiben Sie z. B. titel = "Rundgang".', "titel")
        title = "Rundgang"
    raw_steps = data.get("schritt", [])
    if not isinstance(raw_steps, list) or not raw_steps:
        problem(
            "Das Szenario hat keine Schritte",
            'Legen Sie Schritte an: [[schritt]] mit text = "…", tasten = ["down"], pause = 2.',
            "schritt",
        )
        raw_steps = []
    steps: list[Step] = []
    for number, raw in enumerate(raw_steps, start=1):
        where = f"Schritt {number}"
        if not isinstance(raw, dict):
            problem(f"{where} ist kein Abschnitt", "Schreiben Sie ihn als [[schritt]].", where)
            continue
        for key in sorted(set(raw) - STEP_KEYS):
            problem(
                f"{where}: unbekannter Eintrag „{key}“",
                "Erlaubt sind text, tasten und pause.",
                where,
            )
        caption = raw.get("text", "")
        if not isinstance(caption, str):
            problem(f"{where}: text muss ein Text sein", 'Schreiben Sie text = "…".', where)
            caption = ""
        keys = raw.get("tasten", [])
        if isinstance(keys, str):
            keys = [keys]
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            problem(
                f"{where}: tasten muss eine Liste von Tasten sein",
                'Schreiben Sie z. B. tasten = ["down", "enter", "3"].',
                where,
            )
            keys = []
        for key in keys:
            if not is_key(key):
                problem(
                    f"{where}: unbekannte Taste „{key}“",
                    'Möglich sind einzelne Zeichen ("3", "?") und Tastennamen wie '
                    "enter, escape, tab, space, up, down, left, right, pageup, pagedown, "
                    "home, end, f1 … f12, auch mit ctrl+, shift+ oder alt+.",
                    where,
                )
        pause = raw.get("pause", 2.0)
        if isinstance(pause, bool) or not isinstance(pause, int | float):
            problem(f"{where}: pause muss eine Zahl sein", "Sekunden, z. B. pause = 1.5.", where)
            pause = 0.0
        elif not 0 <= pause <= MAX_PAUSE:
            problem(
                f"{where}: pause {pause} liegt nicht zwischen 0 und {MAX_PAUSE:g} Sekunden",
                "Wählen Sie eine kürzere Pause.",
                where,
            )
            pause = 0.0
        if not caption and not keys:
            problem(
                f"{where} ist leer",
                "Ein Schritt braucht einen text, tasten oder beides.",
                where,
            )
        steps.append(Step(caption.strip(), tuple(keys), float(pause)))
    if problems:
        raise ScenarioError(problems)
    return Scenario(title, tuple(steps), path)


def parse_size(text: str) -> tuple[int, int] | None:
    """``100x30`` (or ``80×24``) as (columns, rows); None if unusable or out of range."""
    found = re.fullmatch(r"\s*(\d{2,3})\s*[x×X]\s*(\d{2,3})\s*", text)
    if not found:
        return None
    columns, rows = int(found.group(1)), int(found.group(2))
    if not (40 <= columns <= 400 and 12 <= rows <= 200):
        return None
    return columns, rows


def screenshot_names(count: int) -> list[str]:
    """``schritt-01.svg`` … one name per step, sorted as the steps are."""
    width = max(2, len(str(count)))
    return [f"schritt-{n:0{width}d}.svg" for n in range(1, count + 1)]


# --------------------------------------------------------------------------- demo workshop


def half_agreed(questions: Sequence[tuple[str, str, bool]]) -> list[tuple[str, str]]:
    """Which questions a demo workshop has already agreed on: about half of them.

    ``questions`` are (field id, question id, has a suggestion) in pack order. In each
    field, questions with a suggestion (no open disagreement) are taken in order until
    half the field's questions are agreed, so the discussion points are still to come.
    """
    by_field: dict[str, list[tuple[str, bool]]] = {}
    for field_id, question_id, suggested in questions:
        by_field.setdefault(field_id, []).append((question_id, suggested))
    chosen: list[tuple[str, str]] = []
    for field_id, rows in by_field.items():
        wanted = (len(rows) + 1) // 2
        ready = [question_id for question_id, suggested in rows if suggested]
        chosen.extend((field_id, question_id) for question_id in ready[:wanted])
    return chosen


# The day a tour plays on unless --datum or WELTOFFEN_HEUTE says otherwise: the date of
# the sample assessment, so every run shows the same files in the same order.
TOUR_DAY = "2026-03-12"
