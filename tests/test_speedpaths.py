"""The faster paths give the same answers: nesting depth, and ``list`` into a pipe."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from weltoffen_tui.cli.entry import main
from weltoffen_tui.core.storage.store import MAX_NESTING, nesting_depth
from weltoffen_tui.paths import sample_path


def _reference_depth(value: Any) -> int:
    """How deeply lists and tables nest, the obvious (recursive) way."""
    if isinstance(value, dict):
        return 1 + max((_reference_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_reference_depth(v) for v in value), default=0)
    return 0


def _random_data(rng: random.Random, depth: int) -> Any:
    if depth == 0 or rng.random() < 0.3:
        return rng.choice([1, "x", 2.5, None, True])
    if rng.random() < 0.5:
        return [_random_data(rng, depth - 1) for _ in range(rng.randint(0, 3))]
    return {f"k{i}": _random_data(rng, depth - 1) for i in range(rng.randint(0, 3))}


@pytest.mark.parametrize("seed", range(200))
def test_nesting_depth_matches_the_obvious_definition(seed: int) -> None:
    data = _random_data(random.Random(seed), 8)
    assert nesting_depth(data) == _reference_depth(data)


def test_nesting_depth_of_plain_values_and_deep_lists() -> None:
    assert nesting_depth("text") == 0
    assert nesting_depth({}) == 1
    assert nesting_depth({"answers": {"f": {"q": {"value": 1}}}}) == 4
    deep: list[Any] = []
    for _ in range(MAX_NESTING):
        deep = [deep]
    assert nesting_depth({"x": deep}) == MAX_NESTING + 2


def _folder(tmp_path: Path) -> Path:
    text = sample_path().read_text(encoding="utf-8")
    long_name = "sehr-lange-dateinamen-werden-in-einer-pipe-nie-abgeschnitten-" + "x" * 40
    (tmp_path / f"{long_name}.toml").write_text(text, encoding="utf-8")
    broken = text.replace('"Musterstadt"', '"Muster\\nstadt\\tNord"', 1)
    (tmp_path / "zeilenumbruch.toml").write_text(broken, encoding="utf-8")
    (tmp_path / "kaputt.toml").write_text("municipality = [", encoding="utf-8")
    shutil.copyfile(sample_path(), tmp_path / "muster.toml")
    return tmp_path


def test_list_into_a_pipe_is_one_line_per_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    assert main(["--data-dir", str(folder), "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Einschätzungen in {folder}"
    assert lines[1].split("\t") == [
        "Kommune",
        "Art",
        "Datum",
        "Fortschritt",
        "Zuletzt geändert",
        "Datei",
    ]
    rows = [line.split("\t") for line in lines[2:]]
    assert len(rows) == 4 and all(len(row) == 6 for row in rows)
    names = {row[5] for row in rows if row[0] != "nicht lesbar"}
    assert any(name.endswith("x" * 40 + ".toml") for name in names)  # never cropped
    assert ["Muster stadt Nord", "Stadt"] in [row[:2] for row in rows]  # one line each
    (unreadable,) = [row for row in rows if row[0] == "nicht lesbar"]
    assert "kaputt.toml" in unreadable[5]
    assert all("\u202f%" in row[3] for row in rows if row[0] != "nicht lesbar")


def test_list_in_a_terminal_is_still_a_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "200")
    from rich.console import Console

    monkeypatch.setattr(Console, "is_terminal", property(lambda self: True))
    folder = _folder(tmp_path)
    assert main(["--data-dir", str(folder), "list"]) == 0
    out = capsys.readouterr().out
    assert "┏" in out and "Kommune" in out and "\t" not in out


def test_a_note_that_is_no_text_is_listed_as_unreadable(tmp_path: Path) -> None:
    from weltoffen_tui.core.errors import AssessmentFileError
    from weltoffen_tui.core.storage.listing import list_assessments
    from weltoffen_tui.core.storage.opening import open_assessment

    text = sample_path().read_text(encoding="utf-8")
    start = text.index('note = "')
    end = text.index("\n", start)
    path = tmp_path / "zahl.toml"
    path.write_text(text[:start] + "note = 5" + text[end:], encoding="utf-8")
    with pytest.raises(AssessmentFileError):
        open_assessment(path)
    (entry,) = list_assessments(tmp_path, sample_path().parent.parent.parent)
    assert entry.error and "note" in entry.error


def test_pack_fingerprint_lists_every_pack_file_as_rglob_does(tmp_path: Path) -> None:
    from weltoffen_tui.core.pack.cache import fingerprint
    from weltoffen_tui.paths import default_pack_dir

    pack = tmp_path / "paket"
    shutil.copytree(default_pack_dir(), pack)
    (pack / "articles" / "tief").mkdir()
    (pack / "articles" / "tief" / "neu.md").write_text("x", encoding="utf-8")
    (pack / "articles" / "schleife").symlink_to(pack)  # a loop is not followed
    (pack / "notiz.txt").write_text("x", encoding="utf-8")
    expected = sorted(
        [p.relative_to(pack).as_posix(), p.stat().st_size, p.stat().st_mtime_ns]
        for p in pack.rglob("*")
        if p.is_file() and p.suffix in {".toml", ".md"}
    )
    assert fingerprint(pack)["files"] == expected
    assert ["articles/tief/neu.md", 1] in [row[:2] for row in expected]
