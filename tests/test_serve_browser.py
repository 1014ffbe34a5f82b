"""The live workshop in a real browser: headless Chromium (Debian's) against the server.

Starts ``weltoffen serve --workshop DIR`` on 127.0.0.1 with a free port, types a wrong
and then the right access code, joins with a name, answers a question and finds the
answer in the participant's own file. Every request of the page goes to the server
itself (nothing from the internet). Paths outside the workshop are refused.
"""

from __future__ import annotations

import http.client
import os
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.live_server import serve
from weltoffen_tui.core.storage.store import load_assessment
from weltoffen_tui.core.workshop.live import participant_file

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium fehlt (Debian-Paket chromium)"
)
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
WAIT_MS = 60_000


class Screen:
    """What the app sent to the page (xterm.js draws on a canvas, so the test reads the
    websocket frames the page receives, as the page does)."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.received = bytearray()
        page.on("websocket", self._watch)

    def _watch(self, websocket) -> None:  # type: ignore[no-untyped-def]
        websocket.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        self.received += payload if isinstance(payload, bytes) else payload.encode()

    def mark(self) -> int:
        return len(self.received)

    def wait_for(self, text: str, since: int = 0) -> None:
        deadline = time.monotonic() + WAIT_MS / 1000
        wanted = text.encode("utf-8")
        while wanted not in self.received[since:]:
            assert time.monotonic() < deadline, f"{text!r} never shown"
            self.page.wait_for_timeout(100)  # lets Playwright deliver the frames


def _wait_for_answer(path: Path, field: str, question: str, value: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if path.exists():
            answer = load_assessment(path).answer(field, question)
            if answer is not None and answer.value == value:
                return
        time.sleep(0.1)
    raise AssertionError(f"answer not saved in {path}")


def _raw_get(address: str, path: str, cookie: str = "") -> tuple[int, bytes]:
    """A GET with the path sent exactly as written (no client normalises ``..``)."""
    parts = urlsplit(address)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        if cookie:
            connection.putheader("Cookie", cookie)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_participant_answers_from_the_browser(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    folder = tmp_path / "workshop"
    with serve(folder, "--kommune", "Musterstadt") as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 800})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            screen = Screen(page)
            page.goto(server.address)

            page.fill("#code", "AAAAAA")  # wrong: refused with a German message
            page.click("button[type=submit]")
            assert "stimmt nicht" in page.inner_text("body")
            assert not list(folder.glob("teilnahme-*.toml"))

            page.fill("#code", server.code.lower())  # typed in lower case: still right
            page.click("button[type=submit]")
            screen.wait_for("Ihr Name")
            page.focus(".xterm-helper-textarea")  # keys to the terminal, no click on a field
            page.keyboard.type("Erika Beispiel")
            page.keyboard.press("Enter")
            page.keyboard.type("Verein")
            mark = screen.mark()
            page.keyboard.press("Enter")
            screen.wait_for("Gespeichert", since=mark)  # the field screen's save status
            page.keyboard.press("3")
            own = participant_file(folder, "Erika Beispiel")
            _wait_for_answer(own, "management-steuerung", "ms-01", 3)
            saved = load_assessment(own)
            assert saved.respondents[0].name == "Erika Beispiel"
            assert saved.respondents[0].role == "Verein"
            assert saved.municipality == "Musterstadt"

            host = urlsplit(server.address).netloc
            outside = [u for u in requests if urlsplit(u).netloc != host]
            assert outside == [], f"the page fetched from elsewhere: {outside}"

            cookies = page.context.cookies()
            cookie = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
            assert cookie
            for path in (
                "/static/../server.py",
                "/static/%2e%2e/server.py",
                "/static/..%2fserver.py",
                "/../../../etc/passwd",
                "/%2e%2e/%2e%2e/etc/passwd",
                "/static/",
                "/static/css/",
                "/download/x",
                "/teilnahme-erika-beispiel.toml",
            ):
                for with_cookie in ("", cookie):
                    status, body = _raw_get(server.address, path, with_cookie)
                    assert status in (403, 404), (path, status)
                    assert b"import" not in body and b"root:" not in body
        finally:
            browser.close()
