"""The participant's pages of a live workshop: plain HTML forms, no script needed.

Every page links one stylesheet from this server (``/static/live.css``) and nothing else:
no inline style or script (the CSP forbids both), nothing from the internet. Every text
from the pack or from a participant is HTML-escaped and passed through
``core.textsafe.visible`` first, so it is shown as typed and never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from weltoffen_tui.core.labels import NOT_APPLICABLE_LABEL, UNKNOWN_LABEL
from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.core.values import NOT_APPLICABLE, UNKNOWN

if TYPE_CHECKING:
    from weltoffen_tui.core.assessment import Answer
    from weltoffen_tui.core.pack.models import ActionField, Pack, Question

STYLESHEET = "/static/live.css"
NOTE_MAX = 2000


def text(value: str) -> str:
    """Pack or user text, safe in HTML: control characters visible, markup escaped."""
    return escape(visible(value))


def page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{text(title)}</title>\n<link rel="stylesheet" href="{STYLESHEET}">\n'
        f"</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _problem(error: str) -> str:
    return f'<p class="error" role="alert">{text(error)}</p>\n' if error else ""


def _notices(notices: list[str]) -> str:
    return "".join(f'<p class="notice" role="status">{text(n)}</p>\n' for n in notices)


def message(title: str, body: str) -> str:
    """A page with one message (refused, not found, round ended)."""
    return page(title, f"<h1>{text(title)}</h1>\n<p>{text(body)}</p>")


def access_form(title: str, error: str = "") -> str:
    """The form that asks for the access code."""
    return page(
        title,
        f"<h1>{text(title)}</h1>\n{_problem(error)}"
        '<form method="post" action="/zugang">\n'
        '<label for="code">Zugangscode (steht auf dem Bildschirm der Moderation)</label>\n'
        '<input id="code" name="code" class="code" autocomplete="off" '
        'autocapitalize="characters" spellcheck="false" maxlength="20" required autofocus>\n'
        '<p><button type="submit">Weiter</button></p>\n</form>',
    )


def join_form(
    title: str, field_titles: list[str], name: str = "", role: str = "", error: str = ""
) -> str:
    """Name and role; the same name later continues the same answers."""
    if len(field_titles) == 1:
        asked = f"Heute gefragt: das Handlungsfeld „{field_titles[0]}“."
    else:
        asked = f"Heute gefragt: {len(field_titles)} Handlungsfelder."
    return page(
        title,
        f"<h1>{text(title)}</h1>\n<p>{text(asked)}</p>\n{_problem(error)}"
        '<form method="post" action="/teilnehmen">\n'
        '<label for="name">Ihr Name</label>\n'
        f'<input id="name" name="name" maxlength="60" required autocomplete="name" '
        f'value="{text(name)}" autofocus>\n'
        '<label for="role">Ihre Rolle (z. B. Verwaltung, Beirat, Verein; freiwillig)</label>\n'
        f'<input id="role" name="role" maxlength="60" value="{text(role)}">\n'
        '<p><button type="submit">Teilnehmen</button></p>\n</form>\n'
        "<p>Jede Antwort wird sofort gespeichert, in Ihrer eigenen Datei. Wenn Sie das "
        "Fenster schließen und später mit demselben Namen wiederkommen, geht es mit Ihren "
        "Antworten weiter. Was andere antworten, sehen Sie hier nicht.</p>",
    )


@dataclass(frozen=True)
class Position:
    """Where a question stands among today's questions."""

    field_number: int  # 1-based among the fields asked today
    field_count: int
    question_number: int  # 1-based among the applicable questions of its field
    question_count: int
    previous: str | None  # the address of the question before, None on the first
    answered: int  # answered questions of today, all fields
    total: int


