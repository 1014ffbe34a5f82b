"""Agenda: a draft dialogue event from one or more assessments."""

from __future__ import annotations

from datetime import datetime, time
from itertools import pairwise
from pathlib import Path

import pytest

from tests.conftest import make_assessment
from weltoffen_tui.core.assessment import Assessment, Respondent
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.scoring import evaluate
from weltoffen_tui.core.storage.store import load_assessment
from weltoffen_tui.core.values import UNKNOWN
from weltoffen_tui.core.workshop.agenda import (
    BLOCKS,
    FOCUS_DISAGREEMENT,
    FOCUS_GAPS,
    Agenda,
    AgendaError,
    draft_agenda,
)
from weltoffen_tui.core.workshop.compare import ComparisonError, compare
from weltoffen_tui.core.workshop.consensus import merge, suggested_agreement
from weltoffen_tui.paths import sample_path
from weltoffen_tui.render import agenda as agenda_document
from weltoffen_tui.render.formats import HTML, MARKDOWN


def agenda_markdown(pack: Pack, agenda: Agenda) -> str:
    return agenda_document.render(MARKDOWN, pack, agenda)


def agenda_html(pack: Pack, agenda: Agenda) -> str:
    return agenda_document.render(HTML, pack, agenda)


@pytest.fixture(scope="module")
def sample() -> Assessment:
    return load_assessment(sample_path())


