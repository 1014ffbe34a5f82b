"""A refused format on compare, timeline and agenda is one line: no notes before it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from weltoffen_tui.cli.entry import main


def _twice(sample_copy: Path, tmp_path: Path) -> list[str]:
    """The same assessment under two names: compare, timeline and agenda note that."""
    other = tmp_path / "kopie.toml"
    shutil.copy(sample_copy, other)
    return [str(sample_copy), str(other)]


@pytest.mark.parametrize("command", ["compare", "timeline", "agenda"])
def test_notes_are_printed_when_a_file_is_written(
    command: str, capsys: pytest.CaptureFixture[str], sample_copy: Path, tmp_path: Path
) -> None:
    target = tmp_path / "ergebnis.md"
    code = main([command, *_twice(sample_copy, tmp_path), "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 0 and target.is_file()
    assert "Hinweis:" in err  # the duplicate is noted: the refusal test below means something


@pytest.mark.parametrize("command", ["compare", "timeline", "agenda"])
@pytest.mark.parametrize("fmt", [[], ["--format", "markdown"]])
def test_a_note_shows_once_when_the_document_goes_to_the_terminal(
    command: str,
    fmt: list[str],
    capsys: pytest.CaptureFixture[str],
    sample_copy: Path,
    tmp_path: Path,
) -> None:
    code = main([command, *_twice(sample_copy, tmp_path), *fmt])
    out, err = capsys.readouterr()
    assert code == 0
    assert (out + err).count("zählt doppelt") == 1, out + err  # in the document only


@pytest.mark.parametrize("command", ["compare", "timeline", "agenda"])
def test_refused_format_is_exactly_one_line(
    command: str, capsys: pytest.CaptureFixture[str], sample_copy: Path, tmp_path: Path
) -> None:
    target = tmp_path / "ergebnis.csv"
    code = main([command, *_twice(sample_copy, tmp_path), "-o", str(target)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Hinweis" not in lines[0]
    assert not target.exists()
