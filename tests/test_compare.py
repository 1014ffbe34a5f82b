"""Comparing assessments: spread, ranking, compatibility, change over time, rendering."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from tests.conftest import make_assessment
from weltoffen_tui.core.assessment import Assessment, Respondent
from weltoffen_tui.core.labels import format_difference
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.values import NOT_APPLICABLE, UNKNOWN
from weltoffen_tui.core.workshop.compare import (
    FALLEN,
    MAX_COLUMNS,
    NEWLY_RATED,
    NO_LONGER_RATED,
    RISEN,
    SAME,
    Comparison,
    ComparisonError,
    Timeline,
    compare,
    compatibility,
    deltas,
    perspective_label,
    timeline,
)
from weltoffen_tui.render import comparison as comparison_document
from weltoffen_tui.render import timeline as timeline_document
from weltoffen_tui.render.blocks import Document
from weltoffen_tui.render.formats import MARKDOWN
from weltoffen_tui.render.markdown import to_markdown
from weltoffen_tui.render.terminal import to_rich
from weltoffen_tui.render.timeline import deltas_table


def comparison_markdown(pack: Pack, comparison: Comparison) -> str:
    return comparison_document.render(MARKDOWN, pack, comparison)


def render_comparison(pack: Pack, comparison: Comparison) -> object:
    return comparison_document.rich_comparison(pack, comparison)


def timeline_markdown(pack: Pack, line: Timeline) -> str:
    return timeline_document.render(MARKDOWN, pack, line)


def answered(pack: Pack, answers: dict[str, int | str | None], **overrides: object) -> Assessment:
    """An assessment of ``pack`` with the given answers, keyed by question id."""
    assessment = make_assessment(pack, **overrides)
    for question_id, value in answers.items():
        found = pack.question(question_id)
        assert found is not None, question_id
        assessment.set_answer(found[0].id, question_id, value)
    return assessment


def plain(renderable: object) -> str:
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.export_text()


# Three perspectives, answers chosen so the ranking can be worked out by hand.
MATRIX: dict[str, tuple[int | str | None, int | str | None, int | str | None]] = {
    "al-01": (1, 4, None),  # spread 3
    "al-02": (2, 3, UNKNOWN),  # spread 1, 1× weiß nicht, mixed
    "al-03": (2, 3, 3),  # spread 1
    "be-01": (3, 4, UNKNOWN),  # spread 1, 1× weiß nicht, later in pack order than al-02
    "be-02": (2, UNKNOWN, UNKNOWN),  # spread 0, 2× weiß nicht, mixed
    "be-03": (NOT_APPLICABLE, 3, None),  # spread 0, mixed
    "be-04": (4, 4, 4),  # agreement: no discussion point
}


def three_perspectives(pack: Pack) -> list[tuple[str, Assessment]]:
    roles = ("Verwaltungsspitze", "Integrationsbüro", "Beirat")
    return [
        (
            f"sicht-{n}.toml",
            answered(
                pack,
                {qid: values[n] for qid, values in MATRIX.items() if values[n] is not None},
                respondents=[Respondent(name=f"Person {n}", role=roles[n])],
            ),
        )
        for n in range(3)
    ]


def test_spread_unknown_and_mixed_per_question(mini_pack: Pack) -> None:
    comparison = compare(mini_pack, three_perspectives(mini_pack))
    by_id = {q.question.id: q for q in comparison.questions}
    assert by_id["al-01"].values == (1, 4, None)
    assert (by_id["al-01"].spread, by_id["al-01"].unknown, by_id["al-01"].mixed) == (3, 0, False)
    assert (by_id["al-02"].spread, by_id["al-02"].unknown, by_id["al-02"].mixed) == (1, 1, True)
    assert (by_id["be-02"].spread, by_id["be-02"].unknown, by_id["be-02"].mixed) == (0, 2, True)
    assert (by_id["be-03"].spread, by_id["be-03"].mixed) == (0, True)
    assert not by_id["be-04"].differs


def test_discussion_points_ranked_by_spread_then_unknown_then_pack_order(
    mini_pack: Pack,
) -> None:
    comparison = compare(mini_pack, three_perspectives(mini_pack))
    ranked = [q.question.id for q in comparison.discussion_points]
    assert ranked == ["al-01", "al-02", "be-01", "al-03", "be-02", "be-03"]


def test_field_scores_levels_and_spread(mini_pack: Pack) -> None:
    comparison = compare(mini_pack, three_perspectives(mini_pack))
    alpha = comparison.fields[0]
    # A: points 0,1,1 → 2/9; B: 3,2,2 → 7/9; C: only al-03 graded (2) → 2/3.
    assert alpha.scores == pytest.approx((200 / 9, 700 / 9, 200 / 3))
    assert [lv.id if lv else None for lv in alpha.levels] == [
        "einstieg",
        "verankert",
        "fortgeschritten",
    ]
    assert alpha.spread == round(700 / 9) - round(200 / 9)  # 78 − 22, as shown
    assert alpha.mean == pytest.approx((200 / 9 + 700 / 9 + 200 / 3) / 3)


def test_labels_from_roles_names_or_file_and_made_unique(mini_pack: Pack) -> None:
    two_roles = make_assessment(
        mini_pack,
        respondents=[Respondent(name="A", role="Personalamt"), Respondent(name="B", role="Rat")],
    )
    many = make_assessment(
        mini_pack, respondents=[Respondent(name=n, role=n + "-Rolle") for n in "ABCD"]
    )
    nameless = make_assessment(mini_pack, respondents=[Respondent(name="Kim")])
    nobody = make_assessment(mini_pack, respondents=[])
    assert perspective_label("x.toml", two_roles) == "Personalamt, Rat"
    assert perspective_label("x.toml", many) == "A-Rolle und 3 weitere"
    assert perspective_label("x.toml", nameless) == "Kim"
    assert perspective_label("ordner/gruppe-3.toml", nobody) == "gruppe-3"
    same = make_assessment(mini_pack)
    comparison = compare(mini_pack, [("eins.toml", same), ("zwei.toml", same)])
    labels = [p.label for p in comparison.perspectives]
    assert labels == ["Integrationsbeauftragte (eins)", "Integrationsbeauftragte (zwei)"]


def test_different_municipalities_are_labelled_by_municipality(mini_pack: Pack) -> None:
    items = [
        ("a.toml", make_assessment(mini_pack, municipality="Adorf")),
        ("b.toml", make_assessment(mini_pack, municipality="Bestadt")),
    ]
    assert [p.label for p in compare(mini_pack, items).perspectives] == ["Adorf", "Bestadt"]


def test_compare_needs_two_files(mini_pack: Pack) -> None:
    with pytest.raises(ComparisonError, match="mindestens zwei"):
        compare(mini_pack, [("a.toml", make_assessment(mini_pack))])
    with pytest.raises(ComparisonError):
        compare(mini_pack, [])


def test_compatible_files_need_no_note(mini_pack: Pack) -> None:
    # b differs in one detail: identical content would be noted as the same file twice
    second = make_assessment(mini_pack, consultant="Zweite Beraterin")
    items = [("a.toml", make_assessment(mini_pack)), ("b.toml", second)]
    assert compatibility(items, pack=mini_pack) == []
    assert compare(mini_pack, items).notes == ()


def test_different_questionnaire_is_refused_with_clear_problem(mini_pack: Pack) -> None:
    items = [
        ("a.toml", make_assessment(mini_pack)),
        ("b.toml", make_assessment(mini_pack, questionnaire="anderer-check")),
    ]
    with pytest.raises(ComparisonError) as caught:
        compatibility(items)
    problem = caught.value.problems[0]
    assert problem.file.name == "b.toml"
    assert "nicht vergleichbar" in problem.message
    assert "anderer-check" in problem.message
    assert "demselben Fragebogen" in problem.hint
    with pytest.raises(ComparisonError):
        compare(mini_pack, items)


def test_files_of_another_pack_are_refused(mini_pack: Pack) -> None:
    other = [
        ("a.toml", make_assessment(mini_pack, questionnaire="x")),
        ("b.toml", make_assessment(mini_pack, questionnaire="x", consultant="Zweite")),
    ]
    assert compatibility(other) == []
    with pytest.raises(ComparisonError, match="Mini-Check"):
        compatibility(other, pack=mini_pack)


def test_different_versions_are_compared_on_shared_questions(mini_pack: Pack) -> None:
    items = [
        ("alt.toml", answered(mini_pack, {"al-01": 2}, questionnaire_version="0.0")),
        ("neu.toml", answered(mini_pack, {"al-01": 2}, questionnaire_version="0.1")),
    ]
    notes = compatibility(items, pack=mini_pack)
    assert len(notes) == 1
    assert "verschiedenen Fassungen" in notes[0]
    assert "0.0: alt.toml" in notes[0] and "0.1: neu.toml" in notes[0]
    assert "beide Fassungen kennen" in notes[0]
    comparison = compare(mini_pack, items)
    assert comparison.notes == tuple(notes)


def test_different_municipalities_are_a_benchmark(mini_pack: Pack) -> None:
    items = [
        ("a.toml", make_assessment(mini_pack, municipality="Adorf")),
        ("b.toml", make_assessment(mini_pack, municipality="Bestadt")),
        ("c.toml", make_assessment(mini_pack, municipality=" adorf ")),
    ]
    notes = compatibility(items, pack=mini_pack)
    assert len(notes) == 1
    assert "Adorf, Bestadt" in notes[0]
    assert "Benchmark" in notes[0]


def test_long_file_lists_in_notes_are_shortened(mini_pack: Pack) -> None:
    items = [
        (f"f{n}.toml", make_assessment(mini_pack, questionnaire_version=str(n % 2)))
        for n in range(20)
    ]
    note = compatibility(items)[0]
    assert "und 6 weitere" in note
    assert len(note) < 500


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from([None, 1, 2, 3, 4, UNKNOWN, NOT_APPLICABLE]), min_size=7, max_size=7
        ),
        min_size=2,
        max_size=5,
    )
)
def test_question_figures_match_their_definition(mini_pack: Pack, rows: list[list]) -> None:
    ids = [q.id for _, q in mini_pack.iter_questions()]
    items = [
        (
            f"{n}.toml",
            answered(mini_pack, {qid: v for qid, v in zip(ids, row, strict=True) if v is not None}),
        )
        for n, row in enumerate(rows)
    ]
    comparison = compare(mini_pack, items)
    for index, question in enumerate(comparison.questions):
        column = [row[index] for row in rows]
        graded = [v for v in column if isinstance(v, int)]
        kinds = {"graded" if isinstance(v, int) else v for v in column if v is not None}
        assert question.values == tuple(column)
        assert question.spread == (max(graded) - min(graded) if graded else 0)
        assert question.unknown == column.count(UNKNOWN)
        assert question.mixed == (len(kinds) > 1)
    spreads = [(-q.spread, -q.unknown, q.position) for q in comparison.discussion_points]
    assert spreads == sorted(spreads)


# --------------------------------------------------------------------------- over time


def test_deltas_per_field_with_direction(mini_pack: Pack) -> None:
    older = answered(mini_pack, {"al-01": 2, "al-02": 2, "al-03": 2, "be-02": 4})
    newer = answered(mini_pack, {"al-01": 3, "al-02": 3, "al-03": 3, "be-01": 1})
    alpha, beta = deltas(mini_pack, older, newer)
    assert alpha.before == pytest.approx(100 / 3)
    assert alpha.after == pytest.approx(200 / 3)
    assert alpha.difference == pytest.approx(100 / 3)
    assert (alpha.level_before.id, alpha.level_after.id) == ("aufbau", "fortgeschritten")  # type: ignore[union-attr]
    assert alpha.direction == RISEN
    assert beta.before == 100.0 and beta.after == 0.0
    assert beta.direction == FALLEN
    assert format_difference(beta.before, beta.after) == "−100"


def test_delta_directions_for_new_same_and_dropped(mini_pack: Pack) -> None:
    older = answered(mini_pack, {"al-01": 3})
    newer = answered(mini_pack, {"al-01": 3, "be-01": 2})
    alpha, beta = deltas(mini_pack, older, newer)
    assert alpha.direction == SAME and format_difference(alpha.before, alpha.after) == "±0"
    assert beta.direction == NEWLY_RATED and beta.difference is None
    _, back = deltas(mini_pack, newer, older)
    assert back.direction == NO_LONGER_RATED


def test_deltas_of_different_municipalities_are_refused(mini_pack: Pack) -> None:
    with pytest.raises(ComparisonError, match="dieselbe Kommune"):
        deltas(
            mini_pack,
            make_assessment(mini_pack, municipality="Adorf"),
            make_assessment(mini_pack, municipality="Bestadt"),
        )


def test_timeline_sorts_by_session_date(mini_pack: Pack) -> None:
    items = [
        ("2025.toml", answered(mini_pack, {"al-01": 2}, session_date=date(2025, 3, 1))),
        ("2023.toml", answered(mini_pack, {"al-01": 1}, session_date=date(2023, 3, 1))),
        ("2024.toml", answered(mini_pack, {"al-01": 4}, session_date=date(2024, 3, 1))),
    ]
    line = timeline(mini_pack, items)
    assert [e.name for e in line.entries] == ["2023.toml", "2024.toml", "2025.toml"]
    assert len(line.steps) == 2
    assert line.steps[0][0].direction == RISEN
    assert line.steps[1][0].direction == FALLEN
    assert line.overall[0].before == 0.0
    assert line.overall[0].after == pytest.approx(100 / 3)
    text = timeline_markdown(mini_pack, line)
    assert "01.03.2023" in text and "01.03.2025" in text and "gestiegen" in text


def test_timeline_refuses_other_municipality_and_single_file(mini_pack: Pack) -> None:
    items = [
        ("a.toml", make_assessment(mini_pack, municipality="Adorf")),
        ("b.toml", make_assessment(mini_pack, municipality="Bestadt")),
    ]
    with pytest.raises(ComparisonError) as caught:
        timeline(mini_pack, items)
    problem = caught.value.problems[0]
    assert problem.file.name == "b.toml"
    assert "Adorf" in problem.message and "Bestadt" in problem.message
    with pytest.raises(ComparisonError, match="mindestens zwei"):
        timeline(mini_pack, items[:1])


# --------------------------------------------------------------------------- rendering


def marked_up(pack: Pack) -> list[tuple[str, Assessment]]:
    return [
        (
            "a.toml",
            answered(
                pack,
                {"al-01": 1},
                respondents=[Respondent(name="X", role="[bold red]Rat[/bold red] *laut*")],
            ),
        ),
        ("b.toml", answered(pack, {"al-01": 4})),
    ]


def test_rich_output_shows_markup_in_names_literally(mini_pack: Pack) -> None:
    comparison = compare(mini_pack, marked_up(mini_pack))
    text = plain(render_comparison(mini_pack, comparison))
    assert "[bold red]Rat[/bold red]" in text
    assert "Spannweite" in text
    assert "In welchem Umfang gibt es al 1?" in text
    assert "1 – Gibt es nicht" in text and "4 – Fest etabliert" in text


def test_markdown_escapes_names(mini_pack: Pack) -> None:
    comparison = compare(mini_pack, marked_up(mini_pack))
    text = comparison_markdown(mini_pack, comparison)
    assert "[bold red]" not in text
    assert r"\[bold red\]Rat\[/bold red\] \*laut\*" in text
    assert "## Diskussionspunkte" in text
    assert "1. **al-01** " in text


def test_many_perspectives_show_minimum_mean_maximum(mini_pack: Pack) -> None:
    items = [
        (f"{n}.toml", answered(mini_pack, {"al-01": 1 + n % 4})) for n in range(MAX_COLUMNS + 2)
    ]
    comparison = compare(mini_pack, items)
    text = comparison_markdown(mini_pack, comparison)
    assert "| Handlungsfeld | Niedrigster Wert | Mittelwert | Höchster Wert | Spannweite |" in text
    assert "1 – Gibt es nicht ×3" in text
    assert "Mittelwert" in plain(render_comparison(mini_pack, comparison))


def test_deltas_renderers(mini_pack: Pack) -> None:
    older = answered(mini_pack, {"al-01": 1})
    newer = answered(mini_pack, {"al-01": 4})
    changes = deltas(mini_pack, older, newer)
    table = Document("", (deltas_table(changes, "[b]2024[/b]", "2025", "Veränderung"),))
    text = plain(to_rich(table))
    assert "[b]2024[/b]" in text and "+100" in text and "Einstieg → Verankert" in text
    markdown = to_markdown(Document("", (deltas_table(changes, "2024", "2025", "V"),)))
    assert "| Feld alpha | 0 | 100 | +100 | Einstieg → Verankert | gestiegen |" in markdown
    assert "neu bewertet" not in markdown


def test_no_differences_are_said_plainly(mini_pack: Pack) -> None:
    same = answered(mini_pack, {"al-01": 2})
    comparison = compare(mini_pack, [("a.toml", same), ("b.toml", same)])
    assert comparison.discussion_points == ()
    assert "Keine Unterschiede" in comparison_markdown(mini_pack, comparison)


def test_new_core_modules_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import weltoffen_tui.core.workshop.compare, weltoffen_tui.core.workshop.consensus\n"
        "import weltoffen_tui.core.workshop.actionplan, weltoffen_tui.core.workshop.agenda\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_shown_spread_adds_up_with_the_shown_scores(shipped_pack: Pack) -> None:
    """69.4 and 26.6 are shown as 69 and 27: the spread beside them must say 42, not 43."""
    from weltoffen_tui.core.labels import format_score
    from weltoffen_tui.core.workshop.compare import FieldComparison

    row = FieldComparison(shipped_pack.fields[0], (69.4, 26.6), (None, None))
    assert format_score(row.spread) == "42"
    assert FieldComparison(shipped_pack.fields[0], (44.5, 6.5), (None, None)).spread == 38


def test_the_perspective_line_counts_only_questions_that_apply(capsys) -> None:  # type: ignore[no-untyped-def]
    """The samples are a kreisangehörige Stadt that kept an answer to io-16 (Landkreis and
    kreisfreie Stadt only): like the summary, the comparison counts 104, not 105."""
    from weltoffen_tui.cli import main
    from weltoffen_tui.paths import packs_dir

    samples = packs_dir() / "weltoffene-kommune" / "samples"
    files = [
        samples / "musterstadt-integrationsbeirat.toml",
        samples / "musterstadt-integrationsbuero.toml",
    ]
    assert "io-16" in files[0].read_text(encoding="utf-8")
    assert main(["compare", *map(str, files), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.count("beantwortet 104 Fragen") == 2, out[:800]
