"""The autosaving edit session used by the TUI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.editing import EditSession
from weltoffen_tui.core.storage.store import load_assessment


def test_create_writes_file_at_once(mini_pack: Pack, tmp_path: Path) -> None:
    session = EditSession.create(tmp_path, mini_pack, municipality="Bad Beispiel", kind="Stadt")
    assert session.path.exists() and session.path.name.startswith("bad-beispiel-")
    assert load_assessment(session.path).municipality == "Bad Beispiel"
    assert session.first_open_question() == (0, 0)


def test_every_change_is_on_disk(mini_pack: Pack, tmp_path: Path) -> None:
    session = EditSession.create(tmp_path, mini_pack, municipality="X", kind="Gemeinde")
    assert session.set_answer("alpha", "al-01", 3)
    assert load_assessment(session.path).answer("alpha", "al-01").value == 3  # type: ignore[union-attr]
    assert session.set_answer("alpha", "al-01", note="Beleg")
    stored = load_assessment(session.path).answer("alpha", "al-01")
    assert stored is not None and stored.value == 3 and stored.note == "Beleg"
    assert session.first_open_question() == (0, 1)
    assert session.progress(mini_pack.fields[0]) == (1, 3)


def test_failed_save_keeps_answer_in_memory(
    mini_pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = EditSession.create(tmp_path, mini_pack, municipality="X", kind="Stadt")
    monkeypatch.setattr(os, "fsync", lambda _fd: (_ for _ in ()).throw(OSError(28, "voll")))
    assert not session.set_answer("alpha", "al-01", 2)
    assert session.last_error is not None and session.unsaved_changes == 1
    assert session.assessment.answer("alpha", "al-01").value == 2  # type: ignore[union-attr]
    monkeypatch.undo()
    assert session.save()
    assert session.last_error is None
    assert load_assessment(session.path).answer("alpha", "al-01").value == 2  # type: ignore[union-attr]


def test_complete_when_all_answered(mini_pack: Pack, tmp_path: Path) -> None:
    session = EditSession.create(tmp_path, mini_pack, municipality="X", kind="Stadt")
    for action_field in mini_pack.fields:
        for question in action_field.questions:
            session.set_answer(action_field.id, question.id, "trifft_nicht_zu")
    assert session.is_complete and session.first_open_question() is None
