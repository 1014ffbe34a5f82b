"""The live workshop in the browser: participants answer in plain HTML forms.

One server process for everyone: each participant who joins (access code, then name and
role) gets a random session cookie bound to their own perspective file in the workshop
folder (``core.workshop.live.participant_file``: the name decides the file, never a
path from the request). A POST can only ever write that participant's file, and only a
question of the fields asked today that applies to the municipality. Every answer is
saved at once through the editing session (the atomic writer), in a worker thread so a
slow disk never holds up the others; one participant's answers are written one after
the other.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlencode

from aiohttp import web

from weltoffen_tui.core.errors import UserError
from weltoffen_tui.core.values import NOT_APPLICABLE, UNKNOWN
from weltoffen_tui.serve import forms

if TYPE_CHECKING:
    from weltoffen_tui.core.pack.models import ActionField, Pack, Question
    from weltoffen_tui.core.storage.editing import EditSession

T = TypeVar("T")
PERSON_COOKIE = "weltoffen_person"
# A browser that sent nothing for this long no longer counts as connected.
ACTIVE_SECONDS = 600.0
# Threads that write answers: a save waits mostly for fsync, and the disk commits
# several at once, so 30 answers at the same moment take about a third of the time
# they take one after the other (measured: 30 saves 250 ms in 1 thread, 65 ms in 16).
SAVE_THREADS = 16


@dataclass(frozen=True)
class Workshop:
    """What the server of a live workshop needs: the folder, the pack, the fields."""

    folder: Path
    pack: Pack
    municipality: str
    kind: str
    field_ids: tuple[str, ...] = ()  # empty: every field of the pack

    @cached_property
    def fields(self) -> list[ActionField]:
        chosen = set(self.field_ids)
        return [f for f in self.pack.fields if not chosen or f.id in chosen]


@dataclass
class Person:
    """One joined participant: the session cookie's token and the own editing session."""

    token: str
    name: str
    session: EditSession
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    seen: float = field(default_factory=time.monotonic)
    # Today's questions that apply to the municipality, in order (its kind does not
    # change during the workshop), and where each stands: worked out once.
    items: list[tuple[ActionField, Question]] = field(default_factory=list)
    index: dict[tuple[str, str], int] = field(default_factory=dict)


def question_url(field_id: str, question_id: str) -> str:
    return "/frage?" + urlencode({"feld": field_id, "frage": question_id})


