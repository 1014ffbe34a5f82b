"""Strg+Z: every change of an answer or note can be undone, step by step, across fields."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import make_assessment
from tests.test_typing import SIZE, highlighted, value_of, write_assessment
from weltoffen_tui.core.assessment import Answer
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.history import Change, History, restore, snapshot
from weltoffen_tui.core.storage.store import load_assessment
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.screens.dialogs import NoteDialog
from weltoffen_tui.tui.screens.field import FieldScreen

# ---------------------------------------------------------------------- core


def test_undo_restores_value_and_note_step_by_step(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    history = History()

    def change(value: object = ..., note: str | None = None) -> None:
        before = snapshot(assessment, "alpha", "al-01")
        assessment.set_answer("alpha", "al-01", value, note)  # type: ignore[arg-type]
        history.record([Change("alpha", "al-01", before, snapshot(assessment, "alpha", "al-01"))])

    change(2)
    change(note="Beschluss 2024")
    change("weiss_nicht")
    assert len(history) == 3
    for expected in (Answer(value=2, note="Beschluss 2024"), Answer(value=2), None):
        step = history.undo()
        assert step is not None
        restore(assessment, step)
        assert assessment.answer("alpha", "al-01") == expected
    assert history.undo() is None
    assert "alpha" not in assessment.answers  # no empty entry left behind


def test_a_change_that_changes_nothing_is_not_a_step(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    assessment.set_answer("alpha", "al-01", 3)
    same = snapshot(assessment, "alpha", "al-01")
    history = History()
    assert history.record([Change("alpha", "al-01", same, same)]) is None
    assert not history.can_undo


def test_one_step_of_many_questions_is_undone_at_once(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    assessment.set_answer("beta", "be-02", 1, "alt")
    keys = [("alpha", "al-01"), ("beta", "be-02")]
    before = [snapshot(assessment, f, q) for f, q in keys]
    assessment.set_answer("alpha", "al-01", 4)
    assessment.set_answer("beta", "be-02", 4)
    history = History()
    history.record(
        [
            Change(f, q, b, snapshot(assessment, f, q))
            for (f, q), b in zip(keys, before, strict=True)
        ]
    )
    step = history.undo()
    assert step is not None and len(step.changes) == 2
    restore(assessment, step)
    assert assessment.answer("alpha", "al-01") is None
    assert assessment.answer("beta", "be-02") == Answer(value=1, note="alt")


def test_the_snapshot_does_not_follow_later_changes(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    assessment.set_answer("alpha", "al-01", 1)
    kept = snapshot(assessment, "alpha", "al-01")
    assessment.answers["alpha"]["al-01"].note = "changed in place"
    assert kept == Answer(value=1)


def test_the_history_forgets_the_oldest_steps_beyond_its_limit(mini_pack: Pack) -> None:
    history = History(limit=2)
    for value in (1, 2, 3):
        history.record([Change("alpha", "al-01", None, Answer(value=value))])
    assert len(history) == 2
    step = history.undo()
    assert step is not None and step.first.after == Answer(value=3)


# ---------------------------------------------------------------------- in the app


async def test_ctrl_z_undoes_answers_across_fields_and_saves(
    tmp_path: Path, shipped_pack: Pack
) -> None:
    path = write_assessment(shipped_pack, tmp_path, {(0, 0): 3})
    app = WeltoffenApp(data_dir=tmp_path, open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("up", "w")  # overwrite the existing answer of Frage 1
        await pilot.pause()
        assert value_of(path, shipped_pack, 0, 0) == "weiss_nicht"
        await pilot.press("n", "2")
        await pilot.pause()
        assert value_of(path, shipped_pack, 1, 0) == 2
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert value_of(path, shipped_pack, 1, 0) is None  # saved again after the undo
        await pilot.press("ctrl+z")
        await pilot.pause()
        # The older step is in field 1: the screen goes there and marks the question.
        assert highlighted(app) == (0, 0)
        assert value_of(path, shipped_pack, 0, 0) == 3
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert value_of(path, shipped_pack, 0, 0) == 3  # nothing more to undo


async def test_a_note_change_is_undone(tmp_path: Path, shipped_pack: Pack) -> None:
    path = write_assessment(shipped_pack, tmp_path, {})
    app = WeltoffenApp(data_dir=tmp_path, open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"Protokoll", "ctrl+s")
        await pilot.pause()
        field = shipped_pack.fields[0]
        assert load_assessment(path).answer(field.id, field.questions[0].id).note == "Protokoll"  # type: ignore[union-attr]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert load_assessment(path).answer(field.id, field.questions[0].id) is None


async def test_overwriting_an_answer_says_what_it_was(tmp_path: Path, shipped_pack: Pack) -> None:
    path = write_assessment(shipped_pack, tmp_path, {(0, 0): 1, (0, 1): 2})
    app = WeltoffenApp(data_dir=tmp_path, open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FieldScreen)
        await pilot.press("up", "w")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(
            "Antwort geändert: vorher ‚2 – In Ansätzen‘" in m and "Strg+Z" in m for m in messages
        ), messages
        await pilot.press("down", "3")  # answering an open question says nothing extra
        await pilot.pause()
        assert len([n for n in app._notifications if "vorher" in n.message]) == 1
