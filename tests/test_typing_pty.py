"""Typed fast in a real terminal, every key acts on the question the user sees highlighted.

The real program runs in a pseudo-terminal (stdlib ``pty``) at 80×24 with its own home
and data folders. Mixed arrow, field and answer keys are typed with 20, 50 and 150 ms
between them (in one run, so the test stays short); after quitting, the saved file
must hold exactly what a person would expect from reading the screen key by key (a
small model below, written from the rules in the help text: n/v go to the first open
question of the next/previous field, Strg+Z undoes the last change).
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from weltoffen_tui.core.assessment import Assessment
from weltoffen_tui.core.pack.load import load_pack
from weltoffen_tui.core.storage.store import load_assessment, save_assessment
from weltoffen_tui.paths import default_pack_dir

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")

PROGRAM = Path(sys.executable).with_name("weltoffen")
KEYS = {"down": "\x1b[B", "up": "\x1b[A", "undo": "\x1a", "quit": "\x11"}
ANSWERS = {"1": 1, "2": 2, "3": 3, "4": 4, "w": "weiss_nicht", "t": "trifft_nicht_zu"}
# Field 1 (index 0) has questions 1–3 answered, field 2 question 1.
PREFILLED = {(0, 0): 3, (0, 1): 3, (0, 2): 3, (1, 0): 2}
ROUND = [
    "1", "down", "2", "down", "down", "w", "up", "t",  # field 1, from its first open question
    "n", "down", "t", "4", "down", "3",  # field 2 starts at its first open question
    "v", "2", "undo", "4", "down", "undo", "1",  # back to field 1; undo twice
]  # fmt: skip
FINISH = ["n", "n", "w", "up", "up", "undo", "undo", "3"]  # undo across fields
# The same round at 150, 50 and 20 ms between keys, then the finish at 20 ms.
TYPED = [(ROUND, 0.15), (ROUND, 0.05), (ROUND, 0.02), (FINISH, 0.02)]


def expected_answers(
    fields: list[list[str]], script: list[str]
) -> dict[tuple[int, int], int | str]:
    """What a person reading the screen expects after ``script`` (the rules of the help)."""
    answers: dict[tuple[int, int], int | str] = dict(PREFILLED)
    undo: list[tuple[tuple[int, int], int | str | None]] = []

    def first_open(field: int) -> int:
        return next((q for q in range(len(fields[field])) if (field, q) not in answers), 0)

    field, question = 0, first_open(0)
    for key in script:
        if key in ANSWERS:
            undo.append(((field, question), answers.get((field, question))))
            answers[(field, question)] = ANSWERS[key]
        elif key == "down":
            question = min(question + 1, len(fields[field]) - 1)
        elif key == "up":
            question = max(question - 1, 0)
        elif key in ("n", "v"):
            field += 1 if key == "n" else -1
            question = first_open(field)
        elif key == "undo":
            (field, question), before = undo.pop()
            if before is None:
                answers.pop((field, question))
            else:
                answers[(field, question)] = before
    return answers


class Terminal:
    """The program in a pseudo-terminal of 80×24; its output is read continuously."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the program
            os.execve(str(PROGRAM), [str(PROGRAM), *args], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.output = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.2)
                if ready:
                    chunk = os.read(self.fd, 65536)
                    if not chunk:
                        return
                    self.output.extend(chunk)
            except OSError:
                return

    def wait_for(self, text: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.output:
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} did not appear on the screen")
            time.sleep(0.05)

    def type(self, keys: list[str], gap: float) -> None:
        for key in keys:
            os.write(self.fd, KEYS.get(key, key).encode())
            time.sleep(gap)

    def wait_exit(self, timeout: float = 20) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.05)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise AssertionError("the program did not quit")


def test_fast_typing_lands_on_the_highlighted_question(tmp_path: Path) -> None:
    pack = load_pack(default_pack_dir())
    fields = [[q.id for q in f.questions] for f in pack.fields]
    assessment = Assessment.new(
        municipality="Tippstadt",
        kind="Stadt",
        questionnaire=pack.id,
        questionnaire_version=pack.version,
    )
    for (field, question), value in PREFILLED.items():
        assessment.set_answer(pack.fields[field].id, fields[field][question], value)
    path = tmp_path / "daten" / "tippstadt.toml"
    path.parent.mkdir()
    save_assessment(assessment, path)
    home = tmp_path / "home"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "COLUMNS": "80",
        "LINES": "24",
    }
    terminal = Terminal(["--data-dir", str(path.parent), "open", str(path)], env)
    started = time.monotonic()
    terminal.wait_for("Frage 4")  # the first open question is shown and highlighted
    time.sleep(0.5)
    print(f"start-up {time.monotonic() - started:.1f} s")
    for keys, gap in TYPED:
        terminal.type(keys, gap)
    terminal.type(["quit"], 0)
    # Under load, a field takes a second or two to build; the keys wait for it in order.
    assert terminal.wait_exit(timeout=90) == 0
    saved = load_assessment(path)
    found = {
        (f, q): answer.value
        for f, action_field in enumerate(pack.fields)
        for q, question_id in enumerate(fields[f])
        if (answer := saved.answer(action_field.id, question_id)) and answer.value is not None
    }
    assert found == expected_answers(fields, [key for keys, _ in TYPED for key in keys])
