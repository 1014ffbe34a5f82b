"""The Textual app: screens, global key bindings, themes, and the open session.

Screens never call the app's methods: they post the requests of
:mod:`weltoffen_tui.tui.messages` (open a file, show a field, run an export, ...),
which bubble up to the app and are answered by the ``on_*`` handlers below.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding

from weltoffen_tui.core.errors import UserError
from weltoffen_tui.tui import german
from weltoffen_tui.tui.commands import system_commands
from weltoffen_tui.tui.german import GermanCommandPalette
from weltoffen_tui.tui.messages import (
    AgendaRequested,
    CreateAssessment,
    ExportDone,
    ExportRequested,
    OpenAssessment,
    OpenMany,
    Saved,
    ScreenReady,
    ShowError,
    ShowField,
    ShowSummary,
    StartWorkshop,
)
from weltoffen_tui.tui.themes import HIGH_CONTRAST, THEMES, theme_label

if TYPE_CHECKING:
    from textual.message_pump import MessagePump
    from textual.notifications import SeverityLevel
    from textual.screen import Screen
    from textual.worker import Worker

    from weltoffen_tui.core.assessment import Assessment
    from weltoffen_tui.core.pack.models import Pack
    from weltoffen_tui.core.storage.editing import EditSession
    from weltoffen_tui.core.storage.history import History
    from weltoffen_tui.core.tour import Scenario
    from weltoffen_tui.core.workshop.compare import Comparison
    from weltoffen_tui.tui.tour import TourPlayer

if TYPE_CHECKING:  # the housekeeping requests (handlers at the end of the class)
    from weltoffen_tui.tui.messages import CopyFile, RenameFile, SaveDetails, TrashFile


class WeltoffenApp(App[int]):
    """Selbstcheck Weltoffene Kommune."""

    TITLE = "Selbstcheck Weltoffene Kommune"
    # The start screen's sheet from the first CSS pass: it is always shown first, and a
    # pushed screen whose CSS_PATH is not read yet makes Textual parse every sheet again.
    CSS_PATH: ClassVar[str | PurePath | list[str | PurePath] | None] = [
        "app.tcss",
        "screens/start.tcss",
    ]
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar = [
        Binding("f1", "help", "Hilfe", key_display="F1"),
        Binding("question_mark", "help", "Hilfe", key_display="?", show=False),
        Binding("ctrl+b", "library", "Bibliothek", key_display="Strg+B"),
        Binding("ctrl+t", "cycle_theme", "Darstellung", key_display="Strg+T"),
        Binding(
            "ctrl+p", "command_palette", "Befehle", key_display="Strg+P", priority=True, show=False
        ),
        Binding("ctrl+q", "quit", "Beenden", key_display="Strg+Q", priority=True, show=False),
        Binding("ctrl+c", "quit", "Beenden", key_display="Strg+C", show=False, priority=True),
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
        self._register_themes()  # before the first CSS pass, so no second one is needed
        self.data_dir = Path(data_dir)
        self.open_file = open_file
        self.demo = demo
        self.pack_dir = pack_dir
        self.session: EditSession | None = None
        # In a workshop: every perspective's answers, shown beside each question.
        self.perspectives: Comparison | None = None
        # The undo steps of the open session (kept across field screens).
        self._history: tuple[EditSession, History] | None = None
        self._pack: Pack | None = None
        # After an unexpected error: the German message printed on exit.
        self.crash_message: str | None = None
        # Every file an export wrote (the demo keeps its folder if there are any).
        self.exported: list[Path] = []
        # The export being written in a worker thread, and the screen to tell.
        self._export_job: Worker[Path] | None = None
        self._export_reply_to: MessagePump | None = None
        self._quit_after_export = False

    # ------------------------------------------------------------------ setup

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        self._start_theme()
        self._catch_hang_up()
        from weltoffen_tui.tui.screens.start import StartScreen

        # The pack itself is found when a self-check starts; one given with --pack names
        # itself on the start screen (read from its pack.toml alone).
        named = None
        if self.pack_dir is not None:
            from weltoffen_tui.core.pack.info import heading

            named = heading(self.pack_dir)
        self.push_screen(StartScreen(self.data_dir, named))
        if self.demo:
            self.sub_title = "Demo (Kopie der Beispielkommune)"
        if self.open_file is not None:
            self._open_assessment(self.open_file)
        self._start_tour()

    @property
    def pack_directory(self) -> Path:
        """The folder of the pack used for new assessments."""
        from weltoffen_tui.core.pack.registry import default_pack_dir

        return self.pack_dir or default_pack_dir()

    @property
    def pack(self) -> Pack:
        """The questionnaire pack (loaded on first use)."""
        if self._pack is None:
            from weltoffen_tui.core.pack.load import load_pack

            self._pack = load_pack(self.pack_directory)
        return self._pack

    def on_screen_ready(self, message: ScreenReady) -> None:
        """The start screen (or the summary) is filled and interactive.

        With ``WELTOFFEN_EXIT_WHEN_READY`` set, the app quits right then: the start-up
        benchmark measures launch-to-interactive this way, like its bare baseline app.
        """
        if os.environ.get("WELTOFFEN_EXIT_WHEN_READY"):
            self.call_after_refresh(self.exit)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notifications show names, notes and paths literally: never as markup, and with
        their control characters visible (an escape sequence in a name is not run)."""
        from weltoffen_tui.core.textsafe import visible

        super().notify(
            visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False
        )

    def validate_title(self, title: Any) -> str:
        """Whatever sets the title (a name, a file), it never carries a control character."""
        from weltoffen_tui.core.textsafe import visible

        return visible(str(title))

    def validate_sub_title(self, sub_title: Any) -> str:
        """As ``validate_title``: the subtitle is shown in the header, never executed."""
        from weltoffen_tui.core.textsafe import visible

        return visible(str(sub_title))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from system_commands(self, screen)

    # ------------------------------------------------------------------ crashes

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: save the answers, log the traceback, say so in German.

        Overrides a private method, written against Textual 8.2: every message pump,
        timer and worker hands its unhandled exception to ``App._handle_exception``,
        whose default prints a Rich traceback with local variables (file contents) on
        exit. Textual 8.2 has no public hook for this. The app still exits (the failed
        screen's message loop has stopped), with this app's German message instead of
        the traceback; ``tests/test_leaving.py`` checks it. If Textual changes the
        method, that test fails.
        """
        self._return_code = 1
        if self._exception is None:
            # As Textual does: run_test re-raises the first error, so tests still fail.
            self._exception = error
            self._exception_event.set()
            self.crash_message = self._crash_message(error)
            self._exit_renderables.append(Text(self.crash_message))
        self._close_messages_no_wait()

    def _crash_message(self, error: Exception) -> str:
        """Rescue the answers, write the crash log, and tell the user both (never raises)."""
        from weltoffen_tui.core.crashlog import write_crash_log

        log = write_crash_log(error)
        try:
            answers = self._rescue_answers()
        except Exception:  # the rescue must never hide the message
            answers = "Ob Ihre letzten Antworten gespeichert sind, ist unklar."
        return (
            f"weltoffen: Unerwarteter Fehler im Programm ({type(error).__name__}). Das Programm "
            f"wurde beendet.\n{answers}\nFehlerbericht für eine Rückmeldung: {log}"
        )

    def _rescue_answers(self) -> str:
        """Save the open assessment, or a copy of it elsewhere; the sentence to show."""
        import tempfile

        session = self.session
        if session is None or session.read_only:
            return "Ihre gespeicherten Antworten sind unverändert."
        if session.save():
            return f"Ihre Antworten sind gespeichert: {session.path}"
        from weltoffen_tui.tui.screens.dialogs import copy_suggestion

        reason = session.last_error.problems[0].message if session.last_error else ""
        for folder in (Path.home(), self.data_dir, Path(tempfile.gettempdir())):
            try:
                copy = session.save_copy(copy_suggestion(session, [folder]))
            except UserError:
                continue
            return (
                f"Ihre Antworten konnten nicht in {session.path} gespeichert werden "
                f"({reason}). Eine Kopie mit allen Antworten liegt in: {copy}"
            )
        return (
            f"Ihre Antworten konnten nicht gespeichert werden ({reason}), auch keine Kopie. "
            "Die Änderungen seit dem letzten Speichern sind verloren."
        )

    # ------------------------------------------------------------------ sessions

    def on_open_assessment(self, message: OpenAssessment) -> None:
        self._leave(lambda: self._open_assessment(message.path), "eine andere Einschätzung öffnen")

    def _open_assessment(self, path: Path) -> bool:
        """Open a file and continue at its first unanswered question."""
        from weltoffen_tui.core.storage.editing import EditSession
        from weltoffen_tui.core.storage.opening import open_assessment

        try:
            packs_root = self.pack_dir.parent if self.pack_dir else None
            assessment, pack = open_assessment(path, packs_root)
        except UserError as exc:
            self._show_error("Einschätzung kann nicht geöffnet werden", exc)
            return False
        self._pack = pack
        if assessment.sources and self._resume_workshop(Path(path), assessment, pack):
            return True
        self._close_session()
        self.session = EditSession.open(Path(path), assessment, pack)
        self._resume()
        if self.session.read_only:
            self._show_error("Nur lesend geöffnet", self.session.read_only_reason)
        self._offer_migration(Path(path), assessment, pack)
        return True

    def _offer_migration(self, path: Path, assessment: Assessment, pack: Pack) -> None:
        """An earlier questionnaire version with renamed or dropped questions: offer to
        move the answers to the installed version, as a new file (the old one stays)."""
        from weltoffen_tui.core.migrate import migrate, needs_migration, summary_lines

        if not needs_migration(pack, assessment):
            return
        from weltoffen_tui.tui.screens.dialogs import MessageDialog
        from weltoffen_tui.tui.screens.migrate import MigrateDialog

        preview = summary_lines(migrate(pack, assessment))

        def chosen(answer: bool | None) -> None:
            if not answer:
                return
            from weltoffen_tui.core.storage.opening import migrate_file

            try:
                target, lines = migrate_file(path)
            except UserError as exc:
                self._show_error("Übertragen nicht möglich", exc)
                return
            if self._open_assessment(target):
                self.push_screen(MessageDialog("Übertragen", [*lines, f"Neue Datei: {target}"]))

        self.push_screen(
            MigrateDialog(path.name, assessment.questionnaire_version, pack.version, preview),
            chosen,
        )

    def on_create_assessment(self, message: CreateAssessment) -> None:
        self._leave(lambda: self._create_assessment(message), "eine neue Einschätzung anlegen")

    def _create_assessment(self, message: CreateAssessment) -> None:
        """Write a new assessment to the data folder and start at its first question."""
        from weltoffen_tui.core.storage.editing import EditSession

        try:
            if message.pack_dir is not None:  # chosen on the setup screen
                from weltoffen_tui.core.pack.load import load_pack

                self._pack = load_pack(message.pack_dir)
            session = EditSession.create(
                self.data_dir,
                self.pack,
                municipality=message.municipality,
                kind=message.kind,
                consultant=message.consultant,
                respondents=message.respondents,
                session_date=message.session_date,
                perspective=message.perspective,
            )
        except UserError as exc:
            self._show_error("Neue Einschätzung kann nicht angelegt werden", exc)
            return
        if message.kreisfrei is not None:
            kreisfrei = message.kreisfrei
            session.change(lambda a: setattr(a, "kreisfrei", kreisfrei))
        self.notify(f"Angelegt: {session.path}", timeout=4)
        self._start_session(session)

    def _close_session(self) -> None:
        self.perspectives = None
        if self.session is not None:
            self.session.close()
            self.session = None

    def on_saved(self, message: Saved) -> None:
        """Tell the user when a change could not be saved (or the file moved)."""
        session = message.session
        for notice in session.take_notices():
            self.notify(notice, title="Hinweis", severity="warning", timeout=12)
        if session.last_error is not None:
            problem = session.last_error.problems[0]
            self.notify(
                f"{problem.message}. {problem.hint}",
                title="Nicht gespeichert",
                severity="error",
                timeout=10,
            )

    # ------------------------------------------------------------------ several files

    def on_open_many(self, message: OpenMany) -> None:
        """Compare, show the timeline, start a workshop or draft an agenda."""
        from weltoffen_tui.core.storage.opening import open_assessment

        action, paths = message.action, message.paths
        try:
            loaded = [(path, *open_assessment(path)) for path in paths]
            pack = loaded[0][2]
            items = [(path.name, assessment) for path, assessment, _ in loaded]
            if action == "compare":
                from weltoffen_tui.tui.screens.compare import CompareScreen

                self.push_screen(CompareScreen(pack, paths, items))
            elif action == "timeline":
                from weltoffen_tui.core.workshop.compare import timeline
                from weltoffen_tui.tui.screens.compare import TimelineScreen

                timeline(pack, items)  # refuse early, with the reason, if it makes no sense
                self.push_screen(TimelineScreen(pack, paths, items))
            elif action == "workshop":
                self._leave(
                    lambda: self.start_workshop(pack, paths, items), "den Workshop beginnen"
                )
            else:
                self._write_agenda(pack, paths, items, reply_to=None)
        except UserError as exc:
            self._show_error("Das geht mit diesen Dateien nicht", exc)

    def on_start_workshop(self, message: StartWorkshop) -> None:
        self._leave(
            lambda: self.start_workshop(message.pack, message.paths, message.items),
            "den Workshop beginnen",
        )

    def start_workshop(
        self, pack: Pack, paths: list[Path], items: list[tuple[str, Assessment]]
    ) -> None:
        """A consensus assessment, answered with every perspective beside each question.

        If one made from the same files already exists, ask whether to continue it.
        """
        from weltoffen_tui.tui.screens.dialogs import ContinueWorkshopDialog

        existing = self._existing_consensus(paths)
        if existing is None:
            self._new_workshop(pack, paths, items)
            return

        def chosen(choice: str | None) -> None:
            if choice == "continue":
                self._open_assessment(existing)
            elif choice == "new":
                self._new_workshop(pack, paths, items)

        self.push_screen(ContinueWorkshopDialog(existing.name), chosen)

    def _existing_consensus(self, paths: list[Path]) -> Path | None:
        """The newest consensus file in the data folder made from exactly ``paths``."""
        from weltoffen_tui.core.storage.store import assessment_files, load_assessment
        from weltoffen_tui.core.workshop.consensus import same_sources

        found: list[tuple[float, Path]] = []
        for candidate in assessment_files(self.data_dir):
            if "gemeinsam" not in candidate.name or candidate in paths:
                continue
            try:
                if same_sources(candidate, load_assessment(candidate), paths):
                    found.append((candidate.stat().st_mtime, candidate))
            except (UserError, OSError):
                continue
        return max(found)[1] if found else None

    def _new_workshop(
        self, pack: Pack, paths: list[Path], items: list[tuple[str, Assessment]]
    ) -> None:
        from weltoffen_tui.core.storage.editing import EditSession
        from weltoffen_tui.core.storage.store import new_assessment_path
        from weltoffen_tui.core.workshop.compare import compare
        from weltoffen_tui.core.workshop.consensus import merge

        try:
            comparison = compare(pack, items)
            sources = [(path, item[1]) for path, item in zip(paths, items, strict=True)]
            consensus = merge(pack, sources, {}, base=self.data_dir)
            target = new_assessment_path(self.data_dir, f"{consensus.municipality} gemeinsam")
            session = EditSession.start_new(target, consensus, pack)
        except UserError as exc:
            self._show_error("Workshop kann nicht beginnen", exc)
            return
        self._start_session(session, perspectives=comparison)
        self.notify(
            f"Gemeinsame Einschätzung angelegt: {target.name}. Die Quelldateien bleiben "
            "unverändert. Enter übernimmt einen Vorschlag, d zeigt nur Diskussionspunkte.",
            title="Workshop",
            timeout=10,
        )

    def _resume_workshop(self, path: Path, consensus: Assessment, pack: Pack) -> bool:
        """Reopen a consensus file as the workshop it came from, with its perspectives.

        False (open it as a plain assessment) when a source is missing or unusable; the
        user is told which.
        """
        from weltoffen_tui.core.storage.editing import EditSession
        from weltoffen_tui.core.storage.store import load_assessment
        from weltoffen_tui.core.workshop.compare import compare
        from weltoffen_tui.core.workshop.consensus import source_paths

        try:
            paths = source_paths(path, consensus)
            missing = [p.name for p in paths if not p.is_file()]
            if missing:
                self.notify(
                    f"Quelldateien nicht gefunden: {', '.join(missing)}. Die gemeinsame "
                    "Einschätzung öffnet ohne die Perspektiven.",
                    title="Workshop",
                    severity="warning",
                    timeout=10,
                )
                return False
            comparison = compare(pack, [(p.name, load_assessment(p)) for p in paths])
        except UserError as exc:
            self.notify(
                f"{exc.problems[0].message}. Die gemeinsame Einschätzung öffnet ohne die "
                "Perspektiven.",
                title="Workshop",
                severity="warning",
                timeout=10,
            )
            return False
        self._close_session()
        self._start_session(EditSession.open(path, consensus, pack), perspectives=comparison)
        self.notify(
            f"Workshop fortgesetzt: {path.name} mit {len(paths)} Perspektiven.",
            title="Workshop",
            timeout=6,
        )
        if self.session is not None and self.session.read_only:
            self._show_error("Nur lesend geöffnet", self.session.read_only_reason)
        return True

    # ------------------------------------------------------------------ exports

    def on_agenda_requested(self, message: AgendaRequested) -> None:
        self._write_agenda(message.pack, message.paths, message.items, message.reply_to)

    def _write_agenda(
        self,
        pack: Pack,
        paths: list[Path],
        items: list[tuple[str, Assessment]],
        reply_to: MessagePump | None,
    ) -> None:
        """Open the agenda preview: date, time, duration and place, then the export.

        The preview writes Markdown and HTML beside the first file (and shows the path
        itself), so ``reply_to`` is not needed any more.
        """
        from weltoffen_tui.core.workshop.agenda import draft_agenda
        from weltoffen_tui.tui.screens.agenda import AgendaScreen

        try:
            draft_agenda(pack, items)  # refuse early, with the reason, if it makes no sense
        except UserError as exc:
            self._show_error("Tagesordnung kann nicht entworfen werden", exc)
            return
        self.push_screen(AgendaScreen(pack, paths, items))

    def on_export_requested(self, message: ExportRequested) -> None:
        self._export(message.write, message.label, message.reply_to)

    def _export(self, write: Callable[[], Path], label: str, reply_to: MessagePump | None) -> None:
        """Run an export in a worker thread and say where it went (or why it failed).

        A PDF takes seconds; on the UI thread the screen would freeze meanwhile. The
        writer runs in a thread worker, ``reply_to`` is told at once that it runs
        (``ExportStarted``) and afterwards what was written (``ExportDone``); a toast
        says the same on any screen. One export at a time: a second request while one
        runs is refused with a message. The file is written atomically, so an export
        stopped half-way leaves no half file; quitting meanwhile waits for it.
        """
        from weltoffen_tui.tui.messages import ExportStarted

        running = self._export_job
        if running is not None and running.is_running:
            self.notify(
                f"Bitte warten Sie: {running.name} wird noch erstellt.",
                title="Export",
                severity="warning",
            )
            return
        started = ExportStarted(label)
        if reply_to is not None:
            reply_to.post_message(started)
        self.notify(f"{label} wird erstellt …", title="Export", timeout=4)
        self._export_reply_to = reply_to
        self._export_job = self.run_worker(
            write, name=label, group="export", thread=True, exit_on_error=False
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The export worker has finished: report its file, its error, or a crash."""
        from textual.worker import WorkerState

        worker = event.worker
        if worker is not self._export_job or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            return
        self._export_job = None
        reply_to, self._export_reply_to = self._export_reply_to, None
        if event.state is WorkerState.ERROR:
            error = worker.error
            if isinstance(error, UserError):
                self._show_error("Export fehlgeschlagen", error)
            elif isinstance(error, Exception):
                self._handle_exception(error)
        else:
            target = worker.result
            assert isinstance(target, Path)
            self.exported.append(target)
            done = ExportDone(worker.name, target)
            if reply_to is not None:
                reply_to.post_message(done)
            self.notify(done.text, title="Export", timeout=8)
        if self._quit_after_export:
            self.exit()

    @property
    def exporting(self) -> bool:
        """Whether an export is being written right now."""
        return self._export_job is not None and self._export_job.is_running

    # ------------------------------------------------------------------ screens

    def on_unmount(self) -> None:
        self._close_session()

    def _start_session(self, session: EditSession, perspectives: Comparison | None = None) -> None:
        self._close_session()
        self.session = session
        self.perspectives = perspectives
        self._resume()

    def _resume(self) -> None:
        """Show the first unanswered question, or the summary when all are answered."""
        assert self.session is not None
        position = self.session.first_open_question()
        self._back_to_start()
        if position is None:
            from weltoffen_tui.tui.screens.summary import SummaryScreen

            self.push_screen(SummaryScreen(self.session))
        else:
            self.show_field(*position, replace=False)

    def on_show_field(self, message: ShowField) -> None:
        if message.session is not self.session:
            return  # the assessment was closed meanwhile (palette: Startseite)
        if message.close is not None and self.screen is message.close:
            self.pop_screen()
        self.show_field(message.index, message.question_index, message.replace)

    def show_field(self, index: int, question_index: int | None = 0, replace: bool = True) -> None:
        """Show the screen of one action field (replacing the current field screen)."""
        from weltoffen_tui.tui.screens.field import FieldScreen

        if self.session is None:  # e.g. a dialog answered after going home via the palette
            return
        from weltoffen_tui.core.storage.history import History

        if self._history is None or self._history[0] is not self.session:
            self._history = (self.session, History())
        screen = FieldScreen(
            self.session, index, question_index, self.perspectives, self._history[1]
        )
        # Only a field screen is replaced: switching away from the start screen (after the
        # summary of a complete assessment was closed) would leave no way home.
        if replace and isinstance(self.screen, FieldScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def on_show_summary(self, message: ShowSummary) -> None:
        if message.session is self.session:
            self.action_summary()

    def _back_to_start(self) -> None:
        """Pop everything above the start screen (stack: default screen, start screen)."""
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def on_show_error(self, message: ShowError) -> None:
        self._show_error(message.title, message.error)

    def _show_error(self, title: str, error: UserError | str) -> None:
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
            self.push_screen(LibraryScreen(self.pack))

    def action_home(self) -> None:
        self._leave(self._go_home, "zur Startseite gehen")

    def _go_home(self) -> None:
        self._back_to_start()
        self._close_session()

    async def action_quit(self) -> None:
        """Quit (Ctrl+Q, Ctrl+C, palette „Beenden“), but ask first if answers are unsaved."""
        self._leave(
            self._exit_after_export, "das Programm beenden", discard="Verwerfen und beenden"
        )

    def _exit_after_export(self) -> None:
        """Exit now, or once the running export is written (a second request exits now).

        Even then the file is never half-written: the writer thread finishes before the
        process ends, and the atomic writer replaces the file only once it is complete.
        """
        if self.exporting and not self._quit_after_export:
            self._quit_after_export = True
            self.notify(
                "Der Export wird noch fertig geschrieben, danach beendet sich das Programm. "
                "Noch einmal Strg+Q beendet sofort.",
                title="Beenden",
                timeout=10,
            )
            return
        self.exit()

    # ------------------------------------------------------------------ leaving

    def has_unsaved_answers(self) -> bool:
        """Whether the open assessment has changes the last save could not write."""
        session = self.session
        return session is not None and not session.read_only and session.last_error is not None

    def _leave(
        self, then: Callable[[], object], leaving: str, discard: str = "Verwerfen und schließen"
    ) -> None:
        """Run ``then`` (quit, go home, open another file) unless answers would be lost.

        Every way out of the open assessment goes through here. With unsaved answers a
        dialog asks first (retry, save a copy elsewhere, discard, or stay); ``then`` runs
        only when the user did not cancel. ``leaving`` completes "Wenn Sie jetzt ...".
        """
        from weltoffen_tui.tui.screens.dialogs import UnsavedDialog, copy_suggestion

        if not self.has_unsaved_answers():
            then()
            return
        if isinstance(self.screen, UnsavedDialog):
            return  # already asking (e.g. Ctrl+Q pressed twice)
        assert self.session is not None
        copy_to = copy_suggestion(self.session, [Path.home(), self.data_dir])

        def answered(go_on: bool | None) -> None:
            if go_on:
                then()

        self.push_screen(UnsavedDialog(self.session, leaving, discard, copy_to), answered)

    async def action_overview(self) -> None:
        from weltoffen_tui.tui.screens.field import FieldScreen

        if isinstance(self.screen, FieldScreen):
            await self.screen.action_overview()
        elif self.session is not None:
            self._resume()

    def action_summary(self) -> None:
        from weltoffen_tui.tui.screens.summary import SummaryScreen

        if self.session is not None and not isinstance(self.screen, SummaryScreen):
            self.push_screen(SummaryScreen(self.session))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not self.screen.has_class("--textual-command-palette"):
            self.push_screen(GermanCommandPalette())

    def action_cycle_theme(self) -> None:
        names = [name for name, _ in THEMES]
        current = names.index(self.theme) if self.theme in names else -1
        self.set_theme(names[(current + 1) % len(names)])

    def set_theme(self, name: str) -> None:
        self.theme = name
        self.notify(f"Darstellung: {theme_label(name)}", timeout=2)
        if self.remember_theme:
            from weltoffen_tui.tui.themes import remember_theme

            remember_theme(name)

    def get_key_display(self, binding: Binding) -> str:
        """Every key in German (``Strg+S``, ``Esc``, ``Bild↓``), Textual's own keys too."""
        return binding.key_display or german.key_display(binding.key)

    # ------------------------------------------------------------------ housekeeping

    def action_edit_details(self) -> None:
        """Edit the details of the open assessment (palette: „Angaben bearbeiten“)."""
        from weltoffen_tui.tui.screens.edit import EditScreen

        session = self.session
        if session is None:
            return
        if session.read_only:
            self._show_error("Nur lesend geöffnet", session.read_only_reason)
            return
        self.push_screen(EditScreen(session.path, session.assessment))

    def _is_open_here(self, path: Path) -> bool:
        """Whether ``path`` is the assessment this window has open."""
        session = self.session
        if session is None:
            return False
        try:
            return os.path.samefile(session.path, path)
        except OSError:
            return session.path == Path(path)

    def on_save_details(self, message: SaveDetails) -> None:
        """Save changed details through an edit session: atomically, with a backup."""
        from weltoffen_tui.core.storage.editing import EditSession
        from weltoffen_tui.core.storage.opening import open_assessment

        own = self._is_open_here(message.path)
        if own:
            assert self.session is not None
            session = self.session
        else:
            try:
                packs_root = self.pack_dir.parent if self.pack_dir else None
                assessment, pack = open_assessment(message.path, packs_root)
            except UserError as exc:
                self._show_error("Angaben können nicht gespeichert werden", exc)
                return
            session = EditSession.open(message.path, assessment, pack)
        try:
            if session.read_only:
                self._show_error("Angaben nicht gespeichert", session.read_only_reason)
                return
            try:
                session.change(
                    lambda a: a.set_details(
                        kind=message.kind,
                        session_date=message.session_date,
                        respondents=message.respondents,
                        perspective=message.perspective,
                        consultant=message.consultant,
                    )
                )
                kreisfrei = message.kreisfrei if message.kind == "Stadt" else None
                if session.assessment.kreisfrei != kreisfrei:
                    session.change(lambda a: setattr(a, "kreisfrei", kreisfrei))
            except ValueError as exc:
                self._show_error("Angaben nicht gespeichert", str(exc))
                return
            for notice in session.take_notices():
                self.notify(notice, title="Hinweis", severity="warning", timeout=12)
            if session.last_error is not None:
                self._show_error("Angaben nicht gespeichert", session.last_error)
                return
            path = session.path
        finally:
            if not own:
                session.close()
        if message.screen is not None and self.screen is message.screen:
            self.pop_screen()
        self.notify(f"Angaben gespeichert: {path.name}", timeout=4)

    def _run_housekeeping(
        self,
        path: Path,
        reply_to: MessagePump | None,
        title: str,
        run: Callable[[], Path],
        done: Callable[[Path], None],
    ) -> None:
        """Rename, copy or move a file to the recycle folder; say so; refresh ``reply_to``.

        The file this window has open is closed first (the start screen shows then);
        with unsaved answers the usual question comes first.
        """

        def go() -> None:
            if self._is_open_here(path):
                self._close_session()
            try:
                target = run()
            except UserError as exc:
                self._show_error(title, exc)
                return
            if reply_to is not None:
                from weltoffen_tui.tui.messages import FilesChanged

                shown = target if target.parent == path.parent else None
                reply_to.post_message(FilesChanged(shown))
            done(target)

        if self._is_open_here(path):
            self._leave(go, "die Datei bearbeiten")
        else:
            go()

    def on_rename_file(self, message: RenameFile) -> None:
        from weltoffen_tui.core.storage.housekeeping import rename_assessment

        self._run_housekeeping(
            message.path,
            message.reply_to,
            "Umbenennen nicht möglich",
            lambda: rename_assessment(message.path, message.new_name),
            lambda target: self.notify(f"Umbenannt in {target.name}", timeout=6),
        )

    def on_copy_file(self, message: CopyFile) -> None:
        from weltoffen_tui.core.storage.housekeeping import copy_assessment

        self._run_housekeeping(
            message.path,
            message.reply_to,
            "Kopieren nicht möglich",
            lambda: copy_assessment(message.path, message.new_name),
            lambda target: self.notify(f"Kopie angelegt: {target.name}", timeout=6),
        )

    def on_trash_file(self, message: TrashFile) -> None:
        from weltoffen_tui.core.storage.housekeeping import trash_assessment

        self._run_housekeeping(
            message.path,
            message.reply_to,
            "Löschen nicht möglich",
            lambda: trash_assessment(message.path, self.data_dir),
            lambda target: self.notify(
                f"{message.path.name} liegt jetzt im Papierkorb: {target}. Zum Wiederherstellen "
                f"verschieben Sie die Datei zurück in den Datenordner {self.data_dir}.",
                title="In den Papierkorb verschoben",
                timeout=15,
            ),
        )

    # ------------------------------------------------------------------ hang-up

    def _catch_hang_up(self) -> None:
        """A closed terminal (SIGHUP) or a shutdown (SIGTERM) ends the app like quitting.

        Without this Python dies on the spot: the last save is not retried and the demo's
        temporary folder is never removed. The handler runs in the event loop, between
        two tasks, so it never interrupts a save half-way.
        """
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for number in (signal.SIGHUP, signal.SIGTERM):
            try:
                loop.add_signal_handler(number, self._hang_up)
            except (NotImplementedError, RuntimeError, ValueError):  # not the main thread
                return

    def _hang_up(self) -> None:
        """Save once more if the last save failed, then exit (nobody is there to ask)."""
        session = self.session
        if session is not None and not session.read_only and session.last_error is not None:
            session.save()
        self.exit(return_code=self.return_code or 0)

    # ------------------------------------------------------------------ live demos

    # Set by the command line before run(): the --theme word (dunkel, hell, kontrast),
    # whether the chosen theme is remembered, and the tour to play (weltoffen demo --tour).
    start_theme: str | None = None
    remember_theme: bool = False
    tour: Scenario | None = None
    tour_tempo: float = 1.0
    tour_player: TourPlayer | None = None

    def _start_theme(self) -> None:
        """Our dark and light themes (contrast-checked) and the theme to start with."""
        from weltoffen_tui.tui.themes import BY_OPTION, remember_theme, remembered_theme

        wanted = "textual-dark"  # our contrast-checked version of Textual's dark theme
        if self.start_theme is not None:
            wanted = BY_OPTION.get(self.start_theme, self.start_theme)
            if self.remember_theme:
                remember_theme(wanted)
        elif self.remember_theme and (last := remembered_theme()) is not None:
            wanted = last
        if self.theme != wanted:
            self.theme = wanted

    def _register_themes(self) -> None:
        """Our dark and light themes replace Textual's (same names, contrast-checked colours)."""
        from weltoffen_tui.tui.themes import OFFERED

        for theme in OFFERED:
            self.register_theme(theme)
        # Textual took the colours of its own theme in App.__init__; nothing is parsed yet.
        self.stylesheet.set_variables(self.get_css_variables())

    def _start_tour(self) -> None:
        if self.tour is None:
            return
        from weltoffen_tui.tui.tour import TourPlayer

        self.tour_player = TourPlayer(self, self.tour, self.tour_tempo)
        self.run_worker(self.tour_player.play(), name="tour", group="tour")

    def show_caption(self, text: str) -> None:
        """Show ``text`` in the caption bar of the current screen (tours, screenshots)."""
        from weltoffen_tui.tui.tour import show_caption

        show_caption(self, text)

    async def on_event(self, event: events.Event) -> None:
        """A key typed by a person while a tour plays stops it and hands over."""
        player = self.tour_player
        if (
            player is not None
            and isinstance(event, events.Key)
            and not player.stopped
            and not player.finished
        ):
            from weltoffen_tui.tui.tour import is_tour_key

            if not is_tour_key(event):
                player.stop()
                return
        await super().on_event(event)
