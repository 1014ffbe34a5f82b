"""Bad input: a clear message (file, line), exit code 2, a TUI dialog, the file untouched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import write_mini_pack
from weltoffen_tui.cli import main
from weltoffen_tui.core.assessment import Measure, Respondent
from weltoffen_tui.core.pack.check import validate_pack
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.scoring import evaluate
from weltoffen_tui.core.storage.store import load_assessment, save_assessment
from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.paths import sample_path
from weltoffen_tui.render import report
from weltoffen_tui.render.formats import MARKDOWN
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.screens.dialogs import MessageDialog


def _replace(old: str, new: str) -> Callable[[str], bytes]:
    def change(text: str) -> bytes:
        assert old in text
        return text.replace(old, new, 1).encode("utf-8")

    return change


# name -> (how to break the sample, words the message must contain, line expected?)
CASES: dict[str, tuple[Callable[[str], bytes], tuple[str, ...], bool]] = {
    "toml-syntax": (_replace('kind = "Stadt"', 'kind = "Stadt'), ("TOML-Syntaxfehler",), True),
    "wrong-type": (_replace('kind = "Stadt"', "kind = 3"), ("ungültiger Wert", "Stadt"), True),
    "value-outside-scale": (_replace("value = 4", "value = 5"), ("5", "weiss_nicht"), True),
    "value-as-text": (_replace("value = 4", 'value = "gut"'), ("gut",), True),
    "missing-municipality": (
        _replace('municipality = "Musterstadt"\n', ""),
        ("municipality", "fehlt"),
        False,
    ),
    "unknown-questionnaire": (
        _replace('questionnaire = "weltoffene-kommune"', 'questionnaire = "gibt-es-nicht"'),
        ("gibt-es-nicht", "nicht bekannt"),
        True,
    ),
    "newer-schema": (
        _replace("schema_version = 1", "schema_version = 7"),
        ("neueren Version", "aktualisieren"),
        True,
    ),
    "bad-date": (_replace("session_date = 2026-03-12", 'session_date = "März"'), ("Datum",), True),
    "not-utf8": (lambda text: text.encode("latin-1", "replace"), ("UTF-8",), True),
    "huge": (lambda text: text.encode("utf-8") + b"#" * (50 * 1024 * 1024), ("zu groß",), False),
}


@pytest.fixture(params=sorted(CASES))
def broken(
    request: pytest.FixtureRequest, tmp_path: Path
) -> tuple[Path, bytes, tuple[str, ...], bool]:
    change, words, has_line = CASES[request.param]
    path = tmp_path / "kaputt.toml"
    content = change(sample_path().read_text(encoding="utf-8"))
    path.write_bytes(content)
    return path, content, words, has_line


def test_cli_says_what_and_where(
    broken: tuple[Path, bytes, tuple[str, ...], bool], capsys: pytest.CaptureFixture[str]
) -> None:
    path, content, words, has_line = broken
    for command in (["report", str(path)], ["open", str(path)]):
        assert main(command) == 2
        out, err = capsys.readouterr()
        assert out == "" and "Traceback" not in err
        first = err.splitlines()[0]
        assert str(path) in first
        if has_line:
            assert f"{path}:" in first and first.split(f"{path}:")[1][0].isdigit(), first
        for word in words:
            assert word in err, (word, err)
    assert path.read_bytes() == content


async def test_tui_shows_a_dialog(broken: tuple[Path, bytes, tuple[str, ...], bool]) -> None:
    path, content, words, _ = broken
    app = WeltoffenApp(data_dir=path.parent, open_file=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        shown = " ".join(app.screen.lines)
        assert all(word in shown for word in words), shown
        await pilot.press("enter")
    assert path.read_bytes() == content


def test_pack_with_every_kind_of_error_lists_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = write_mini_pack(tmp_path / "p")
    alpha = pack / "fields" / "alpha.toml"
    alpha.write_text(
        alpha.read_text()
        .replace('id = "al-02"', 'id = "al-01"')
        .replace('articles = ["art-a"]', 'articles = ["fehlt"]', 1)
    )
    (pack / "fields" / "beta.toml").write_text(
        'id = "beta"\ntitle = "B"\nintro = "x"\nquestions = []\n'
    )
    (pack / "articles" / "art-b.md").write_text("+++\nid = \n+++\nText\n")
    pack_toml = pack / "pack.toml"
    pack_toml.write_text(pack_toml.read_text().replace("min = 75", "min = 10"))
    _, problems = validate_pack(pack)
    messages = " | ".join(p.message for p in problems)
    for expected in ("doppelt", "fehlt", "keine Fragen", "TOML", "aufsteigend"):
        assert expected in messages, (expected, messages)
    assert main(["validate", str(pack)]) == 1
    out = capsys.readouterr().out
    assert out.count("\n") >= len(problems)


printable = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=60
)
markup = st.sampled_from(
    [
        *("[bold]", "[/]", "[red]x[/red]", "[link=http://x]y[/link]", "**", "<b>", "`"),
        # escape sequences and controls: shown in their visible form (core/textsafe.py)
        *("\x1b[2J", "\x1b]8;;http://x\x1b\\", "\x1b]0;title\x07", "\x9b", "\x00", "\u202e"),
    ]
)


def rendered_text(markdown: str) -> str:
    """What a Markdown viewer shows: the text of the rendered HTML, whitespace collapsed."""
    import html
    import re

    from markdown_it import MarkdownIt

    page = MarkdownIt("commonmark").enable("table").render(markdown)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


literal_text = st.builds(lambda a, m, b: f"{a}{m}{b}", printable, markup, printable)
# Control characters (C0 but tab and newline, DEL), C1 codes U+0080–U+009F and bidi marks
# and overrides, drawn often: a plain ``st.characters`` alphabet rarely picks one.
controls = st.one_of(
    st.characters(min_codepoint=0, max_codepoint=0x1F).filter(lambda c: c not in "\t\n"),
    st.characters(min_codepoint=0x7F, max_codepoint=0x9F),
    st.sampled_from("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"),
)
any_text = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cs",)), controls), max_size=120
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    municipality=any_text.filter(lambda s: s.strip() != ""),
    consultant=any_text,
    name=any_text.filter(lambda s: s != ""),
    role=any_text,
    note=any_text,
    measure=any_text.filter(lambda s: s != ""),
)
def test_every_free_text_field_round_trips(
    shipped_pack: Pack,
    tmp_path: Path,
    municipality: str,
    consultant: str,
    name: str,
    role: str,
    note: str,
    measure: str,
) -> None:
    assessment = load_assessment(sample_path())
    assessment.municipality = municipality
    assessment.consultant = consultant
    assessment.respondents = [Respondent(name=name, role=role)]
    assessment.set_answer("management-steuerung", "ms-01", note=note)
    assessment.measures = [Measure(id="m-001", title=measure, responsible=role, note=note)]
    path = tmp_path / "rt.toml"
    save_assessment(assessment, path)
    assert load_assessment(path) == assessment


@settings(max_examples=40, deadline=None)
@given(municipality=literal_text, note=literal_text, name=literal_text)
def test_report_shows_text_literally(
    shipped_pack: Pack, municipality: str, note: str, name: str
) -> None:
    from rich.console import Console

    assessment = load_assessment(sample_path())
    assessment.municipality = municipality
    assessment.respondents = [Respondent(name=name, role="Rolle")]
    assessment.set_answer("management-steuerung", "ms-01", 1, note=note)
    profile = evaluate(shipped_pack, assessment)
    console = Console(width=400, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(report.rich_report(shipped_pack, assessment, profile))
    shown = console.export_text()
    assert visible(municipality) in shown and visible(name) in shown
    # The full version: notes are among the answers, which the handout leaves out.
    markdown = report.render(MARKDOWN, shipped_pack, assessment, profile, full=True)
    shown_md = rendered_text(markdown)
    for text in (municipality, note, name):
        assert " ".join(visible(text).split()) in shown_md


def test_choice_errors_are_german(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "dorf.toml"
    text = sample_path().read_text(encoding="utf-8").replace('kind = "Stadt"', 'kind = "Dorf"')
    assert 'kind = "Dorf"' in text
    path.write_text(text, encoding="utf-8")
    assert main(["report", str(path)]) == 2
    err = capsys.readouterr().err
    assert "'Gemeinde' oder 'Landkreis'" in err and " or " not in err
