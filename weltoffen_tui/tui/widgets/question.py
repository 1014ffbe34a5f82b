"""One question on a field screen: text, answer choices, help and note.

The card is focusable and reacts to keys only while focused; it never saves
anything itself but posts messages the field screen handles through the session.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.widgets import Static

from weltoffen_tui.core.assessment import Answer
from weltoffen_tui.core.labels import NOT_APPLICABLE_LABEL, UNKNOWN_LABEL
from weltoffen_tui.core.pack.models import Pack, Question
from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.core.values import NOT_APPLICABLE, UNKNOWN

SELECTED = "●"
UNSELECTED = "○"


class AnswerChip(Static):
    """One clickable answer choice; the selected one is marked with ● (not only colour)."""

    DEFAULT_CSS = """
    AnswerChip {
        height: 1;
        padding: 0;
        background: $panel;

        &:hover {
            background: $primary 40%;
        }

        &.-selected {
            background: $accent;
            color: $background;
            text-style: bold;
        }
    }
    """

    class Chosen(Message):
        def __init__(self, value: int | str) -> None:
            super().__init__()
            self.value = value

    def __init__(self, value: int | str, key: str, label: str) -> None:
        super().__init__(classes="chip")
        self.value = value
        self.key = key
        self.label_text = label
        self.set_selected(False)

    def set_selected(self, selected: bool) -> None:
        self.set_class(selected, "-selected")
        self.update(Text(f"{SELECTED if selected else UNSELECTED} {self.key} {self.label_text}"))

    def on_click(self) -> None:
        self.post_message(self.Chosen(self.value))


class QuestionCard(Vertical, can_focus=True):
    """A question with its six answer choices (clickable); the field screen takes the keys."""

    # Three answers a row; the field screen gives a wide terminal six (its .-wide class).
    DEFAULT_CSS = """
    QuestionCard {
        height: auto;
        border: round $panel-lighten-2;
        padding: 0 1;
        margin-bottom: 1;

        &:focus {
            border: double $accent;
            background: $boost;
        }

        &.-open .q-state {
            color: $warning;
        }

        & .q-text {
            text-style: bold;
        }

        & .chips {
            grid-size: 3;
            grid-gutter: 0 1;
            height: auto;
            margin-top: 1;
        }

        & .q-help {
            display: none;
            margin-top: 1;
            padding: 0 1;
            border-left: thick $secondary;
        }

        &.-help .q-help {
            display: block;
        }

        & .q-note {
            margin-top: 1;
            color: $text-muted;
        }

        &.-discussion .q-perspectives {
            border-left: thick $warning;
        }

        & .q-perspectives {
            margin-top: 1;
            padding: 0 1;
            border-left: thick $primary;
        }
    }
    """

    # The keys (1–4, w, t, Entf, h, e, Enter, arrows) belong to the field screen, which
    # acts on the highlighted card: see FieldScreen.BINDINGS for why.

    class Answered(Message):
        """The user chose (or cleared) an answer on this card."""

        def __init__(self, card: QuestionCard, value: int | str | None) -> None:
            super().__init__()
            self.card = card
            self.value = value

    class NoteRequested(Message):
        def __init__(self, card: QuestionCard) -> None:
            super().__init__()
            self.card = card

    def __init__(
        self,
        pack: Pack,
        field_id: str,
        question: Question,
        number: int,
        perspectives: Text | None = None,
        suggestion: int | str | None = None,
        discussion: bool = False,
    ) -> None:
        super().__init__(id=f"q-{question.id}", classes="question")
        self.pack = pack
        self.field_id = field_id
        self.question = question
        self.number = number
        self.answer: Answer | None = None
        # In a workshop: every perspective's answer, and the suggested agreed answer.
        self.perspectives = perspectives
        self.suggestion = suggestion
        # In a workshop: the perspectives disagree, so there is no one-key suggestion.
        self.discussion = discussion
        self.set_class(discussion, "-discussion")

    def compose(self) -> ComposeResult:
        yield Static(id="state", classes="q-state")
        yield Static(Text(self.question.text), classes="q-text")
        if self.perspectives is not None:
            yield Static(self.perspectives, classes="q-perspectives")
        with Grid(classes="chips"):
            for step in self.pack.meta.scale:
                yield AnswerChip(step.value, str(step.value), step.label)
            yield AnswerChip(UNKNOWN, "w", UNKNOWN_LABEL)
            yield AnswerChip(NOT_APPLICABLE, "t", NOT_APPLICABLE_LABEL)
        help_text = Text()
        if self.question.help.strip():  # help and example are optional in a pack
            help_text.append("Was ist gemeint? ", style="bold")
            help_text.append(self.question.help.strip())
        if self.question.example.strip():
            help_text.append("\n" if help_text else "")
            help_text.append("Beispiel aus der Praxis: ", style="bold")
            help_text.append(self.question.example.strip())
        if not help_text:
            help_text.append("Zu dieser Frage gibt es keinen Hilfetext.")
        yield Static(help_text, classes="q-help")
        yield Static(classes="q-note")

    def on_mount(self) -> None:
        self.show_answer(self.answer)

    def show_answer(self, answer: Answer | None) -> None:
        """Mark the chosen answer, the state line and the note."""
        self.answer = answer
        value = answer.value if answer else None
        for chip in self.query(AnswerChip):
            chip.set_selected(chip.value == value)
        state = Text(f"Frage {self.number} · {self.question.id} · ", style="bold")
        if self.discussion:
            state.append("⚑ Diskussionspunkt · ", style="bold reverse")
        if value is None:
            state.append("○ offen", style="italic")
        else:
            state.append("✓ beantwortet")
        self.set_class(value is None, "-open")
        self.query_one(".q-state", Static).update(state)
        note = self.query_one(".q-note", Static)
        text = Text()
        if answer and answer.note:
            text.append("Notiz: ", style="bold")
            text.append(visible(answer.note))
        if answer and (answer.evidence is not None or answer.reference):
            # „Beleg: belegt – Ratsbeschluss …“ under the note (issue 13: evidence).
            from weltoffen_tui.core.evidence import evidence_label

            if text:
                text.append("\n")
            text.append("Beleg: ", style="bold")
            text.append(evidence_label(answer.evidence))
            if answer.reference:
                text.append(" – ")
                text.append(visible(answer.reference))
        note.update(text)
        note.display = bool(text)

    @property
    def help_visible(self) -> bool:
        return self.has_class("-help")

    def action_toggle_help(self) -> None:
        self.toggle_class("-help")
        self.scroll_visible()

    def on_answer_chip_chosen(self, event: AnswerChip.Chosen) -> None:
        event.stop()
        self.focus()
        self.post_message(self.Answered(self, event.value))