def minutes(start: time, end: time) -> int:
    day = datetime(2000, 1, 1).date()
    return int((datetime.combine(day, end) - datetime.combine(day, start)).total_seconds() // 60)


def test_one_file_gives_timed_three_hour_programme(shipped_pack: Pack, sample: Assessment) -> None:
    agenda = draft_agenda(shipped_pack, [("musterstadt.toml", sample)])
    blocks = agenda.blocks
    assert [b.title for b in blocks] == [b.title for b in BLOCKS]
    assert blocks[0].start == time(17, 0) and blocks[-1].end == time(20, 0)
    assert sum(minutes(b.start, b.end) for b in blocks) == 180
    assert all(a.end == b.start for a, b in pairwise(blocks))
    titles = " ".join(b.title for b in blocks)
    for method in ("Ankommen", "Ergebnisse", "World Café", "Fishbowl", "Nächste Schritte"):
        assert method in titles
    morning = draft_agenda(shipped_pack, [("m.toml", sample)], start=time(9, 30))
    assert morning.blocks[-1].end == time(12, 30)


def test_priorities_and_goals_come_from_the_profile(shipped_pack: Pack, sample: Assessment) -> None:
    agenda = draft_agenda(shipped_pack, [("musterstadt.toml", sample)])
    profile = evaluate(shipped_pack, sample)
    assert agenda.priorities == profile.priorities
    assert 2 <= len(agenda.priorities) <= 3
    for result in agenda.priorities:
        assert any(result.field.title in goal for goal in agenda.goals)
    assert agenda.basis == "Einschätzung vom 12.03.2026"
    assert agenda.discussion_points == ()
    assert agenda.knowledge_gaps  # the sample has "weiß nicht" answers
    assert agenda.knowledge_gaps[0][0].id in {r.field.id for r in agenda.priorities}
    fishbowl = next(b for b in agenda.blocks if "Fishbowl" in b.title)
    assert fishbowl.text == FOCUS_GAPS
    world_cafe = next(b for b in agenda.blocks if "World Café" in b.title)
    assert f"„{agenda.priorities[0].field.title}“" in world_cafe.text


def test_participants_name_offices_of_priority_fields(
    shipped_pack: Pack, sample: Assessment
) -> None:
    agenda = draft_agenda(shipped_pack, [("musterstadt.toml", sample)])
    text = "\n".join(agenda.participants)
    assert "Bürgermeister:in" in text
    for wanted in ("Integrationsbeirat", "Migrantenorganisationen", "Zivilgesellschaft"):
        assert wanted in text
    assert "Skeptische Bürger:innen" in text
    for result in agenda.priorities:
        assert f"Fachämter für „{result.field.title}“" in text
    district = sample.model_copy(update={"kind": "Landkreis"})
    assert "Landrät:in" in draft_agenda(shipped_pack, [("k.toml", district)]).participants[0]


def test_two_files_bring_the_top_discussion_points(shipped_pack: Pack, sample: Assessment) -> None:
    other = sample.model_copy(deep=True)
    other.set_answer("management-steuerung", "ms-01", 1)
    other.set_answer("fairer-zugang", "fz-01", UNKNOWN)
    items = [("a.toml", sample), ("b.toml", other)]
    agenda = draft_agenda(shipped_pack, items, points=1)
    assert agenda.discussion_points == compare(shipped_pack, items).discussion_points[:1]
    assert agenda.discussion_points[0].question.id == "ms-01"
    assert agenda.knowledge_gaps == ()
    assert next(b for b in agenda.blocks if "Fishbowl" in b.title).text == FOCUS_DISAGREEMENT
    assert "Median" in agenda.basis
    assert any("auseinanderliegen" in goal for goal in agenda.goals)


def test_a_consensus_file_sets_the_priorities(mini_pack: Pack) -> None:
    low = make_assessment(mini_pack)
    high = make_assessment(mini_pack)
    for question in mini_pack.fields[0].questions:
        low.set_answer("alpha", question.id, 1)
        high.set_answer("alpha", question.id, 4)
    for question in mini_pack.fields[1].questions:
        low.set_answer("beta", question.id, 4)
        high.set_answer("beta", question.id, 1)
    sources = [(Path("low.toml"), low), (Path("high.toml"), high)]
    consensus = merge(
        mini_pack, sources, {("beta", q.id): (1, "") for q in mini_pack.fields[1].questions}
    )
    agenda = draft_agenda(mini_pack, [("high.toml", high), ("gemeinsam.toml", consensus)])
    assert [r.field.id for r in agenda.priorities] == ["beta"]
    assert agenda.basis.startswith("Gemeinsame Einschätzung vom")
    assert "aus 2 Einschätzungen" in agenda.basis


def test_priorities_are_topped_up_to_two(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    for question in mini_pack.fields[0].questions:
        assessment.set_answer("alpha", question.id, 4)
    for question in mini_pack.fields[1].questions:
        assessment.set_answer("beta", question.id, 3)
    # scoring names only "beta" (66.7 < 75); the agenda adds the next-lowest field.
    assert [r.field.id for r in evaluate(mini_pack, assessment).priorities] == ["beta"]
    agenda = draft_agenda(mini_pack, [("a.toml", assessment)])
    assert [r.field.id for r in agenda.priorities] == ["beta", "alpha"]


def test_combined_median_is_used_without_consensus(mini_pack: Pack) -> None:
    items = []
    for n, value in enumerate((1, 2, 4)):
        assessment = make_assessment(mini_pack)
        for question in mini_pack.fields[0].questions:
            assessment.set_answer("alpha", question.id, value)
        items.append((f"{n}.toml", assessment))
    combined = merge(
        mini_pack,
        [(Path(n), a) for n, a in items],
        suggested_agreement(mini_pack, [a for _, a in items]),
    )
    agenda = draft_agenda(mini_pack, items)
    assert agenda.priorities == evaluate(mini_pack, combined).priorities


def test_dialogue_articles_are_linked(shipped_pack: Pack, sample: Assessment) -> None:
    agenda = draft_agenda(shipped_pack, [("m.toml", sample)])
    expected = [(a.id, a.title) for a in shipped_pack.articles_for_pillar("dialog")]
    assert list(agenda.articles) == expected
    assert ("dialogveranstaltung-planen", "Eine Dialogveranstaltung planen") in expected
    markdown = agenda_markdown(shipped_pack, agenda)
    for article_id, title in expected:
        assert f"- {title} (Artikel `{article_id}`)" in markdown


def test_markdown_and_html(shipped_pack: Pack, sample: Assessment) -> None:
    marked = sample.model_copy(
        update={
            "municipality": "[bold]Muster*stadt*[/bold]",
            "respondents": [Respondent(name="<b>X</b>", role="Rat")],
        }
    )
    agenda = draft_agenda(shipped_pack, [("m.toml", marked)])
    markdown = agenda_markdown(shipped_pack, agenda)
    assert markdown.startswith(r"# Dialogveranstaltung: \[bold\]Muster\*stadt\*\[/bold\]")
    for heading in ("## Ziele", "## Schwerpunkte", "## Wen einladen?", "## Ablauf"):
        assert heading in markdown
    assert "| 17:00–17:15 | **Ankommen und Begrüßung** |" in markdown
    assert "*innen" not in markdown
    page = agenda_html(shipped_pack, agenda)
    assert page.startswith("<!DOCTYPE html>")
    assert "<table>" in page and "World Café" in page
    assert "<b>X</b>" not in page


def test_refuses_nothing_and_other_questionnaires(mini_pack: Pack) -> None:
    with pytest.raises(AgendaError, match="Keine Einschätzung"):
        draft_agenda(mini_pack, [])
    with pytest.raises(ComparisonError):
        draft_agenda(mini_pack, [("x.toml", make_assessment(mini_pack, questionnaire="x"))])


# --------------------------------------------------------------------------- event details


def test_event_details_from_typed_text() -> None:
    from datetime import date

    from weltoffen_tui.core.workshop.agenda import event_details

    event = event_details("04.05.2027", "18.30", duration="2:30", place="  Rathaus,  Saal 2 ")
    assert event.day == date(2027, 5, 4) and event.start == time(18, 30)
    assert event.minutes == 150 and event.end == time(21, 0)
    assert event.place == "Rathaus, Saal 2"
    assert event_details("2027-05-04").day == date(2027, 5, 4)  # ISO too
    assert event_details(start="9", end="12 Uhr").minutes == 180
    for duration, expected in (("150", 150), ("90 min", 90), ("2,5 h", 150), ("3 Stunden", 180)):
        assert event_details(duration=duration).minutes == expected
    default = event_details()
    assert (default.day, default.start, default.minutes, default.place) == (
        None,
        time(17, 0),
        180,
        "",
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"day": "31.02.2027"}, "Datum „31.02.2027“ nicht erkannt"),
        ({"start": "25:00"}, "Uhrzeit „25:00“ nicht erkannt"),
        ({"start": "18:00", "end": "17:00"}, "liegt nicht nach dem Beginn"),
        ({"duration": "zwei"}, "Dauer „zwei“ nicht erkannt"),
        ({"duration": "20"}, "passt nicht zum Ablauf"),
        ({"duration": "2:00", "end": "20:00"}, "Ende und Dauer passen nicht zusammen"),
    ],
)
def test_unclear_event_details_are_german_errors(kwargs: dict[str, str], message: str) -> None:
    from weltoffen_tui.core.workshop.agenda import event_details

    with pytest.raises(AgendaError) as info:
        event_details(**kwargs)
    assert message in info.value.problems[0].message


