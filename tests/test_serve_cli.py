"""``weltoffen serve`` on the command line: German refusals (exit 2), Ctrl+C ends cleanly."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

from tests.live_server import serve


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "weltoffen_tui", "serve", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_unknown_field_refused_with_the_possible_ones(tmp_path: Path) -> None:
    result = _run("--workshop", str(tmp_path), "--kommune", "X", "--felder", "gibtsnicht")
    assert result.returncode == 2
    assert "Unbekannte Handlungsfelder: gibtsnicht" in result.stderr
    assert "management-steuerung" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_empty_folder_needs_the_municipality(tmp_path: Path) -> None:
    result = _run("--workshop", str(tmp_path / "neu"), "--ohne-oberflaeche")
    assert result.returncode == 2
    assert "--kommune" in result.stderr and "Traceback" not in result.stderr


def test_port_in_use_is_explained(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _run(
            "--workshop", str(tmp_path), "--kommune", "X", "--port", str(port), "--ohne-oberflaeche"
        )
    assert result.returncode == 2
    assert "kann hier nicht starten" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr


def test_ctrl_c_ends_with_a_german_line_and_no_traceback(tmp_path: Path) -> None:
    with serve(tmp_path, "--kommune", "Musterstadt") as server:
        assert server.address.startswith("http://127.0.0.1:")
        assert len(server.code) == 6
        server.process.send_signal(signal.SIGINT)
        out, err = server.process.communicate(timeout=30)
    assert server.process.returncode == 0
    assert "Der Server ist beendet" in out
    assert "Traceback" not in out + err


def test_network_address_prints_a_warning(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "weltoffen_tui", "serve", "--data-dir", str(tmp_path)]
    process = subprocess.Popen(
        [*command, "--host", "0.0.0.0", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        address = process.stdout.readline()
    finally:
        process.send_signal(signal.SIGINT)
        _out, _ = process.communicate(timeout=30)
    assert "im Netzwerk erreichbar" in first and "Zugangscode" in first
    assert address.startswith("Selbstcheck im Browser: http://")
    assert "0.0.0.0" not in address  # the address others type
