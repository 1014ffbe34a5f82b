"""Scripted demos: scenario checks, the tour in the app, handing over, screenshots, demo day."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from weltoffen_tui.cli.cmd_screenshots import add_half_finished_workshop, take_screenshots
from weltoffen_tui.core.storage.store import load_assessment
from weltoffen_tui.core.tour import (
    ScenarioError,
    Step,
    load_scenario,
    parse_scenario,
    shipped_scenario,
)
from weltoffen_tui.paths import sample_path
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.tour import FINISHED, HANDED_OVER
from weltoffen_tui.tui.widgets.caption import Caption

SHORT = """
titel = "Kurz"

[[schritt]]
text = "Erster Schritt"
pause = 0.2

[[schritt]]
text = "Übersicht öffnen"
tasten = ["o"]
pause = 0.2

[[schritt]]
text = "Und wieder zu"
tasten = ["escape"]
pause = 0.2
"""


def _demo_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    folder.mkdir(parents=True)
    for sample in sample_path().parent.glob("*.toml"):
        shutil.copyfile(sample, folder / sample.name)
    return folder


def _scenario(tmp_path: Path, text: str = SHORT) -> Path:
    path = tmp_path / "kurz.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_scenario_is_valid_and_about_five_minutes() -> None:
    scenario = load_scenario(shipped_scenario())
    assert len(scenario.steps) >= 10
    assert 200 <= scenario.duration <= 330


def test_bad_scenario_names_file_step_and_key(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(
            {
                "schritt": [
                    {"text": "gut", "tasten": ["down"]},
                    {"text": "x", "tasten": ["enter", "strg+x"], "pause": -1},
                    {"tasten": "nix-taste", "dauer": 3},
                ]
            },
            tmp_path / "s.toml",
        )
    text = str(caught.value)
    assert "s.toml" in text
    assert "Schritt 2: unbekannte Taste „strg+x“" in text
    assert "Schritt 2: pause -1" in text
    assert "Schritt 3: unbekannte Taste „nix-taste“" in text
    assert "Schritt 3: unbekannter Eintrag „dauer“" in text
    assert "Schritt 1" not in text


def test_broken_toml_gives_its_line(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(_scenario(tmp_path, '[[schritt]]\ntext = "offen\n'))
    assert caught.value.problems[0].line == 2


async def test_tour_plays_to_its_end(tmp_path: Path) -> None:
    folder = _demo_folder(tmp_path)
    app = WeltoffenApp(data_dir=folder, open_file=folder / "musterstadt.toml", demo=True)
    app.tour = load_scenario(_scenario(tmp_path))
    app.tour_tempo = 50.0
    async with app.run_test(size=(80, 24)) as pilot:
        player = app.tour_player
        assert player is not None
        for _ in range(200):
            if player.finished:
                break
            await pilot.pause(0.05)
        assert player.finished and not player.stopped
        await pilot.pause()
        assert str(app.screen.query_one(Caption).render()) == FINISHED


async def test_a_key_press_hands_over(tmp_path: Path) -> None:
    folder = _demo_folder(tmp_path)
    app = WeltoffenApp(data_dir=folder, open_file=folder / "musterstadt.toml", demo=True)
    scenario = load_scenario(_scenario(tmp_path))
    app.tour = type(scenario)(scenario.title, (Step("Lange Pause", (), 60.0),) * 3, scenario.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("o")  # a person: stops the tour, the key is not acted on
        await pilot.pause()
        player = app.tour_player
        assert player is not None and player.stopped and not player.finished
        assert app.screen is screen
        assert str(app.screen.query_one(Caption).render()) == HANDED_OVER
        await pilot.press("o")  # from now on the keys are the person's
        await pilot.pause()
        assert app.screen is not screen


def test_screenshots_one_file_per_step(tmp_path: Path) -> None:
    scenario = load_scenario(_scenario(tmp_path))
    written = take_screenshots(scenario, tmp_path / "bilder", (80, 24))
    names = sorted(p.name for p in (tmp_path / "bilder").iterdir())
    assert names == ["schritt-01.svg", "schritt-02.svg", "schritt-03.svg"]
    assert len(written) == 3
    second = (tmp_path / "bilder" / "schritt-02.svg").read_text(encoding="utf-8")
    assert "Übersicht" in second and "<svg" in second


def test_half_finished_workshop(tmp_path: Path) -> None:
    folder = _demo_folder(tmp_path)
    made = add_half_finished_workshop(folder)
    assert made is not None and "gemeinsam" in made.name
    consensus = load_assessment(made)
    answered = sum(a.is_answered for f in consensus.answers.values() for a in f.values())
    assert 35 <= answered <= 70  # about half of the 106 questions
    assert len(consensus.sources) == 3
    assert add_half_finished_workshop(folder) is None  # never a second one


def test_fixed_day_gives_the_same_names(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("WELTOFFEN_HEUTE", "2026-03-12")
    names = []
    for run in ("a", "b"):
        folder = _demo_folder(tmp_path / run)
        made = add_half_finished_workshop(folder)
        assert made is not None
        names.append(made.name)
        consensus = load_assessment(made)
        assert consensus.session_date.isoformat() == "2026-03-12"
        assert consensus.created.date().isoformat() == "2026-03-12"
    assert names == ["musterstadt-gemeinsam-2026-03-12.toml"] * 2
