"""Keys act on the question the user sees highlighted, however fast they come.

``queue_keys`` puts keys into the app's queue at once, as a terminal delivers them when
someone types faster than the screen is built; ``pilot.press`` would wait after each.
"""

from __future__ import annotations

from pathlib import Path

from textual import events

from weltoffen_tui.core.assessment import Assessment
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.store import load_assessment, save_assessment
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.screens.field import FieldScreen
from weltoffen_tui.tui.widgets.question import QuestionCard

SIZE = (80, 24)
CHARACTERS = {"down": None, "up": None, "tab": "\t", "ctrl+z": "\x1a"}


def queue_keys(app: WeltoffenApp, *keys: str) -> None:
    """Deliver keys as the terminal does when typed fast: all queued before any is handled."""
    for key in keys:
        app.post_message(events.Key(key, CHARACTERS.get(key, key)))


def write_assessment(pack: Pack, folder: Path, answered: dict[tuple[int, int], int]) -> Path:
    assessment = Assessment.new(
        municipality="Tippstadt",
        kind="Stadt",
        questionnaire=pack.id,
        questionnaire_version=pack.version,
    )
    for (field, question), value in answered.items():
        action_field = pack.fields[field]
        assessment.set_answer(action_field.id, action_field.questions[question].id, value)
    path = folder / "tippstadt.toml"
    save_assessment(assessment, path)
    return path


def value_of(path: Path, pack: Pack, field: int, question: int) -> int | str | None:
    action_field = pack.fields[field]
    answer = load_assessment(path).answer(action_field.id, action_field.questions[question].id)
    return answer.value if answer else None


def highlighted(app: WeltoffenApp) -> tuple[int, int]:
    screen, card = app.screen, app.focused
    assert isinstance(screen, FieldScreen) and isinstance(card, QuestionCard)
    return screen.index, card.number - 1


async def test_next_field_starts_at_its_first_open_question(
    tmp_path: Path, shipped_pack: Pack
) -> None:
    path = write_assessment(shipped_pack, tmp_path, {(0, 0): 3, (1, 0): 2, (1, 1): 2})
    app = WeltoffenApp(data_dir=tmp_path, open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert highlighted(app) == (0, 1)
        await pilot.press("n")
        assert highlighted(app) == (1, 2)
        await pilot.press("v")
        assert highlighted(app) == (0, 1)


async def test_keys_typed_during_a_field_change_reach_the_new_field(
    tmp_path: Path, shipped_pack: Pack
) -> None:
    """The issue: n, Down, t stored „trifft nicht zu“ on Frage 1 while Frage 2 was marked."""
    path = write_assessment(shipped_pack, tmp_path, {(1, 0): 4})
    app = WeltoffenApp(data_dir=tmp_path, open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue_keys(app, "n", "down", "t", "down", "2", "v", "w")
        await pilot.pause()
        await pilot.pause()
        assert value_of(path, shipped_pack, 1, 0) == 4  # the answer given before: untouched
        assert value_of(path, shipped_pack, 1, 2) == "trifft_nicht_zu"
        assert value_of(path, shipped_pack, 1, 3) == 2
        assert value_of(path, shipped_pack, 0, 0) == "weiss_nicht"
        assert highlighted(app) == (0, 0)


async def test_arrows_and_answers_typed_fast_stay_in_order(
    tmp_path: Path, shipped_pack: Pack
) -> None:
    path = write_assessment(shipped_pack, tmp_path, {})
    app = WeltoffenApp(data_dir=tmp_path, open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue_keys(app, "1", "down", "2", "tab", "3", "up", "up", "4", "down", "down", "down", "w")
        await pilot.pause()
        values = [value_of(path, shipped_pack, 0, q) for q in range(4)]
        assert values == [4, 2, 3, "weiss_nicht"]
        assert highlighted(app) == (0, 3)


async def test_keys_typed_while_a_field_screen_opens_wait_for_it(
    tmp_path: Path, shipped_pack: Pack
) -> None:
    """From the summary, a field screen is pushed; keys right after it act on its cards."""
    path = write_assessment(shipped_pack, tmp_path, {(2, 0): 1})
    app = WeltoffenApp(data_dir=tmp_path, open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.show_field(2, 0)
        queue_keys(app, "down", "3")
        await pilot.pause()
        assert value_of(path, shipped_pack, 2, 0) == 1
        assert value_of(path, shipped_pack, 2, 1) == 3
        assert highlighted(app) == (2, 1)