class WorkshopSite:
    """The participants' pages and their sessions (used by ``LiveServer``)."""

    def __init__(self, workshop: Workshop, title: str) -> None:
        self.workshop = workshop
        self.title = title
        self._people: dict[str, Person] = {}
        self._joining = asyncio.Lock()
        self._saver: ThreadPoolExecutor | None = None

    async def _in_thread(self, call: Callable[[], T]) -> T:
        if self._saver is None:
            self._saver = ThreadPoolExecutor(SAVE_THREADS, thread_name_prefix="speichern")
        return await asyncio.get_running_loop().run_in_executor(self._saver, call)

    # ------------------------------------------------------------------ sessions

    @property
    def connected(self) -> int:
        """Participants who sent something within the last ten minutes."""
        now = time.monotonic()
        return sum(1 for p in self._people.values() if now - p.seen < ACTIVE_SECONDS)

    def person(self, request: web.Request) -> Person | None:
        token = request.cookies.get(PERSON_COOKIE, "")
        found = self._people.get(token) if token else None
        if found is not None:
            found.seen = time.monotonic()
        return found

    def close_all(self) -> None:
        """Release every participant's file (their answers are saved already)."""
        saver, self._saver = self._saver, None
        if saver is not None:
            saver.shutdown(wait=True)  # every answer posted before is on disk
        people, self._people = self._people, {}
        for person in people.values():
            person.session.close()

    def _questions(self, session: EditSession) -> list[tuple[ActionField, Question]]:
        from weltoffen_tui.core.applicability import applicable_questions

        return [
            (f, q)
            for f in self.workshop.fields
            for q in applicable_questions(f, session.assessment)
        ]

    def _first_open(self, person: Person) -> tuple[ActionField, Question] | None:
        session = person.session
        for action_field, question in person.items:
            answer = session.assessment.answer(action_field.id, question.id)
            if answer is None or not answer.is_answered:
                return action_field, question
        return None

    # ------------------------------------------------------------------ pages

    def _html(self, body: str, status: int = 200) -> web.Response:
        return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")

    def join_page(
        self, name: str = "", role: str = "", error: str = "", status: int = 400
    ) -> web.Response:
        titles = [f.title for f in self.workshop.fields]
        return self._html(
            forms.join_form(self.title, titles, name, role, error), status if error else 200
        )

    def index(self, request: web.Request) -> web.StreamResponse:
        """With a participant's cookie: on to the first open question; else name and role."""
        if self.person(request) is None:
            return self.join_page()
        raise web.HTTPSeeOther("/frage")

    async def join(self, request: web.Request) -> web.StreamResponse:
        from weltoffen_tui.core.workshop.live import clean_text, join, participant_file

        form = await _form(request)
        name, role = form.get("name", ""), form.get("role", "")
        workshop = self.workshop
        async with self._joining:  # one join after the other (the same name twice at once)
            if clean_text(name):
                await self._release(participant_file(workshop.folder, name))
            try:
                session = await self._in_thread(
                    partial(
                        join,
                        workshop.folder,
                        workshop.pack,
                        name,
                        role,
                        municipality=workshop.municipality,
                        kind=workshop.kind,
                    )
                )
            except UserError as exc:
                problem = exc.problems[0]
                return self.join_page(name, role, f"{problem.message}. {problem.hint}")
            token = secrets.token_urlsafe(32)
            shown = session.assessment.respondents[0].name if session.assessment.respondents else ""
            items = self._questions(session)
            index = {(f.id, q.id): n for n, (f, q) in enumerate(items)}
            self._people[token] = Person(
                token, shown or clean_text(name), session, items=items, index=index
            )
        response = web.HTTPSeeOther("/frage")
        response.set_cookie(PERSON_COOKIE, token, httponly=True, samesite="Strict", path="/")
        raise response

    async def _release(self, path: Path) -> None:
        """The same name joins again (another browser, or back after closing it): the
        new browser continues the file, the old one's cookie no longer writes it."""
        for token, person in list(self._people.items()):
            if person.session.path == path:
                del self._people[token]
                async with person.lock:  # an answer being saved is on disk first
                    person.session.close()

    @staticmethod
    def _locate(
        person: Person, field_id: str, question_id: str
    ) -> tuple[int, list[tuple[ActionField, Question]]]:
        return person.index.get((field_id, question_id), -1), person.items

    def question(self, request: web.Request) -> web.StreamResponse:
        person = self.person(request)
        if person is None:
            raise web.HTTPSeeOther("/")
        field_id = request.query.get("feld", "")
        question_id = request.query.get("frage", "")
        index, items = self._locate(person, field_id, question_id)
        if index < 0:
            if field_id or question_id:
                raise web.HTTPNotFound()
            first = self._first_open(person)
            if first is None:
                raise web.HTTPSeeOther("/fertig")
            raise web.HTTPSeeOther(question_url(first[0].id, first[1].id))
        return self._question_page(person, index, items)

    def _question_page(
        self,
        person: Person,
        index: int,
        items: list[tuple[ActionField, Question]],
        error: str = "",
        status: int = 200,
    ) -> web.Response:
        session = person.session
        action_field, question = items[index]
        fields = self.workshop.fields
        in_field = [q.id for f, q in items if f.id == action_field.id]
        previous = question_url(items[index - 1][0].id, items[index - 1][1].id) if index else None
        answered = sum(
            1
            for f, q in items
            if (a := session.assessment.answer(f.id, q.id)) is not None and a.is_answered
        )
        where = forms.Position(
            field_number=[f.id for f in fields].index(action_field.id) + 1,
            field_count=len(fields),
            question_number=in_field.index(question.id) + 1,
            question_count=len(in_field),
            previous=previous,
            answered=answered,
            total=len(items),
        )
        body = forms.question_page(
            self.title,
            self.workshop.pack,
            action_field,
            question,
            session.assessment.answer(action_field.id, question.id),
            where,
            error=error,
            notices=session.take_notices(),
        )
        return self._html(body, status)

    async def answer(self, request: web.Request) -> web.StreamResponse:
        """Save one answer in the participant's own file, then the next question."""
        person = self.person(request)
        if person is None:  # another browser took the name over, or the server restarted
            return self.join_page(
                error="Diese Antwort ist nicht gespeichert: Ihre Anmeldung gilt nicht mehr "
                "(Ihr Name wurde in einem anderen Browserfenster angemeldet, oder der Server "
                "wurde neu gestartet). Bitte melden Sie sich mit Ihrem Namen noch einmal an "
                "und geben Sie die Antwort erneut ein.",
                status=403,
            )
        form = await _form(request)
        session = person.session
        index, items = self._locate(person, form.get("feld", ""), form.get("frage", ""))
        if index < 0:
            raise web.HTTPNotFound()  # not a question asked today: nothing is written
        action_field, question = items[index]
        allowed: dict[str, int | str] = {str(v): v for v in self.workshop.pack.graded_values}
        allowed.update({UNKNOWN: UNKNOWN, NOT_APPLICABLE: NOT_APPLICABLE})
        typed = form.get("wert", "")
        if typed and typed not in allowed:
            return self._question_page(
                person, index, items, "Diese Antwort gibt es nicht. Bitte wählen Sie eine.", 400
            )
        note = _clean_note(form.get("notiz", ""))
        current = session.assessment.answer(action_field.id, question.id)
        value = allowed[typed] if typed else ...
        old_note = current.note if current is not None else ""
        changed = bool(typed and (current is None or current.value != value)) or note != old_note
        if changed:
            async with person.lock:  # one participant's answers one after the other
                saved = await self._in_thread(
                    partial(session.set_answer, action_field.id, question.id, value, note)
                )
            if not saved:
                error = session.last_error
                reason = error.problems[0].message if error and error.problems else ""
                return self._question_page(
                    person,
                    index,
                    items,
                    f"Die Antwort ist nicht gespeichert ({reason}). Bitte sagen Sie der "
                    "Moderation Bescheid; Ihre Antwort bleibt hier eingetragen.",
                    500,
                )
        if index + 1 < len(items):
            following = items[index + 1]
            raise web.HTTPSeeOther(question_url(following[0].id, following[1].id))
        raise web.HTTPSeeOther("/fertig")

    def summary(self, request: web.Request) -> web.StreamResponse:
        person = self.person(request)
        if person is None:
            raise web.HTTPSeeOther("/")
        session = person.session
        items = person.items
        rows = []
        for action_field in self.workshop.fields:
            own = [q for f, q in items if f.id == action_field.id]
            if not own:
                continue
            open_ids = [
                q
                for q in own
                if not ((a := session.assessment.answer(action_field.id, q.id)) and a.is_answered)
            ]
            rows.append(
                forms.FieldProgress(
                    action_field.title,
                    len(own) - len(open_ids),
                    len(own),
                    question_url(action_field.id, open_ids[0].id) if open_ids else None,
                    question_url(action_field.id, own[0].id),
                )
            )
        body = forms.summary_page(self.title, person.name, rows, session.take_notices())
        return self._html(body)


async def _form(request: web.Request) -> Mapping[str, str]:
    """The posted form's text fields (anything else, or a broken body: empty)."""
    try:
        posted = await request.post()
    except (ValueError, web.HTTPException):
        return {}
    return {k: v for k, v in posted.items() if isinstance(v, str)}


def _clean_note(note: str) -> str:
    """A note as typed: line breaks kept, other control characters removed, bounded."""
    import unicodedata

    note = note.replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(c for c in note if c in "\n\t" or unicodedata.category(c)[0] != "C")
    return kept.strip()[: forms.NOTE_MAX]
