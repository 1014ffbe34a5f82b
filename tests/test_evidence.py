"""Evidence: belegt / eingeschätzt with a reference per answer, its share, report, undo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import make_assessment
from tests.test_typing import SIZE, write_assessment
from weltoffen_tui.core.assessment import Answer
from weltoffen_tui.core.evidence import (
    evidence_profile,
    format_share,
    next_evidence,
    set_evidence,
)
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.scoring import evaluate
from weltoffen_tui.core.storage.history import Change, History, restore, snapshot
from weltoffen_tui.core.storage.store import load_assessment, save_assessment
from weltoffen_tui.render import report
from weltoffen_tui.render.formats import BY_NAME


def test_b_steps_through_belegt_eingeschaetzt_none() -> None:
    assert next_evidence(None) == "belegt"
    assert next_evidence("belegt") == "eingeschaetzt"
    assert next_evidence("eingeschaetzt") is None


def test_share_counts_only_answered_questions(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    assessment.set_answer("alpha", "al-01", 3)
    assessment.set_answer("alpha", "al-02", 2)
    assessment.set_answer("alpha", "al-03", 1)
    set_evidence(assessment, "alpha", "al-01", "belegt", "Ratsbeschluss vom 12.05.2025")
    set_evidence(assessment, "alpha", "al-02", "eingeschaetzt")
    # Evidence on an open question is kept, but it is no answer: it does not count.
    set_evidence(assessment, "beta", "be-01", "belegt")
    alpha, beta = evidence_profile(mini_pack, assessment)
    assert (alpha.answered, alpha.backed, alpha.judged) == (3, 1, 1)
    assert alpha.share == pytest.approx(1 / 3)
    assert format_share(alpha.share) == "33\u202f%"
    assert alpha.references[0][0] == "al-01" and alpha.references[0][3].startswith("Rats")
    assert beta.answered == 0 and beta.share is None and format_share(beta.share) == "–"


def test_reference_is_one_line_and_empty_removes_it(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    set_evidence(assessment, "alpha", "al-01", reference="  Bericht\n 2025  ")
    assert assessment.answer("alpha", "al-01") == Answer(reference="Bericht 2025")
    set_evidence(assessment, "alpha", "al-01", reference="")
    assert assessment.answer("alpha", "al-01") == Answer()


def test_evidence_is_saved_and_read_back(mini_pack: Pack, tmp_path: Path) -> None:
    assessment = make_assessment(mini_pack)
    assessment.set_answer("alpha", "al-01", 3, "Notiz bleibt")
    set_evidence(assessment, "alpha", "al-01", "belegt", "leitbild.pdf")
    path = tmp_path / "beleg.toml"
    save_assessment(assessment, path)
    assert load_assessment(path).answer("alpha", "al-01") == Answer(
        value=3, note="Notiz bleibt", evidence="belegt", reference="leitbild.pdf"
    )


def test_undo_restores_evidence_and_reference(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    assessment.set_answer("alpha", "al-01", 3)
    history = History()
    for evidence, reference in (("belegt", "Beschluss"), ("eingeschaetzt", ...)):
        before = snapshot(assessment, "alpha", "al-01")
        set_evidence(assessment, "alpha", "al-01", evidence, reference)  # type: ignore[arg-type]
        history.record([Change("alpha", "al-01", before, snapshot(assessment, "alpha", "al-01"))])
    for expected in (Answer(value=3, evidence="belegt", reference="Beschluss"), Answer(value=3)):
        step = history.undo()
        assert step is not None
        restore(assessment, step)
        assert assessment.answer("alpha", "al-01") == expected


def test_every_report_format_lists_share_and_evidence(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    assessment.set_answer("alpha", "al-01", 3)
    assessment.set_answer("alpha", "al-02", 2)
    set_evidence(assessment, "alpha", "al-01", "belegt", "Ratsbeschluss vom 12.05.2025")
    profile = evaluate(mini_pack, assessment)
    for name in ("markdown", "html", "text"):
        text = report.render(BY_NAME[name], mini_pack, assessment, profile)
        assert "Nachweise" in text and "Anteil belegt" in text, name
        assert "50\u202f%" in text, name  # one of two answers is backed
        assert "Ratsbeschluss vom 12.05.2025" in text and "al-01" in text, name
    data = json.loads(report.render(BY_NAME["json"], mini_pack, assessment, profile))
    alpha = next(f for f in data["fields"] if f["id"] == "alpha")
    assert alpha["evidence"]["share"] == 0.5 and alpha["evidence"]["backed"] == 1
    assert alpha["evidence"]["references"] == [
        {"question": "al-01", "evidence": "belegt", "reference": "Ratsbeschluss vom 12.05.2025"}
    ]
    assert data["answers"]["alpha"]["al-01"]["reference"] == "Ratsbeschluss vom 12.05.2025"
    assert "evidence" not in data["answers"]["alpha"]["al-02"]


def test_a_report_without_evidence_has_no_evidence_section(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    assessment.set_answer("alpha", "al-01", 3)
    text = report.render(
        BY_NAME["markdown"], mini_pack, assessment, evaluate(mini_pack, assessment)
    )
    assert "Nachweise" not in text


def test_a_reference_with_markup_and_escapes_stays_literal(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    assessment.set_answer("alpha", "al-01", 3)
    set_evidence(assessment, "alpha", "al-01", "belegt", "[bold]<b>x</b>\x1b[31m")
    profile = evaluate(mini_pack, assessment)
    html = report.render(BY_NAME["html"], mini_pack, assessment, profile)
    assert "<b>x</b>" not in html and "\x1b" not in html
    text = report.render(BY_NAME["text"], mini_pack, assessment, profile)
    assert "\x1b" not in text and "[bold]" in text


# ---------------------------------------------------------------------- in the app


def _evidence(path: Path, pack: Pack) -> Answer | None:
    field = pack.fields[0]
    return load_assessment(path).answer(field.id, field.questions[0].id)


async def test_b_and_r_on_the_field_screen_save_and_undo(
    tmp_path: Path, shipped_pack: Pack
) -> None:
    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.field import FieldScreen
    from weltoffen_tui.tui.screens.profile_dialogs import ReferenceDialog
    from weltoffen_tui.tui.widgets.question import QuestionCard

    path = write_assessment(shipped_pack, tmp_path, {(0, 0): 3})
    app = WeltoffenApp(data_dir=tmp_path, open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FieldScreen)
        await pilot.press("up", "b")
        await pilot.pause()
        saved = _evidence(path, shipped_pack)
        assert saved is not None and saved.evidence == "belegt" and saved.value == 3
        await pilot.press("b")
        await pilot.pause()
        assert _evidence(path, shipped_pack).evidence == "eingeschaetzt"  # type: ignore[union-attr]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReferenceDialog)
        await pilot.press(*"Bericht 2025", "enter")
        await pilot.pause()
        saved = _evidence(path, shipped_pack)
        assert saved is not None and saved.reference == "Bericht 2025"
        assert saved.evidence == "eingeschaetzt"  # a stated judgement stays
        card = app.focused
        assert isinstance(card, QuestionCard)
        assert "Bericht 2025" in str(card.query_one(".q-note").render())
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert _evidence(path, shipped_pack).reference is None  # type: ignore[union-attr]
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert _evidence(path, shipped_pack) == Answer(value=3)


async def test_a_reference_alone_marks_the_answer_belegt(
    tmp_path: Path, shipped_pack: Pack
) -> None:
    from weltoffen_tui.tui.app import WeltoffenApp

    path = write_assessment(shipped_pack, tmp_path, {(0, 0): 2})
    app = WeltoffenApp(data_dir=tmp_path, open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("up", "r", *"leitbild.pdf", "ctrl+s")
        await pilot.pause()
        saved = _evidence(path, shipped_pack)
        assert saved is not None and saved.evidence == "belegt"
        assert saved.reference == "leitbild.pdf"


async def test_f1_lists_the_evidence_keys_in_german(tmp_path: Path, shipped_pack: Pack) -> None:
    from textual.widgets import Markdown

    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.dialogs import HelpDialog

    path = write_assessment(shipped_pack, tmp_path, {})
    app = WeltoffenApp(data_dir=tmp_path, open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        text = app.screen.query_one(Markdown).source
        assert "| `b` | Belegt / eingeschätzt / keine Angabe |" in text
        assert "| `r` | Beleg angeben (Titel, Datum, Link, Datei) |" in text
        assert "**b**" in text and "**r**" in text
