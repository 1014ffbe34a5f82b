"""One screen per action field: intro, progress, every question, autosave status."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from inspect import isawaitable
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from weltoffen_tui.core.storage.history import Change, History, Step, restore, snapshot
from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.core.values import NOT_APPLICABLE, UNKNOWN
from weltoffen_tui.tui.messages import Saved, ShowSummary
from weltoffen_tui.tui.screens.base import AppScreen
from weltoffen_tui.tui.widgets.footer import Footer
from weltoffen_tui.tui.widgets.question import QuestionCard

if TYPE_CHECKING:
    from textual import events

    from weltoffen_tui.core.assessment import Answer
    from weltoffen_tui.core.pack.models import ActionField, Question
    from weltoffen_tui.core.storage.editing import EditSession
    from weltoffen_tui.core.workshop.compare import Comparison, QuestionComparison

WIDE = 110
LEGEND = (
    "↑↓ Frage wechseln · 1–4, w, t antworten · Entf löschen · h Was ist gemeint? · e Notiz"
    " · b belegt/eingeschätzt · r Beleg · Strg+Z rückgängig"
)
WORKSHOP_LEGEND = (
    "Enter Vorschlag übernehmen, weiter · 1–4, w, t vereinbaren · Strg+Z rückgängig\n"
    "d nur Diskussionspunkte · u einstimmige übernehmen · p Notizen übernehmen"
)
WORKSHOP_KEYS = frozenset({"filter_discussion", "take_unanimous", "take_notes"})


def field_heading(
    field: ActionField,
    position: tuple[int, int],
    progress: tuple[int, int],
    *,
    workshop: bool,
    only_discussion: bool,
    room: int,
) -> Text:
    """The field's heading in one line of at most ``room`` cells (beside the save status).

    The longest form that fits: the full title with „Handlungsfeld 2 von 7“, then the
    field's short name (``short_title``), then shorter counts; the shortest form is cut
    with „…“. Never more than one line, so the questions start at the same place.
    """
    number, count = position
    answered, total = progress
    prefix = "Workshop · " if workshop else ""
    # The filter's mark, long and short („⚑“ is the discussion point's sign on the cards).
    onlys = ("nur Diskussionspunkte", "nur ⚑") if only_discussion else ("",)
    long_lead = f"Handlungsfeld {number} von {count}: "
    long_count = f"{answered} von {total} beantwortet"
    short_lead = f"Feld {number}/{count}: "
    # (lead, name, count, separator), longest first.
    forms = [
        (long_lead, field.title, long_count, "  ·  "),
        (long_lead, field.short_name, long_count, "  ·  "),
        (short_lead, field.short_name, f"{answered}/{total} beantwortet", " · "),
        (short_lead, field.short_name, f"{answered}/{total}", " · "),
    ]

    def heading(lead: str, name: str, counted: str, separator: str, only: str) -> Text:
        text = Text(f"{prefix}{lead}{name}", style="bold")
        text.append(f"{separator}{counted}")
        if only:
            text.append(f"{separator}{only}", style="bold")
        return text

    for only in onlys:
        for form in forms:
            text = heading(*form, only)
            if text.cell_len <= room:
                return text
    # Nothing fits: shorten the field's name, so the count and the filter stay visible.
    lead, name, counted, separator = forms[-1]
    budget = room - (text.cell_len - Text(name).cell_len)
    if budget >= 4:
        shortened = Text(name)
        shortened.truncate(budget, overflow="ellipsis")
        return heading(lead, shortened.plain, counted, separator, onlys[-1])
    text.truncate(max(1, room), overflow="ellipsis")
    text.no_wrap = True
    return text


STATUS_GAP = 3  # cells between the field heading and the save status
SAVED_WIDTH = len("✓ Gespeichert 00:00:00")


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


def _key(keys: str, action: str, description: str, show: bool = False, **kw: Any) -> Binding:
    """A field-screen key, checked the moment it arrives (priority), in typing order.

    Why priority: Textual resolves ordinary bindings only after the key has travelled
    through the message queues of the focused widget and its parents, while other keys
    are already being handled; typed fast, a digit could then act on the question that
    had focus before the arrow key. Priority bindings are resolved by the app one key
    after the other, and every action below changes focus at once (``set_focus``), so
    each key acts on the question highlighted after the previous key.
    """
    return Binding(keys, action, description, show=show, priority=True, **kw)


class FieldScreen(AppScreen):
    """The questions of one action field (the screen shows the next field in place)."""

    AUTO_FOCUS = None

    CSS_PATH = "field.tcss"
    BINDINGS: ClassVar = [
        _key("escape", "home", "Startseite", key_display="Esc", show=True),
        _key("1", "answer(1)", "Gibt es nicht"),
        _key("2", "answer(2)", "In Ansätzen"),
        _key("3", "answer(3)", "Weitgehend umgesetzt"),
        _key("4", "answer(4)", "Fest etabliert"),
        # Packs with up to seven steps (only the pack's own steps answer, see _answer_focused).
        _key("5", "answer(5)", "Stufe 5"),
        _key("6", "answer(6)", "Stufe 6"),
        _key("7", "answer(7)", "Stufe 7"),
        _key("w", f"answer('{UNKNOWN}')", "Weiß nicht"),  # in each card's legend
        _key("t", f"answer('{NOT_APPLICABLE}')", "Trifft n. zu"),
        _key("delete,backspace", "answer(None)", "Antwort löschen", key_display="Entf"),
        _key("enter", "accept", "Vorschlag übernehmen und weiter", key_display="Enter"),
        _key("ctrl+z", "undo", "Rückgängig", key_display="Strg+Z"),
        _key("down,j,tab", "move(1)", "Nächste Frage", key_display="↓"),
        _key("up,k,shift+tab", "move(-1)", "Vorige Frage", key_display="↑"),
        _key("n", "next_field", "Weiter", show=True),
        _key("v", "previous_field", "Zurück", show=True),
        _key("o", "overview", "Übersicht", show=True),
        _key("z", "summary", "Auswertung", show=True),
        _key("e", "note", "Notiz", show=True),  # h, b, r: in the legend above
        _key("b", "evidence", "Belegt / eingeschätzt / keine Angabe"),
        _key("r", "reference", "Beleg angeben (Titel, Datum, Link, Datei)"),
        _key("h", "toggle_help", "Was ist gemeint?"),
        _key("d", "filter_discussion", "Nur Diskussionspunkte"),
        _key("u", "take_unanimous", "Alle einstimmigen übernehmen"),
        _key("p", "take_notes", "Notizen der Perspektiven übernehmen"),
        _key("f1", "app.help", "Hilfe", key_display="F1", show=True),
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
        "- **b**: die Antwort als „belegt“ (ein Dokument stützt sie) oder „eingeschätzt“ "
        "markieren; noch einmal **b**: keine Angabe\n"
        "- **r**: den Beleg angeben – Titel, Datum, Link oder Dateiname (z. B. "
        "„Ratsbeschluss vom 12.05.2025“); ein Beleg markiert die Antwort als belegt\n"
        "- **↑ ↓** oder **Tab**: zur nächsten oder vorigen Frage\n"
        "- **Strg+Z**: die letzte Änderung einer Antwort, Notiz oder eines Belegs rückgängig "
        "machen "
        "(mehrmals drücken für frühere Änderungen, auch in anderen Feldern)\n\n"
        "Wird eine vorhandene Antwort überschrieben, steht kurz da, was vorher galt. "
        "Mit der Maus klicken Sie eine Antwort direkt an. **n** und **v** wechseln das "
        "Handlungsfeld und markieren dort die erste offene Frage, **o** zeigt alle Felder "
        "mit offenen Fragen, **z** die Auswertung. Offene Fragen dürfen offen bleiben.\n\n"
        "Jede Änderung wird sofort gespeichert; oben rechts steht, wann zuletzt.\n\n"
        "**Im Workshop** stehen bei jeder Frage die Antworten und Notizen aller Perspektiven. "
        "Liegen sie nah beieinander, steht ein Vorschlag da (der vorsichtige Median): "
        "**Enter** übernimmt ihn und geht zur nächsten Frage. Liegen sie zwei oder mehr "
        "Stufen auseinander oder ist eine Antwort „Weiß nicht“ oder „Trifft nicht zu“, ist "
        "die Frage ein **Diskussionspunkt** ohne Vorschlag: Besprechen Sie sie und setzen "
        "Sie die vereinbarte Antwort mit 1–4, w oder t. **d** zeigt nur die "
        "Diskussionspunkte (noch einmal d: alle Fragen). **u** übernimmt in allen Feldern "
        "jede Antwort, die alle Perspektiven gleich gegeben haben, in einem Schritt (Strg+Z "
        "nimmt alle zurück). **p** übernimmt die Notizen der Perspektiven in die gemeinsame "
        "Notiz, je Zeile mit der Perspektive davor; **e** bearbeitet sie. Die Quelldateien "
        "bleiben unverändert."
    )

    def __init__(
        self,
        session: EditSession,
        index: int,
        question_index: int | None = 0,
        perspectives: Comparison | None = None,
        history: History | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        # In a workshop: every perspective's answers, shown beside each question.
        self.perspectives = perspectives
        # Undo steps of this session, kept by the app across field screens.
        self.history = history if history is not None else History()
        self.index = index
        self.field = session.pack.fields[index]
        self.start_question = question_index or 0
        self.only_discussion = False
        # The card whose "no suggestion" notice was shown last (Enter repeats no toast).
        self._told_discussion: QuestionCard | None = None
        # Keys that arrive while the questions are being (re)built wait here, in order.
        self._ready = False
        self._waiting: list[tuple[Callable[..., object], tuple[Any, ...]]] = []

    # ------------------------------------------------------------------ building

    def compose(self) -> ComposeResult:
        with Horizontal(classes="topbar"):
            yield Static(id="field-title")
            yield Static(save_status_text(self.session), id="save-status")
        with QuestionList(id="questions"):
            yield from self._question_widgets()
        legend = WORKSHOP_LEGEND if self.perspectives else LEGEND
        steps = len(self.session.pack.meta.scale)  # the pack's own scale: 1–3, 1–5 …
        yield Static(legend.replace("1–4", f"1–{steps}", 1), id="legend")
        yield Footer()

    def _question_widgets(self) -> Iterator[Widget]:
        pack = self.session.pack
        yield Static(Text(self.field.intro.strip()), id="intro")
        yield Static(
            Text("In diesem Handlungsfeld gibt es keine Diskussionspunkte. n: nächstes Feld"),
            id="no-discussion",
        )
        current_group: str | None = None
        for number, question in enumerate(self._applicable(self.field), start=1):
            if question.group and question.group != current_group:
                current_group = question.group
                yield Static(self.field.group_title(question.group), classes="group")
            card = QuestionCard(
                pack, self.field.id, question, number, *self._perspectives(question.id)
            )
            card.answer = self.session.assessment.answer(self.field.id, question.id)
            yield card

    def _row(self, question_id: str) -> QuestionComparison | None:
        if self.perspectives is None:
            return None
        return next(
            (
                q
                for q in self.perspectives.questions
                if q.question.id == question_id and q.field.id == self.field.id
            ),
            None,
        )

    def _perspectives(self, question_id: str) -> tuple[Text | None, int | str | None, bool]:
        """In a workshop: each perspective's answer and note, the suggestion, and whether
        the question is a discussion point (then without a one-key suggestion)."""
        from weltoffen_tui.core.labels import answer_label
        from weltoffen_tui.core.workshop.consensus import (
            DISCUSSION,
            UNANIMOUS,
            agreement,
            perspective_name,
            workshop_suggestion,
        )

        comparison = self.perspectives
        row = self._row(question_id)
        if comparison is None or row is None:
            return None, None, False
        text = Text()
        for perspective, value, note in zip(
            comparison.perspectives, row.values, row.notes, strict=True
        ):
            text.append(visible(f"{perspective_name(perspective)}: "), style="bold")
            text.append(answer_label(self.session.pack, value))
            if note:
                text.append(" – ")
                text.append(visible(note), style="italic")
            text.append("\n")
        discussion = agreement(row.values) == DISCUSSION
        suggestion = workshop_suggestion(row.values)
        if discussion:
            text.append(
                "⚑ Diskussionspunkt – besprechen, dann mit 1–4, w oder t vereinbaren",
                style="bold",
            )
        elif suggestion is not None:
            # Everyone gave the same answer: said in words, not only by the suggestion.
            agreed = "✓ Einstimmig · " if agreement(row.values) == UNANIMOUS else ""
            text.append(
                f"{agreed}Vorschlag (Enter übernimmt): "
                f"{answer_label(self.session.pack, suggestion)}",
                style="bold",
            )
        else:
            text.rstrip()
        return text, suggestion, discussion

    async def on_mount(self) -> None:
        self._apply_width(self.size.width)
        await self._enter_field(self.start_question)

    async def _enter_field(self, question_index: int) -> None:
        """Show the current field's cards and focus one; then run the keys that waited."""
        self._update_progress()
        self._apply_filter()
        cards = self._cards()
        target = cards[0] if cards else None
        if cards:
            shown = self._applicable(self.field)
            wanted = shown[min(question_index, len(shown) - 1)]
            target = next((c for c in cards if c.question.id == wanted.id), cards[0])
        if target is None or target is cards[0]:  # the intro stays in sight
            self.query_one(QuestionList).scroll_home(animate=False)
            if target is not None:
                self.set_focus(target, scroll_visible=False)
        else:
            self._focus(target, top=True)
        while self._waiting:
            do, args = self._waiting.pop(0)
            result = do(*args)
            if isawaitable(result):
                await result
        self._ready = True

    async def _show_field(self, index: int, question_index: int) -> None:
        """Replace the cards with those of another field (in place, keys wait meanwhile)."""
        self._ready = False
        self.index = index
        self.field = self.session.pack.fields[index]
        questions = self.query_one(QuestionList)
        await questions.remove_children()
        await questions.mount_all(list(self._question_widgets()))
        await self._enter_field(question_index)

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)
        if self._ready:
            self._update_progress()

    def _apply_width(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")

    def _update_progress(self) -> None:
        answered, total = self.session.progress(self.field)
        status = save_status_text(self.session)
        # The top bar's padding, a gap of three, and the save status as wide as it gets
        # once it shows the time (so the heading does not change form after a save).
        room = self.app.size.width - 2 - STATUS_GAP - max(status.cell_len, SAVED_WIDTH)
        title = field_heading(
            self.field,
            (self.index + 1, len(self.session.pack.fields)),
            (answered, total),
            workshop=self.perspectives is not None,
            only_discussion=self.only_discussion,
            room=room,
        )
        self.query_one("#field-title", Static).update(title)
        self.query_one("#save-status", Static).update(status)

    # ------------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The workshop keys (d, u, p) exist only in a workshop."""
        return not (action in WORKSHOP_KEYS and self.perspectives is None)

    async def _run(self, do: Callable[..., object], *args: Any) -> None:
        """Run a key's action now, or after the cards being built (keeping the order)."""
        if not self._ready:
            self._waiting.append((do, args))
            return
        result = do(*args)
        if isawaitable(result):
            await result

    async def action_answer(self, value: int | str | None) -> None:
        await self._run(self._answer_focused, value)

    async def action_accept(self) -> None:
        await self._run(self._accept)

    async def action_toggle_help(self) -> None:
        await self._run(self._toggle_help)

    async def action_note(self) -> None:
        await self._run(self._edit_note)

    async def action_evidence(self) -> None:
        await self._run(self._cycle_evidence)

    async def action_reference(self) -> None:
        await self._run(self._edit_reference)

    async def action_undo(self) -> None:
        await self._run(self._undo)

    async def action_move(self, step: int) -> None:
        await self._run(self._move, step)

    async def action_next_field(self) -> None:
        await self._run(self._next_field, 1)

    async def action_previous_field(self) -> None:
        await self._run(self._next_field, -1)

    async def action_overview(self) -> None:
        await self._run(self._overview)

    async def action_summary(self) -> None:
        await self._run(self._summary)

    async def action_home(self) -> None:
        await self._run(self.app.run_action, "app.home")

    async def action_filter_discussion(self) -> None:
        await self._run(self._toggle_filter)

    async def action_take_unanimous(self) -> None:
        await self._run(self._take_unanimous)

    async def action_take_notes(self) -> None:
        await self._run(self._take_notes)

    # ------------------------------------------------------------------ cards

    def _cards(self) -> list[QuestionCard]:
        """The cards shown (with the discussion filter: only the discussion points)."""
        return [card for card in self.query(QuestionCard) if card.display]

    def _focused_card(self) -> QuestionCard | None:
        focused = self.focused
        if isinstance(focused, QuestionCard) and focused.display:
            return focused
        cards = self._cards()
        return cards[0] if cards else None

    def _card_for(self, question_id: str) -> QuestionCard | None:
        return next((c for c in self.query(QuestionCard) if c.question.id == question_id), None)

    def _focus(self, card: QuestionCard, top: bool = False) -> None:
        """Highlight a card at once (``Widget.focus`` would only do so later)."""
        self.set_focus(card, scroll_visible=False)
        if top:
            self.call_after_refresh(card.scroll_visible, animate=False, top=True)
        else:
            self.call_after_refresh(card.scroll_visible, animate=False)

    def _refresh_card(self, field_id: str, question_id: str) -> None:
        card = self._card_for(question_id) if field_id == self.field.id else None
        if card is not None:
            card.show_answer(self.session.assessment.answer(field_id, question_id))

    def _move(self, step: int) -> None:
        cards = self._cards()
        if not cards:
            return
        focused = self.focused
        index = cards.index(focused) if focused in cards else (-1 if step > 0 else len(cards))
        self._focus(cards[max(0, min(len(cards) - 1, index + step))])

    def _first_open(self, index: int) -> int:
        """The position of the first open question of a field (shown by the filter), else 0."""
        action_field = self.session.pack.fields[index]
        open_ids = set(self.session.open_questions(action_field))
        for position, question in enumerate(self._applicable(action_field)):
            if question.id in open_ids and self._shown(action_field.id, question.id):
                return position
        return 0

    def _shown(self, field_id: str, question_id: str) -> bool:
        """Whether a question is shown under the current filter."""
        if not self.only_discussion or self.perspectives is None:
            return True
        from weltoffen_tui.core.workshop.consensus import DISCUSSION, agreement

        return any(
            row.field.id == field_id
            and row.question.id == question_id
            and agreement(row.values) == DISCUSSION
            for row in self.perspectives.questions
        )

    def _apply_filter(self) -> None:
        shown = 0
        for card in self.query(QuestionCard):
            card.display = not self.only_discussion or card.discussion
            shown += card.display
        for group in self.query(".group"):
            group.display = not self.only_discussion
        self.query_one("#no-discussion").display = self.only_discussion and not shown

    # ------------------------------------------------------------------ answers

    def _change(self, apply: Callable[[], object], keys: list[tuple[str, str]]) -> Step | None:
        """Apply a change to answers, save it, and remember it as one undo step."""
        assessment = self.session.assessment
        before = [snapshot(assessment, f, q) for f, q in keys]
        if self.session.read_only:
            self.session.save()
        else:
            self.session.change(lambda _: apply())
        changes = [
            Change(f, q, old, snapshot(assessment, f, q))
            for (f, q), old in zip(keys, before, strict=True)
        ]
        step = self.history.record(changes)
        for f, q in keys:
            self._refresh_card(f, q)
        self._update_progress()
        self.post_message(Saved(self.session))
        return step

    def _set(self, card: QuestionCard, value: Any = ..., note: str | None = None) -> None:
        field_id, question_id = card.field_id, card.question.id
        assessment = self.session.assessment
        step = self._change(
            lambda: assessment.set_answer(field_id, question_id, value, note),
            [(field_id, question_id)],
        )
        if step is not None:
            self._tell_overwritten(step.first.before, step.first.after)

    def _tell_overwritten(self, before: Answer | None, after: Answer | None) -> None:
        """Say what an overwritten (or deleted) answer was, and how to get it back."""
        from weltoffen_tui.core.labels import answer_label

        old = before.value if before else None
        new = after.value if after else None
        if old is None or old == new:
            return
        what = "Antwort gelöscht" if new is None else "Antwort geändert"
        self.notify(
            f"{what}: vorher ‚{answer_label(self.session.pack, old)}‘ – Strg+Z macht rückgängig",
            timeout=4,
        )

    def _applicable(self, action_field: ActionField) -> tuple[Question, ...]:
        """The questions of a field that apply to this municipality (the others are hidden)."""
        from weltoffen_tui.core.applicability import applicable_questions

        return applicable_questions(action_field, self.session.assessment)

    def _answer_focused(self, value: int | str | None) -> None:
        if isinstance(value, int) and self.session.pack.scale_step(value) is None:
            steps = len(self.session.pack.meta.scale)
            self.notify(f"Diese Antwortskala hat die Stufen 1 bis {steps}.", timeout=3)
            return
        card = self._focused_card()
        if card is not None:
            self._set(card, value)

    def on_question_card_answered(self, event: QuestionCard.Answered) -> None:
        """A click on an answer chip."""
        self._focus(event.card)
        self._set(event.card, event.value)

    def _accept(self) -> None:
        """Workshop: take the suggestion and go on to the next question."""
        card = self._focused_card()
        if card is None or self.perspectives is None:
            return
        if card.suggestion is None:
            if card.answer is not None and card.answer.is_answered:
                self._focus_after(card)  # already agreed: Enter just goes on
            elif card.discussion and self._told_discussion is not card:
                self._told_discussion = card  # said once per card, not a stack of toasts
                self.notify(
                    "Diskussionspunkt: Es gibt keinen Vorschlag. Bitte besprechen und die "
                    "vereinbarte Antwort mit 1–4, w oder t setzen.",
                    timeout=5,
                )
            return
        self._set(card, card.suggestion)
        self._focus_after(card)

    def _focus_after(self, card: QuestionCard) -> None:
        """Highlight the question after ``card`` (or say that it was the field's last)."""
        cards = self._cards()
        if card in cards and cards.index(card) + 1 < len(cards):
            self._focus(cards[cards.index(card) + 1])
        else:
            self.notify("Letzte Frage in diesem Feld. n: nächstes Handlungsfeld.", timeout=3)

    def _toggle_help(self) -> None:
        card = self._focused_card()
        if card is not None:
            card.action_toggle_help()

    def _edit_note(self) -> None:
        from weltoffen_tui.tui.screens.dialogs import NoteDialog

        card = self._focused_card()
        if card is None:
            return
        current = card.answer.note if card.answer else ""

        def store(note: str | None) -> None:
            if note is not None and note != current and card.is_attached:
                self._set(card, note=note)
            if card.is_attached:
                self._focus(card)

        self.app.push_screen(NoteDialog(card.question.text, current), store)

    def on_question_card_note_requested(self, event: QuestionCard.NoteRequested) -> None:
        self._focus(event.card)
        self._edit_note()

    def _cycle_evidence(self) -> None:
        """b: belegt → eingeschätzt → keine Angabe (one undo step each)."""
        from weltoffen_tui.core.evidence import evidence_label, next_evidence, set_evidence

        card = self._focused_card()
        if card is None:
            return
        field_id, question_id = card.field_id, card.question.id
        assessment = self.session.assessment
        current = card.answer.evidence if card.answer else None
        chosen = next_evidence(current)
        self._change(
            lambda: set_evidence(assessment, field_id, question_id, chosen),
            [(field_id, question_id)],
        )
        self.notify(f"Frage {card.number}: {evidence_label(chosen)}", timeout=2)

    def _edit_reference(self) -> None:
        """r: the reference behind the answer; giving one marks the answer „belegt“."""
        from weltoffen_tui.core.evidence import BACKED, set_evidence
        from weltoffen_tui.tui.screens.profile_dialogs import ReferenceDialog

        card = self._focused_card()
        if card is None:
            return
        current = (card.answer.reference or "") if card.answer else ""
        field_id, question_id = card.field_id, card.question.id

        def store(reference: str | None) -> None:
            if reference is not None and reference != current and card.is_attached:
                assessment = self.session.assessment
                evidence = card.answer.evidence if card.answer else None
                self._change(
                    lambda: set_evidence(
                        assessment,
                        field_id,
                        question_id,
                        BACKED if reference and evidence is None else ...,
                        reference,
                    ),
                    [(field_id, question_id)],
                )
            if card.is_attached:
                self._focus(card)

        self.app.push_screen(ReferenceDialog(card.question.text, current), store)

    async def _undo(self) -> None:
        step = self.history.undo()
        if step is None:
            self.notify("Nichts mehr rückgängig zu machen.", timeout=3)
            return
        from weltoffen_tui.core.labels import answer_label

        if self.session.read_only:
            self.session.save()
        else:
            self.session.change(lambda assessment: restore(assessment, step))
        self.post_message(Saved(self.session))
        first = step.first
        ids = [f.id for f in self.session.pack.fields]
        if first.field_id in ids and first.field_id != self.field.id:
            index = ids.index(first.field_id)
            questions = [q.id for q in self._applicable(self.session.pack.fields[index])]
            position = questions.index(first.question_id) if first.question_id in questions else 0
            await self._show_field(index, position)
        for change in step.changes:
            self._refresh_card(change.field_id, change.question_id)
        self._update_progress()
        card = self._card_for(first.question_id)
        if card is not None and card.display:
            self._focus(card)
        if len(step.changes) > 1:
            self.notify(f"Rückgängig: {len(step.changes)} Antworten wieder wie vorher.", timeout=4)
            return
        number = card.number if card is not None else first.question_id
        before = first.before
        value = answer_label(self.session.pack, before.value if before else None)
        if _only_evidence_changed(before, first.after):
            from weltoffen_tui.core.evidence import evidence_label

            label = evidence_label(before.evidence if before else None)
            self.notify(f"Rückgängig: Frage {number}, Beleg wieder ‚{label}‘.", timeout=4)
            return
        self.notify(f"Rückgängig: Frage {number} wieder ‚{value}‘.", timeout=4)

    # ------------------------------------------------------------------ workshop

    async def _toggle_filter(self) -> None:
        self.only_discussion = not self.only_discussion
        self._apply_filter()
        self._update_progress()
        card = self._focused_card()
        if card is not None:
            self._focus(card)
        self.notify(
            "Nur Diskussionspunkte (d: wieder alle Fragen)"
            if self.only_discussion
            else "Alle Fragen",
            timeout=3,
        )

    def _take_unanimous(self) -> None:
        """Take every unanimous answer still open, in all fields, as one undo step."""
        from weltoffen_tui.core.workshop.consensus import unanimous_answers

        if self.perspectives is None:
            return
        assessment = self.session.assessment
        found = unanimous_answers(self.perspectives.questions, assessment)
        if not found:
            self.notify("Keine offenen Fragen, die alle Perspektiven gleich beantwortet haben.")
            return

        def apply() -> None:
            for field_id, question_id, value in found:
                assessment.set_answer(field_id, question_id, value)

        step = self._change(apply, [(f, q) for f, q, _ in found])
        count = len(step.changes) if step is not None else 0
        self.notify(
            f"{count} einstimmige Antworten übernommen (alle Handlungsfelder) – Strg+Z macht "
            "rückgängig.",
            timeout=6,
        )

    def _take_notes(self) -> None:
        """Append the perspectives' notes to the agreed note, each with its perspective."""
        from weltoffen_tui.core.workshop.consensus import with_perspective_notes

        card = self._focused_card()
        if card is None or self.perspectives is None:
            return
        row = self._row(card.question.id)
        current = card.answer.note if card.answer else ""
        if row is None:
            return
        note = with_perspective_notes(current, self.perspectives.perspectives, row.notes)
        if note == current:
            self.notify("Keine weiteren Notizen der Perspektiven zu dieser Frage.", timeout=3)
            return
        self._set(card, note=note)
        self.notify("Notizen der Perspektiven in die gemeinsame Notiz übernommen.", timeout=3)

    # ------------------------------------------------------------------ navigation

    async def _next_field(self, step: int) -> None:
        """n / v: the next or previous field, at its first open question."""
        index = self.index + step
        if index >= len(self.session.pack.fields):
            self._summary()
        elif index < 0:
            self.notify("Das ist das erste Handlungsfeld.", timeout=2)
        else:
            await self._show_field(index, self._first_open(index))

    def _summary(self) -> None:
        self.post_message(ShowSummary(self.session))

    def _overview(self) -> None:
        from weltoffen_tui.tui.screens.overview import OverviewDialog

        async def jump(choice: int | str | None) -> None:
            if choice == "summary":
                self._summary()
            elif isinstance(choice, int) and self.is_attached:
                await self._run(self._show_field, choice, self._first_open(choice))

        self.app.push_screen(OverviewDialog(self.session, self.index), jump)


def _only_evidence_changed(before: Answer | None, after: Answer | None) -> bool:
    """Whether a change touched only the evidence or reference (not value or note)."""
    from weltoffen_tui.core.assessment import Answer as Blank

    old, new = before or Blank(), after or Blank()
    same = old.value == new.value and old.note == new.note
    return same and (old.evidence != new.evidence or old.reference != new.reference)
