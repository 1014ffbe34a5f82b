"""The web server: an access gate in front of the app in a browser, or the live workshop.

Without a workshop (``weltoffen serve``), each browser that knows the access code gets
its own app process (textual-serve's ``AppService``, which speaks the web driver's
protocol over the process's stdin and stdout). The gate is an aiohttp middleware: the
access form and its answer are the only things served without the access cookie; with
it, only the app page, its websocket and a fixed list of textual-serve's own files (no
directory listing, no path from the request ever reaches the file system). Every other
path gets 404.

With a workshop (``weltoffen serve --workshop``) there is no app process: participants
answer in plain HTML forms served by this process (``serve/workshop.py``), behind the
same gate, with a stricter content security policy (no inline style or script at all).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import secrets
import shlex
import socket
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from aiohttp import WSMsgType, web

from weltoffen_tui.core.errors import Problem, UserError
from weltoffen_tui.core.workshop.live import code_matches, new_access_code
from weltoffen_tui.serve import forms, pages
from weltoffen_tui.serve.workshop import Workshop, WorkshopSite

if TYPE_CHECKING:
    from textual_serve.app_service import AppService

COOKIE = "weltoffen_zugang"
# textual-serve's files the page needs, by the path the page asks for.
STATIC_FILES = {
    "css/xterm.css": "text/css",
    "js/textual.js": "text/javascript",
    "fonts/RobotoMono-VariableFont_wght.ttf": "font/ttf",
    "fonts/RobotoMono-Italic-VariableFont_wght.ttf": "font/ttf",
}
# Wrong codes: at most this many per address within the window, then a pause.
MAX_FAILURES = 10
FAILURE_WINDOW = 60.0
# A browser's terminal size is clamped to this (a huge size would make the app allocate).
MIN_SIZE, MAX_COLUMNS, MAX_ROWS = 10, 400, 200
STOP_TIMEOUT = 5.0

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' "
        "'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self' ws: wss:; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
# The participants' forms need nothing but this server's stylesheet.
WORKSHOP_HEADERS = {
    **SECURITY_HEADERS,
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    # With "no-referrer" a browser sends "Origin: null" with a form, and the same-origin
    # check could not tell this server's own forms from another site's.
    "Referrer-Policy": "same-origin",
}
WORKSHOP_CSS = Path(__file__).resolve().parent / "live.css"


def static_root() -> Path:
    """textual-serve's static folder (its xterm.js client and fonts ship in the package)."""
    import textual_serve

    return Path(textual_serve.__file__).resolve().parent / "static"


def app_command(argv: Sequence[str], env: Mapping[str, str] | None = None) -> str:
    """The shell command textual-serve runs for each browser (``exec``: no extra shell).

    Every part is quoted: a folder name with spaces or ``;`` stays one argument.
    """
    assignments = [f"{key}={shlex.quote(value)}" for key, value in (env or {}).items()]
    return " ".join([*assignments, "exec", *(shlex.quote(part) for part in argv)])


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def share_host(host: str) -> str:
    """The address others type: this machine's address in the network for 0.0.0.0."""
    if host not in ("0.0.0.0", "::", ""):
        return host
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 1))  # no packet is sent: it only picks a route
        found = str(probe.getsockname()[0])
    except OSError:
        found = socket.gethostname()
    finally:
        probe.close()
    return found


def _clamp(value: object, low: int, high: int, default: int) -> int:
    try:
        number = int(str(value))
    except ValueError:
        return default
    return max(low, min(high, number))