def _paragraphs(value: str) -> str:
    parts = [p.strip() for p in value.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{text(' '.join(p.split()))}</p>\n" for p in parts if p)


def _choices(pack: Pack, question: Question, current: Answer | None) -> str:
    chosen = current.value if current is not None else None
    options: list[tuple[str, str, str]] = [
        (str(step.value), f"{step.value} – {step.label}", step.description)
        for step in pack.meta.scale
    ]
    options += [(UNKNOWN, UNKNOWN_LABEL, ""), (NOT_APPLICABLE, NOT_APPLICABLE_LABEL, "")]
    rows = []
    for number, (value, label, description) in enumerate(options):
        ident = f"wert-{number}"
        checked = " checked" if chosen is not None and str(chosen) == value else ""
        hint = ""
        if description:
            hint = f'<span class="hint" id="{ident}-text">{text(description)}</span>'
        described = f' aria-describedby="{ident}-text"' if description else ""
        rows.append(
            f'<div class="choice"><input type="radio" name="wert" id="{ident}" '
            f'value="{escape(value)}"{checked}{described}>'
            f'<label for="{ident}">{text(label)}{hint}</label></div>'
        )
    return "\n".join(rows)


def question_page(
    title: str,
    pack: Pack,
    action_field: ActionField,
    question: Question,
    current: Answer | None,
    where: Position,
    *,
    error: str = "",
    notices: list[str] | None = None,
) -> str:
    """One question: text, help, the scale as radio buttons, the note, „Speichern und weiter“."""
    progress = (
        f"Feld {where.field_number} von {where.field_count} · "
        f"Frage {where.question_number} von {where.question_count}"
    )
    help_parts = _paragraphs(question.help)
    if question.example:
        help_parts += f"<p><strong>Beispiel:</strong> {text(question.example)}</p>\n"
    help_block = (
        f"<details>\n<summary>Hilfe zu dieser Frage</summary>\n{help_parts}</details>\n"
        if help_parts
        else ""
    )
    intro = ""
    if where.question_number == 1 and action_field.intro:
        intro = (
            "<details>\n<summary>Worum es in diesem Handlungsfeld geht</summary>\n"
            f"{_paragraphs(action_field.intro)}</details>\n"
        )
    note = current.note if current is not None else ""
    back = f'<a href="{escape(where.previous)}">Zur vorigen Frage</a> · ' if where.previous else ""
    return page(
        f"{progress} – {title}",
        f'<p class="progress">{text(progress)} · {where.answered} von {where.total} '
        "beantwortet</p>\n"
        f"<h1>{text(action_field.title)}</h1>\n{intro}{_notices(notices or [])}"
        f"{_problem(error)}"
        '<form method="post" action="/antwort">\n'
        f'<input type="hidden" name="feld" value="{escape(action_field.id)}">\n'
        f'<input type="hidden" name="frage" value="{escape(question.id)}">\n'
        f"<fieldset>\n<legend>{text(question.text)}</legend>\n{_choices(pack, question, current)}"
        "\n</fieldset>\n"
        f"{help_block}"
        '<label for="notiz">Notiz (freiwillig: Begründung, Beleg, Beispiel)</label>\n'
        f'<textarea id="notiz" name="notiz" rows="3" maxlength="{NOTE_MAX}">'
        f"{escape(note)}</textarea>\n"
        '<p><button type="submit">Speichern und weiter</button></p>\n</form>\n'
        f'<p class="nav">{back}<a href="/fertig">Übersicht Ihrer Antworten</a></p>',
    )


@dataclass(frozen=True)
class FieldProgress:
    title: str
    answered: int
    total: int
    first_open: str | None  # the address of its first open question
    start: str  # the address of its first question


def summary_page(
    title: str, name: str, fields: list[FieldProgress], notices: list[str] | None = None
) -> str:
    """After the last question: how much is answered, links back into every field."""
    open_count = sum(f.total - f.answered for f in fields)
    if open_count == 0:
        head = (
            "Vielen Dank! Sie haben alle Fragen für heute beantwortet. Sie können das "
            "Fenster jetzt schließen."
        )
    elif open_count == 1:
        head = "Eine Frage ist noch offen."
    else:
        head = f"{open_count} Fragen sind noch offen."
    rows = []
    for item in fields:
        link = item.first_open or item.start
        action = "weiter beantworten" if item.first_open else "Antworten ansehen"
        rows.append(
            f"<li>{text(item.title)}: {item.answered} von {item.total} beantwortet – "
            f'<a href="{escape(link)}">{action}<span class="sr-only"> '
            f"({text(item.title)})</span></a></li>"
        )
    return page(
        f"Ihre Antworten – {title}",
        f"<h1>Ihre Antworten, {text(name)}</h1>\n{_notices(notices or [])}"
        f"<p>{text(head)} Alle Antworten sind gespeichert; Sie können sie ändern, "
        "bis die Moderation die Runde beendet.</p>\n"
        f"<ul>\n{''.join(rows)}\n</ul>",
    )
