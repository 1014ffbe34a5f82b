"""A closed terminal (SIGHUP) or a shutdown (SIGTERM) ends the app as quitting would.

Before, Python died on the spot: the demo's temporary folder stayed behind for ever.
The real program runs in a pseudo-terminal; the signal arrives while it shows a screen.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from tests.test_typing_pty import Terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")


def _env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    temp = tmp_path / "tmp"
    temp.mkdir()
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
        "TMPDIR": str(temp),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }


@pytest.mark.parametrize("number", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_the_demo_folder_is_removed_after_a_hang_up(tmp_path: Path, number: int) -> None:
    env = _env(tmp_path)
    terminal = Terminal(["demo"], env)
    terminal.wait_for("Musterstadt", timeout=60)
    folders = list((tmp_path / "tmp").glob("weltoffen-demo-*"))
    assert len(folders) == 1, "the demo made its temporary folder"
    os.kill(terminal.pid, number)
    code = terminal.wait_exit(timeout=60)
    assert code == 0, f"the app ended by the signal itself (code {code}), not by quitting"
    assert not folders[0].exists(), "the temporary folder stayed behind"
