"""The workshop: disagreement is marked, unanimous answers go in one step, it can be resumed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_assessment
from tests.test_workshop_tui import PERSPECTIVES, choose, samples  # noqa: F401 (fixture)
from weltoffen_tui.core.assessment import Answer, Respondent
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.store import load_assessment
from weltoffen_tui.core.workshop.compare import compare
from weltoffen_tui.core.workshop.consensus import (
    CLOSE,
    DISCUSSION,
    UNANIMOUS,
    UNANSWERED,
    agreement,
    merge,
    same_sources,
    source_paths,
    unanimous_answers,
    with_perspective_notes,
    workshop_suggestion,
)
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.screens.dialogs import ContinueWorkshopDialog
from weltoffen_tui.tui.screens.field import FieldScreen
from weltoffen_tui.tui.widgets.question import QuestionCard

SIZE = (80, 24)

# ---------------------------------------------------------------------- core


@pytest.mark.parametrize(
    ("values", "expected", "suggestion"),
    [
        (("weiss_nicht", 1, 4), DISCUSSION, None),  # the issue: no invented „2“
        ((1, 3), DISCUSSION, None),
        (("trifft_nicht_zu", 2), DISCUSSION, None),
        (("weiss_nicht", "trifft_nicht_zu"), DISCUSSION, None),
        ((2, 3), CLOSE, 2),  # the cautious median, rounded down
        ((3, None, 3), CLOSE, 3),
        ((3, 3, 3), UNANIMOUS, 3),
        (("weiss_nicht", "weiss_nicht"), UNANIMOUS, "weiss_nicht"),
        ((None, None), UNANSWERED, None),
    ],
)
def test_agreement_and_suggestion(
    values: tuple[int | str | None, ...], expected: str, suggestion: int | str | None
) -> None:
    assert agreement(values) == expected
    assert workshop_suggestion(values) == suggestion


def _perspectives(pack: Pack) -> list[tuple[str, object]]:
    a = make_assessment(pack, respondents=[Respondent(name="A", role="Verwaltung")])
    b = make_assessment(pack, respondents=[Respondent(name="B", role="Beirat")])
    a.set_answer("alpha", "al-01", 3, "Konzept 2019")
    b.set_answer("alpha", "al-01", 3, "nur Entwurf")
    a.set_answer("alpha", "al-02", 1)
    b.set_answer("alpha", "al-02", 4)
    a.set_answer("beta", "be-01", "trifft_nicht_zu")
    b.set_answer("beta", "be-01", "trifft_nicht_zu")
    return [("verwaltung.toml", a), ("beirat.toml", b)]


def test_unanimous_answers_skip_what_the_workshop_agreed_already(mini_pack: Pack) -> None:
    comparison = compare(mini_pack, _perspectives(mini_pack))  # type: ignore[arg-type]
    consensus = make_assessment(mini_pack)
    found = unanimous_answers(comparison.questions, consensus)
    assert found == [("alpha", "al-01", 3), ("beta", "be-01", "trifft_nicht_zu")]
    consensus.set_answer("alpha", "al-01", 2)
    assert unanimous_answers(comparison.questions, consensus) == [
        ("beta", "be-01", "trifft_nicht_zu")
    ]


def test_perspective_notes_are_added_once_with_their_source(mini_pack: Pack) -> None:
    comparison = compare(mini_pack, _perspectives(mini_pack))  # type: ignore[arg-type]
    row = comparison.questions[0]
    note = with_perspective_notes("Vereinbart: 3", comparison.perspectives, row.notes)
    assert note.splitlines() == [
        "Vereinbart: 3",
        "Perspektive Verwaltung: Konzept 2019",
        "Perspektive Beirat: nur Entwurf",
    ]
    assert with_perspective_notes(note, comparison.perspectives, row.notes) == note


def test_a_consensus_file_records_its_sources_relative_to_itself(
    mini_pack: Pack, tmp_path: Path
) -> None:
    items = _perspectives(mini_pack)
    elsewhere = tmp_path / "gruppen"
    paths = [tmp_path / "verwaltung.toml", elsewhere / "beirat.toml"]
    sources = [(path, item[1]) for path, item in zip(paths, items, strict=True)]
    consensus = merge(mini_pack, sources, {}, base=tmp_path)  # type: ignore[arg-type]
    assert [s.file for s in consensus.sources] == ["verwaltung.toml", "gruppen/beirat.toml"]
    target = tmp_path / "musterhausen-gemeinsam.toml"
    assert source_paths(target, consensus) == paths
    assert same_sources(target, consensus, list(reversed(paths)))
    assert not same_sources(target, consensus, paths[:1])
    assert not same_sources(target, make_assessment(mini_pack), paths)


# ---------------------------------------------------------------------- in the app


def _card_where(screen: FieldScreen, discussion: bool) -> QuestionCard:
    return next(c for c in screen.query(QuestionCard) if c.discussion is discussion)


async def test_discussion_points_filter_unanimous_and_notes(samples: Path) -> None:  # noqa: F811
    paths = [samples / name for name in PERSPECTIVES]
    items = [(p.name, load_assessment(p)) for p in paths]
    app = WeltoffenApp(data_dir=samples)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.start_workshop(app.pack, paths, items)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FieldScreen) and app.session is not None
        path = app.session.path
        # A discussion point is marked and offers no suggestion; Enter takes nothing.
        point = _card_where(screen, discussion=True)
        assert "Diskussionspunkt" in point.perspectives.plain  # type: ignore[union-attr]
        assert "Vorschlag (Enter" not in point.perspectives.plain  # type: ignore[union-attr]
        assert point.suggestion is None
        screen.set_focus(point)
        await pilot.press("enter")
        await pilot.pause()
        field_id = screen.field.id
        assert load_assessment(path).answer(field_id, point.question.id) is None
        # d: only the discussion points are shown, and the arrows move among them.
        await pilot.press("d")
        shown = [c for c in screen.query(QuestionCard) if c.display]
        assert shown and all(c.discussion for c in shown)
        assert len(shown) < len(screen.field.questions)
        await pilot.press("d")
        assert all(c.display for c in screen.query(QuestionCard))
        # Enter on a card with a suggestion takes it and moves on.
        calm = next(c for c in screen.query(QuestionCard) if c.suggestion is not None)
        screen.set_focus(calm)
        await pilot.press("enter")
        await pilot.pause()
        answer = load_assessment(path).answer(field_id, calm.question.id)
        assert answer is not None and answer.value == calm.suggestion
        assert app.focused is not calm and isinstance(app.focused, QuestionCard)
        assert app.focused.number == calm.number + 1
        # u: every unanimous answer of the workshop in one step; Strg+Z takes all back.
        expected = unanimous_answers(app.perspectives.questions, load_assessment(path))  # type: ignore[union-attr]
        assert len(expected) > 1
        before = load_assessment(path).answered_count()
        await pilot.press("u")
        await pilot.pause()
        taken = load_assessment(path)
        assert taken.answered_count() == before + len(expected)
        for f, q, value in expected:
            assert taken.answer(f, q).value == value  # type: ignore[union-attr]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert load_assessment(path).answered_count() == before
        # p: the perspectives' notes go into the agreed note, each with its perspective.
        row = next(
            r
            for r in app.perspectives.questions
            if r.field.id == field_id and any(r.notes)  # type: ignore[union-attr]
        )
        card = next(c for c in screen.query(QuestionCard) if c.question.id == row.question.id)
        screen.set_focus(card)
        await pilot.press("p")
        await pilot.pause()
        note = load_assessment(path).answer(field_id, row.question.id).note  # type: ignore[union-attr]
        for perspective, text in zip(app.perspectives.perspectives, row.notes, strict=True):  # type: ignore[union-attr]
            if text:
                assert f"Perspektive {perspective.label}: {text.strip()}" in note


async def test_reopening_a_consensus_file_resumes_the_workshop(samples: Path) -> None:  # noqa: F811
    app = WeltoffenApp(data_dir=samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await choose(app, pilot, PERSPECTIVES, "workshop")
        assert app.session is not None
        consensus = app.session.path
        await pilot.press("3")
        await pilot.pause()
    assert sorted(s.file for s in load_assessment(consensus).sources) == sorted(PERSPECTIVES)
    # weltoffen open FILE (and the start screen) open a consensus file the same way.
    app = WeltoffenApp(data_dir=samples, open_file=consensus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FieldScreen) and screen.perspectives is not None
        assert len(screen.perspectives.perspectives) == len(PERSPECTIVES)
        card = app.focused
        assert isinstance(card, QuestionCard) and card.perspectives is not None
        assert card.number == 2  # the first question was agreed before
        # Choosing the same files again offers to continue, not a silent second file.
        await pilot.press("escape")
        await pilot.pause()
        await choose(app, pilot, tuple(reversed(PERSPECTIVES)), "workshop")
        assert isinstance(app.screen, ContinueWorkshopDialog)
        await pilot.press("f")
        await pilot.pause()
        assert app.session is not None and app.session.path == consensus
        assert app.perspectives is not None
        assert len(list(samples.glob("*gemeinsam*.toml"))) == 1
        # … or start a new one, on purpose.
        await pilot.press("escape")
        await pilot.pause()
        await choose(app, pilot, PERSPECTIVES, "workshop")
        assert isinstance(app.screen, ContinueWorkshopDialog)
        await pilot.press("n")
        await pilot.pause()
        assert app.session is not None and app.session.path != consensus
        assert len(list(samples.glob("*gemeinsam*.toml"))) == 2


async def test_a_consensus_file_without_its_sources_opens_plainly(samples: Path) -> None:  # noqa: F811
    paths = [samples / name for name in PERSPECTIVES]
    items = [(p.name, load_assessment(p)) for p in paths]
    app = WeltoffenApp(data_dir=samples)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.start_workshop(app.pack, paths, items)
        await pilot.pause()
        assert app.session is not None
        consensus = app.session.path
    paths[0].unlink()
    app = WeltoffenApp(data_dir=samples, open_file=consensus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FieldScreen) and app.perspectives is None
        messages = " ".join(n.message for n in app._notifications)
        assert "Quelldateien nicht gefunden" in messages and PERSPECTIVES[0] in messages


def test_answer_notes_are_kept_apart_from_the_sources(mini_pack: Pack) -> None:
    """merge copies nothing it was not asked to: the notes come in by the p key only."""
    items = _perspectives(mini_pack)
    consensus = merge(mini_pack, [(Path(n), a) for n, a in items], {})  # type: ignore[misc]
    assert consensus.answers == {}
    assert items[0][1].answer("alpha", "al-01") == Answer(value=3, note="Konzept 2019")  # type: ignore[attr-defined]
