"""The Textual app: screens, global key bindings, themes, and the open session."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding

from weltoffen_tui.core.errors import UserError
from weltoffen_tui.tui import german
from weltoffen_tui.tui.commands import system_commands
from weltoffen_tui.tui.german import GermanCommandPalette
from weltoffen_tui.tui.themes import HIGH_CONTRAST, THEMES, theme_label

if TYPE_CHECKING:
    from textual.screen import Screen

    from weltoffen_tui.core.editing import EditSession
    from weltoffen_tui.core.pack import Pack


class WeltoffenApp(App[int]):
    """Selbstcheck Weltoffene Kommune."""

    TITLE = "Selbstcheck Weltoffene Kommune"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar = [
        Binding("f1", "help", "Hilfe", key_display="F1"),
        Binding("question_mark", "help", "Hilfe", show=False),
        Binding("ctrl+b", "library", "Bibliothek", key_display="^b"),
        Binding("ctrl+t", "cycle_theme", "Darstellung", key_display="^t"),
        Binding(
            "ctrl+p", "command_palette", "Befehle", key_display="^p", priority=True, show=False
        ),
        Binding("ctrl+q", "quit", "Beenden", key_display="^q", priority=True, show=False),
        Binding("ctrl+c", "quit", "Beenden", show=False, priority=True),
    ]

    def __init__(
        self,
        data_dir: Path,
        open_file: Path | None = None,
        demo: bool = False,
        pack_dir: Path | None = None,
    ) -> None:
        german.install()
        super().__init__()
        self.data_dir = Path(data_dir)
        self.open_file = open_file
        self.demo = demo
        self.pack_dir = pack_dir
        self.session: EditSession | None = None
        self._pack: Pack | None = None

    # ------------------------------------------------------------------ setup

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        from weltoffen_tui.tui.screens.start import StartScreen

        self.push_screen(StartScreen())
        if self.demo:
            self.sub_title = "Demo (Kopie der Beispielkommune)"
        if self.open_file is not None:
            self.open_assessment(self.open_file)

    @property
    def pack_directory(self) -> Path:
        """The folder of the pack used for new assessments."""
        from weltoffen_tui.paths import default_pack_dir

        return self.pack_dir or default_pack_dir()

    @property
    def pack(self) -> Pack:
        """The questionnaire pack (loaded on first use)."""
        if self._pack is None:
            from weltoffen_tui.core.pack import load_pack

            self._pack = load_pack(self.pack_directory)
        return self._pack

    def screen_ready(self) -> None:
        """Called by the start screen once it is filled and interactive.

        With ``WELTOFFEN_EXIT_WHEN_READY`` set, the app quits right then: the start-up
        benchmark measures launch-to-interactive this way, like its bare baseline app.
        """
        if os.environ.get("WELTOFFEN_EXIT_WHEN_READY"):
            self.call_after_refresh(self.exit)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from system_commands(self, screen)

    # ------------------------------------------------------------------ sessions

    def open_assessment(self, path: Path) -> bool:
        """Open a file and continue at its first unanswered question."""
        from weltoffen_tui.core.editing import EditSession
        from weltoffen_tui.core.session import open_assessment

        try:
            packs_root = self.pack_dir.parent if self.pack_dir else None
            assessment, pack = open_assessment(path, packs_root)
        except UserError as exc:
            self.show_error("Einschätzung kann nicht geöffnet werden", exc)
            return False
        self._pack = pack
        self._close_session()
        self.session = EditSession.open(Path(path), assessment, pack)
        self.resume()
        if self.session.read_only:
            self.show_error("Nur lesend geöffnet", self.session.read_only_reason)
        return True

    def _close_session(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None

    def on_unmount(self) -> None:
        self._close_session()

    def start_session(self, session: EditSession) -> None:
        self._close_session()
        self.session = session
        self.resume()

    def resume(self) -> None:
        """Show the first unanswered question, or the summary when all are answered."""
        assert self.session is not None
        position = self.session.first_open_question()
        self._back_to_start()
        if position is None:
            from weltoffen_tui.tui.screens.summary import SummaryScreen

            self.push_screen(SummaryScreen(self.session))
        else:
            self.show_field(*position, replace=False)

    def show_field(self, index: int, question_index: int | None = 0, replace: bool = True) -> None:
        """Show the screen of one action field (replacing the current field screen)."""
        from weltoffen_tui.tui.screens.field import FieldScreen

        assert self.session is not None
        screen = FieldScreen(self.session, index, question_index)
        if replace and len(self.screen_stack) > 1 and not self.screen.is_modal:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _back_to_start(self) -> None:
        """Pop everything above the start screen (stack: default screen, start screen)."""
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def show_error(self, title: str, error: UserError | str) -> None:
        from weltoffen_tui.tui.screens.dialogs import MessageDialog

        lines = [str(p) for p in error.problems] if isinstance(error, UserError) else [error]
        self.push_screen(MessageDialog(title, lines))

    # ------------------------------------------------------------------ actions

    def action_help(self) -> None:
        from weltoffen_tui.tui.screens.dialogs import HelpDialog

        if isinstance(self.screen, HelpDialog):
            self.screen.dismiss()
            return
        self.push_screen(HelpDialog(self.screen))

    def action_library(self) -> None:
        from weltoffen_tui.tui.screens.library import LibraryScreen

        if not isinstance(self.screen, LibraryScreen):
            self.push_screen(LibraryScreen())

    def action_home(self) -> None:
        self._back_to_start()
        self._close_session()

    def action_overview(self) -> None:
        from weltoffen_tui.tui.screens.field import FieldScreen

        if isinstance(self.screen, FieldScreen):
            self.screen.action_overview()
        elif self.session is not None:
            self.resume()

    def action_summary(self) -> None:
        from weltoffen_tui.tui.screens.summary import SummaryScreen

        if self.session is not None and not isinstance(self.screen, SummaryScreen):
            self.push_screen(SummaryScreen(self.session))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not GermanCommandPalette.is_open(self):
            self.push_screen(GermanCommandPalette())

    def action_cycle_theme(self) -> None:
        names = [name for name, _ in THEMES]
        current = names.index(self.theme) if self.theme in names else -1
        self.set_theme(names[(current + 1) % len(names)])

    def set_theme(self, name: str) -> None:
        self.theme = name
        self.notify(f"Darstellung: {theme_label(name)}", timeout=2)
