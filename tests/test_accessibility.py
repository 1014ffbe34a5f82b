"""Every HTML export passes axe-core's WCAG 2.1 AA and best-practice rules in a real browser.

Chromium is Debian's ``/usr/bin/chromium`` (``.ci/run`` installs it; Playwright downloads
no browser), axe-core is the ``axe.min.js`` the PyPI package ``axe-playwright-python``
ships, injected from that file: the check runs offline.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from weltoffen_tui.cli import main
from weltoffen_tui.paths import sample_path

CHROMIUM = Path("/usr/bin/chromium")
SAMPLES = sample_path().parent
SAMPLE = SAMPLES / "musterstadt.toml"
PERSPECTIVES = [
    SAMPLES / "musterstadt-verwaltungsleitung.toml",
    SAMPLES / "musterstadt-integrationsbuero.toml",
    SAMPLES / "musterstadt-integrationsbeirat.toml",
]
TIMELINE = [SAMPLES / "musterstadt-2025.toml", SAMPLE]
EXPORTS: dict[str, list[str]] = {
    "bericht": ["report", str(SAMPLE)],
    "bericht-vollstaendig": ["report", str(SAMPLE), "--vollstaendig"],
    "fragebogen": ["questionnaire"],
    "vergleich": ["compare", *map(str, PERSPECTIVES)],
    "verlauf": ["timeline", *map(str, TIMELINE)],
    "tagesordnung": ["agenda", *map(str, PERSPECTIVES)],
    "massnahmenplan": ["actionplan", str(SAMPLE)],
}
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="/usr/bin/chromium fehlt (Debian-Paket chromium; .ci/run installiert es)",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


def axe_script() -> str:
    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def violations(browser: Any, page_file: Path) -> list[dict[str, Any]]:
    page = browser.new_page()
    try:
        page.goto(page_file.as_uri())
        page.add_script_tag(content=axe_script())
        options = {"runOnly": {"type": "tag", "values": RULES}, "resultTypes": ["violations"]}
        result = page.evaluate(f"axe.run(document, {json.dumps(options)})")
    finally:
        page.close()
    assert result["testEngine"]["name"] == "axe-core"
    assert result["passes"] is not None
    return list(result["violations"])


@pytest.mark.parametrize("name", list(EXPORTS))
def test_html_export_has_no_axe_violations(name: str, browser: Any, tmp_path: Path) -> None:
    target = tmp_path / f"{name}.html"
    assert main([*EXPORTS[name], "-o", str(target)]) == 0
    page = target.read_text(encoding="utf-8")
    assert '<html lang="de">' in page and "<main>" in page and "<title>" in page
    found = violations(browser, target)
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in found]
    assert not found, summary


def test_axe_finds_a_violation_where_there_is_one(browser: Any, tmp_path: Path) -> None:
    """The check can fail: a page without language, title, landmark and with a table
    header lacking scope, and low contrast, has violations."""
    target = tmp_path / "schlecht.html"
    target.write_text(
        "<!DOCTYPE html><html><head></head><body><h3>x</h3>"
        '<p style="color:#bbb">blass</p><img src="data:,"></body></html>',
        encoding="utf-8",
    )
    ids = {v["id"] for v in violations(browser, target)}
    assert {"html-has-lang", "document-title", "color-contrast", "image-alt"} <= ids
