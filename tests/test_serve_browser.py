"""The live workshop in a real browser: headless Chromium (Debian's) against the server.

Starts ``weltoffen serve --workshop DIR`` on 127.0.0.1 with a free port, types a wrong
and then the right access code, joins with name and role, answers a question with the
keyboard and finds the answer in the participant's own file. JavaScript is switched
off: the forms work without it. Every request of the page goes to the server itself
(nothing from the internet), the content security policy blocks nothing the page
needs, and paths outside the workshop are refused. axe-core finds no violation on
any of the participant's pages.
"""

from __future__ import annotations

import http.client
import json
import os
import time
from pathlib import Path
from typing import Any
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
FIELD = "management-steuerung"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


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


def _wait_for_answer(path: Path, question: str, value: int | str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if path.exists():
            answer = load_assessment(path).answer(FIELD, question)
            if answer is not None and answer.value == value:
                return
        time.sleep(0.1)
    raise AssertionError(f"answer not saved in {path}")


def _axe(page: Any) -> list[tuple[str, str, list[Any]]]:
    from tests.test_accessibility import axe_script

    page.add_script_tag(content=axe_script())
    options = {"runOnly": {"type": "tag", "values": RULES}, "resultTypes": ["violations"]}
    result = page.evaluate(f"axe.run(document, {json.dumps(options)})")
    assert result["testEngine"]["name"] == "axe-core"
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]
    ]


def test_participant_answers_from_the_browser(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    folder = tmp_path / "workshop"
    with (
        serve(folder, "--kommune", "Musterstadt", "--felder", FIELD) as server,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            context = browser.new_context(
                viewport={"width": 400, "height": 800}, java_script_enabled=False
            )
            page = context.new_page()
            requests: list[str] = []
            blocked: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: blocked.append(m.text) if "Refused" in m.text else None)
            page.goto(server.address)

            page.fill("#code", "AAAAAA")  # wrong: refused with a German message
            page.click("button[type=submit]")
            assert "stimmt nicht" in page.inner_text("body")
            assert not list(folder.glob("teilnahme-*.toml"))

            page.fill("#code", server.code.lower())  # typed in lower case: still right
            page.click("button[type=submit]")
            page.get_by_label("Ihr Name").fill("Erika Beispiel")
            page.get_by_label("Ihre Rolle", exact=False).fill("Verein")
            with page.expect_navigation():
                page.keyboard.press("Enter")  # Enter in a field sends the form
            assert "Frage 1 von 15" in page.inner_text("body")

            page.get_by_label("3 – Weitgehend umgesetzt", exact=False).focus()
            page.keyboard.press("Space")  # keyboard only: choose, then the note
            page.get_by_label("Notiz", exact=False).fill("Leitbild von 2021")
            page.get_by_role("button", name="Speichern und weiter").click()
            assert "Frage 2 von 15" in page.inner_text("body")
            own = participant_file(folder, "Erika Beispiel")
            _wait_for_answer(own, "ms-01", 3)
            saved = load_assessment(own)
            assert saved.respondents[0].name == "Erika Beispiel"
            assert saved.respondents[0].role == "Verein"
            assert saved.municipality == "Musterstadt"
            assert saved.answer(FIELD, "ms-01").note == "Leitbild von 2021"  # type: ignore[union-attr]

            page.get_by_label("Weiß nicht").check()
            page.get_by_role("button", name="Speichern und weiter").click()
            _wait_for_answer(own, "ms-02", "weiss_nicht")
            page.get_by_role("link", name="Zur vorigen Frage").click()
            assert page.get_by_label("Weiß nicht").is_checked()  # the answer shown again

            host = urlsplit(server.address).netloc
            outside = [u for u in requests if urlsplit(u).netloc != host]
            assert outside == [], f"the page fetched from elsewhere: {outside}"
            assert blocked == [], blocked  # the policy blocks nothing the page uses

            cookies = context.cookies()
            cookie = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
            assert {c["name"] for c in cookies} == {"weltoffen_zugang", "weltoffen_person"}
            assert all(c["httpOnly"] and c["sameSite"] == "Strict" for c in cookies)
            for path in (
                "/static/../server.py",
                "/static/%2e%2e/server.py",
                "/static/..%2fserver.py",
                "/static/live.css/../../server.py",
                "/../../../etc/passwd",
                "/%2e%2e/%2e%2e/etc/passwd",
                "/static/",
                "/static/js/textual.js",
                "/ws",
                "/download/x",
                "/teilnahme-erika-beispiel.toml",
                f"/{own.name}",
                "/frage?feld=../../etc&frage=passwd",
            ):
                for with_cookie in ("", cookie):
                    status, body = _raw_get(server.address, path, with_cookie)
                    assert status in (403, 404), (path, status)
                    assert b"import" not in body and b"root:" not in body
        finally:
            browser.close()


def test_participant_pages_have_no_axe_violations(tmp_path: Path) -> None:
    """Access form, join form, a question with its help open, and the summary."""
    from playwright.sync_api import sync_playwright

    folder = tmp_path / "workshop"
    with (
        serve(folder, "--kommune", "Musterstadt", "--felder", FIELD) as server,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            # axe is injected as a script: only this context lets it past the policy.
            page = browser.new_context(bypass_csp=True).new_page()
            found: dict[str, list[Any]] = {}
            page.goto(server.address)
            found["Zugangscode"] = _axe(page)
            page.fill("#code", server.code)
            page.click("button[type=submit]")
            found["Beitritt"] = _axe(page)
            page.get_by_label("Ihr Name").fill("Axel Prüfer")
            page.get_by_role("button", name="Teilnehmen").click()
            page.click("summary")
            found["Frage"] = _axe(page)
            page.get_by_label("Trifft nicht zu").check()
            page.get_by_role("button", name="Speichern und weiter").click()
            found["Frage mit Zurück"] = _axe(page)
            page.get_by_role("link", name="Übersicht Ihrer Antworten").click()
            assert "Ihre Antworten" in page.inner_text("h1")
            found["Übersicht"] = _axe(page)
            page.goto(server.address + "gibtsnicht")
            found["Nicht gefunden"] = _axe(page)
        finally:
            browser.close()
    assert {name: v for name, v in found.items() if v} == {}
