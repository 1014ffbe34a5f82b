"""Themes: Textual's dark and light themes plus a high-contrast theme for projectors."""

from __future__ import annotations

from textual.theme import Theme

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

# (theme name, German label) in the order ctrl+t cycles through them.
THEMES: tuple[tuple[str, str], ...] = (
    ("textual-dark", "dunkel"),
    ("textual-light", "hell"),
    ("hoher-kontrast", "hoher Kontrast"),
)


def theme_label(name: str) -> str:
    for theme, label in THEMES:
        if theme == name:
            return label
    return name
