"""The live workshop's forms behind the gate, in-process (aiohttp's test server).

A participant joins with the access code, name and role, and answers question by
question; every answer is in their own file at once. A POST can only write the own
file, only a question asked today that applies, only a value of the scale, only from
this server's pages; after the end of the round nothing is accepted any more.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.store import assessment_files, load_assessment
from weltoffen_tui.core.workshop import live
from weltoffen_tui.serve.server import COOKIE, LiveServer
from weltoffen_tui.serve.workshop import PERSON_COOKIE, Workshop

CODE = "K7MQ4X"
FIELDS = ("management-steuerung", "interkulturelle-oeffnung")


def _server(folder: Path, pack: Pack, kind: str = "Stadt") -> LiveServer:
    workshop = Workshop(folder, pack, "Musterstadt", kind, FIELDS)
    return LiveServer(workshop, code=CODE, title="Workshop Musterstadt")


@pytest.fixture
async def client(tmp_path: Path, shipped_pack: Pack):  # type: ignore[no-untyped-def]
    live_server = _server(tmp_path, shipped_pack)
    test_client = TestClient(TestServer(live_server.make_app(), host="127.0.0.1"))
    await test_client.start_server()
    test_client.live = live_server  # type: ignore[attr-defined]
    try:
        yield test_client
    finally:
        await live_server.stop()
        await test_client.close()


class Browser:
    """A second browser on the same server: its own cookies."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))

    def post(self, path: str, **kwargs: Any) -> Any:
        return self.session.post(str(self.client.make_url(path)), **kwargs)

    async def close(self) -> None:
        await self.session.close()


async def _login(client: TestClient | Browser) -> None:
    response = await client.post("/zugang", data={"code": CODE}, allow_redirects=False)
    assert response.status == 303


async def _join(
    client: TestClient | Browser, name: str = "Anna Müller", role: str = "Beirat"
) -> str:
    response = await client.post("/teilnehmen", data={"name": name, "role": role})
    assert response.status == 200
    return await response.text()


async def _answer(
    client: TestClient | Browser, field: str, question: str, value: str, note: str = ""
):  # type: ignore[no-untyped-def]
    return await client.post(
        "/antwort",
        data={"feld": field, "frage": question, "wert": value, "notiz": note},
        allow_redirects=False,
    )


def _file(folder: Path, name: str = "Anna Müller") -> Path:
    return live.participant_file(folder, name)


async def test_without_the_code_only_the_form_and_the_stylesheet(
    client: TestClient, tmp_path: Path
) -> None:
    page = await client.get("/")
    assert page.status == 200
    assert 'name="code"' in await page.text()
    for method, path in (
        ("GET", "/frage"),
        ("GET", "/fertig"),
        ("POST", "/teilnehmen"),
        ("POST", "/antwort"),
        ("GET", "/ws"),
        ("GET", "/static/js/textual.js"),
    ):
        response = await client.request(
            method, path, data={"name": "X", "feld": FIELDS[0], "frage": "ms-01", "wert": "3"}
        )
        assert response.status in (403, 404), path
    assert assessment_files(tmp_path) == []
    css = await client.get("/static/live.css")
    assert css.status == 200 and css.content_type == "text/css"


async def test_join_answer_lands_in_the_own_file(client: TestClient, tmp_path: Path) -> None:
    await _login(client)
    page = await _join(client)
    assert "Feld 1 von 2 · Frage 1 von 15" in page
    assert "<details>" in page and "Hilfe zu dieser Frage" in page
    for label in ("1 – Gibt es nicht", "4 – Fest etabliert", "Weiß nicht", "Trifft nicht zu"):
        assert label in page
    assert 'value="weiss_nicht"' in page and 'value="trifft_nicht_zu"' in page
    assert "Speichern und weiter" in page
    cookies = [c for c in client.session.cookie_jar if c.key == PERSON_COOKIE]
    assert len(cookies) == 1 and len(cookies[0].value) >= 40  # random, not the name
    assert cookies[0]["httponly"] and cookies[0]["samesite"] == "Strict"

    response = await _answer(client, FIELDS[0], "ms-01", "3", "Beschluss\r\nvon 2021\x1b[2J")
    assert response.status == 303
    assert response.headers["Location"] == "/frage?feld=management-steuerung&frage=ms-02"
    saved = load_assessment(_file(tmp_path))  # on disk before the answer to the browser
    answer = saved.answer(FIELDS[0], "ms-01")
    assert answer is not None and answer.value == 3
    assert answer.note == "Beschluss\nvon 2021[2J"  # line break kept, escape removed
    assert saved.respondents[0].name == "Anna Müller" and saved.respondents[0].role == "Beirat"
    assert saved.perspective == "Anna Müller (Beirat)"

    await _answer(client, FIELDS[0], "ms-02", "weiss_nicht")
    next_page = await (await client.get("/frage?feld=management-steuerung&frage=ms-03")).text()
    assert "Frage 3 von 15 · 2 von 31 beantwortet" in next_page
    back = await (await client.get("/frage?feld=management-steuerung&frage=ms-01")).text()
    assert re.search(r'value="3" checked', back)  # the answer is shown again
    assert "Beschluss\nvon 2021[2J</textarea>" in back
    assert load_assessment(_file(tmp_path)).answer(FIELDS[0], "ms-02").value == "weiss_nicht"  # type: ignore[union-attr]
    assert [p.name for p in assessment_files(tmp_path)] == [_file(tmp_path).name]


