"""``weltoffen fill --plain DATEI``: the questions as plain lines, for screen readers and scripts.

One line asks one question with its choices; one line answers it. Every answer is
saved at once through the same editing session as the TUI (atomic write, backup,
writer lock). Plain text only: no box drawing, no cursor movement, colours only with
``--farbe``; user text goes through ``visible``.

A bad line gets a German message with its line number on standard error. Typed at a
terminal, the same question is asked again. Read from a file or pipe, the question is
left as it was and the next line belongs to the next question, so the lines of a
script keep matching their questions; the exit code is then 2 at the end.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from weltoffen_tui.cli.exitcodes import EXIT_OK, EXIT_USER_ERROR
from weltoffen_tui.core.errors import Problem, UserError

BOLD, RESET = "\x1b[1m", "\x1b[0m"


class _Lines:
    """Input lines with their numbers; None at the end of the input."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.number = 0

    def next(self) -> str | None:
        line = self.stream.readline()
        if not line:
            return None
        self.number += 1
        return line.rstrip("\r\n")


def run(args: argparse.Namespace) -> int:
    if not getattr(args, "plain", False):
        raise UserError(
            [
                Problem(
                    Path(args.file),
                    "Den Befehl fill gibt es bisher nur als Zeilenmodus",
                    "Rufen Sie ihn mit --plain auf, z. B.: weltoffen fill --plain DATEI. "
                    "Für die Oberfläche: weltoffen open DATEI.",
                )
            ]
        )
    return fill_plain(
        Path(args.file).expanduser(),
        sys.stdin,
        sys.stdout,
        sys.stderr,
        field_id=getattr(args, "feld", None),
        everything=getattr(args, "alle", False),
        colour=getattr(args, "farbe", False),
    )


def fill_plain(
    path: Path,
    stdin: TextIO,
    stdout: TextIO,
    stderr: TextIO,
    *,
    field_id: str | None = None,
    everything: bool = False,
    colour: bool = False,
) -> int:
    """Ask the questions of ``path`` line by line; the exit code (2 if a line was bad)."""
    from weltoffen_tui.core.plainfill import (
        LineError,
        help_text,
        parse_line,
        prompt,
        question_order,
    )
    from weltoffen_tui.core.storage.editing import EditSession
    from weltoffen_tui.core.storage.opening import open_assessment
    from weltoffen_tui.core.textsafe import visible

    assessment, pack = open_assessment(path)
    items = question_order(pack, assessment, field_id=field_id, everything=everything)
    session = EditSession.open(path, assessment, pack)
    if session.read_only:
        session.close()
        raise UserError([Problem(path, "Nur lesend geöffnet", session.read_only_reason)])
    interactive = stdin.isatty()
    lines = _Lines(stdin)
    bad = 0
    saved = 0

    def say(text: str) -> None:
        print(text, file=stdout, flush=True)

    def complain(text: str) -> None:
        print(visible(f"Zeile {lines.number}: {text}"), file=stderr, flush=True)

    def check_saved(ok: bool) -> None:
        for notice in session.take_notices():
            print(visible(f"Hinweis: {notice}"), file=stderr, flush=True)
        if not ok and session.last_error is not None:
            for problem in session.last_error.problems:
                print(
                    visible(
                        f"Nicht gespeichert: {problem.message}"
                        + (f" – {problem.hint}" if problem.hint else "")
                        + " Die Antwort bleibt im Programm und wird beim nächsten "
                        "Speichern mitgeschrieben."
                    ),
                    file=stderr,
                    flush=True,
                )

    name = visible(path.name)
    try:
        if not items:
            say(f"In {name} ist keine Frage offen. Mit --alle gehen Sie alle Fragen durch.")
        else:
            say(
                f"{visible(assessment.municipality)}: {len(items)} Fragen. Jede Antwort "
                f"wird sofort in {name} gespeichert."
            )
        stop = False
        for item in items:
            while True:
                line_prompt = prompt(pack, session.assessment, item)
                say(f"{BOLD}{line_prompt}{RESET}" if colour else line_prompt)
                line = lines.next()
                if line is None:
                    stop = True
                    break
                try:
                    reply = parse_line(line)
                except LineError as exc:
                    bad += 1
                    complain(str(exc))
                    if interactive:
                        continue
                    say("Frage übersprungen (ungültige Zeile).")
                    break
                if reply.kind == "help":
                    say(help_text(item))
                    continue
                if reply.kind == "note":
                    text = reply.text
                    if text is None:
                        say(
                            "Notiz (eine Zeile; leer lässt die Notiz, wie sie ist, „-“ löscht sie):"
                        )
                        text = lines.next()
                        if text is None:
                            stop = True
                            break
                    text = text.strip()
                    if not text:
                        say("Notiz unverändert.")
                        continue
                    note = "" if text == "-" else text
                    ok = session.set_answer(item.field.id, item.question.id, note=note)
                    check_saved(ok)
                    say("Notiz gelöscht." if not note else "Notiz gespeichert.")
                    continue
                if reply.kind == "skip":
                    break
                if reply.kind == "quit":
                    stop = True
                    break
                ok = session.set_answer(item.field.id, item.question.id, reply.value)
                check_saved(ok)
                if ok:
                    saved += 1
                    from weltoffen_tui.core.labels import answer_label

                    say(f"Gespeichert: {answer_label(pack, reply.value)}.")
                break
            if stop:
                break
        if session.unsaved_changes:
            session.save()
            check_saved(session.unsaved_changes == 0)
        open_count = len(question_order(pack, session.assessment, field_id=field_id))
        say(
            f"Ende: {saved} Antworten gespeichert in {visible(session.path.name)}; "
            f"noch offen: {open_count} Fragen."
        )
    except KeyboardInterrupt:
        say("Abgebrochen. Alle bis hierher gegebenen Antworten sind gespeichert.")
    finally:
        session.close()
    if bad:
        print(
            f"{bad} ungültige Zeile(n); die übrigen Antworten sind gespeichert.",
            file=stderr,
            flush=True,
        )
        return EXIT_USER_ERROR
    if session.unsaved_changes:
        return EXIT_USER_ERROR
    return EXIT_OK
