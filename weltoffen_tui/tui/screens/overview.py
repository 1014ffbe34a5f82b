"""The overview of all action fields: progress and open questions, jump to any field."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from weltoffen_tui.tui.screens.dialogs import Dialog

if TYPE_CHECKING:
    from weltoffen_tui.core.storage.editing import EditSession


DIALOG_WIDTH = 100  # .dialog.wide in dialogs.tcss (at most 95 % of the screen)
FRAME = 12  # the dialog's border and padding, the list's border and padding
OPEN_SHOWN = 3


class OverviewDialog(Dialog[int | str | None]):
    """Pick a field (or the summary); open questions are named for each field."""

    BINDINGS: ClassVar = [Binding("escape,o", "cancel", "Schließen", key_display="Esc")]
    HELP = (
        "## Übersicht\n\nAlle Handlungsfelder mit dem Stand der Antworten. Offene Fragen "
        "sind mit ihrer Nummer genannt. Enter springt zur ersten offenen Frage des Feldes."
    )

    def __init__(self, session: EditSession, current: int) -> None:
        super().__init__()
        self.session = session
        self.current = current

    def compose(self) -> ComposeResult:
        # One line per field, so all seven fields, the way to the summary and the keys
        # fit on an 80×24 projector screen; the short name where the full one does not fit.
        width = min(DIALOG_WIDTH, int(self.app.size.width * 0.95)) - FRAME
        options = []
        for index, action_field in enumerate(self.session.pack.fields):
            answered, total = self.session.progress(action_field)
            open_ids = self.session.open_questions(action_field)
            mark = "✓" if not open_ids else "○"
            tail = f" · {answered}/{total}"
            if open_ids and answered:  # when nothing is answered yet, every id is open
                tail += " · offen: " + ", ".join(open_ids[:OPEN_SHOWN])
                tail += " …" if len(open_ids) > OPEN_SHOWN else ""
            name = action_field.title
            if len(f"{mark} {index + 1}. {name}{tail}") > width:
                name = action_field.short_name
            prompt = Text(f"{mark} {index + 1}. {name}", style="bold")
            prompt.append(tail, style="not bold")
            options.append(Option(prompt, id=str(index)))
        options.append(Option(Text("→ Auswertung und Anregungen", style="bold"), id="summary"))
        with Vertical(classes="dialog wide"):
            yield Label("Übersicht der Handlungsfelder", classes="dialog-title")
            yield OptionList(*options, id="choices")
            yield Static(
                "↑↓ wählen · Enter öffnet (erste offene Frage) · Esc schließt", classes="hint"
            )

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = self.current
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or ""
        self.dismiss("summary" if choice == "summary" else int(choice))

    def action_cancel(self) -> None:
        self.dismiss(None)
