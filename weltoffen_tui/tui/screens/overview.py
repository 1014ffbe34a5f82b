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
        options = []
        for index, action_field in enumerate(self.session.pack.fields):
            answered, total = self.session.progress(action_field)
            open_ids = self.session.open_questions(action_field)
            mark = "✓" if not open_ids else "○"
            # One line per field (a second one only for open questions), so all seven
            # fields and the way to the summary fit on an 80×24 projector screen.
            prompt = Text(f"{mark} {index + 1}. {action_field.title}", style="bold")
            prompt.append(f" · {answered}/{total}", style="not bold")
            if open_ids:
                shown = ", ".join(open_ids[:6]) + (" …" if len(open_ids) > 6 else "")
                prompt.append(f"\n   offen: {shown}", style="not bold")
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
