"""Several assessments: pick files, compare perspectives, see change over time.

From here a workshop starts (a new consensus assessment, answered question by question
with every perspective's answer beside it) and the agenda of a dialogue event is drafted.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.strip import Strip
from textual.widgets import Button, Label, OptionList, SelectionList, Static

from weltoffen_tui.core.labels import format_iso_date
from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.tui.messages import AgendaRequested, ExportDone, ExportRequested, StartWorkshop
from weltoffen_tui.tui.screens.base import AppScreen
from weltoffen_tui.tui.screens.dialogs import Dialog
from weltoffen_tui.tui.widgets.footer import Footer
from weltoffen_tui.tui.widgets.status import StatusBanner

if TYPE_CHECKING:
    from rich.console import RenderableType

    from weltoffen_tui.core.assessment import Assessment
    from weltoffen_tui.core.pack.models import Pack
    from weltoffen_tui.core.storage.store import Listing

ACTIONS = (
    ("compare", "Vergleichen"),
    ("timeline", "Verlauf"),
    ("workshop", "Workshop"),
    ("agenda", "Tagesordnung"),
)
CHOSEN = "[✓] "
NOT_CHOSEN = "[ ] "
# The keys of the file choice, in one line inside the dialog at 80 columns.
KEY_HINT = "Leertaste wählt · a wählt alle · Tab, Enter: weiter · Esc: zurück"
NAME_WIDTH = 38  # a longer file name is shortened in the middle (the row fits 80 columns)


def middle_ellipsis(text: str, width: int) -> str:
    """``text`` of at most ``width`` characters, shortened in the middle: both the
    municipality at the start and the date at the end of a file name stay readable."""
    if len(text) <= width:
        return text
    keep = width - 1
    return text[: (keep + 1) // 2] + "…" + text[len(text) - keep // 2 :]


class FileChoice(SelectionList[int]):
    """A SelectionList that marks chosen files with ``[✓]`` and others with ``[ ]``.

    Textual's list draws its toggle ``▐X▌`` on every line, chosen or not, where only
    colour tells them apart. This draws the mark in the same place (the list's left
    gutter, as wide as the mark). A selection's prompt is one line (Textual keeps only
    the first), so line and option are the same.
    """

    def action_select(self) -> None:
        """Space (or a click): toggle the highlighted file at once.

        Textual's list posts a message and toggles whatever is highlighted when that
        message is handled; keys that arrive in one burst (Down, Space, Down, Space …)
        are all handled first, so every toggle hit the last row. Toggling here, while
        the key is handled, keeps each Space on the row it was typed on.
        """
        if self.highlighted is not None:
            self.toggle(self.get_option_at_index(self.highlighted))

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)  # the prompt line, without Textual's toggle
        index = self.scroll_offset.y + y
        if index >= self.option_count:
            return line
        option = self.get_option_at_index(index)
        style = next(iter(line)).style or self.rich_style
        mark = CHOSEN if option.value in self.selected else NOT_CHOSEN
        return Strip([Segment(mark, style + Style(meta={"option": index})), *line])


class FilesDialog(Dialog[tuple[str, list[Path]] | None]):
    """Choose assessments (Leertaste) and what to do with them."""

    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Abbrechen", key_display="Esc"),
        Binding("a", "choose_all", "Alle wählen (noch einmal: keine)"),
    ]
    HELP = (
        "## Mehrere Einschätzungen\n\n"
        "Markieren Sie mit der **Leertaste** die Dateien (z. B. je Perspektive eine: "
        "Verwaltungsleitung, Integrationsbüro, Beirat); **a** markiert alle, noch einmal "
        "**a** keine. Mit **Tab** geht es zu den Knöpfen unten, **Enter** wählt, was "
        "geschehen soll:\n\n"
        "- **Perspektiven vergleichen:** Punkte je Feld nebeneinander, Streuung, "
        "Diskussionspunkte.\n"
        "- **Verlauf:** Einschätzungen derselben Kommune von verschiedenen Tagen.\n"
        "- **Workshop:** eine neue, gemeinsame Einschätzung; die Quelldateien bleiben "
        "unverändert.\n"
        "- **Tagesordnung:** Entwurf für eine Dialogveranstaltung (Markdown und HTML)."
    )

    def __init__(self, entries: list[Listing]) -> None:
        super().__init__()
        self.entries = [e for e in entries if not e.error]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Mehrere Einschätzungen wählen", id="files-title", classes="dialog-title")
            yield Static(KEY_HINT, id="files-keys", classes="hint")
            yield FileChoice(
                *((self._prompt(index), index) for index in range(len(self.entries))),
                id="files",
            )
            yield Static(id="file-details", classes="hint")
            yield Static(id="files-error", classes="error-text")
            with Horizontal(classes="buttons"):
                for action, label in ACTIONS:
                    yield Button(label, id=action, compact=True)

    def _prompt(self, index: int) -> Text:
        """A file's row: its name (shortened in the middle), its perspective, its date."""
        width = min(NAME_WIDTH, max(len(visible(e.path.name)) for e in self.entries))
        entry = self.entries[index]
        name = middle_ellipsis(visible(entry.path.name), width).ljust(width)
        text = Text(name, no_wrap=True, overflow="ellipsis")
        text.append(f" · {visible(entry.label)}", style="bold")
        text.append(f" · {format_iso_date(entry.session_date)}")
        return text

    def _describe(self, index: int) -> Text:
        """The highlighted file: its name in full, then who and when, in two lines.

        Never more than two lines (each cut with „…“ where it does not fit), so the
        buttons below stay on screen at 80×24 whichever file is highlighted.
        """
        entry = self.entries[index]
        when = format_iso_date(entry.session_date)
        who = f"Gemeinsam aus: {entry.sources}" if entry.sources else entry.label
        parts = [f"{entry.municipality} ({entry.kind})", who, when]
        second = " · ".join(visible(part) for part in parts if part)
        return Text(
            f"Datei: {visible(entry.path.name)}\n{second}", no_wrap=True, overflow="ellipsis"
        )

    def on_selection_list_selection_highlighted(
        self, event: SelectionList.SelectionHighlighted[int]
    ) -> None:
        self.query_one("#file-details", Static).update(self._describe(event.selection_index))

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[int]) -> None:
        self.query_one(FileChoice).refresh()  # the marks follow the choice

    @on(Button.Pressed, ".buttons Button")
    def _action_pressed(self, event: Button.Pressed) -> None:
        """Each button is named after its action (ACTIONS): check the choice, then close."""
        chosen = [self.entries[i].path for i in self.query_one(SelectionList).selected]
        needed = 1 if event.button.id == "agenda" else 2
        if len(chosen) < needed:
            self.query_one("#files-error", Static).update(
                "Bitte mindestens eine Datei markieren (Leertaste)."
                if needed == 1
                else "Bitte mindestens zwei Dateien markieren (Leertaste)."
            )
            return
        self.dismiss((event.button.id or "compare", chosen))

    def action_choose_all(self) -> None:
        """a: mark every file; when all are marked already, none."""
        choice = self.query_one(SelectionList)
        if len(choice.selected) == choice.option_count:
            choice.deselect_all()
        else:
            choice.select_all()

    def action_cancel(self) -> None:
        self.dismiss(None)


