"""The moderator's screen of a live workshop: code, address and the answers as they come.

The screen runs the web server in the app's own event loop (participants' apps are
separate processes), reads the workshop folder every 1.5 seconds in a worker thread
(only files that changed are read again) and shows how many have answered each field
and the spread per field and question (the comparison, updating). **r** ends the
round: nobody joins any more and every participant's app closes (their answers are
saved already); **w** then builds the consensus from all perspectives in the folder
with the existing workshop screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Static

from weltoffen_tui.core.errors import UserError
from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.messages import ShowError, StartWorkshop
from weltoffen_tui.tui.screens.base import AppScreen

if TYPE_CHECKING:
    from rich.console import RenderableType

    from weltoffen_tui.core.pack.models import Pack
    from weltoffen_tui.core.workshop.live import LiveState
    from weltoffen_tui.serve.server import LiveServer
    from weltoffen_tui.serve.workshop import Workshop

POLL_SECONDS = 1.5
COMPACT_BELOW = 110


def tally_table(state: LiveState) -> Table:
    """Per field: how many perspectives answered all, how many began, and the spread."""
    from weltoffen_tui.core.labels import format_score

    table = Table(box=None, pad_edge=False, expand=False, header_style="bold")
    table.add_column("Handlungsfeld", overflow="fold")
    table.add_column("vollständig", justify="right")
    table.add_column("begonnen", justify="right")
    table.add_column("Spannweite", justify="right")
    for tally in state.tallies:
        spread = "–" if tally.spread is None else format_score(tally.spread)
        table.add_row(Text(visible(tally.title)), str(tally.complete), str(tally.started), spread)
    return table


def live_view(pack: Pack, state: LiveState, compact: bool) -> RenderableType:
    """The tally, then the comparison of every perspective in the folder (from two on)."""
    from weltoffen_tui.render.comparison import rich_comparison

    parts: list[RenderableType] = [
        Text(f"Perspektiven im Ordner: {len(state.items)}", style="bold"),
        tally_table(state),
        Text(""),
    ]
    for problem in state.problems:
        parts.append(Text(visible(f"Hinweis: {problem}")))
    if state.comparison is not None:
        parts.append(rich_comparison(pack, state.comparison, compact))
    else:
        parts.append(Text("Sobald zwei Perspektiven Antworten haben, steht hier der Vergleich."))
    return Group(*parts)


class LiveScreen(AppScreen):
    """Live workshop: access code and address, answers as they arrive, end of round."""

    DEFAULT_CSS = """
    LiveScreen #live-access { padding: 0 1; background: $panel; text-style: bold; }
    LiveScreen #live-status { padding: 0 1; }
    LiveScreen #live-scroll { height: 1fr; padding: 0 1; }
    LiveScreen #live-scroll:focus { background: $boost; }
    """
    BINDINGS: ClassVar = [
        Binding("r", "end_round", "Runde beenden"),
        Binding("w", "workshop", "Gemeinsame Einschätzung"),
        Binding("escape", "leave", "Zurück", key_display="Esc"),
    ]
    HELP = (
        "## Live-Workshop\n\n"
        "Die Teilnehmenden öffnen die **Adresse** in ihrem Browser, geben den "
        "**Zugangscode** ein, dann Namen und Rolle, und beantworten die Fragen. Jede Person "
        "antwortet in ihre eigene Perspektive in diesem Ordner; wer den Browser schließt und "
        "mit demselben Namen wiederkommt, macht mit den eigenen Antworten weiter.\n\n"
        "Hier sehen Sie laufend, wie viele jedes Handlungsfeld vollständig oder teilweise "
        "beantwortet haben, und darunter den Vergleich: Spannweite je Feld und die Fragen "
        "mit den größten Unterschieden.\n\n"
        "**r** (zweimal) beendet die Runde: niemand kann mehr beitreten, die offenen "
        "Browser-Sitzungen werden geschlossen, alle Antworten sind gespeichert. **w** legt "
        "danach die gemeinsame Einschätzung aus allen Perspektiven im Ordner an. **Esc** "
        "beendet den Server und geht zurück."
    )

    def __init__(
        self,
        folder: Path,
        pack: Pack,
        argv: list[str] | Workshop,
        field_ids: list[str],
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        title: str = "Live-Workshop",
        any_port: bool = False,
    ) -> None:
        super().__init__()
        from weltoffen_tui.core.workshop.live import FolderWatch

        self.folder = Path(folder)
        self.pack = pack
        self.argv = argv
        self.host = host
        self.port = port
        self.title_text = title
        self.any_port = any_port  # port taken: use a free one (started from the TUI)
        self.folder_watch = FolderWatch(self.folder, pack, field_ids)
        self.server: LiveServer | None = None
        self.state: LiveState | None = None
        self.round_open = True
        self._confirm_end = False

    def compose(self) -> ComposeResult:
        with Horizontal(classes="topbar"):
            yield Static(Text(visible(f"Live-{self.title_text}"), style="bold"))
        yield Static("Server startet …", id="live-access")
        yield Static(id="live-status")
        with VerticalScroll(id="live-scroll"):
            yield Static(id="live-view")
        yield Footer()

    async def on_mount(self) -> None:
        from weltoffen_tui.serve.server import LiveServer

        server = LiveServer(self.argv, host=self.host, port=self.port, title=self.title_text)
        try:
            await server.start()
        except UserError as exc:
            if not self.any_port:
                self._failed(exc)
                return
            server.port = 0
            try:
                await server.start()
            except UserError as again:
                self._failed(again)
                return
        self.server = server
        self._show_access()
        self.query_one("#live-scroll").focus()
        self.set_interval(POLL_SECONDS, self._poll)
        self._poll()

    def _failed(self, error: UserError) -> None:
        """The server cannot start: back to where the moderator came from, with why."""
        self.app.post_message(ShowError("Der Live-Workshop kann nicht starten", error))
        self.app.pop_screen()

    def _show_access(self) -> None:
        from weltoffen_tui.serve.server import is_loopback

        server = self.server
        if server is None:
            return
        text = Text()
        text.append("Adresse: ")
        text.append(server.address, style="bold reverse")
        text.append("   Zugangscode: ")
        text.append(f" {server.code} ", style="bold reverse")
        if not is_loopback(self.host):
            text.append(
                "\nIm Netzwerk erreichbar: alle, die Adresse und Code kennen, können "
                "teilnehmen. Unverschlüsselt – nur in einem vertrauenswürdigen Netz.",
                style="not bold",
            )
        else:
            text.append(
                "\nNur auf diesem Rechner erreichbar (weltoffen serve --host 0.0.0.0 öffnet "
                "ihn für das Netzwerk).",
                style="not bold",
            )
        self.query_one("#live-access", Static).update(text)

    def _status_text(self) -> Text:
        connected = self.server.participants if self.server is not None else 0
        if self.round_open:
            head = f"Runde läuft · {connected} Browser verbunden"
        else:
            head = "Runde beendet · w: gemeinsame Einschätzung aus allen Perspektiven"
        return Text(head, style="bold")

    # ------------------------------------------------------------------ polling

    def _poll(self) -> None:
        self.run_worker(self._read, thread=True, exclusive=True, group="live-poll")

    def _read(self) -> None:
        """In a worker thread: read the changed files, build the view, hand it over."""
        state = self.folder_watch.poll()
        view = live_view(self.pack, state, self.app.size.width < COMPACT_BELOW)
        self.app.call_from_thread(self._show, state, view)

    def _show(self, state: LiveState, view: RenderableType) -> None:
        if not self.is_attached:
            return
        self.state = state
        self.query_one("#live-status", Static).update(self._status_text())
        self.query_one("#live-view", Static).update(view)

    # ------------------------------------------------------------------ keys

    async def action_end_round(self) -> None:
        if not self.round_open or self.server is None:
            return
        if not self._confirm_end:
            self._confirm_end = True
            self.notify(
                "Noch einmal r: Runde wirklich beenden (niemand kann dann mehr antworten).",
                timeout=5,
            )
            return
        self.round_open = False
        await self.server.close_round()
        self.query_one("#live-status", Static).update(self._status_text())
        self.notify("Die Runde ist beendet. Alle Antworten sind gespeichert.", timeout=6)
        self._poll()

    def action_workshop(self) -> None:
        """The consensus from every perspective in the folder (the existing workshop)."""
        if self.round_open:
            self.notify("Beenden Sie zuerst die Runde mit r.", timeout=4)
            return
        from weltoffen_tui.core.storage.store import load_assessment

        state = self.folder_watch.poll()
        if len(state.files) < 2:
            self.notify("Für die gemeinsame Einschätzung braucht es zwei Perspektiven.")
            return
        try:
            items = [(path.name, load_assessment(path)) for path in state.files]
        except UserError as exc:
            self.post_message(ShowError("Workshop kann nicht beginnen", exc))
            return
        self.post_message(StartWorkshop(self.pack, list(state.files), items))

    async def action_leave(self) -> None:
        await self._stop_server()
        self.app.pop_screen()

    async def _stop_server(self) -> None:
        server, self.server = self.server, None
        if server is not None:
            await server.stop()

    async def on_unmount(self) -> None:
        await self._stop_server()


class ModeratorApp(WeltoffenApp):
    """``weltoffen serve --workshop`` in a terminal: the app, opened at the live screen."""

    # Textual reads CSS_PATH beside the module of the class: the app's sheet is in tui/.
    CSS_PATH = str(Path(__file__).resolve().parent.parent / "app.tcss")

    def __init__(
        self,
        folder: Path,
        argv: list[str] | Workshop,
        field_ids: list[str],
        *,
        host: str,
        port: int,
        title: str,
    ) -> None:
        super().__init__(data_dir=folder)
        self._live: dict[str, Any] = {
            "argv": argv,
            "field_ids": field_ids,
            "host": host,
            "port": port,
            "title": title,
        }

    def on_mount(self) -> None:
        self.call_later(self._open_live)  # after WeltoffenApp.on_mount: above the start

    def _open_live(self) -> None:
        live = self._live
        self.push_screen(
            LiveScreen(
                self.data_dir,
                self.pack,
                live["argv"],
                live["field_ids"],
                host=live["host"],
                port=live["port"],
                title=live["title"],
            )
        )


def live_screen_for(pack: Pack, paths: list[Path], items: list[tuple[str, Any]]) -> LiveScreen:
    """From the comparison (key b): a live round in the folder of the compared files.

    Open to the local network (participants use their own devices), on port 8000 or a
    free one; the screen says so beside the code.
    """
    from weltoffen_tui.serve.workshop import Workshop

    folder = paths[0].parent.resolve()
    first = items[0][1]
    workshop = Workshop(folder, pack, first.municipality, first.kind)
    return LiveScreen(
        folder,
        pack,
        workshop,
        [f.id for f in pack.fields],
        host="0.0.0.0",
        port=8000,
        title=f"Workshop {first.municipality}",
        any_port=True,
    )
