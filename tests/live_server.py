"""Start ``weltoffen serve`` as a user would (a subprocess on loopback) for the serve tests.

The server prints its address and access code; the helper waits for both (bounded),
and always stops the server at the end: SIGINT first (as Ctrl+C), then kill.
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

START_TIMEOUT = 60.0


@dataclass
class Running:
    address: str
    code: str
    process: subprocess.Popen[str]
    output: list[str]


def _read_lines(process: subprocess.Popen[str], until: str, deadline: float) -> list[str]:
    """The server's first lines, up to the one containing ``until`` (bounded in time)."""
    assert process.stdout is not None
    stdout = process.stdout
    found: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in stdout:
            found.put(line.rstrip("\n"))
            if until in line:
                return  # the rest is left for the test (communicate)
        found.put(None)

    threading.Thread(target=pump, daemon=True).start()
    lines: list[str] = []
    while time.monotonic() < deadline:
        try:
            line = found.get(timeout=0.5)
        except queue.Empty:
            continue
        if line is None:
            break
        lines.append(line)
        if until in line:
            return lines
    raise AssertionError(f"server did not start: {lines!r}")


@contextlib.contextmanager
def serve(folder: Path, *extra: str, env: dict[str, str] | None = None) -> Iterator[Running]:
    command = [sys.executable, "-m", "weltoffen_tui", "serve", "--workshop", str(folder)]
    command += ["--host", "127.0.0.1", "--port", "0", "--ohne-oberflaeche", *extra]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        start_new_session=True,
    )
    try:
        lines = _read_lines(process, "Zugangscode", time.monotonic() + START_TIMEOUT)
        address = re.search(r"http://[^\s]+", "\n".join(lines))
        code = re.search(r"Zugangscode: (\w+)", "\n".join(lines))
        assert address and code, lines
        yield Running(address.group(0), code.group(1), process, lines)
    finally:
        stop(process)


def stop(process: subprocess.Popen[str], timeout: float = 20.0) -> None:
    """Ctrl+C, then wait (bounded); kill the whole group if it does not end."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