# Below this width results name the fields briefly, one line each (a projector's 80×24).
COMPACT_BELOW = 110


class ResultScreen(AppScreen):
    """A computed result over several files: shown, scrollable, exportable as Markdown.

    Subclasses say how to compute it (``build``), what it is called, and where its
    Markdown export goes.
    """

    CSS_PATH = "compare.tcss"
    HEADING = ""
    EXPORT_NAME = ""
    EXPORT_LABEL = ""

    def __init__(self, pack: Pack, paths: list[Path], items: list[tuple[str, Assessment]]) -> None:
        super().__init__()
        self.pack = pack
        self.paths = paths
        self.items = items
        self.markdown = ""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="topbar"):
            yield Static(Text(self.HEADING, style="bold"))
        yield StatusBanner(id="compare-status")
        with VerticalScroll(id="compare-scroll"):
            yield Static(id="compare")
        yield Footer()

    def build(self, compact: bool) -> tuple[RenderableType, str, tuple[str, ...]]:
        """The renderable (``compact``: for a narrow window), its Markdown, and notes."""
        raise NotImplementedError

    def _narrow(self) -> bool:
        return self.app.size.width < COMPACT_BELOW

    def on_mount(self) -> None:
        self._compact = self._narrow()
        renderable, self.markdown, notes = self.build(self._compact)
        self.query_one("#compare", Static).update(renderable)
        self.query_one("#compare-scroll").focus()
        for note in notes:
            self.notify(note, title="Hinweis", timeout=8)

    def on_resize(self) -> None:
        """Narrower or wider than COMPACT_BELOW: drawn again in the fitting form."""
        if self._narrow() != getattr(self, "_compact", self._narrow()):
            self._compact = self._narrow()
            self.query_one("#compare", Static).update(self.build(self._compact)[0])

    def on_export_done(self, message: ExportDone) -> None:
        self.query_one(StatusBanner).show(message.text)

    def action_export(self) -> None:
        from weltoffen_tui.core.storage.exports import sibling, write_document

        target = sibling(self.paths[-1], self.EXPORT_NAME, ".md")
        self.post_message(
            ExportRequested(
                lambda: write_document(target, self.markdown), self.EXPORT_LABEL, reply_to=self
            )
        )


