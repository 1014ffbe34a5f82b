"""Participants without a browser: websocket clients speaking textual-serve's protocol.

The page's JavaScript client sends JSON lists over ``/ws`` (``["stdin", keys]``,
``["resize", {"width", "height"}]``, ``["ping", …]``) and receives the app's terminal
output as binary frames; these clients do the same, on loopback only. Used by the load
test and the benchmark.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from weltoffen_tui.core.storage.store import load_assessment
from weltoffen_tui.core.workshop.live import participant_file

DOWN = "\x1b[B"


@dataclass
class Participant:
    address: str
    code: str
    name: str
    role: str = "Verwaltung"
    received: bytearray = field(default_factory=bytearray)
    latencies: list[float] = field(default_factory=list)

    async def __aenter__(self) -> Participant:
        assert self.address.startswith("http://127.0.0.1:"), "loopback only"
        self._session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        response = await self._session.post(
            self.address + "zugang", data={"code": self.code}, allow_redirects=False
        )
        assert response.status == 303, response.status
        self._ws = await self._session.ws_connect(
            self.address.replace("http://", "ws://") + "ws?width=100&height=30"
        )
        self._reader = asyncio.create_task(self._read())
        await self._ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._ws.close()
        self._reader.cancel()
        await self._session.close()

    async def _read(self) -> None:
        async for message in self._ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.received += message.data

    async def wait_for(self, text: str, since: int = 0, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        wanted = text.encode("utf-8")
        while wanted not in self.received[since:]:
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: {text!r} never shown")
            await asyncio.sleep(0.05)

    async def keys(self, text: str) -> None:
        await self._ws.send_str(json.dumps(["stdin", text]))

    async def join(self) -> None:
        await self.wait_for("Ihr Name")
        await self.keys(self.name)
        await self.keys("\r")
        await self.keys(self.role)
        mark = len(self.received)
        await self.keys("\r")
        await self.wait_for("Gespeichert", since=mark)  # the field screen's save status

    def file(self, folder: Path) -> Path:
        return participant_file(folder, self.name)

    async def answer(
        self, folder: Path, field_id: str, question_ids: list[str], value: int
    ) -> None:
        """Answer each question (digit, then ↓) and time key press → answer in the file."""
        path = self.file(folder)
        for question_id in question_ids:
            before = _stamp(path)
            start = time.perf_counter()
            await self.keys(str(value))
            await _saved(path, before, field_id, question_id, value)
            self.latencies.append(time.perf_counter() - start)
            await self.keys(DOWN)


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_ino)


async def _saved(
    path: Path, before: tuple[int, int], field_id: str, question_id: str, value: int
) -> None:
    """Until the file holds the answer: a cheap stat poll, parsed when it changed."""
    deadline = time.monotonic() + 60
    while True:
        now = _stamp(path)
        if now != before:
            before = now
            try:
                answer = load_assessment(path).answer(field_id, question_id)
            except Exception:  # half-written never happens (atomic), but keep polling
                answer = None
            if answer is not None and answer.value == value:
                return
        if time.monotonic() > deadline:
            raise AssertionError(f"{path.name}: {question_id} never saved")
        await asyncio.sleep(0.005)


def tree_memory(root: int) -> tuple[int, int]:
    """(RSS, PSS) in KiB of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                parts = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(parts[1]), []).append(int(entry))
    rss = pss = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
    return rss, pss
