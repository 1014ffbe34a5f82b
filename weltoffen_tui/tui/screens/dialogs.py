"""Small modal dialogs: messages, help, note editing, choosing an article, unsaved answers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from weltoffen_tui.core.errors import UserError
from weltoffen_tui.core.pack.models import Article
from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from textual.widgets import TextArea

    from weltoffen_tui.core.storage.editing import EditSession

ResultType = TypeVar("ResultType")

# Tab and Umschalt+Tab in forms, checked by the app before any key is handed on: text
# typed fast right after Tab then lands in the field the user sees highlighted, not in
# the one just left (a screen busy redrawing would otherwise take Tab only later).
FORM_KEYS = [
    Binding("tab", "app.focus_next", "Nächstes Feld", key_display="Tab", show=False, priority=True),
    Binding(
        "shift+tab",
        "app.focus_previous",
        "Voriges Feld",
        key_display="Umschalt+Tab",
        show=False,
        priority=True,
    ),
]


class Dialog(ModalScreen[ResultType]):
    """A modal dialog of this app: a framed box in the middle (styles: dialogs.tcss)."""

    CSS_PATH = "dialogs.tcss"


class MessageDialog(Dialog[None]):
    """A message with an OK button; used for errors the user has to read."""

    BINDINGS: ClassVar = [Binding("escape,enter", "close", "Schließen", key_display="Esc")]
    HELP = "Lesen Sie die Meldung und schließen Sie sie mit Enter oder Esc."

    def __init__(self, title: str, lines: list[str]) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(visible(self.title_text)), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                for line in self.lines:
                    yield Static(Text(visible(line)))
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

    BINDINGS: ClassVar = [
        Binding("escape,f1,question_mark,q", "close", "Schließen", key_display="Esc")
    ]
    HELP = "Das ist die Hilfe. Esc schließt sie."

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        # Here, not at the top: Markdown (and the Pygments it brings) costs memory that a
        # session which never opens the help should not carry.
        from textual.widgets import Markdown

        text = getattr(self.under, "HELP", "") or "Für diese Ansicht gibt es keine eigene Hilfe."
        keys = []
        for active in self.under.active_bindings.values():
            b = active.binding
            if b.description and _is_ours(active.node, b.action):
                # A footer's short word may carry its longer text as the tooltip.
                what = b.tooltip or b.description
                keys.append(f"| `{b.key_display or self.app.get_key_display(b)}` | {what} |")
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
        Binding("ctrl+s", "save", "Übernehmen", key_display="Strg+S"),
        Binding("escape", "cancel", "Abbrechen", key_display="Esc"),
        *FORM_KEYS,
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
        # Here, not at the top: TextArea loads its document model and highlighting.
        from weltoffen_tui.tui.widgets.safe_textarea import SafeTextArea

        with Vertical(classes="dialog wide"):
            yield Label("Notiz / Nachweis", classes="dialog-title")
            yield Static(Text(self.question), classes="hint")
            yield SafeTextArea(self.note, id="note", soft_wrap=True, show_line_numbers=False)
            with Horizontal(classes="buttons"):
                yield Button("Übernehmen (Strg+S)", id="save", variant="primary")
                yield Button("Abbrechen (Esc)", id="cancel")

    def on_mount(self) -> None:
        area = self._area()
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self._area().text.rstrip())

    def _area(self) -> TextArea:
        from textual.widgets import TextArea

        return self.query_one("#note", TextArea)


class ArticleChooser(Dialog[str | None]):
    """Pick one of several articles a recommendation links to."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Abbrechen", key_display="Esc")]
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


def copy_suggestion(session: EditSession, folders: list[Path]) -> Path:
    """A new file for a copy of the answers: the file name in the first usable folder."""
    own = session.path
    for folder in folders:
        if folder.is_dir() and folder.resolve() != own.parent.resolve():
            candidate, counter = folder / own.name, 2
            while candidate.exists():
                candidate = folder / f"{own.stem}-{counter}{own.suffix}"
                counter += 1
            return candidate
    return own.with_name(f"{own.stem}-kopie{own.suffix}")


