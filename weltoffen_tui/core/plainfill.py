"""Line mode (``weltoffen fill --plain``): which questions to ask, and what one line means.

Pure logic without any input or output: the order of the questions, the prompt line
for each, and the reading of one typed (or scripted) line. The command in
``cli/cmd_fill.py`` does the reading, printing and saving.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from weltoffen_tui.core.assessment import AnswerValue, Assessment
from weltoffen_tui.core.errors import Problem, UserError
from weltoffen_tui.core.labels import answer_label
from weltoffen_tui.core.pack.models import ActionField, Pack, Question
from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.core.values import NOT_APPLICABLE, UNKNOWN


@dataclass(frozen=True)
class Item:
    """One question to ask: its field, its number in the field and the field's size."""

    field: ActionField
    question: Question
    number: int
    of: int


def question_order(
    pack: Pack,
    assessment: Assessment,
    *,
    field_id: str | None = None,
    everything: bool = False,
) -> list[Item]:
    """The questions line mode asks, in the pack's order.

    By default only the open (unanswered) ones, so a second run continues where the
    first stopped; ``everything`` asks answered ones too (Enter keeps their answer);
    ``field_id`` limits the questions to one field (unknown id: UserError).
    """
    fields = pack.fields
    if field_id is not None:
        chosen = pack.field(field_id)
        if chosen is None:
            known = ", ".join(f.id for f in pack.fields)
            raise UserError(
                [
                    Problem(
                        Path("--feld"),
                        f"Unbekanntes Handlungsfeld „{visible(field_id)}“",
                        f"Möglich sind: {known}.",
                    )
                ]
            )
        fields = (chosen,)
    items: list[Item] = []
    for action_field in fields:
        answers = assessment.answers.get(action_field.id, {})
        total = len(action_field.questions)
        for number, question in enumerate(action_field.questions, start=1):
            answer = answers.get(question.id)
            if everything or answer is None or not answer.is_answered:
                items.append(Item(action_field, question, number, total))
    return items


def choices(pack: Pack) -> str:
    """``1 Gibt es nicht, 2 In Ansätzen, …, w weiß nicht, t trifft nicht zu; ? Hilfe, …``."""
    steps = ", ".join(f"{step.value} {step.label}" for step in pack.meta.scale)
    return (
        f"{steps}, w weiß nicht, t trifft nicht zu; ? Hilfe, n Notiz, Enter überspringen, q beenden"
    )


def prompt(pack: Pack, assessment: Assessment, item: Item) -> str:
    """The one line that asks a question (user text made visible, nothing else added)."""
    answer = assessment.answers.get(item.field.id, {}).get(item.question.id)
    current = ""
    if answer is not None and answer.is_answered:
        current = f" Bisher: {answer_label(pack, answer.value)}."
    return visible(
        f"[{item.question.id}] Frage {item.number}/{item.of} · {item.field.title}: "
        f"{item.question.text}{current} Antwort ({choices(pack)}):"
    )


def help_text(item: Item) -> str:
    """What ``?`` prints: the question's explanation and its example, one paragraph each."""
    return (
        visible(f"Hilfe: {item.question.help}")
        + "\n"
        + visible(f"Beispiel: {item.question.example}")
    )


@dataclass(frozen=True)
class Reply:
    """What one line asks for.

    ``answer`` (with ``value``), ``help``, ``note`` (``text`` None: the note follows on
    the next line), ``skip`` (an empty line) or ``quit``.
    """

    kind: Literal["answer", "help", "note", "skip", "quit"]
    value: AnswerValue | None = None
    text: str | None = None


class LineError(ValueError):
    """A line that is no answer; the message says what is allowed (German)."""


_UNKNOWN: AnswerValue = "weiss_nicht"
_NOT_APPLICABLE: AnswerValue = "trifft_nicht_zu"
assert (_UNKNOWN, _NOT_APPLICABLE) == (UNKNOWN, NOT_APPLICABLE)
_WORDS: dict[str, AnswerValue] = {
    "w": _UNKNOWN,
    "weiß nicht": _UNKNOWN,
    "weiss nicht": _UNKNOWN,
    "weiss_nicht": _UNKNOWN,
    "t": _NOT_APPLICABLE,
    "trifft nicht zu": _NOT_APPLICABLE,
    "trifft_nicht_zu": _NOT_APPLICABLE,
}


def parse_line(line: str) -> Reply:
    """Read one line: an answer, a request (help, note), skip or quit; LineError otherwise."""
    text = line.strip()
    lowered = text.lower()
    if not text:
        return Reply("skip")
    if lowered in ("1", "2", "3", "4"):
        value: AnswerValue = int(lowered)  # type: ignore[assignment]
        return Reply("answer", value=value)
    if lowered in _WORDS:
        return Reply("answer", value=_WORDS[lowered])
    if lowered in ("?", "h", "hilfe"):
        return Reply("help")
    if lowered in ("q", "quit", "beenden", "ende"):
        return Reply("quit")
    if lowered in ("n", "notiz"):
        return Reply("note")
    for head in ("n ", "n:", "notiz:", "notiz "):
        if lowered.startswith(head):
            return Reply("note", text=text[len(head) :].strip())
    raise LineError(
        f"„{visible(_shorten(text))}“ ist keine Antwort. Möglich sind 1, 2, 3 oder 4, "
        "w (weiß nicht), t (trifft nicht zu), ? (Hilfe), n (Notiz), eine leere Zeile "
        "(überspringen) oder q (beenden)."
    )


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
