"""Participants without a browser: HTTP clients that fill in the workshop's forms.

Each client does what the page makes a browser do: post the access code, post name and
role, then for each question post the form (``feld``, ``frage``, ``wert``) and fetch the
next question the server redirects to. Cookies as a browser keeps them; loopback only.
Used by the load test and the benchmark.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from weltoffen_tui.core.workshop.live import participant_file


@dataclass
class Participant:
    address: str
    code: str
    name: str
    role: str = "Verwaltung"
    latencies: list[float] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)

    async def __aenter__(self) -> Participant:
        assert self.address.startswith("http://127.0.0.1:"), "loopback only"
        self._session = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            timeout=aiohttp.ClientTimeout(total=120),
        )
        response = await self._session.post(
            self.address + "zugang", data={"code": self.code}, allow_redirects=False
        )
        assert response.status == 303, response.status
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._session.close()

    async def get(self, path: str) -> str:
        async with self._session.get(self.address + path.lstrip("/")) as response:
            assert response.status == 200, (path, response.status)
            return await response.text()

    async def join(self) -> str:
        """Name and role: the first question's page (as the browser shows it)."""
        async with self._session.post(
            self.address + "teilnehmen", data={"name": self.name, "role": self.role}
        ) as response:
            page = await response.text()
            assert response.status == 200, (response.status, page)
        assert "Speichern und weiter" in page, page
        self.pages.append(page)
        return page

    def file(self, folder: Path) -> Path:
        return participant_file(folder, self.name)

    async def answer(
        self,
        folder: Path,
        field_id: str,
        question_ids: list[str],
        value: int,
        pace: tuple[float, float] | None = None,
        seed: int = 0,
    ) -> None:
        """Answer each question; time the POST until the answer is in the file.

        ``pace`` (seconds, low and high): before each answer the participant reads for a
        random time in that range (fixed ``seed``); without it they answer at once.
        After each answer the next question's page is fetched, as the browser does.
        """
        path = self.file(folder)
        reading = random.Random(seed)
        for question_id in question_ids:
            if pace is not None:
                await asyncio.sleep(reading.uniform(*pace))
            start = time.perf_counter()
            async with self._session.post(
                self.address + "antwort",
                data={"feld": field_id, "frage": question_id, "wert": str(value), "notiz": ""},
                allow_redirects=False,
            ) as response:
                assert response.status == 303, (response.status, await response.text())
                following = response.headers["Location"]
            await _saved(path, field_id, question_id, value)
            self.latencies.append(time.perf_counter() - start)
            self.pages.append(await self.get(following))


def _holds(path: Path, field_id: str, question_id: str, value: int) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return False
    answer = data.get("answers", {}).get(field_id, {}).get(question_id, {})
    return isinstance(answer, dict) and answer.get("value") == value


async def _saved(path: Path, field_id: str, question_id: str, value: int) -> None:
    """Until the file holds the answer (the server saves before it answers, so the
    first look finds it; polled in case it does not)."""
    deadline = time.monotonic() + 60
    while not _holds(path, field_id, question_id, value):
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
