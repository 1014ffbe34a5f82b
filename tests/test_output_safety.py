"""``-o`` never destroys: not an input, not a device, not the pack; links are written through."""

from __future__ import annotations

import os
import shutil
import stat
import threading
from pathlib import Path

import pytest

from weltoffen_tui.cli import main
from weltoffen_tui.paths import default_pack_dir, sample_path

SAMPLES = sample_path().parent


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    copy = tmp_path / "musterstadt.toml"
    shutil.copyfile(sample_path(), copy)
    return copy


def test_report_onto_its_own_input_is_refused(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sample.read_bytes()
    assert main(["report", str(sample), "-o", str(sample)]) == 2
    assert "Eingabedateien" in capsys.readouterr().err
    assert sample.read_bytes() == before


@pytest.mark.parametrize("command", ["compare", "timeline", "agenda"])
def test_several_files_onto_one_of_them_are_refused(
    command: str, sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "musterstadt-2025.toml"
    shutil.copyfile(SAMPLES / "musterstadt-2025.toml", other)
    before = other.read_bytes()
    link = tmp_path / "verweis.md"
    link.symlink_to(other)  # the same input under another name
    for target in (other, link):
        assert main([command, str(sample), str(other), "-o", str(target)]) == 2
        assert other.read_bytes() == before
    assert "Eingabedateien" in capsys.readouterr().err


def test_actionplan_onto_its_input_is_refused(sample: Path) -> None:
    before = sample.read_bytes()
    assert main(["actionplan", str(sample), "--format", "csv", "-o", str(sample)]) == 2
    assert sample.read_bytes() == before


def test_questionnaire_never_writes_into_the_pack(capsys: pytest.CaptureFixture[str]) -> None:
    target = default_pack_dir() / "pack.toml"
    before = target.read_bytes()
    assert main(["questionnaire", "-o", str(target)]) == 2
    assert "Paket" in capsys.readouterr().err
    assert target.read_bytes() == before


def test_dev_null_is_written_to_not_replaced() -> None:
    assert main(["report", str(sample_path()), "--format", "json", "-o", "/dev/null"]) == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_named_pipe_without_reader_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    assert main(["report", str(sample_path()), "--format", "json", "-o", str(pipe)]) == 2
    assert "Pipe" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_named_pipe_with_reader_gets_the_document(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []

    def read() -> None:
        with open(pipe, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    while not reader.is_alive():
        pass
    # the reader must have opened its end before a non-blocking writer finds it
    for _ in range(200):
        code = main(["report", str(sample_path()), "--format", "json", "-o", str(pipe)])
        if code == 0:
            break
        threading.Event().wait(0.01)
    reader.join(timeout=10)
    assert code == 0 and received and received[0].startswith(b"{")
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "synchronisiert" / "bericht.md"
    real.parent.mkdir()
    real.write_text("alt", encoding="utf-8")
    link = tmp_path / "bericht.md"
    link.symlink_to(real)
    assert main(["report", str(sample_path()), "-o", str(link)]) == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("# ")


def test_folder_as_target_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "ordner.md"
    folder.mkdir()
    assert main(["report", str(sample_path()), "-o", str(folder)]) == 2
    assert "Ordner" in capsys.readouterr().err
    assert folder.is_dir()
