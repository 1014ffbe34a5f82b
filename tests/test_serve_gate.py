"""The access gate of ``weltoffen serve``: nothing without the code, nothing outside.

Runs the aiohttp app of LiveServer in-process on loopback (aiohttp's test server);
the browser test covers the same gate with a real browser and app processes.
"""

from __future__ import annotations

import re

import pytest
from aiohttp.test_utils import TestClient, TestServer

from weltoffen_tui.serve import server as serve_module
from weltoffen_tui.serve.server import COOKIE, MAX_FAILURES, LiveServer, app_command

CODE = "K7MQ4X"


@pytest.fixture
async def client():  # type: ignore[no-untyped-def]
    live = LiveServer(["true"], code=CODE, title="Workshop Musterstadt")
    test_client = TestClient(TestServer(live.make_app(), host="127.0.0.1"))
    await test_client.start_server()
    test_client.live = live  # type: ignore[attr-defined]
    try:
        yield test_client
    finally:
        await test_client.close()


async def _login(client: TestClient, code: str = CODE) -> None:
    response = await client.post("/zugang", data={"code": code}, allow_redirects=False)
    assert response.status == 303
    assert COOKIE in response.cookies


async def test_without_the_code_only_the_form(client: TestClient) -> None:
    page = await client.get("/")
    assert page.status == 200
    text = await page.text()
    assert 'name="code"' in text and "Zugangscode" in text
    assert "textual.js" not in text  # the app page only with the code
    for path in ("/ws", "/static/js/textual.js", "/static/css/xterm.css", "/irgendwas"):
        response = await client.get(path)
        assert response.status == 403, path
        assert "Zugangscode" in await response.text()


async def test_wrong_code_refused_in_german(client: TestClient) -> None:
    response = await client.post("/zugang", data={"code": "AAAAAA"}, allow_redirects=False)
    assert response.status == 403
    assert "stimmt nicht" in await response.text()
    assert COOKIE not in response.cookies
    assert (await client.get("/static/js/textual.js")).status == 403


async def test_code_typed_loosely_is_accepted(client: TestClient) -> None:
    await _login(client, " k7m-q4x ")
    page = await client.get("/")
    text = await page.text()
    assert "textual.js" in text
    assert (await client.get("/static/js/textual.js")).status == 200


async def test_with_the_code_nothing_outside_the_fixed_files(client: TestClient) -> None:
    await _login(client)
    for path in (
        "/static/",
        "/static/css/",
        "/static/js",
        "/static/images/background.png",  # not needed by the page: not served
        "/static/../server.py",
        "/static/%2e%2e/server.py",
        "/static/..%2fserver.py",
        "/static/css/../../server.py",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/static//etc/passwd",
        "/download/abc",
        "/templates/app_index.html",
    ):
        response = await client.get(path)
        assert response.status == 404, path
        body = await response.read()
        assert b"import" not in body and b"root:" not in body
        assert "Diese Seite gibt es hier nicht" in body.decode()


async def test_page_loads_nothing_from_the_internet(client: TestClient) -> None:
    await _login(client)
    text = await (await client.get("/")).text()
    urls = re.findall(r'(?:src|href)="([^"]+)"', text) + re.findall(r'url\("([^"]+)"\)', text)
    assert urls, text
    assert all(u.startswith("/static/") for u in urls), urls
    assert "googleapis" not in text and "https://" not in text
    css = await (await client.get("/static/css/xterm.css")).text()
    assert "@import" not in css and "url(http" not in css.replace(" ", "")
    policy = (await client.get("/")).headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy


async def test_other_site_cannot_open_the_websocket(client: TestClient) -> None:
    await _login(client)
    response = await client.get(
        "/ws", headers={"Origin": "http://evil.example", "Upgrade": "websocket"}
    )
    assert response.status == 403


async def test_too_many_wrong_codes_pause(client: TestClient) -> None:
    for _ in range(MAX_FAILURES):
        response = await client.post("/zugang", data={"code": "AAAAAA"})
        assert response.status == 403
    response = await client.post("/zugang", data={"code": CODE}, allow_redirects=False)
    assert response.status == 429  # even the right code waits: no guessing at speed
    assert "warten Sie eine Minute" in await response.text()


async def test_ended_round_accepts_nobody(client: TestClient) -> None:
    await _login(client)
    live: LiveServer = client.live  # type: ignore[attr-defined]
    await live.close_round()
    for method, path in (("GET", "/"), ("POST", "/zugang"), ("GET", "/ws")):
        response = await client.request(method, path, data={"code": CODE})
        assert response.status == 403, path
        assert "Runde ist beendet" in await response.text()


def test_app_command_quotes_every_part() -> None:
    command = app_command(["/x/python", "-m", "m", "--workshop", "/tmp/a b; rm -rf ~"], {"A": "1"})
    assert command == "A=1 exec /x/python -m m --workshop '/tmp/a b; rm -rf ~'"


def test_share_host_names_this_machine() -> None:
    assert serve_module.share_host("127.0.0.1") == "127.0.0.1"
    assert serve_module.share_host("0.0.0.0") not in ("0.0.0.0", "")
    assert serve_module.is_loopback("127.0.0.1") and not serve_module.is_loopback("0.0.0.0")
