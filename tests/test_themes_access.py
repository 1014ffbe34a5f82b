"""Accessible everywhere: text contrast of every theme (WCAG AA), keys and visible focus."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.color import Color

from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.themes import OFFERED, remember_theme, remembered_theme

# Colours used for text in the app's CSS and Textual's widgets, and the surfaces below them.
TEXT = (
    "foreground",
    "text-primary",
    "text-secondary",
    "text-accent",
    "text-warning",
    "text-error",
    "text-success",
    "primary",
    "accent",
    "warning",
    "error",
    "success",
)
SURFACES = ("background", "surface", "panel")
FOOTER = (("footer-key-foreground", "footer-background"),)
AA = 4.5


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(fore: Color, back: Color) -> float:
    if fore.a < 1:
        fore = back + fore
    high, low = sorted((luminance(fore), luminance(back)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula() -> None:
    assert contrast(Color(0, 0, 0), Color(255, 255, 255)) == pytest.approx(21.0)
    assert contrast(Color(0x77, 0x77, 0x77), Color(255, 255, 255)) == pytest.approx(4.48, 0.01)


@pytest.mark.parametrize("theme", OFFERED, ids=lambda t: t.name)
def test_every_text_colour_reaches_aa(theme) -> None:
    variables = theme.to_color_system().generate()
    pairs = [(t, s) for t in TEXT for s in SURFACES] + list(FOOTER)
    failing = [
        f"{fore} auf {back}: {ratio:.2f}"
        for fore, back in pairs
        if (ratio := contrast(Color.parse(variables[fore]), Color.parse(variables[back]))) < AA
    ]
    assert not failing, f"{theme.name}: " + "; ".join(failing)


def test_offered_themes_replace_textuals_own() -> None:
    assert {t.name for t in OFFERED} == {"textual-dark", "textual-light", "hoher-kontrast"}


def _footer_bindings(app: WeltoffenApp) -> list[tuple[object, Binding]]:
    found = []
    for node in app.screen._binding_chain:
        for binding in node._bindings:
            if binding.show:
                found.append((node[0] if isinstance(node, tuple) else node, binding))
    return found


async def test_footer_keys_lead_to_actions(tmp_path: Path, sample_copy: Path) -> None:
    """Every key shown in a footer has an action method on the widget that offers it."""
    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for keys in ([], ["o"], ["enter"], ["escape"], ["ctrl+b"]):
            await pilot.press(*keys)
            await pilot.pause()
            active = app.screen.active_bindings
            assert active, type(app.screen).__name__
            for key, (node, binding, _enabled, _tooltip) in active.items():
                if not binding.show:
                    continue
                name = binding.action.split("(")[0]
                target = app if name.startswith("app.") else node
                name = name.removeprefix("app.").removeprefix("screen.")
                if name.startswith("screen."):
                    target = app.screen
                assert hasattr(target, f"action_{name}") or hasattr(app, f"action_{name}"), (
                    f"{type(app.screen).__name__}: {key} → {binding.action}"
                )


async def test_focused_widget_looks_different(tmp_path: Path, sample_copy: Path) -> None:
    """Focus is visible: the focused widget is drawn differently from when it is not."""
    app = WeltoffenApp(data_dir=sample_copy.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        focused = app.focused
        assert focused is not None
        with_focus = (focused.styles.border, focused.rich_style, focused.styles.background)
        app.set_focus(None)
        await pilot.pause()
        without = (focused.styles.border, focused.rich_style, focused.styles.background)
        assert with_focus != without


def test_theme_is_remembered(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("WELTOFFEN_CONFIG_DIR", str(tmp_path / "config"))
    assert remembered_theme() is None
    assert remember_theme("hoher-kontrast")
    assert remembered_theme() == "hoher-kontrast"


async def test_app_starts_with_remembered_theme(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("WELTOFFEN_CONFIG_DIR", str(tmp_path / "config"))
    app = WeltoffenApp(data_dir=tmp_path)
    app.remember_theme = True
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")  # → hell
        await pilot.pause()
        assert app.theme == "textual-light"
    again = WeltoffenApp(data_dir=tmp_path)
    again.remember_theme = True
    async with again.run_test(size=(80, 24)) as pilot:
        assert again.theme == "textual-light"
    chosen = WeltoffenApp(data_dir=tmp_path)
    chosen.remember_theme = True
    chosen.start_theme = "kontrast"
    async with chosen.run_test(size=(80, 24)) as pilot:
        assert chosen.theme == "hoher-kontrast"
    assert remembered_theme() == "hoher-kontrast"


def test_tests_never_write_the_users_own_settings(tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    """The remembered theme of a test run must not become the machine's (conftest)."""
    from platformdirs import user_config_dir

    from weltoffen_tui.paths import APP_NAME
    from weltoffen_tui.tui.themes import settings_file

    where = settings_file()
    assert where.is_relative_to(tmp_path_factory.getbasetemp())
    assert not where.is_relative_to(user_config_dir(APP_NAME, appauthor=False))
