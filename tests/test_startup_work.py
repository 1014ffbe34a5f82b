"""The start screen does its start-up work once: one listing, each footer key styled once.

These guard the start-up figure (benchmarks/run.py, issue 10) by counting work, not
time: each would fail if the repeated work came back.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey

from weltoffen_tui.core.storage import listing
from weltoffen_tui.paths import sample_path
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.messages import CreateAssessment, FilesChanged, OpenAssessment
from weltoffen_tui.tui.screens.start import COLUMNS, StartScreen
from weltoffen_tui.tui.widgets.footer import Footer

SIZE = (80, 24)


async def test_footer_keys_are_styled_without_a_compact_round_trip(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual's keys start compact and are then set to the footer's value: not here."""
    toggled: list[str] = []
    add_class = FooterKey.add_class

    def counted(self: FooterKey, *names: str, update: bool = True) -> FooterKey:
        if "-compact" in names and "-command-palette" not in self.classes:
            toggled.append(self.key)
        return add_class(self, *names, update=update)

    monkeypatch.setattr(FooterKey, "add_class", counted)
    app = WeltoffenApp(data_dir=data)
    # Wide: below 100 columns the footer is compact on purpose (widgets/footer.py).
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        keys = list(app.screen.query_one(Footer).query(FooterKey))
        assert keys
        assert toggled == []
        for key in keys:  # as Textual draws them: only the palette's key is compact
            assert key.has_class("-compact") == key.has_class("-command-palette")


async def test_the_folder_is_read_once_at_start(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """on_mount reads the folder; the resume that comes with the push does not again."""
    calls: list[Path] = []
    list_assessments = listing.list_assessments

    def counted(directory: Path, packs_root: Path | None = None) -> list[Any]:
        calls.append(directory)
        return list_assessments(directory, packs_root)

    monkeypatch.setattr(listing, "list_assessments", counted)
    app = WeltoffenApp(data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(calls) == 1
        screen = app.screen
        assert isinstance(screen, StartScreen)
        await pilot.press("b")  # the library, and back: now the folder is read again
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert len(calls) == 2


async def test_empty_folder_focuses_nothing_then_the_first_file_gets_the_table(
    tmp_path: Path,
) -> None:
    """An empty folder: hidden table, no columns, no focus; a file appears: all there."""
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        table = screen.query_one(DataTable)
        assert not table.display
        assert not table.columns
        assert screen.focused is None
        shutil.copyfile(sample_path(), tmp_path / sample_path().name)
        screen.post_message(FilesChanged())
        await pilot.pause()
        assert table.display
        assert [str(column.label) for column in table.columns.values()] == list(COLUMNS)
        assert screen.focused is table
        assert table.row_count == 1


def test_messages_keep_dataclass_behaviour() -> None:
    """The light decorator of tui/messages.py: fields, defaults, errors, equality."""
    path = Path("a.toml")
    message = OpenAssessment(path)
    assert message.path == path
    assert message == OpenAssessment(path=path)
    assert message != OpenAssessment(Path("b.toml"))
    assert "a.toml" in repr(message)
    created = CreateAssessment("Musterstadt", "Erstbewertung", "", [], None)
    assert created.perspective == ""
    assert FilesChanged().select is None
    assert not FilesChanged.bubble
    with pytest.raises(TypeError):
        OpenAssessment()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        OpenAssessment(path, path)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        OpenAssessment(path, path=path)  # type: ignore[misc]


async def test_the_start_screen_needs_no_second_css_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its sheet is read with the app's: pushing it makes Textual parse no sheet again
    (a full pass over every sheet of the app costs more than the rest of the screen)."""
    from textual.css.stylesheet import Stylesheet

    passes: list[int] = []
    reparse = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        passes.append(1)
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    monkeypatch.setenv("WELTOFFEN_CONFIG_DIR", str(tmp_path / "einstellungen"))
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert passes == []
        padding = app.screen.query_one("#start").styles.padding  # start.tcss: padding 1 2
        assert (padding.top, padding.left) == (1, 2)


async def test_an_empty_folder_reads_no_pack_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding the installed packs reads every pack.toml: an empty folder needs none of
    them until a new self-check is started."""
    from weltoffen_tui.core.pack import registry

    calls: list[int] = []
    installed = registry.installed

    def counted() -> registry.Installed:
        calls.append(1)
        return installed()

    monkeypatch.setattr(registry, "installed", counted)
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        assert calls == []
        await pilot.press("n")  # a new self-check: now the pack is looked for
        await pilot.pause()
        assert calls
        assert app.screen is not screen


def test_plain_start_imports_no_argparse() -> None:
    """``weltoffen`` without arguments does not build (or import) the parser."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from weltoffen_tui.cli.entry import _parse\n"
        "_parse([])\n"
        "print('argparse' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


HEAVY_WIDGETS = ("markdown_it", "pygments", "textual.widgets._text_area", "textual.document")


def test_opening_an_assessment_loads_no_editor_or_markdown_widget(tmp_path: Path) -> None:
    """The summary of an opened assessment shows neither a Markdown view nor a TextArea:
    their modules (markdown-it, Pygments, the document model) stay unloaded until a help
    or a note dialog opens. Guards the memory figure of benchmarks/run.py (issue 10)."""
    import subprocess
    import sys

    shutil.copyfile(sample_path(), tmp_path / sample_path().name)
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from weltoffen_tui.tui.app import WeltoffenApp\n"
        "async def main():\n"
        "    folder = Path(sys.argv[1])\n"
        "    app = WeltoffenApp(data_dir=folder, open_file=folder / sys.argv[2])\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "        print(type(app.screen).__name__)\n"
        f"    heavy = {HEAVY_WIDGETS!r}\n"
        "    print(sorted({m.split('.')[0] if m.split('.')[0] != 'textual' else m\n"
        "                  for m in sys.modules if m.startswith(heavy)}))\n"
        "asyncio.run(main())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path), sample_path().name],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    screen, loaded = done.stdout.strip().splitlines()[-2:]
    assert screen == "SummaryScreen"
    assert loaded == "[]"