@pytest.mark.parametrize("total", [60, 90, 120, 150, 180, 210, 240, 480])
def test_programme_is_scaled_to_the_duration(
    shipped_pack: Pack, sample: Assessment, total: int
) -> None:
    from weltoffen_tui.core.workshop.agenda import EventDetails

    event = EventDetails(start=time(9, 0), minutes=total)
    blocks = draft_agenda(shipped_pack, [("m.toml", sample)], event=event).blocks
    assert blocks[0].start == time(9, 0) and blocks[-1].end == event.end
    assert sum(minutes(b.start, b.end) for b in blocks) == total
    assert all(minutes(b.start, b.end) >= 5 and b.start.minute % 5 == 0 for b in blocks)
    assert all(a.end == b.start for a, b in pairwise(blocks))


def test_documents_show_date_time_place_and_duration(
    shipped_pack: Pack, sample: Assessment
) -> None:
    from datetime import date

    from weltoffen_tui.core.workshop.agenda import EventDetails

    event = EventDetails(date(2027, 5, 4), time(18, 30), 150, "Bürgerhaus *Mitte*")
    agenda = draft_agenda(shipped_pack, [("m.toml", sample)], event=event)
    markdown = agenda_markdown(shipped_pack, agenda)
    assert "**Datum:** 04.05.2027" in markdown
    assert "**Zeit:** 18:30–21:00 Uhr (2 Stunden 30 Minuten)" in markdown
    assert "**Ort:** Bürgerhaus \\*Mitte\\*" in markdown
    assert "## Ablauf (2 Stunden 30 Minuten)" in markdown
    page = agenda_html(shipped_pack, agenda)
    assert "04.05.2027" in page and "18:30–21:00 Uhr" in page and "Bürgerhaus *Mitte*" in page
    undecided = agenda_markdown(shipped_pack, draft_agenda(shipped_pack, [("m.toml", sample)]))
    assert "**Datum:** noch festzulegen" in undecided and "**Ort:** noch festzulegen" in undecided
    assert "**Zeit:** 17:00–20:00 Uhr (3 Stunden)" in undecided


