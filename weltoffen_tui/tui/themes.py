"""Themes: dark, light and high contrast, every text colour at least 4.5:1 (WCAG AA).

The dark and light themes keep the names of Textual's own (``textual-dark``,
``textual-light``) and replace them when registered: Textual's colours fail the
contrast test in tests/test_themes_access.py (blue and red text on dark, orange and
green text on light), so the failing ones are darkened or lightened here. The
last theme chosen is remembered in a small settings file in the user config folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from textual.theme import Theme

DARK = Theme(
    name="textual-dark",
    primary="#4BA3EC",  # Textual: #0178D4 (4.1:1 on the background)
    secondary="#6AB0F2",  # Textual: #004578 (1.9:1)
    warning="#ffa62b",
    error="#F07A90",  # Textual: #ba3c5b (3.4:1)
    success="#4EBF71",
    accent="#ffa62b",
    foreground="#e0e0e0",
    dark=True,
    luminosity_spread=0.15,
    text_alpha=0.95,
)

LIGHT = Theme(
    name="textual-light",
    primary="#004578",
    secondary="#005A9E",  # Textual: #0178D4 (3.4:1 on the background)
    warning="#774700",  # Textual: #ffa62b (1.5:1)
    error="#A12944",  # Textual: #ba3c5b (4.1:1)
    success="#185C2E",  # Textual: #4EBF71 (1.8:1)
    accent="#774700",  # Textual: #ffa62b (1.5:1)
    background="#E0E0E0",
    surface="#D8D8D8",
    panel="#D0D0D0",
    dark=False,
    luminosity_spread=0.15,
    text_alpha=0.95,
    variables={"footer-key-foreground": "#005A9E"},
)

HIGH_CONTRAST = Theme(
    name="hoher-kontrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffaa00",
    error="#ff5555",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    dark=True,
    luminosity_spread=0.25,
    text_alpha=1.0,
)

# Every theme the app offers (registered at start, replacing Textual's own dark and light).
OFFERED: tuple[Theme, ...] = (DARK, LIGHT, HIGH_CONTRAST)

# (theme name, German label) in the order ctrl+t cycles through them.
THEMES: tuple[tuple[str, str], ...] = (
    ("textual-dark", "dunkel"),
    ("textual-light", "hell"),
    ("hoher-kontrast", "hoher Kontrast"),
)

# The words of ``--theme`` on the command line.
BY_OPTION: dict[str, str] = {
    "dunkel": "textual-dark",
    "hell": "textual-light",
    "kontrast": "hoher-kontrast",
}

ENV_CONFIG_DIR = "WELTOFFEN_CONFIG_DIR"
SETTINGS_NAME = "einstellungen.json"


def theme_label(name: str) -> str:
    for theme, label in THEMES:
        if theme == name:
            return label
    return name


def settings_file() -> Path:
    """The settings file: in ``WELTOFFEN_CONFIG_DIR`` or the user config folder."""
    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override).expanduser() / SETTINGS_NAME
    from platformdirs import user_config_dir

    from weltoffen_tui.paths import APP_NAME

    return Path(user_config_dir(APP_NAME, appauthor=False)) / SETTINGS_NAME


def remembered_theme() -> str | None:
    """The theme chosen last (a name from THEMES), None if none or unreadable."""
    try:
        data = json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    name = data.get("theme") if isinstance(data, dict) else None
    return name if name in dict(THEMES) else None


def remember_theme(name: str) -> bool:
    """Write the chosen theme to the settings file (atomically); False if that failed.

    Other settings in the file are kept. A failure is not worth a message: the
    theme simply is not remembered.
    """
    from weltoffen_tui.core.atomic import write_atomic

    target = settings_file()
    data: dict[str, object] = {}
    try:
        loaded = json.loads(target.read_text(encoding="utf-8"))
        if isinstance(loaded, dict):
            data = loaded
    except (OSError, ValueError):
        pass
    data["theme"] = name
    try:
        write_atomic(target, json.dumps(data, ensure_ascii=False, indent=2) + "\n", durable=False)
    except OSError:
        return False
    return True
