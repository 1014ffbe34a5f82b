"""Monkey test: thousands of random keys and clicks across all screens (seeded).

CI presses a reduced number; set WELTOFFEN_MONKEY_KEYS (e.g. 10000) for the full run:
``WELTOFFEN_MONKEY_KEYS=10000 bash scripts/test.sh tests/test_monkey.py``.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

from weltoffen_tui.core.storage.store import load_assessment
from weltoffen_tui.paths import sample_path
from weltoffen_tui.tui.app import WeltoffenApp

PRESSES = int(os.environ.get("WELTOFFEN_MONKEY_KEYS", "800"))
SEED = int(os.environ.get("WELTOFFEN_MONKEY_SEED", "1125"))
KEYS = [
    *"1234wthenvozmxbrk",
    "a",
    "ä",
    "[",
    "/",
    "up",
    "down",
    "left",
    "right",
    "tab",
    "shift+tab",
    "enter",
    "escape",
    "space",
    "delete",
    "backspace",
    "pageup",
    "pagedown",
    "home",
    "end",
    "ctrl+b",
    "ctrl+f",
    "ctrl+s",
    "ctrl+t",
    "ctrl+p",
    "f1",
    "question_mark",
]
# Quitting would end the run early; the quit keys are tested elsewhere.
QUIT_KEYS = {"q", "ctrl+q", "ctrl+c"}


async def test_random_keys_and_clicks(tmp_path: Path, sample_copy: Path) -> None:
    """Random input; when the user quits on purpose (say via the palette), start again."""
    rng = random.Random(SEED)
    for sample in sample_path().parent.glob("*.toml"):  # perspectives too: compare, workshop
        if sample.name != sample_copy.name:
            shutil.copyfile(sample, sample_copy.parent / sample.name)
    done = restarts = 0
    while done < PRESSES:
        app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            while done < PRESSES and app.is_running:
                done += 1
                if rng.random() < 0.1:
                    await pilot.click(offset=(rng.randrange(100), rng.randrange(30)))
                else:
                    key = rng.choice(KEYS)
                    assert key not in QUIT_KEYS
                    await pilot.press(key)
        assert app.return_code in (0, None), app.return_code
        restarts += 1
        for path in sample_copy.parent.glob("*.toml"):
            load_assessment(path)
    assert restarts < PRESSES // 20, "the app quit far too often"