def test_cli_agenda_options(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from tests.test_cli import run

    sample_file = str(sample_path())
    code, out, _ = run(
        capsys,
        "agenda",
        sample_file,
        "--format",
        "markdown",
        "--datum",
        "04.05.2027",
        "--beginn",
        "18:00",
        "--ende",
        "20:30",
        "--ort",
        "Rathaus",
    )
    assert code == 0
    assert "**Datum:** 04.05.2027" in out and "**Ort:** Rathaus" in out
    assert "18:00–20:30 Uhr (2 Stunden 30 Minuten)" in out
    code, out, _ = run(capsys, "agenda", sample_file, "--format", "markdown", "--dauer", "90")
    assert code == 0 and "17:00–18:30 Uhr" in out
    # The existing options keep working: -o by suffix, no event options at all.
    target = tmp_path / "t.html"
    assert run(capsys, "agenda", sample_file, "-o", str(target))[0] == 0
    assert "noch festzulegen" in target.read_text(encoding="utf-8")
    code, _, err = run(capsys, "agenda", sample_file, "--datum", "morgen")
    assert code == 2 and "Datum „morgen“ nicht erkannt" in err and "Traceback" not in err


def shown(renderable: object) -> str:
    """A renderable as the plain text a user would read."""
    import io

    from rich.console import Console

    console = Console(width=100, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


async def test_tui_preview_edits_details_before_the_export(tmp_path: Path) -> None:
    import shutil

    from textual.widgets import Input, Static

    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.agenda import AgendaScreen
    from weltoffen_tui.tui.screens.summary import SummaryScreen

    target = tmp_path / "musterstadt.toml"
    shutil.copyfile(sample_path(), target)
    app = WeltoffenApp(data_dir=tmp_path, open_file=target)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        exported = tmp_path / "musterstadt-tagesordnung.md"
        assert not exported.exists()  # nothing is written before the user says so
        await pilot.press(*"4.5.2027")
        assert screen.query_one("#agenda-day", Input).value == "4.5.2027"
        screen.query_one("#agenda-start", Input).value = "18:30"
        screen.query_one("#agenda-duration", Input).value = "2:00"
        await pilot.press("tab", "tab", "tab")
        await pilot.press(*"Rathaus")
        await pilot.pause()
        assert "18:30–20:30" in shown(screen.query_one("#agenda-document", Static).content)
        # An unclear value is said beside the form; the export waits for it.
        screen.query_one("#agenda-duration", Input).value = "zehn"
        await pilot.pause()
        assert "Dauer „zehn“ nicht erkannt" in str(screen.query_one("#agenda-error").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not exported.exists()
        screen.query_one("#agenda-duration", Input).value = "2:00"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = exported.read_text(encoding="utf-8")
        assert "**Datum:** 04.05.2027" in text and "**Ort:** Rathaus" in text
        assert "18:30–20:30 Uhr (2 Stunden)" in text
        assert (tmp_path / "musterstadt-tagesordnung.html").exists()
        banner = str(screen.query_one("#agenda-status").render())
        assert "Tagesordnung (Markdown und HTML) geschrieben" in banner
        assert app.exported == [tmp_path / "musterstadt-tagesordnung.html"]


@pytest.mark.parametrize("minutes", [60, 90, 120, 180, 240, 480])
def test_method_texts_follow_the_scaled_length(
    shipped_pack: Pack, sample: Assessment, minutes: int
) -> None:
    """A one-hour event must not promise a ten-minute talk in a five-minute block."""
    import re

    from weltoffen_tui.core.workshop.agenda import EventDetails

    agenda = draft_agenda(shipped_pack, [("m.toml", sample)], event=EventDetails(minutes=minutes))
    for block in agenda.blocks:
        length = (
            datetime.combine(datetime(2000, 1, 1), block.end)
            - datetime.combine(datetime(2000, 1, 1), block.start)
        ).seconds // 60
        talk = re.search(r"höchstens (\d+) Minuten", block.method)
        if talk:
            assert int(talk.group(1)) <= length * 2 / 5 or int(talk.group(1)) == 5
        rounds = re.search(r"Wechsel alle (\d+) Minuten", block.method)
        if rounds:
            assert 3 * int(rounds.group(1)) <= length
    methods = " ".join(block.method for block in agenda.blocks)
    assert "höchstens" in methods and "Wechsel alle" in methods
    if minutes == 180:  # the programme as designed
        assert "höchstens 10 Minuten" in methods and "Wechsel alle 15 Minuten" in methods
