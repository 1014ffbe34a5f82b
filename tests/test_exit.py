"""The console script ends without the collector's last pass, and with main()'s code.

Why: ``cli.entry.run`` freezes the objects of a finished command so that the
interpreter's shutdown does not walk them all again (``benchmarks/run.py``, report).
It must still exit with the command's exit code and flush what the command printed.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from weltoffen_tui.paths import sample_path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import atexit, gc, sys
atexit.register(lambda: print("frozen", gc.get_freeze_count() > 0, file=sys.stderr))
sys.argv = ["weltoffen", *sys.argv[1:]]
from weltoffen_tui.cli import run
run()
"""


def _probe(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT, timeout=60
    )


def test_the_console_script_is_run() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["scripts"]["weltoffen"] == "weltoffen_tui.cli:run"
    assert "run()" in (ROOT / "weltoffen_tui" / "__main__.py").read_text(encoding="utf-8")


def test_a_report_is_printed_whole_and_its_objects_frozen() -> None:
    done = _probe("report", str(sample_path()))
    assert done.returncode == 0, done.stderr
    plain = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from weltoffen_tui.cli import main; sys.exit(main(sys.argv[1:]))",
            "report",
            str(sample_path()),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert "Musterstadt" in done.stdout.splitlines()[0]
    assert done.stdout == plain.stdout  # nothing lost at the end
    assert "frozen True" in done.stderr


def test_an_error_keeps_its_exit_code() -> None:
    done = _probe("report", "gibt-es-nicht.toml")
    assert done.returncode == 2
    assert "Datei nicht gefunden" in done.stderr
    assert "frozen True" in done.stderr
