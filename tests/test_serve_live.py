"""The live workshop without a network: code, participant files, joining, the tally
and the moderator's live screen (the participants' forms: test_serve_workshop.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from weltoffen_tui.core.errors import UserError
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.store import assessment_files
from weltoffen_tui.core.workshop import live
from weltoffen_tui.paths import sample_path

PERSPECTIVES = (
    "musterstadt-verwaltungsleitung.toml",
    "musterstadt-integrationsbuero.toml",
    "musterstadt-integrationsbeirat.toml",
)


# --------------------------------------------------------------------------- code


def test_access_codes_are_short_random_and_unambiguous() -> None:
    codes = {live.new_access_code() for _ in range(200)}
    assert len(codes) > 190  # random, not one fixed code
    for code in codes:
        assert len(code) == live.CODE_LENGTH
        assert not set(code) & set("0O1IL")
        assert set(code) <= set(live.CODE_ALPHABET)


def test_code_matches_as_typed() -> None:
    assert live.code_matches(" k7mq-4x ", "K7MQ4X")
    assert live.code_matches("K7M Q4X", "K7MQ4X")
    assert not live.code_matches("K7MQ4", "K7MQ4X")
    assert not live.code_matches("", "K7MQ4X")


# --------------------------------------------------------------------------- files


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "/root/x", "a\\..\\b", "\x1b[2J", "Con", "日本語", "x" * 500, ". .", "~"],
)
def test_participant_file_is_always_a_plain_file_in_the_folder(tmp_path: Path, name: str) -> None:
    path = live.participant_file(tmp_path, name)
    assert path.parent == tmp_path
    assert path.name.startswith("teilnahme-") and path.suffix == ".toml"
    assert set(path.stem) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")


def test_same_name_same_file_other_name_other_file(tmp_path: Path) -> None:
    same = live.participant_file(tmp_path, "Anna Müller")
    assert live.participant_file(tmp_path, "  anna   MÜLLER ") == same
    assert live.participant_file(tmp_path, "Anna Mueller") != same  # reads alike, differs
    assert live.participant_file(tmp_path, "Anna Müller2") != same


def test_parse_fields(shipped_pack: Pack) -> None:
    ids = [f.id for f in shipped_pack.fields]
    assert live.parse_fields(None, shipped_pack) == ids
    assert live.parse_fields(f"{ids[2]}, {ids[0]}", shipped_pack) == [ids[0], ids[2]]
    with pytest.raises(UserError) as caught:
        live.parse_fields(f"{ids[0]},gibtsnicht", shipped_pack)
    text = str(caught.value)
    assert "gibtsnicht" in text and ids[1] in text  # names the wrong one and the right ones


# --------------------------------------------------------------------------- joining


def _join(folder: Path, pack: Pack, name: str, role: str = "Beirat"):  # type: ignore[no-untyped-def]
    return live.join(folder, pack, name, role, municipality="Musterstadt", kind="Stadt")


def test_join_continues_the_own_file(tmp_path: Path, shipped_pack: Pack) -> None:
    first = _join(tmp_path, shipped_pack, "Anna Müller")
    field = shipped_pack.fields[0]
    first.set_answer(field.id, field.questions[0].id, 3)
    first.close()
    again = _join(tmp_path, shipped_pack, "anna müller")
    try:
        assert again.path == first.path
        assert again.assessment.answer(field.id, field.questions[0].id).value == 3  # type: ignore[union-attr]
        assert again.assessment.perspective == "Anna Müller (Beirat)"
    finally:
        again.close()
    assert len(assessment_files(tmp_path)) == 1


def test_same_name_in_two_browsers_at_once_is_refused(tmp_path: Path, shipped_pack: Pack) -> None:
    first = _join(tmp_path, shipped_pack, "Anna Müller")
    try:
        with pytest.raises(live.JoinError) as caught:
            _join(tmp_path, shipped_pack, "Anna Müller")
        assert "anderen Browserfenster" in str(caught.value)
    finally:
        first.close()


def test_join_refuses_an_empty_name(tmp_path: Path, shipped_pack: Pack) -> None:
    with pytest.raises(live.JoinError, match="Namen"):
        _join(tmp_path, shipped_pack, "  \x1b ")
    assert assessment_files(tmp_path) == []


# --------------------------------------------------------------------------- tally


def _perspectives(folder: Path) -> Path:
    for name in PERSPECTIVES:
        shutil.copyfile(sample_path().parent / name, folder / name)
    return folder


def test_folder_watch_counts_and_follows_new_answers(tmp_path: Path, shipped_pack: Pack) -> None:
    folder = _perspectives(tmp_path)
    (folder / "kaputt.toml").write_text("das ist [kein toml", encoding="utf-8")
    field = shipped_pack.fields[0]
    watch = live.FolderWatch(folder, shipped_pack, [field.id])
    state = watch.poll()
    assert len(state.items) == 3 and state.comparison is not None
    assert [t.field_id for t in state.tallies] == [field.id]
    assert state.tallies[0].complete == 3 and state.tallies[0].started == 3
    assert state.tallies[0].spread is not None
    assert any("kaputt.toml" in p for p in state.problems)
    session = _join(folder, shipped_pack, "Neu Hinzu")
    session.set_answer(field.id, field.questions[0].id, 2)
    session.close()
    state = watch.poll()
    assert len(state.items) == 4
    assert state.tallies[0].started == 4 and state.tallies[0].complete == 3


# --------------------------------------------------------------------------- the moderator


async def test_live_screen_shows_code_tally_and_ends_the_round(
    tmp_path: Path, shipped_pack: Pack
) -> None:
    from tests.test_tui import screen_lines
    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.field import FieldScreen
    from weltoffen_tui.tui.screens.live import LiveScreen

    folder = _perspectives(tmp_path)
    ids = [f.id for f in shipped_pack.fields]
    app = WeltoffenApp(data_dir=folder)
    async with app.run_test(size=(80, 24)) as pilot:
        from weltoffen_tui.serve.workshop import Workshop

        workshop = Workshop(folder, shipped_pack, "Musterstadt", "Stadt")
        screen = LiveScreen(folder, shipped_pack, workshop, ids, port=0, title="Workshop X")
        await app.push_screen(screen)
        for _ in range(200):  # the server starts and the first poll arrives
            await pilot.pause(0.05)
            if screen.state is not None:
                break
        assert screen.server is not None and screen.state is not None
        await pilot.pause()  # the view grew: one more layout pass before it is on screen
        shown = "\n".join(screen_lines(app))
        assert screen.server.code in shown and "http://127.0.0.1:" in shown
        assert "Perspektiven im Ordner: 3" in shown
        assert shipped_pack.fields[0].title in shown, shown

        # A participant joins and answers through the forms: the screen follows.
        import aiohttp

        base = f"http://127.0.0.1:{screen.server.port}/"
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as browser:
            await browser.post(base + "zugang", data={"code": screen.server.code})
            await browser.post(base + "teilnehmen", data={"name": "Neu Hinzu", "role": "Verein"})
            field = shipped_pack.fields[0]
            response = await browser.post(
                base + "antwort",
                data={"feld": field.id, "frage": field.questions[0].id, "wert": "2"},
                allow_redirects=False,
            )
            assert response.status == 303
        for _ in range(200):  # the next poll reads the new file
            await pilot.pause(0.05)
            if len(screen.state.items) == 4:
                break
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Perspektiven im Ordner: 4" in shown and "1 Browser verbunden" in shown, shown
        await pilot.press("w")  # not before the round ended
        assert not list(folder.glob("*gemeinsam*"))
        await pilot.press("r")
        assert screen.round_open  # once: only asks
        await pilot.press("r")
        await pilot.pause()
        assert not screen.round_open and not screen.server.accepting
        await pilot.press("w")
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, FieldScreen):
                break
        assert isinstance(app.screen, FieldScreen)  # the existing workshop
        assert app.perspectives is not None and len(app.perspectives.perspectives) == 4
    assert len(list(folder.glob("*gemeinsam*.toml"))) == 1
    assert screen.server is None  # stopped when the screen went


async def test_live_screen_port_taken_goes_back_with_the_reason(
    tmp_path: Path, shipped_pack: Pack
) -> None:
    import socket

    from tests.test_tui import screen_lines
    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.dialogs import MessageDialog
    from weltoffen_tui.tui.screens.live import LiveScreen

    app = WeltoffenApp(data_dir=tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        async with app.run_test(size=(80, 24)) as pilot:
            await app.push_screen(LiveScreen(tmp_path, shipped_pack, ["true"], [], port=port))
            for _ in range(100):
                await pilot.pause(0.05)
                if isinstance(app.screen, MessageDialog):
                    break
            assert isinstance(app.screen, MessageDialog)
            assert not any(isinstance(s, LiveScreen) for s in app.screen_stack)
            assert "kann hier nicht starten" in "\n".join(screen_lines(app))