class LiveServer:
    """The server of ``weltoffen serve``: access code, gate, and one app per browser or
    the workshop's forms (``app`` is the app's command line or a Workshop)."""

    def __init__(
        self,
        app: Sequence[str] | Workshop,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        title: str = "Selbstcheck Weltoffene Kommune",
        code: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.site: WorkshopSite | None = None
        if isinstance(app, Workshop):
            self.site = WorkshopSite(app, title)
            self.command = ""
        else:
            self.command = app_command(app, env)
        self.host = host
        self.port = port
        self.title = title
        self.code = code or new_access_code()
        self.accepting = True
        self._token = secrets.token_urlsafe(32)
        self._failures: dict[str, list[float]] = {}
        self._services: set[AppService] = set()
        self._runner: web.AppRunner | None = None
        self._static = static_root()

    # ------------------------------------------------------------------ running

    def make_app(self) -> web.Application:
        if self.site is not None:
            return self._workshop_app(self.site)
        app = web.Application(middlewares=[self._gate], client_max_size=4096)
        app.add_routes(
            [
                web.get("/", self._index),
                web.post("/zugang", self._login),
                web.get("/ws", self._websocket),
                web.get("/static/{name:.+}", self._static_file),
            ]
        )
        return app

    def _workshop_app(self, site: WorkshopSite) -> web.Application:
        app = web.Application(middlewares=[self._gate], client_max_size=16 * 1024)

        async def css(request: web.Request) -> web.StreamResponse:
            response = web.FileResponse(WORKSHOP_CSS)
            response.content_type = "text/css"
            return response

        async def index(request: web.Request) -> web.StreamResponse:
            if not self._allowed(request):
                return self._html(forms.access_form(self.title))
            return site.index(request)

        async def question(request: web.Request) -> web.StreamResponse:
            return site.question(request)

        async def summary(request: web.Request) -> web.StreamResponse:
            return site.summary(request)

        app.add_routes(
            [
                web.get("/", index),
                web.post("/zugang", self._login),
                web.post("/teilnehmen", site.join),
                web.get("/frage", question),
                web.post("/antwort", site.answer),
                web.get("/fertig", summary),
                web.get(forms.STYLESHEET, css),
            ]
        )
        return app

    async def start(self) -> None:
        """Listen on host and port (port 0: a free one, then in ``self.port``)."""
        runner = web.AppRunner(self.make_app(), access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except OSError as exc:
            await runner.cleanup()
            raise UserError(
                [
                    Problem(
                        Path(f"{self.host}:{self.port}"),
                        f"Der Server kann hier nicht starten ({exc.strerror or exc})",
                        "Ist der Port schon belegt, wählen Sie mit --port einen anderen "
                        "(z. B. --port 8765); mit --host eine Adresse dieses Rechners.",
                    )
                ]
            ) from None
        self._runner = runner
        server = getattr(site, "_server", None)
        sockets = getattr(server, "sockets", None) or []
        if sockets:
            self.port = int(sockets[0].getsockname()[1])

    async def stop(self) -> None:
        """Stop every app (their answers are saved already) and the server."""
        self.accepting = False
        await self.stop_apps()
        if self.site is not None:
            self.site.close_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def close_round(self) -> None:
        """End the round: no one joins or answers any more, and every open app ends."""
        self.accepting = False
        await self.stop_apps()
        if self.site is not None:
            self.site.close_all()

    async def stop_apps(self) -> None:
        services = list(self._services)
        await asyncio.gather(*(self._stop_service(s) for s in services), return_exceptions=True)

    async def _stop_service(self, service: AppService) -> None:
        try:
            await asyncio.wait_for(service.stop(), STOP_TIMEOUT)
        except (TimeoutError, OSError, RuntimeError):
            process = getattr(service, "_process", None)
            if process is not None and process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
        self._services.discard(service)

    @property
    def participants(self) -> int:
        """How many browsers have an app open now (workshop: answered lately)."""
        if self.site is not None:
            return self.site.connected
        return len(self._services)

    @property
    def address(self) -> str:
        return f"http://{share_host(self.host)}:{self.port}/"

    # ------------------------------------------------------------------ the gate

    def _allowed(self, request: web.Request) -> bool:
        cookie = request.cookies.get(COOKIE, "")
        return bool(cookie) and hmac.compare_digest(cookie.encode(), self._token.encode())

    @web.middleware
    async def _gate(
        self,
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> web.StreamResponse:
        """Only the form (``/``, ``/zugang``) without the cookie; then headers on all.

        For the workshop also: its stylesheet without the cookie, a POST only from this
        server's own pages, and after the end of the round only the closing message.
        """
        workshop = self.site is not None
        try:
            open_paths = request.path in ("/", "/zugang")
            if workshop and request.path == forms.STYLESHEET:
                response: web.StreamResponse = await handler(request)
            elif workshop and not self.accepting:
                response = self._closed()
            elif (not open_paths and not self._allowed(request)) or (
                workshop and request.method == "POST" and not self._same_origin(request)
            ):
                response = self._refused()
            else:
                response = await handler(request)
        except web.HTTPRedirection as redirect:
            redirect.headers.update(WORKSHOP_HEADERS if workshop else SECURITY_HEADERS)
            raise
        except web.HTTPNotFound:
            response = self._html(
                self._message("Nicht gefunden", "Diese Seite gibt es hier nicht."), 404
            )
        except web.HTTPMethodNotAllowed:
            response = self._html(
                self._message("Nicht erlaubt", "Diese Anfrage ist hier nicht erlaubt."), 405
            )
        except web.HTTPException:
            raise
        except Exception as exc:
            if not workshop:
                raise
            from weltoffen_tui.core.crashlog import write_crash_log

            write_crash_log(exc)  # the details in the crash log, never on the page
            response = self._html(
                self._message(
                    "Ein Fehler ist aufgetreten",
                    "Diese Anfrage konnte nicht bearbeitet werden; Ihre gespeicherten "
                    "Antworten bleiben erhalten. Bitte versuchen Sie es noch einmal, und wenn "
                    "es wieder nicht klappt, sagen Sie der Moderation Bescheid.",
                ),
                500,
            )
        if not response.prepared:
            response.headers.update(WORKSHOP_HEADERS if workshop else SECURITY_HEADERS)
        return response

    def _html(self, text: str, status: int = 200) -> web.Response:
        return web.Response(text=text, status=status, content_type="text/html", charset="utf-8")

    def _access_form(self, error: str = "") -> str:
        if self.site is not None:
            return forms.access_form(self.title, error)
        return pages.access_form(self.title, error)

    def _message(self, title: str, text: str) -> str:
        if self.site is not None:
            return forms.message(title, text)
        return pages.message(title, text)

    def _refused(self) -> web.Response:
        return self._html(
            self._message(
                "Kein Zugang",
                "Ohne den Zugangscode ist hier nichts zu sehen. Öffnen Sie die Startseite "
                "dieser Adresse und geben Sie den Code ein, den die Moderation zeigt.",
            ),
            403,
        )

    def _closed(self) -> web.Response:
        return self._html(
            self._message(
                "Die Runde ist beendet",
                "Es können keine Antworten mehr eingegeben werden. Die abgegebenen "
                "Antworten sind gespeichert.",
            ),
            403,
        )

    async def _index(self, request: web.Request) -> web.Response:
        if not self.accepting:
            return self._closed()
        if not self._allowed(request):
            return self._html(pages.access_form(self.title))
        scheme = "wss" if request.secure else "ws"
        return self._html(pages.app_page(self.title, f"{scheme}://{request.host}/ws"))

    def _too_many(self, remote: str) -> bool:
        now = time.monotonic()
        recent = [t for t in self._failures.get(remote, []) if now - t < FAILURE_WINDOW]
        self._failures[remote] = recent
        return len(recent) >= MAX_FAILURES

    async def _login(self, request: web.Request) -> web.Response:
        if not self.accepting:
            return self._closed()
        remote = request.remote or "?"
        if self._too_many(remote):
            return self._html(
                self._access_form(
                    "Zu viele falsche Codes von diesem Gerät. Bitte warten Sie eine Minute "
                    "und versuchen Sie es dann noch einmal.",
                ),
                429,
            )
        try:
            form = await request.post()
        except (ValueError, web.HTTPException):
            form = {}  # type: ignore[assignment]
        typed = form.get("code", "")
        if isinstance(typed, str) and code_matches(typed, self.code):
            response = web.HTTPSeeOther("/")
            response.set_cookie(COOKIE, self._token, httponly=True, samesite="Strict", path="/")
            response.headers.update(SECURITY_HEADERS)
            raise response
        self._failures.setdefault(remote, []).append(time.monotonic())
        return self._html(
            self._access_form(
                "Dieser Zugangscode stimmt nicht. Bitte prüfen Sie ihn (er steht auf dem "
                "Bildschirm der Moderation) und geben Sie ihn noch einmal ein.",
            ),
            403,
        )

    async def _static_file(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        kind = STATIC_FILES.get(name)
        if kind is None:  # a fixed list: nothing else of the disk, no listing, no ".."
            raise web.HTTPNotFound()
        response = web.FileResponse(self._static / name)
        response.content_type = kind
        return response

    # ------------------------------------------------------------------ the app

    def _same_origin(self, request: web.Request) -> bool:
        """A browser sends Origin: it must be this server (no other site's page)."""
        origin = request.headers.get("Origin")
        if origin is None:
            return True
        from yarl import URL

        try:
            url = URL(origin)
        except ValueError:
            return False
        return url.host is not None and f"{url.host}:{url.port}" == _host_port(request)

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        if not self.accepting:
            return self._closed()
        if not self._same_origin(request):
            return self._refused()
        from textual_serve.app_service import AppService
        from textual_serve.download_manager import DownloadManager

        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=64 * 1024)
        width = _clamp(request.query.get("width", "80"), MIN_SIZE, MAX_COLUMNS, 80)
        height = _clamp(request.query.get("height", "24"), MIN_SIZE, MAX_ROWS, 24)
        await websocket.prepare(request)

        async def close() -> None:
            await websocket.close()

        service = AppService(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=DownloadManager(),
        )
        self._services.add(service)
        try:
            await service.start(width, height)
            # An app that ends by itself (Ctrl+Q, an error) closes the browser's page too.
            ended = getattr(service, "_task", None)
            if ended is not None:
                ended.add_done_callback(lambda _: asyncio.ensure_future(websocket.close()))
            await self._relay(websocket, service)
        except (asyncio.CancelledError, ConnectionError):
            pass
        finally:
            await self._stop_service(service)
            await websocket.close()
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, service: AppService) -> None:
        """The browser's keys and sizes to the app (anything else is ignored)."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind = envelope[0]
            data = envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await service.set_terminal_size(
                    _clamp(data.get("width"), MIN_SIZE, MAX_COLUMNS, 80),
                    _clamp(data.get("height"), MIN_SIZE, MAX_ROWS, 24),
                )
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()


def _host_port(request: web.Request) -> str:
    """``host:port`` the request was sent to (the port filled in when the Host omits it)."""
    from yarl import URL

    url = URL(f"http://{request.host}")
    return f"{url.host}:{url.port}"


async def serve_until_stopped(server: LiveServer, announce: Callable[[], None]) -> None:
    """Run ``server`` until SIGINT or SIGTERM (Ctrl+C), then stop every app cleanly."""
    import signal

    loop = asyncio.get_running_loop()
    stopped = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stopped.set)
    await server.start()
    try:
        announce()
        await stopped.wait()
    finally:
        await server.stop()