class CompareScreen(ResultScreen):
    """Perspectives side by side and the questions to discuss."""

    HEADING = "Vergleich der Perspektiven"
    EXPORT_NAME = "vergleich"
    EXPORT_LABEL = "Vergleich"
    BINDINGS: ClassVar = [
        # Short words for the footer at 80 columns; F1 lists the tooltip's longer text.
        Binding("escape", "app.pop_screen", "Zurück", key_display="Esc"),
        Binding("w", "workshop", "Workshop", tooltip="Workshop starten"),
        Binding("g", "agenda", "Tagesordnung"),
        Binding("l", "large_print", "Großansicht"),
        Binding("m", "export", "Export", tooltip="Export als Markdown"),
        Binding("b", "live", "Live", tooltip="Live-Workshop im Browser"),
    ]
    HELP = (
        "## Perspektiven im Vergleich\n\n"
        "Oben die Punkte je Handlungsfeld für jede Perspektive und die Spannweite. Darunter "
        "die Fragen, bei denen die Perspektiven am weitesten auseinanderliegen – die "
        "Diskussionspunkte für den Workshop.\n\n"
        "**w** startet den Workshop: eine neue, gemeinsame Einschätzung, Frage für Frage mit "
        "allen Antworten nebeneinander. **g** entwirft die Tagesordnung einer "
        "Dialogveranstaltung, **m** exportiert den Vergleich als Markdown, **l** zeigt die "
        "Punkte in der Großansicht für den Raum."
    )

    def __init__(self, pack: Pack, paths: list[Path], items: list[tuple[str, Assessment]]) -> None:
        super().__init__(pack, paths, items)
        # Set once the workshop is asked for, so a repeated w cannot start two.
        self.workshop_requested = False

    def build(self, compact: bool) -> tuple[RenderableType, str, tuple[str, ...]]:
        from weltoffen_tui.core.workshop.compare import compare
        from weltoffen_tui.render import comparison as document
        from weltoffen_tui.render.formats import MARKDOWN, as_text

        comparison = compare(self.pack, self.items)
        return (
            document.rich_comparison(self.pack, comparison, compact),
            as_text(document.render(MARKDOWN, self.pack, comparison)),
            comparison.notes,
        )

    def action_large_print(self) -> None:
        """Points per field and perspective for the room, one field per line."""
        from weltoffen_tui.core.workshop.compare import compare
        from weltoffen_tui.render.comparison import large_view
        from weltoffen_tui.render.terminal import to_rich
        from weltoffen_tui.tui.screens.largeprint import LargePrintScreen

        document = large_view(compare(self.pack, self.items))
        self.app.push_screen(LargePrintScreen(to_rich(document)))

    def on_screen_resume(self) -> None:
        self.workshop_requested = False  # back from a message: the workshop did not start

    def action_workshop(self) -> None:
        if not self.workshop_requested:
            self.workshop_requested = True
            self.post_message(StartWorkshop(self.pack, self.paths, self.items))

    def action_agenda(self) -> None:
        self.post_message(AgendaRequested(self.pack, self.paths, self.items, reply_to=self))

    def action_live(self) -> None:
        """b: a live round in the browser (tui/screens/live.py), in this files' folder."""
        from weltoffen_tui.tui.screens.live import live_screen_for

        self.app.push_screen(live_screen_for(self.pack, self.paths, self.items))


class TimelineScreen(ResultScreen):
    """Change over time: per field score and level, up or down."""

    HEADING = "Veränderung über die Zeit"
    EXPORT_NAME = "verlauf"
    EXPORT_LABEL = "Verlauf"
    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", "Zurück", key_display="Esc"),
        Binding("m", "export", "Export", tooltip="Export als Markdown"),
    ]
    HELP = (
        "## Verlauf\n\nPunkte und Stufe je Handlungsfeld zu jedem Zeitpunkt und die "
        "Veränderung: gestiegen, gesunken oder gleich. **m** exportiert als Markdown."
    )

    def build(self, compact: bool) -> tuple[RenderableType, str, tuple[str, ...]]:
        from weltoffen_tui.core.workshop.compare import timeline
        from weltoffen_tui.render import timeline as document
        from weltoffen_tui.render.formats import MARKDOWN, as_text

        line = timeline(self.pack, self.items)
        return (
            document.rich_timeline(self.pack, line, compact),
            as_text(document.render(MARKDOWN, self.pack, line)),
            line.notes,
        )
