"""Small modal dialogs: messages, help, note editing and choosing an article."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Label, Markdown, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from weltoffen_tui.core.pack.models import Article

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A modal dialog of this app: a framed box in the middle (styles: dialogs.tcss)."""

    CSS_PATH = "dialogs.tcss"


class MessageDialog(Dialog[None]):
    """A message with an OK button; used for errors the user has to read."""

    BINDINGS: ClassVar = [Binding("escape,enter", "close", "Schließen")]
    HELP = "Lesen Sie die Meldung und schließen Sie sie mit Enter oder Esc."

    def __init__(self, title: str, lines: list[str]) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                for line in self.lines:
                    yield Static(Text(line))
            yield Button("OK", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    @on(Button.Pressed, "#ok")
    def _ok_pressed(self) -> None:
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()


def _is_ours(node: object, action: str) -> bool:
    """Whether a binding is one of this app's (Textual's own are in English)."""
    for cls in type(node).__mro__:
        if cls.__module__.startswith("weltoffen_tui"):
            for binding in getattr(cls, "BINDINGS", []):
                if isinstance(binding, Binding) and binding.action == action:
                    return True
    return False


class HelpDialog(Dialog[None]):
    """Help for the screen underneath: what it is for and its keys."""

    BINDINGS: ClassVar = [Binding("escape,f1,question_mark,q", "close", "Schließen")]
    HELP = "Das ist die Hilfe. Esc schließt sie."

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        text = getattr(self.under, "HELP", "") or "Für diese Ansicht gibt es keine eigene Hilfe."
        keys = []
        for active in self.under.active_bindings.values():
            b = active.binding
            if b.description and _is_ours(active.node, b.action):
                keys.append(
                    f"| `{b.key_display or self.app.get_key_display(b)}` | {b.description} |"
                )
        key_table = "\n".join(["| Taste | Wirkung |", "|---|---|", *dict.fromkeys(keys)])
        with Vertical(classes="dialog wide"):
            yield Label("Hilfe", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Markdown(f"{text}\n\n### Tasten\n\n{key_table}\n")
            yield Button("Schließen (Esc)", id="close", variant="primary")

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()


class EditDialog(Dialog[ResultType]):
    """A dialog that edits something: Strg+S or the first button saves, Esc cancels.

    Subclasses implement ``action_save`` (dismissing with the result, or staying open
    with a message beside the field); cancelling always dismisses with None.
    """

    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Übernehmen", key_display="^s"),
        Binding("escape", "cancel", "Abbrechen"),
    ]

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoteDialog(EditDialog[str | None]):
    """Edit the note (evidence) of one answer."""

    HELP = (
        "Notieren Sie den Nachweis zur Antwort: welcher Beschluss, welcher Plan, welche "
        "Maßnahme, wer Auskunft geben kann. Strg+S übernimmt die Notiz, Esc verwirft die "
        "Änderung."
    )

    def __init__(self, question: str, note: str) -> None:
        super().__init__()
        self.question = question
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Notiz / Nachweis", classes="dialog-title")
            yield Static(Text(self.question), classes="hint")
            yield TextArea(self.note, id="note", soft_wrap=True, show_line_numbers=False)
            with Horizontal(classes="buttons"):
                yield Button("Übernehmen (Strg+S)", id="save", variant="primary")
                yield Button("Abbrechen (Esc)", id="cancel")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.rstrip())


class ArticleChooser(Dialog[str | None]):
    """Pick one of several articles a recommendation links to."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Abbrechen")]
    HELP = "Wählen Sie einen Artikel mit den Pfeiltasten und öffnen Sie ihn mit Enter."

    def __init__(self, articles: list[Article]) -> None:
        super().__init__()
        self.articles = articles

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Welchen Artikel öffnen?", classes="dialog-title")
            yield OptionList(*(Option(Text(a.title), id=a.id) for a in self.articles), id="choices")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
