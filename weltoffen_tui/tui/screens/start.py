"""The start screen: assessments in the data directory and what to do next."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.tui.messages import (
    CopyFile,
    FilesChanged,
    OpenAssessment,
    OpenMany,
    RenameFile,
    ScreenReady,
    ShowError,
    TrashFile,
)
from weltoffen_tui.tui.screens.base import AppScreen
from weltoffen_tui.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from weltoffen_tui.core.storage.store import Listing


SHIPPED_TITLE = "Selbstcheck Weltoffene Kommune"
SHIPPED_DESCRIPTION = (
    "Wie offen, vielfältig und diskriminierungsfrei arbeitet Ihre Verwaltung? "
    "Sieben Handlungsfelder, Antworten mit Nachweisen, Anregungen zur Weiterarbeit."
)


class StartScreen(AppScreen):
    """Start a new self-check, continue one, or open the knowledge library."""

    CSS_PATH = "start.tcss"
    # No focus until the list is read: refresh_list focuses the table if it has rows.
    # Focusing the hidden table of an empty folder restyled and rebuilt the footer twice.
    AUTO_FOCUS = ""
    BINDINGS: ClassVar = [
        Binding("n", "new", "Neuer Selbstcheck", show=False),  # in the actions line
        Binding("v", "several", "Vergleich/Workshop", show=False),
        Binding("enter", "continue", "Fortsetzen", key_display="Enter", show=False),
        Binding("b", "app.library", "Bibliothek", show=False),
        Binding("e", "edit", "Bearbeiten"),
        Binding("u", "rename", "Umbenennen", show=False),
        Binding("k", "copy", "Kopieren", show=False),
        Binding("delete", "trash", "Löschen", key_display="Entf", show=False),
        Binding("r", "refresh", "Aktualisieren", show=False),
        Binding("q", "app.quit", "Beenden"),
    ]
    HELP = (
        "## Startseite\n\n"
        "Hier sehen Sie alle Einschätzungen im Datenordner: Kommune und Perspektive, Datum "
        "der Sitzung, Fortschritt und wann zuletzt gearbeitet wurde. Unter der Liste stehen "
        "Dateiname und, bei einer gemeinsamen Einschätzung aus dem Workshop, ihre Quellen.\n\n"
        "- **n** startet einen neuen Selbstcheck.\n"
        "- **Enter** setzt die markierte Einschätzung bei der ersten offenen Frage fort.\n"
        "- **b** öffnet die Wissensbibliothek.\n"
        "- **v** arbeitet mit mehreren Einschätzungen: Perspektiven vergleichen, Verlauf über "
        "die Zeit, Workshop zu einer gemeinsamen Einschätzung, Tagesordnung einer "
        "Dialogveranstaltung.\n"
        "- **e** bearbeitet die Angaben: Art, Datum, Perspektive, Beteiligte, Begleitung.\n"
        "- **u** benennt die Datei um, **k** kopiert sie (vorhandene Dateien werden nie "
        "überschrieben).\n"
        "- **Entf** löscht: Die Datei wandert in den Ordner „Papierkorb“ im Datenordner und "
        "lässt sich von dort zurückholen.\n\n"
        "Eine Einschätzung, die in einem anderen Fenster geöffnet ist, lässt sich weder "
        "umbenennen noch löschen.\n\n"
        "Jede Antwort wird sofort gespeichert. Sie können jederzeit beenden."
    )

    def __init__(self, data_dir: Path, heading: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.data_dir = data_dir
        # The title and description of a pack given with --pack; None: the shipped
        # self-check's (finding the app's pack reads every installed pack.toml, which an
        # empty folder never needs; it is found when a self-check is started).
        self.heading = heading
        self.entries: list[Listing] = []
        self._label_width = LABEL_WIDTH
        # The first ScreenResume comes with the push, right after on_mount filled the list.
        self._resumed = False
        self._skip_resume = False

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            title, description = self.heading or (SHIPPED_TITLE, SHIPPED_DESCRIPTION)
            yield Static(Text(visible(title)), classes="title", id="headline")
            if description:
                yield Static(Text(visible(description)), classes="hint", id="pack-description")
            yield Static(id="location", classes="hint")
            yield DataTable(id="assessments", cursor_type="row", zebra_stripes=True)
            yield Static(id="details", classes="hint")
            yield Static(id="empty", classes="hint")
            # The actions as one clickable line, not Buttons: four Buttons cost more at
            # start-up than the rest of the screen (their CSS), measured with callgrind.
            yield Static(id="actions")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_list()
        self._skip_resume = not self._resumed
        self.post_message(ScreenReady())

    def on_screen_resume(self) -> None:
        self._resumed = True
        if self._skip_resume:  # the list was read a moment ago, in on_mount
            self._skip_resume = False
            return
        self.refresh_list()

    def _fitting_label_width(self) -> int:
        """How much of a perspective label the first column shows at this window width."""
        return max(LABEL_WIDTH, self.app.size.width - OTHER_COLUMNS)

    def on_resize(self) -> None:
        if self._fitting_label_width() != self._label_width:
            # After this resize is laid out: rebuilt within it, the table keeps old widths.
            self.call_after_refresh(self.refresh_list)

    def refresh_list(self, select: Path | None = None) -> None:
        """Read the data folder again; keep the cursor on its file (or on ``select``)."""
        from weltoffen_tui.core.labels import format_coverage, format_iso_date, format_timestamp
        from weltoffen_tui.core.storage.listing import (
            list_assessments,
            question_totals,
            total_for,
        )

        self.query_one("#location", Static).update(Text(visible(f"Datenordner: {self.data_dir}")))
        table = self.query_one(DataTable)
        width = self._fitting_label_width()
        columns_fit = bool(table.columns) and width == self._label_width
        self._label_width = width
        if select is None and 0 <= table.cursor_row < len(self.entries):
            select = self.entries[table.cursor_row].path
        # As opening a file does: an app given one pack folder uses its parent, else
        # every installed pack (core/pack/registry).
        own = getattr(self.app, "pack_dir", None)
        packs_root = own.parent if own else None
        self.entries = list_assessments(self.data_dir, packs_root)
        if columns_fit:
            table.clear()
        else:  # new columns: a table's column keeps its widest content, even after clear()
            table.clear(columns=True)
            # An empty folder hides the table: its columns come with the first file.
            for label in COLUMNS if self.entries else ():
                table.add_column(Text(label))  # as Text: a str is parsed as markup (emoji)
        totals = question_totals(self.entries, packs_root)
        alike = look_alikes(self.entries)
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
            # A copy looks like its original: then the file name tells them apart.
            if entry.path in alike:  # without „.toml“, shortened in the middle
                second = "Datei " + _middle(entry.path.stem, self._label_width - len("Datei "))
            else:
                second = _shorten(entry.label or entry.roles, self._label_width)
            name.append(f"\n{visible(second)}")
            table.add_row(
                name,
                format_iso_date(entry.session_date),
                format_coverage(entry.answered, total_for(entry, dict(totals))),
                format_timestamp(entry.updated),
                height=2,
            )
        empty = self.query_one("#empty", Static)
        empty.display = not self.entries
        self.query_one("#details").display = bool(self.entries)
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
        self._show_actions()
        paths = [entry.path for entry in self.entries]
        if select in paths:
            table.move_cursor(row=paths.index(select))
        self._show_details(table.cursor_row)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_details(event.cursor_row)

    def _show_details(self, row: int) -> None:
        """File name and perspective of the highlighted row; a consensus file's sources."""
        details = self.query_one("#details", Static)
        if not 0 <= row < len(self.entries):
            details.update("")
            return
        entry = self.entries[row]
        text = f"Datei: {entry.path.name}"
        if entry.sources:
            text += f"\nGemeinsame Einschätzung (Workshop) aus: {entry.sources}"
        elif not entry.error:
            text += f"\nPerspektive: {entry.label}"
        text += "\ne Bearbeiten · u Umbenennen · k Kopieren · Entf Löschen"
        details.update(Text(visible(text)))

    def _chosen(self) -> Listing | None:
        row = self.query_one(DataTable).cursor_row
        return self.entries[row] if self.entries and 0 <= row < len(self.entries) else None

    def on_files_changed(self, message: FilesChanged) -> None:
        self.refresh_list(message.select)

    def _show_actions(self) -> None:
        """The keys to go on, each also a link for the mouse (Fortsetzen only with files).

        Built as Rich text with click actions in the style's meta: parsing markup here
        would cost more at start-up than the rest of the screen.
        """
        from rich.style import Style

        actions = [("n", "Neu", "screen.new")]
        if self.entries:
            actions.append(("Enter", "Fortsetzen", "screen.continue"))
        actions += [
            ("v", "Vergleich/Workshop", "screen.several"),
            ("b", "Bibliothek", "app.library"),
            ("q", "Beenden", "app.quit"),
        ]
        line = Text()
        for index, (key, label, action) in enumerate(actions):
            if index:
                line.append("   ")
            click = Style(meta={"@click": action})
            line.append(key, Style(bold=True) + click)
            line.append(f" {label}", click)
        self.query_one("#actions", Static).update(line)

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

    def action_edit(self) -> None:
        from weltoffen_tui.core.errors import UserError
        from weltoffen_tui.core.storage.store import load_assessment
        from weltoffen_tui.tui.screens.edit import EditScreen

        entry = self._chosen()
        if entry is None:
            return
        if entry.error:
            self.post_message(ShowError("Diese Datei kann nicht bearbeitet werden", entry.error))
            return
        try:
            assessment = load_assessment(entry.path)
        except UserError as exc:
            self.post_message(ShowError("Diese Datei kann nicht bearbeitet werden", exc))
            return
        self.app.push_screen(EditScreen(entry.path, assessment))

    def action_rename(self) -> None:
        self._ask_name("Datei umbenennen", "Neuer Name für", "Umbenennen", "", RenameFile)

    def action_copy(self) -> None:
        self._ask_name("Datei kopieren", "Name der Kopie von", "Kopieren", "-kopie", CopyFile)

    def _ask_name(
        self,
        title: str,
        question: str,
        confirm: str,
        suffix: str,
        request: type[RenameFile] | type[CopyFile],
    ) -> None:
        from weltoffen_tui.tui.screens.edit import NameDialog

        entry = self._chosen()
        if entry is None:
            return
        path = entry.path

        def named(name: str | None) -> None:
            if name:
                self.post_message(request(path, name, reply_to=self))

        self.app.push_screen(
            NameDialog(title, f"{question} {path.name}:", path.stem + suffix, confirm), named
        )

    def action_trash(self) -> None:
        from weltoffen_tui.core.storage.housekeeping import trash_dir
        from weltoffen_tui.tui.screens.edit import ConfirmDialog

        entry = self._chosen()
        if entry is None:
            return
        path = entry.path
        what = f"{entry.municipality} · {entry.label}" if not entry.error else "nicht lesbar"

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.post_message(TrashFile(path, reply_to=self))

        self.app.push_screen(
            ConfirmDialog(
                "Einschätzung löschen?",
                [
                    f"{path.name} ({what})",
                    f"Die Datei wird in den Papierkorb verschoben: {trash_dir(self.data_dir)}. "
                    "Von dort können Sie sie jederzeit zurück in den Datenordner holen.",
                ],
                "In den Papierkorb",
            ),
            confirmed,
        )

    def _open(self, row: int) -> None:
        if not 0 <= row < len(self.entries):
            return
        entry = self.entries[row]
        if entry.error:
            self.post_message(ShowError("Diese Datei kann nicht geöffnet werden", entry.error))
            return
        self.post_message(OpenAssessment(Path(entry.path)))


COLUMNS = ("Kommune · Perspektive", "Datum", "Fortschritt", "Zuletzt geändert")
LABEL_WIDTH = 26  # the first column fits 80 columns beside the others and a scrollbar
OTHER_COLUMNS = 54  # what the other columns, cell padding, screen padding and scrollbar take


def _shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _middle(text: str, width: int) -> str:
    """``text`` cut in the middle to ``width`` characters: start and end stay readable."""
    if len(text) <= width:
        return text
    head = (width - 1) // 2
    return text[:head] + "…" + text[len(text) - (width - 1 - head) :]


def look_alikes(entries: list[Listing]) -> set[Path]:
    """The files whose row would read like another's (a copy and its original).

    Same municipality, kind, perspective and date: their rows show the file name
    („Datei musterstadt-kopie“) in place of the perspective, which the details
    line under the table still names.
    """
    seen: dict[tuple[str, str, str, object], list[Path]] = {}
    for entry in entries:
        if not entry.error:
            key = (entry.municipality, entry.kind, entry.label or entry.roles, entry.session_date)
            seen.setdefault(key, []).append(entry.path)
    return {path for paths in seen.values() if len(paths) > 1 for path in paths}
