"""Line mode (``weltoffen fill --plain``): question order, reading lines, saving, bad lines."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import make_assessment
from weltoffen_tui.cli.cmd_fill import fill_plain
from weltoffen_tui.core.errors import UserError
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.plainfill import LineError, parse_line, prompt, question_order
from weltoffen_tui.core.storage.store import load_assessment, save_assessment

PROGRAM = Path(sys.executable).with_name("weltoffen")


def _file(tmp_path: Path, pack: Pack, **answers: int) -> Path:
    assessment = make_assessment(pack)
    for qid, value in answers.items():
        field = pack.question(qid)
        assert field is not None
        assessment.set_answer(field[0].id, qid, value)
    path = tmp_path / "kommune.toml"
    save_assessment(assessment, path)
    return path


def _run(path: Path, text: str, **options: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = fill_plain(path, io.StringIO(text), out, err, **options)  # type: ignore[arg-type]
    return code, out.getvalue(), err.getvalue()


def _values(path: Path) -> dict[str, object]:
    assessment = load_assessment(path)
    return {
        qid: answer.value
        for answers in assessment.answers.values()
        for qid, answer in answers.items()
        if answer.is_answered
    }


def test_parse_line() -> None:
    assert parse_line("3").value == 3
    assert parse_line(" w ").value == "weiss_nicht"
    assert parse_line("t").value == "trifft_nicht_zu"
    assert parse_line("").kind == "skip"
    assert parse_line("?").kind == "help"
    assert parse_line("q").kind == "quit"
    assert parse_line("n").kind == "note" and parse_line("n").text is None
    assert parse_line("n Beschluss vom 3.2.").text == "Beschluss vom 3.2."
    with pytest.raises(LineError, match="„7“ ist keine Antwort"):
        parse_line("7")


def test_order_starts_at_first_open_question(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    assessment.set_answer("alpha", "al-01", 2)
    ids = [item.question.id for item in question_order(mini_pack, assessment)]
    assert ids[0] == "al-02" and "al-01" not in ids
    everything = question_order(mini_pack, assessment, everything=True)
    assert everything[0].question.id == "al-01"
    only_beta = question_order(mini_pack, assessment, field_id="beta")
    assert {item.field.id for item in only_beta} == {"beta"}
    with pytest.raises(UserError, match="Unbekanntes Handlungsfeld"):
        question_order(mini_pack, assessment, field_id="gibt-es-nicht")


def test_prompt_is_one_clean_line(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    item = question_order(mini_pack, assessment)[0]
    line = prompt(mini_pack, assessment, item)
    assert line.startswith("[al-01] Frage 1/3 · Feld alpha: ")
    assert "1 Gibt es nicht, 2 In Ansätzen" in line and "q beenden):" in line
    assert "\n" not in line and "\x1b" not in line


def test_script_with_a_bad_line(tmp_path: Path, mini_pack: Pack, monkeypatch) -> None:
    """A bad line: message with its line number, that question left, the rest saved, exit 2."""
    monkeypatch.setattr("weltoffen_tui.core.storage.opening.pack_for", lambda *a, **k: mini_pack)
    path = _file(tmp_path, mini_pack)
    code, out, err = _run(path, "3\nvier\nw\n?\nn\nLaut Beschluss\n2\n")
    assert code == 2
    assert "Zeile 2: „vier“ ist keine Antwort" in err
    assert "Hilfe: Hilfe." in out and "Beispiel: Beispiel." in out
    values = _values(path)
    assert values == {"al-01": 3, "al-03": "weiss_nicht", "be-01": 2}  # al-02 left open
    note = load_assessment(path).answers["beta"]["be-01"].note
    assert note == "Laut Beschluss"
    assert "\x1b" not in out and "─" not in out and "│" not in out


def test_quit_and_rerun_continues(tmp_path: Path, mini_pack: Pack, monkeypatch) -> None:
    monkeypatch.setattr("weltoffen_tui.core.storage.opening.pack_for", lambda *a, **k: mini_pack)
    path = _file(tmp_path, mini_pack)
    assert _run(path, "1\nq\n4\n")[0] == 0
    assert _values(path) == {"al-01": 1}
    code, out, _ = _run(path, "2\n")
    assert code == 0 and out.splitlines()[1].startswith("[al-02]")
    assert _values(path) == {"al-01": 1, "al-02": 2}


def test_user_text_is_made_visible(tmp_path: Path, mini_pack: Pack, monkeypatch) -> None:
    monkeypatch.setattr("weltoffen_tui.core.storage.opening.pack_for", lambda *a, **k: mini_pack)
    assessment = make_assessment(mini_pack, municipality="Ort\x1b[2J")
    path = tmp_path / "k.toml"
    save_assessment(assessment, path)
    _, out, err = _run(path, "\x1b[31m\n")
    assert "\x1b" not in out + err


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, HOME=str(tmp_path), WELTOFFEN_DATA_DIR=str(tmp_path))
    env.pop("WELTOFFEN_HEUTE", None)
    return env


def test_from_stdin_of_the_real_command(tmp_path: Path, sample_copy: Path) -> None:
    done = subprocess.run(
        [str(PROGRAM), "fill", "--plain", "--alle", "--feld", "management-steuerung",
         str(sample_copy)],
        input="4\nx\n1\n",
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "Zeile 2: „x“ ist keine Antwort" in done.stderr
    assert "Traceback" not in done.stderr
    answers = load_assessment(sample_copy).answers["management-steuerung"]
    assert answers["ms-01"].value == 4 and answers["ms-03"].value == 1


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")
def test_typed_in_a_terminal(tmp_path: Path, sample_copy: Path) -> None:
    """In a pseudo-terminal a bad line asks the same question again."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command
        os.execve(
            str(PROGRAM),
            [str(PROGRAM), "fill", "--plain", "--alle", str(sample_copy)],
            _env(tmp_path),
        )
    seen = b""

    def read_until(marker: bytes, limit: float = 60.0) -> None:
        nonlocal seen
        end = time.monotonic() + limit
        while marker not in seen and time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    return

    try:
        read_until(b"[ms-01]")
        os.write(fd, b"5\r")
        read_until(b"keine Antwort")
        os.write(fd, b"2\r")
        read_until(b"[ms-02]")
        os.write(fd, b"q\r")
        read_until(b"Ende:")
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    text = seen.decode("utf-8", "replace")
    assert text.count("[ms-01]") == 2  # asked again after the bad line
    assert "Zeile 1: „5“ ist keine Antwort" in text
    assert os.waitstatus_to_exitcode(status) == 2
    assert load_assessment(sample_copy).answers["management-steuerung"]["ms-01"].value == 2
