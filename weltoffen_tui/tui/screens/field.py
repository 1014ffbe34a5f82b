"""One screen per action field: intro, progress, every question, autosave status."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.tui.messages import Saved, ShowField, ShowSummary
from weltoffen_tui.tui.widgets.question import QuestionCard

if TYPE_CHECKING:
    from textual import events

    from weltoffen_tui.core.storage.editing import EditSession
    from weltoffen_tui.core.workshop.compare import Comparison

WIDE = 110
LEGEND = "↑↓ Frage wechseln · 1–4, w, t antworten · Entf löschen · h Was ist gemeint? · e Notiz"
WORKSHOP_LEGEND = "Enter Vorschlag übernehmen · 1–4, w, t vereinbarte Antwort · e Notiz · ↑↓ Frage"


def save_status_text(session: EditSession) -> Text:
    """✓ with the time of the last save, or ✗ with the reason (never colour alone)."""
    if session.read_only:
        return Text("🔒 Nur lesen (anderswo geöffnet)", style="bold reverse")
    if session.last_error is not None:
        problem = session.last_error.problems[0]
        text = Text("✗ NICHT gespeichert: ", style="bold reverse")
        text.append(f"{problem.message}. {problem.hint}")
        return text
    if session.last_saved is None:
        return Text("✓ Gespeichert", style="bold")
    return Text(f"✓ Gespeichert {session.last_saved.strftime('%H:%M:%S')}", style="bold")


class QuestionList(VerticalScroll, can_focus=False):
    """The scrolling list of question cards; the cards take focus, not the list."""


class FieldScreen(Screen[None]):
    """The questions of one action field."""

    AUTO_FOCUS = None

    CSS_PATH = "field.tcss"
    BINDINGS: ClassVar = [
        Binding("n", "next_field", "Weiter"),
        Binding("v", "previous_field", "Zurück"),
        Binding("o", "overview", "Übersicht"),
        Binding("z", "summary", "Auswertung"),
        Binding("down,j", "move(1)", "Nächste Frage", key_display="↓", show=False),
        Binding("up,k", "move(-1)", "Vorige Frage", key_display="↑", show=False),
        Binding("escape", "app.home", "Startseite", key_display="Esc"),
    ]
    HELP = (
        "## Handlungsfeld beantworten\n\n"
        "Jede Frage steht auf einer Karte. Die markierte Karte (Rahmen) nimmt Ihre Tasten an:\n\n"
        "- **1 bis 4**: Gibt es nicht · In Ansätzen · Weitgehend umgesetzt · Fest etabliert\n"
        "- **w**: Weiß nicht (wird als Wissenslücke ausgewiesen)\n"
        "- **t**: Trifft nicht zu (zählt nicht in die Wertung)\n"
        "- **Entf**: Antwort löschen\n"
        "- **h**: „Was ist gemeint?“ und ein Beispiel zeigen oder verbergen\n"
        "- **e**: Notiz oder Nachweis zur Antwort schreiben\n"
        "- **↑ ↓** oder **Tab**: zur nächsten oder vorigen Frage\n\n"
        "Mit der Maus klicken Sie eine Antwort direkt an. **n** und **v** wechseln das "
        "Handlungsfeld, **o** zeigt alle Felder mit offenen Fragen, **z** die Auswertung. "
        "Offene Fragen dürfen offen bleiben.\n\n"
        "Jede Änderung wird sofort gespeichert; oben rechts steht, wann zuletzt.\n\n"
        "**Im Workshop** stehen bei jeder Frage die Antworten und Notizen aller Perspektiven "
        "und ein Vorschlag (der vorsichtige Median). **Enter** übernimmt den Vorschlag; mit "
        "1–4, w und t setzen Sie die vereinbarte Antwort, mit e die gemeinsame Notiz. Die "
        "Quelldateien bleiben unverändert."
    )

    def __init__(
        self,
        session: EditSession,
        index: int,
        question_index: int | None = 0,
        perspectives: Comparison | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        # In a workshop: every perspective's answers, shown beside each question.
        self.perspectives = perspectives
        self.index = index
        self.field = session.pack.fields[index]
        self.start_question = question_index or 0

    def compose(self) -> ComposeResult:
        pack = self.session.pack
        with Horizontal(classes="topbar"):
            yield Static(id="field-title")
            yield Static(save_status_text(self.session), id="save-status")
        with QuestionList(id="questions"):
            yield Static(Text(self.field.intro.strip()), id="intro")
            current_group: str | None = None
            for number, question in enumerate(self.field.questions, start=1):
                if question.group and question.group != current_group:
                    current_group = question.group
                    yield Static(self.field.group_title(question.group), classes="group")
                card = QuestionCard(
                    pack, self.field.id, question, number, *self._perspectives(question.id)
                )
                card.answer = self.session.assessment.answer(self.field.id, question.id)
                yield card
        yield Static(WORKSHOP_LEGEND if self.perspectives else LEGEND, id="legend")
        yield Footer()

    def _perspectives(self, question_id: str) -> tuple[Text | None, int | str | None]:
        """In a workshop: each perspective's answer and note, and the suggestion."""
        from weltoffen_tui.core.labels import answer_label
        from weltoffen_tui.core.workshop.consensus import suggested_answer

        comparison = self.perspectives
        if comparison is None:
            return None, None
        row = next((q for q in comparison.questions if q.question.id == question_id), None)
        if row is None:
            return None, None
        text = Text()
        for perspective, value, note in zip(
            comparison.perspectives, row.values, row.notes, strict=True
        ):
            text.append(visible(f"{perspective.label}: "), style="bold")
            text.append(answer_label(self.session.pack, value))
            if note:
                text.append(" – ")
                text.append(visible(note), style="italic")
            text.append("\n")
        suggestion = suggested_answer(row.values)
        if suggestion is not None:
            text.append(
                f"Vorschlag (Enter übernimmt): {answer_label(self.session.pack, suggestion)}",
                style="bold",
            )
        else:
            text.rstrip()
        return text, suggestion

    def on_mount(self) -> None:
        self._update_progress()
        cards = list(self.query(QuestionCard))
        if cards:
            target = cards[min(self.start_question, len(cards) - 1)]
            target.focus(scroll_visible=False)
            if self.start_question:
                self.call_after_refresh(target.scroll_visible, animate=False, top=True)
        self._apply_width(self.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")

    def _update_progress(self) -> None:
        answered, total = self.session.progress(self.field)
        count = len(self.session.pack.fields)
        prefix = "Workshop · " if self.perspectives is not None else ""
        title = Text(f"{prefix}Handlungsfeld {self.index + 1} von {count}: ", style="bold")
        title.append(self.field.title, style="bold")
        title.append(f"  ·  {answered} von {total} beantwortet")
        self.query_one("#field-title", Static).update(title)
        self.query_one("#save-status", Static).update(save_status_text(self.session))

    # ------------------------------------------------------------------ answers

    def on_question_card_answered(self, event: QuestionCard.Answered) -> None:
        card = event.card
        self.session.set_answer(card.field_id, card.question.id, event.value)
        card.show_answer(self.session.assessment.answer(card.field_id, card.question.id))
        self._update_progress()
        self.post_message(Saved(self.session))

    def on_question_card_note_requested(self, event: QuestionCard.NoteRequested) -> None:
        from weltoffen_tui.tui.screens.dialogs import NoteDialog

        card = event.card
        current = card.answer.note if card.answer else ""

        def store(note: str | None) -> None:
            if note is None or note == current:
                card.focus()
                return
            self.session.set_answer(card.field_id, card.question.id, note=note)
            card.show_answer(self.session.assessment.answer(card.field_id, card.question.id))
            self._update_progress()
            self.post_message(Saved(self.session))
            card.focus()

        self.app.push_screen(NoteDialog(card.question.text, current), store)

    # ------------------------------------------------------------------ navigation

    def action_move(self, step: int) -> None:
        cards = list(self.query(QuestionCard))
        if not cards:
            return
        focused = self.focused
        index = cards.index(focused) if isinstance(focused, QuestionCard) else -1
        target = cards[max(0, min(len(cards) - 1, index + step))]
        target.focus()
        target.scroll_visible(animate=False)

    def action_next_field(self) -> None:
        if self.index + 1 < len(self.session.pack.fields):
            self.post_message(ShowField(self.session, self.index + 1))
        else:
            self.action_summary()

    def action_previous_field(self) -> None:
        if self.index > 0:
            self.post_message(ShowField(self.session, self.index - 1))
        else:
            self.notify("Das ist das erste Handlungsfeld.", timeout=2)

    def action_summary(self) -> None:
        self.post_message(ShowSummary(self.session))

    def action_overview(self) -> None:
        from weltoffen_tui.tui.screens.overview import OverviewDialog

        def jump(choice: int | str | None) -> None:
            # The app ignores both requests if the assessment was closed meanwhile.
            if choice == "summary":
                self.action_summary()
            elif isinstance(choice, int):
                open_ids = self.session.open_questions(self.session.pack.fields[choice])
                questions = [q.id for q in self.session.pack.fields[choice].questions]
                first = questions.index(open_ids[0]) if open_ids else 0
                self.post_message(ShowField(self.session, choice, first))

        self.app.push_screen(OverviewDialog(self.session, self.index), jump)