async def test_a_post_writes_only_what_is_asked_today(client: TestClient, tmp_path: Path) -> None:
    await _login(client)
    await _join(client)
    before = _file(tmp_path).read_bytes()
    for field, question, value in (
        ("fairer-zugang", "fz-01", "3"),  # a field not asked today
        (FIELDS[0], "gibtsnicht", "3"),
        ("../../etc", "passwd", "3"),
    ):
        response = await _answer(client, field, question, value)
        assert response.status == 404, (field, question)
    for value in ("7", "0", "true", "<b>"):
        response = await _answer(client, FIELDS[0], "ms-01", value)
        assert response.status == 400
        assert "Diese Antwort gibt es nicht" in await response.text()
    refused = await client.post(
        "/antwort",
        data={"feld": FIELDS[0], "frage": "ms-01", "wert": "4"},
        headers={"Origin": "http://evil.example"},
        allow_redirects=False,
    )
    assert refused.status == 403
    assert _file(tmp_path).read_bytes() == before  # nothing of it was written
    assert len(assessment_files(tmp_path)) == 1


async def test_only_applicable_questions_are_asked(tmp_path: Path, shipped_pack: Pack) -> None:
    """io-16 applies to Landkreise and kreisfreie Städte only: a Gemeinde never sees it."""
    live_server = _server(tmp_path, shipped_pack, kind="Gemeinde")
    async with TestClient(TestServer(live_server.make_app(), host="127.0.0.1")) as client:
        await _login(client)
        await _join(client)
        response = await _answer(client, "interkulturelle-oeffnung", "io-16", "2")
        assert response.status == 404
        response = await _answer(client, "interkulturelle-oeffnung", "io-15", "2")
        assert response.status == 303
        assert "io-16" not in response.headers["Location"]
        await live_server.stop()


async def test_each_cookie_writes_its_own_file(
    tmp_path: Path, shipped_pack: Pack, client: TestClient
) -> None:
    other = Browser(client)
    try:
        await _login(client)
        await _join(client, "Anna Müller")
        await _login(other)
        await _join(other, "Bert Beispiel", "Verein")
        assert (await _answer(client, FIELDS[0], "ms-01", "1")).status == 303
        assert (await _answer(other, FIELDS[0], "ms-01", "4")).status == 303
        anna = load_assessment(_file(tmp_path, "Anna Müller"))
        bert = load_assessment(_file(tmp_path, "Bert Beispiel"))
        assert anna.answer(FIELDS[0], "ms-01").value == 1  # type: ignore[union-attr]
        assert bert.answer(FIELDS[0], "ms-01").value == 4  # type: ignore[union-attr]
        live_server: LiveServer = client.live  # type: ignore[attr-defined]
        assert live_server.participants == 2
    finally:
        await other.close()