class UnsavedDialog(Dialog[bool]):
    """Asked before leaving while the last save failed: retry, copy, discard or stay.

    Dismisses with True when leaving may go on (saved, copied or discarded on purpose),
    with False to stay.
    """

    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Abbrechen", key_display="Esc"),
        Binding("e", "retry", "Erneut speichern"),
        Binding("a", "elsewhere", "Anderswo speichern"),
        Binding("down,right", "app.focus_next", "Nächster Knopf", key_display="↓", show=False),
        Binding("up,left", "app.focus_previous", "Voriger Knopf", key_display="↑", show=False),
    ]
    HELP = (
        "Ihre letzten Antworten sind nicht gespeichert. **e** oder „Erneut speichern“ "
        "versucht es noch einmal. **a** oder „Anderswo speichern …“ schreibt eine Kopie in "
        "eine andere Datei (Namen eingeben, Enter). „Verwerfen“ geht ohne Speichern weiter: "
        "Die ungespeicherten Antworten sind dann verloren. **Esc** bricht ab, und Sie "
        "bleiben, wo Sie waren. Tab oder die Pfeiltasten wechseln den Knopf, Enter drückt ihn."
    )

    def __init__(self, session: EditSession, leaving: str, discard: str, copy_to: Path) -> None:
        super().__init__()
        self.session = session
        self.leaving = leaving
        self.discard = discard
        self.copy_to = copy_to

    def compose(self) -> ComposeResult:
        count = self.session.unsaved_changes
        what = "Die letzte Änderung ist" if count <= 1 else f"Die letzten {count} Änderungen sind"
        with Vertical(classes="dialog"):
            yield Label("Antworten NICHT gespeichert", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(Text(f"{what} nicht in {self.session.path.name} gespeichert:"))
                yield Static(Text(self._reason()), id="reason")
                yield Static(
                    Text(f"Wenn Sie jetzt {self.leaving}, gehen diese Antworten verloren.")
                )
                yield Static(id="problem")
            # Compact buttons, two to a row: everything fits into 80×24 with the input.
            with Horizontal(classes="buttons"):
                yield Button("Erneut speichern (e)", id="retry", variant="primary", compact=True)
                yield Button("Anderswo speichern … (a)", id="elsewhere", compact=True)
            with Horizontal(classes="buttons"):
                yield Button(self.discard, id="discard", variant="error", compact=True)
                yield Button("Abbrechen (Esc)", id="cancel", compact=True)
            with Vertical(id="copy-row"):
                yield Label("Kopie speichern unter (Enter speichert):")
                yield SafeInput(str(self.copy_to), id="copy-path")

    def on_mount(self) -> None:
        self.query_one("#copy-row").display = False
        self.query_one("#problem").display = False
        self.query_one("#retry", Button).focus()

    def _reason(self) -> str:
        error = self.session.last_error
        if error is None:
            return ""
        return " ".join(f"{p.message}. {p.hint}".strip() for p in error.problems)

    def _show_problem(self, text: str) -> None:
        problem = self.query_one("#problem", Static)
        problem.update(Text(f"✗ {text}", style="bold"))
        problem.display = True

    @on(Button.Pressed, "#retry")
    def action_retry(self) -> None:
        if self.session.save():
            self.dismiss(True)
            return
        self.query_one("#reason", Static).update(Text(self._reason()))
        self._show_problem("Erneut nicht gespeichert. Versuchen Sie „Anderswo speichern …“.")

    @on(Button.Pressed, "#elsewhere")
    def action_elsewhere(self) -> None:
        self.query_one("#copy-row").display = True
        field = self.query_one("#copy-path", Input)
        field.focus()
        field.cursor_position = len(field.value)

    @on(Input.Submitted, "#copy-path")
    def _copy_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self._show_problem("Bitte geben Sie einen Dateinamen ein.")
            return
        target = Path(text).expanduser()
        if not target.is_absolute():
            target = self.copy_to.parent / target
        try:
            written = self.session.save_copy(target)
        except UserError as exc:
            problem = exc.problems[0]
            self._show_problem(f"{problem.message}. {problem.hint}".strip())
            return
        self.notify(f"Kopie gespeichert: {written}", title="Gespeichert", timeout=10)
        self.dismiss(True)

    @on(Button.Pressed, "#discard")
    def _discard_pressed(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(False)


class ContinueWorkshopDialog(Dialog[str | None]):
    """A workshop of these files exists already: continue it or start a new one."""

    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Abbrechen", key_display="Esc"),
        Binding("f", "choose('continue')", "Fortsetzen"),
        Binding("n", "choose('new')", "Neu beginnen"),
        Binding("down,right", "app.focus_next", "Nächster Knopf", show=False),
        Binding("up,left", "app.focus_previous", "Voriger Knopf", show=False),
    ]
    HELP = (
        "Aus genau diesen Einschätzungen gibt es schon eine gemeinsame Einschätzung. "
        "**f** oder „Fortsetzen“ öffnet sie mit allen bisher vereinbarten Antworten. "
        "**n** oder „Neu beginnen“ legt eine weitere, leere gemeinsame Einschätzung an; "
        "die vorhandene bleibt unverändert. **Esc** bricht ab."
    )

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name_text = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Workshop fortsetzen?", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(
                    Text(
                        "Aus diesen Einschätzungen gibt es schon eine gemeinsame "
                        f"Einschätzung: {visible(self.name_text)}"
                    )
                )
                yield Static(Text("Dort weitermachen oder eine neue beginnen?"))
            with Horizontal(classes="buttons"):
                yield Button("Fortsetzen (f)", id="continue", variant="primary", compact=True)
                yield Button("Neu beginnen (n)", id="new", compact=True)
                yield Button("Abbrechen (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#continue", Button).focus()

    @on(Button.Pressed, ".buttons Button")
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)
