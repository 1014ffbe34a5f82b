"""``weltoffen demo``: the sample municipality in --data-dir (kept) or a temporary folder
(removed on exit unless something was exported or created, then its path is printed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from weltoffen_tui.cli.entry import main
from weltoffen_tui.paths import sample_path

SAMPLE_NAMES = {p.name for p in sample_path().parent.glob("*.toml")}


class FakeApp:
    """Stands in for the full-screen app: ``during`` plays what the user did."""

    def __init__(self, data_dir: Path, open_file: Path, during: Callable[[FakeApp], None]):
        self.data_dir = data_dir
        self.open_file = open_file
        self.exported: list[Path] = []
        self.return_code: int | None = 0
        self.during = during

    def run(self) -> None:
        self.during(self)


@pytest.fixture
def demo(
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[..., tuple[int, list[FakeApp]]]:
    import weltoffen_tui.cli.commands as cli

    monkeypatch.setenv("WELTOFFEN_FORCE_TUI", "1")
    apps: list[FakeApp] = []

    def run_demo(  # type: ignore[no-untyped-def]
        *args: str,
        during: Callable[[FakeApp], None] = lambda app: None,
        global_args: tuple[str, ...] = (),
    ):
        def make(data_dir: Path, open_file: Path | None = None, demo: bool = False) -> FakeApp:
            assert demo is True and open_file is not None
            app = FakeApp(data_dir, open_file, during)
            apps.append(app)
            return app

        monkeypatch.setattr(cli, "_app", make)
        return main([*global_args, "demo", *args]), apps

    return run_demo


def export_report(app: FakeApp) -> None:
    target = app.data_dir / "musterstadt-bericht.html"
    target.write_text("<!DOCTYPE html>", encoding="utf-8")
    app.exported.append(target)


def test_demo_opens_a_copy_never_the_original(demo, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, object] = {}

    def look(app: FakeApp) -> None:
        seen["names"] = {p.name for p in app.data_dir.glob("*.toml")}
        seen["bytes"] = app.open_file.read_bytes()

    code, apps = demo(during=look)
    assert code == 0
    opened = apps[0].open_file
    assert opened.parent == apps[0].data_dir != sample_path().parent
    names = seen["names"]
    assert isinstance(names, set)
    made = {name for name in names if "gemeinsam" in name}  # the half-finished workshop
    assert len(made) == 1 and names - made == SAMPLE_NAMES
    assert seen["bytes"] == sample_path().read_bytes()


def test_temporary_folder_is_removed_without_exports(
    demo, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    code, apps = demo()
    assert code == 0
    assert not apps[0].data_dir.exists()
    assert capsys.readouterr().out == ""


def test_temporary_folder_is_kept_and_printed_after_an_export(
    demo, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    code, apps = demo(during=export_report)
    folder = apps[0].data_dir
    out = capsys.readouterr().out
    assert code == 0 and folder.is_dir() and (folder / "musterstadt-bericht.html").exists()
    assert f"Der Demo-Ordner bleibt erhalten: {folder}" in out
    assert "Neu darin: musterstadt-bericht.html" in out
    import shutil

    shutil.rmtree(folder)


def test_a_new_assessment_keeps_the_temporary_folder(
    demo, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    def create(app: FakeApp) -> None:
        (app.data_dir / "neustadt-2026-12-01.toml").write_text("# neu", encoding="utf-8")

    _, apps = demo(during=create)
    folder = apps[0].data_dir
    assert folder.is_dir() and str(folder) in capsys.readouterr().out
    import shutil

    shutil.rmtree(folder)


def test_data_dir_is_honoured_and_kept(
    demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "vorfuehrung"
    code, apps = demo("--data-dir", str(target), during=export_report)
    assert code == 0 and apps[0].data_dir == target
    names = {p.name for p in target.glob("*.toml") if "gemeinsam" not in p.name}
    assert names == SAMPLE_NAMES  # plus the half-finished workshop, made from them
    assert f"Die Exporte der Demo liegen in: {target}" in capsys.readouterr().out
    # A second run keeps what the first changed (answers are never overwritten).
    changed = target / sample_path().name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n# geändert\n", encoding="utf-8")
    code, _ = demo("--data-dir", str(target))
    assert code == 0 and changed.read_text(encoding="utf-8").endswith("# geändert\n")
    assert target.is_dir()


def test_data_dir_before_the_command_counts_too(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "davor"
    code, apps = demo(global_args=("--data-dir", str(target)))
    assert code == 0 and apps[0].data_dir == target and target.is_dir()


def test_without_a_terminal_no_folder_is_made(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import tempfile

    monkeypatch.delenv("WELTOFFEN_FORCE_TUI", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert main(["demo"]) == 2
    assert "Terminal" in capsys.readouterr().err
    assert not list(tmp_path.glob("weltoffen-demo-*"))