async def test_same_name_continues_and_the_old_browser_stops_writing(
    tmp_path: Path, client: TestClient
) -> None:
    await _login(client)
    await _join(client, "Anna Müller")
    await _answer(client, FIELDS[0], "ms-01", "2")
    old = client.session.cookie_jar.filter_cookies(client.make_url("/"))[PERSON_COOKIE].value
    again = Browser(client)
    try:
        await _login(again)
        page = await _join(again, "  anna   MÜLLER ", "Beirat")
        assert "Frage 2 von 15" in page  # on at the first open question of the own file
        await _answer(again, FIELDS[0], "ms-02", "3")
    finally:
        await again.close()
    response = await client.post(
        "/antwort",
        data={"feld": FIELDS[0], "frage": "ms-01", "wert": "4"},
        cookies={PERSON_COOKIE: old},
        allow_redirects=False,
    )
    assert response.status == 403  # told, not silently dropped: join again
    assert "Diese Antwort ist nicht gespeichert" in await response.text()
    saved = load_assessment(_file(tmp_path))
    assert saved.answer(FIELDS[0], "ms-01").value == 2  # type: ignore[union-attr]
    assert saved.answer(FIELDS[0], "ms-02").value == 3  # type: ignore[union-attr]
    assert len(assessment_files(tmp_path)) == 1


async def test_bad_join_explained_and_names_shown_as_text(client: TestClient) -> None:
    await _login(client)
    response = await client.post("/teilnehmen", data={"name": "  \x1b ", "role": ""})
    assert response.status == 400
    assert "Bitte geben Sie Ihren Namen ein" in await response.text()
    await _join(client, '<script>alert(1)</script> "Ann"', "<b>Rolle</b>")
    summary = await (await client.get("/fertig")).text()
    assert "<script>" not in summary and "&lt;script&gt;alert(1)&lt;/script&gt;" in summary
    assert "31 Fragen sind noch offen" in summary


async def test_last_question_leads_to_the_summary(client: TestClient, shipped_pack: Pack) -> None:
    await _login(client)
    await _join(client)
    from weltoffen_tui.core.applicability import field_questions

    items = [
        (f.id, q.id)
        for f in shipped_pack.fields
        if f.id in FIELDS
        for q in field_questions(f, "Stadt", None)
    ]
    location = ""
    for field, question in items:
        response = await _answer(client, field, question, "trifft_nicht_zu")
        location = response.headers["Location"]
    assert location == "/fertig"
    page = await (await client.get("/fertig")).text()
    assert "Vielen Dank! Sie haben alle Fragen für heute beantwortet." in page
    assert (await client.get("/frage", allow_redirects=False)).headers["Location"] == "/fertig"


async def test_pages_have_no_inline_style_or_script_and_a_strict_policy(
    client: TestClient,
) -> None:
    await _login(client)
    pages = [await (await client.get("/")).text(), await _join(client)]
    pages.append(await (await client.get("/fertig")).text())
    for page in pages:
        assert "<script" not in page and "<style" not in page and " style=" not in page
        assert "http://" not in page and "https://" not in page
        assert '<html lang="de">' in page
    policy = (await client.get("/fertig")).headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


async def test_end_of_round_closes_the_forms(client: TestClient, tmp_path: Path) -> None:
    await _login(client)
    await _join(client)
    await _answer(client, FIELDS[0], "ms-01", "3")
    live_server: LiveServer = client.live  # type: ignore[attr-defined]
    await live_server.close_round()
    before = _file(tmp_path).read_bytes()
    for method, path in (
        ("GET", "/"),
        ("GET", "/frage"),
        ("POST", "/antwort"),
        ("POST", "/teilnehmen"),
        ("POST", "/zugang"),
    ):
        response = await client.request(
            method, path, data={"feld": FIELDS[0], "frage": "ms-02", "wert": "1", "code": CODE}
        )
        assert response.status == 403, path
        assert "Die Runde ist beendet" in await response.text()
    assert _file(tmp_path).read_bytes() == before
    assert live_server.participants == 0
    assert COOKIE  # the access cookie no longer opens anything either (checked above)


async def test_an_unexpected_error_gives_a_german_page_not_a_traceback(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weltoffen_tui.core import crashlog

    monkeypatch.setattr(crashlog, "crash_log_dir", lambda: tmp_path)
    live_server: LiveServer = client.live  # type: ignore[attr-defined]
    assert live_server.site is not None

    def broken(request: object) -> None:
        raise RuntimeError("kaputt")

    monkeypatch.setattr(live_server.site, "summary", broken)
    await _login(client)
    await _join(client)
    response = await client.get("/fertig")
    assert response.status == 500
    text = await response.text()
    assert "Ein Fehler ist aufgetreten" in text
    assert "Traceback" not in text and "kaputt" not in text
    assert "RuntimeError: kaputt" in (tmp_path / crashlog.CRASH_LOG_NAME).read_text()
