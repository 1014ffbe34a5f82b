"""The start screen: assessments in the data directory and what to do next."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Static

from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.tui.messages import OpenAssessment, OpenMany, ScreenReady, ShowError

if TYPE_CHECKING:
    from weltoffen_tui.core.storage.store import Listing


class StartScreen(Screen[None]):
    """Start a new self-check, continue one, or open the knowledge library."""

    CSS_PATH = "start.tcss"
    BINDINGS: ClassVar = [
        Binding("n", "new", "Neuer Selbstcheck"),
        Binding("v", "several", "Vergleich/Workshop"),
        Binding("enter", "continue", "Fortsetzen", show=False),
        Binding("b", "app.library", "Bibliothek", show=False),
        Binding("r", "refresh", "Aktualisieren"),
        Binding("q", "app.quit", "Beenden"),
    ]
    HELP = (
        "## Startseite\n\n"
        "Hier sehen Sie alle Einschätzungen im Datenordner: Kommune, Datum, Fortschritt und "
        "wann zuletzt gearbeitet wurde.\n\n"
        "- **n** startet einen neuen Selbstcheck.\n"
        "- **Enter** setzt die markierte Einschätzung bei der ersten offenen Frage fort.\n"
        "- **b** öffnet die Wissensbibliothek.\n"
        "- **v** arbeitet mit mehreren Einschätzungen: Perspektiven vergleichen, Verlauf über "
        "die Zeit, Workshop zu einer gemeinsamen Einschätzung, Tagesordnung einer "
        "Dialogveranstaltung.\n\n"
        "Jede Antwort wird sofort gespeichert. Sie können jederzeit beenden."
    )

    def __init__(self, data_dir: Path, pack_directory: Path) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.pack_directory = pack_directory
        self.entries: list[Listing] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Static("Selbstcheck Weltoffene Kommune", classes="title", id="headline")
            yield Static(
                "Wie offen, vielfältig und diskriminierungsfrei arbeitet Ihre Verwaltung? "
                "Sieben Handlungsfelder, Antworten mit Nachweisen, Anregungen zur Weiterarbeit.",
                classes="hint",
            )
            yield Static(id="location", classes="hint")
            yield DataTable(id="assessments", cursor_type="row", zebra_stripes=True)
            yield Static(id="empty", classes="hint")
            with Horizontal(id="actions"):
                yield Button("Neu (n)", id="new", variant="primary", compact=True)
                yield Button("Fortsetzen (Enter)", id="continue", compact=True)
                yield Button("Bibliothek (b)", id="library", compact=True)
                yield Button("Beenden (q)", id="quit", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in ("Kommune · Beteiligte", "Datum", "Fortschritt", "Zuletzt geändert"):
            table.add_column(label)
        self.refresh_list()
        self.post_message(ScreenReady())

    def on_screen_resume(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        from weltoffen_tui.core.labels import format_coverage
        from weltoffen_tui.core.storage.listing import list_assessments, question_totals

        self.query_one("#location", Static).update(Text(visible(f"Datenordner: {self.data_dir}")))
        packs_root = self.pack_directory.parent  # as opening a file does (--pack-dir)
        self.entries = list_assessments(self.data_dir, packs_root)
        table = self.query_one(DataTable)
        table.clear()
        totals = question_totals(self.entries, packs_root)
        for entry in self.entries:
            if entry.error:
                table.add_row(
                    Text(visible(f"⚠ {entry.path.name}")),
                    Text("nicht lesbar", style="bold"),
                    "",
                    "",
                )
                continue
            name = Text(visible(f"{entry.municipality} ({entry.kind})"))
            if entry.roles:
                roles = entry.roles if len(entry.roles) <= 28 else entry.roles[:27] + "…"
                name.append(f"\n{visible(roles)}", style="dim")
            table.add_row(
                name,
                visible(entry.session_date),
                format_coverage(entry.answered, totals.get(entry.questionnaire, 0)),
                entry.updated.strftime("%d.%m.%Y %H:%M") if entry.updated else "",
                height=2 if entry.roles else 1,
            )
        empty = self.query_one("#empty", Static)
        if self.entries:
            empty.update("")
            table.display = True
            table.focus()
        else:
            table.display = False
            empty.update(
                "Noch keine Einschätzungen. Mit n starten Sie einen neuen Selbstcheck; "
                "»weltoffen demo« zeigt eine Beispielkommune."
            )
            self.query_one("#new", Button).focus()
        self.query_one("#continue", Button).disabled = not self.entries

    @on(Button.Pressed, "#new")
    def _new_pressed(self) -> None:
        self.action_new()

    @on(Button.Pressed, "#continue")
    def _continue_pressed(self) -> None:
        self.action_continue()

    @on(Button.Pressed, "#library")
    async def _library_pressed(self) -> None:
        await self.run_action("app.library")

    @on(Button.Pressed, "#quit")
    async def _quit_pressed(self) -> None:
        await self.run_action("app.quit")  # asks first if answers are unsaved

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(event.cursor_row)

    def action_new(self) -> None:
        from weltoffen_tui.tui.screens.setup import SetupScreen

        self.app.push_screen(SetupScreen())

    def action_continue(self) -> None:
        if self.entries:
            self._open(self.query_one(DataTable).cursor_row)

    def action_several(self) -> None:
        from weltoffen_tui.tui.screens.compare import FilesDialog

        def chosen(result: tuple[str, list[Path]] | None) -> None:
            if result is not None:
                self.post_message(OpenMany(*result))

        self.app.push_screen(FilesDialog(self.entries), chosen)

    def action_refresh(self) -> None:
        self.refresh_list()

    def _open(self, row: int) -> None:
        if not 0 <= row < len(self.entries):
            return
        entry = self.entries[row]
        if entry.error:
            self.post_message(ShowError("Diese Datei kann nicht geöffnet werden", entry.error))
            return
        self.post_message(OpenAssessment(Path(entry.path)))
