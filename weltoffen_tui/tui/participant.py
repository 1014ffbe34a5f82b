"""The app of one workshop participant in the browser (``weltoffen participate``).

It starts at the join screen (name, role), then shows the chosen fields of the
participant's own perspective file, saving every answer at once as the TUI does. The
participant sees nothing else of the folder: no start screen, no other file, no palette
that opens one.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on

from weltoffen_tui.core.errors import UserError
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.screens import field as field_module
from weltoffen_tui.tui.screens.field import FieldScreen
from weltoffen_tui.tui.screens.join import JoinScreen

if TYPE_CHECKING:
    from textual.app import SystemCommand
    from textual.screen import Screen

    from weltoffen_tui.core.pack.models import Pack
    from weltoffen_tui.core.storage.editing import EditSession
    from weltoffen_tui.core.storage.history import History
    from weltoffen_tui.core.workshop.compare import Comparison


class ParticipantFieldScreen(FieldScreen):
    """A field screen that moves only between the fields the moderator chose."""

    # Textual reads CSS_PATH beside the module that sets it: this one is not there.
    CSS_PATH = str(Path(field_module.__file__).parent / "field.tcss")

    def __init__(
        self,
        session: EditSession,
        index: int,
        question_index: int | None,
        perspectives: Comparison | None,
        history: History | None,
        allowed: list[int],
    ) -> None:
        super().__init__(session, index, question_index, perspectives, history)
        self.allowed = allowed

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "overview" and len(self.allowed) < len(self.session.pack.fields):
            return False  # the overview would lead to fields not asked today
        return super().check_action(action, parameters)

    async def _next_field(self, step: int) -> None:
        later = [i for i in self.allowed if (i - self.index) * step > 0]
        if not later:
            if step > 0:
                self._summary()
            else:
                self.notify("Das ist das erste Handlungsfeld für heute.", timeout=2)
            return
        index = min(later) if step > 0 else max(later)
        await self._show_field(index, self._first_open(index))


class ParticipantApp(WeltoffenApp):
    """One participant: join, then answer into the own perspective file."""

    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        folder: Path,
        pack: Pack,
        field_ids: list[str],
        municipality: str,
        kind: str,
    ) -> None:
        super().__init__(data_dir=folder, pack_dir=pack.directory)
        self._pack = pack
        self.field_ids = field_ids
        self.municipality = municipality
        self.kind = kind
        self.sub_title = f"Workshop {municipality}"

    @property
    def allowed(self) -> list[int]:
        return [i for i, f in enumerate(self.pack.fields) if f.id in self.field_ids]

    @on(events.Mount)
    def _join_first(self, event: events.Mount) -> None:
        from weltoffen_tui.tui.themes import HIGH_CONTRAST

        event.prevent_default()  # not the start screen of WeltoffenApp.on_mount
        self.register_theme(HIGH_CONTRAST)
        titles = [f.title for f in self.pack.fields if f.id in self.field_ids]
        self.push_screen(JoinScreen(self.municipality, titles))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        return ()

    def on_join_screen_join_requested(self, message: JoinScreen.JoinRequested) -> None:
        from weltoffen_tui.core.workshop.live import join

        try:
            session = join(
                self.data_dir,
                self.pack,
                message.name,
                message.role,
                municipality=self.municipality,
                kind=self.kind,
            )
        except UserError as exc:
            if isinstance(self.screen, JoinScreen):
                problem = exc.problems[0]
                self.screen.show_error(f"{problem.message}. {problem.hint}")
            return
        self._start_session(session)
        self.notify(
            f"Willkommen, {message.name.strip()}. Jede Antwort wird sofort gespeichert.",
            timeout=6,
        )

    def _resume(self) -> None:
        """The first open question in the fields asked today, else the summary."""
        assert self.session is not None
        self._back_to_start()
        for index in self.allowed:
            open_ids = self.session.open_questions(self.pack.fields[index])
            if open_ids:
                ids = [q.id for q in self.pack.fields[index].questions]
                self.show_field(index, ids.index(open_ids[0]), replace=False)
                return
        from weltoffen_tui.tui.screens.summary import SummaryScreen

        self.push_screen(SummaryScreen(self.session))

    def show_field(self, index: int, question_index: int | None = 0, replace: bool = True) -> None:
        from weltoffen_tui.core.storage.history import History

        if self.session is None:
            return
        allowed = self.allowed
        if index not in allowed:
            index = allowed[0]
            question_index = 0
        if self._history is None or self._history[0] is not self.session:
            self._history = (self.session, History())
        screen = ParticipantFieldScreen(
            self.session, index, question_index, None, self._history[1], allowed
        )
        if replace and isinstance(self.screen, FieldScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _go_home(self) -> None:
        """Esc on a field: back to the join screen, the answers saved and the file closed."""
        self._back_to_start()
        name = ""
        if self.session is not None and self.session.assessment.respondents:
            name = self.session.assessment.respondents[0].name
        self._close_session()
        if isinstance(self.screen, JoinScreen):
            from weltoffen_tui.tui.widgets.safe_input import SafeInput

            self.screen.query_one("#name", SafeInput).value = name
            self.screen.show_error("")
            self.notify("Ihre Antworten sind gespeichert. Enter: weiter beantworten.", timeout=6)
