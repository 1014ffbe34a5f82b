"""The format registry: every command × every format × every suffix, and what lands in the file.

Regression tests for two bugs the registry removed: ``report -o x.csv`` ended with
"unerwarteter Fehler" (exit 3), and ``compare … -o x.json`` wrote Markdown into JSON.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from weltoffen_tui.cli import main
from weltoffen_tui.core.labels import format_difference
from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.paths import sample_path
from weltoffen_tui.render import formats
from weltoffen_tui.render.blocks import Bullets, Document, Paragraph, Table, inline, table
from weltoffen_tui.render.blocks import Column as Col
from weltoffen_tui.render.html import to_html
from weltoffen_tui.render.markdown import escape, to_markdown

SAMPLES = sample_path().parent
SAMPLE = SAMPLES / "musterstadt.toml"
PERSPECTIVES = [
    SAMPLES / "musterstadt-verwaltungsleitung.toml",
    SAMPLES / "musterstadt-integrationsbuero.toml",
]
TIMELINE = [SAMPLES / "musterstadt-2025.toml", SAMPLE]
COMMANDS: dict[str, tuple[str, list[Path]]] = {
    "report": ("report", [SAMPLE]),
    "questionnaire": ("questionnaire", []),
    "compare": ("comparison", PERSPECTIVES),
    "timeline": ("timeline", TIMELINE),
    "agenda": ("agenda", PERSPECTIVES),
    "actionplan": ("actionplan", [SAMPLE]),
}
SUFFIXES = [".md", ".html", ".json", ".csv", ".txt", ".pdf", ".xlsx", ""]
FORMAT_NAMES = [None, *(f.name for f in formats.FORMATS)]


def check_content(path: Path, fmt: formats.Format) -> None:
    """The file holds what its format promises."""
    raw = path.read_bytes()
    if fmt in (formats.XLSX, formats.XLSFORM):  # binary: an .xlsx that openpyxl opens
        import openpyxl

        sheets = openpyxl.load_workbook(io.BytesIO(raw), read_only=True).sheetnames
        assert ("survey" in sheets) == (fmt is formats.XLSFORM)
        return
    if fmt is formats.PDF:
        assert raw.startswith(b"%PDF-") and raw.rstrip().endswith(b"%%EOF")
        return
    assert not raw.startswith(b"%PDF")
    text = raw.decode("utf-8-sig")
    assert text.strip()
    if fmt is formats.JSON:
        json.loads(text)
    elif fmt is formats.CSV:
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        assert len({len(row) for row in rows}) == 1
    elif fmt is formats.HTML:
        assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    elif fmt is formats.MARKDOWN:
        assert text.startswith("# ")
        assert not text.lstrip().startswith(("{", "<"))
    else:
        assert "\x1b" not in text and not text.startswith(("#", "{", "<"))


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_every_command_format_and_suffix(
    command: str,
    suffix: str,
    fmt: str | None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    document, files = COMMANDS[command]
    target = tmp_path / f"ziel{suffix}"
    argv = [command, *map(str, files), "-o", str(target)]
    if fmt is not None:
        argv += ["--format", fmt]
    offered = [f.name for f in formats.offered(document)]
    if fmt is not None and fmt not in offered:
        with pytest.raises(SystemExit) as stop:  # argparse refuses the choice itself
            main(argv)
        assert stop.value.code == 2
        assert "ungültige Auswahl" in capsys.readouterr().err
        return
    code = main(argv)
    err = capsys.readouterr().err
    assert code in (0, 2), err
    assert "Traceback" not in err and "unerwarteter Fehler" not in err
    from_suffix = formats.by_suffix(target)
    if code == 2:
        assert not target.exists()
        assert len([line for line in err.splitlines() if line.strip()]) == 1
        assert "Möglich sind" in err or "passt nicht" in err
        refused_suffix = from_suffix is None or from_suffix.name not in offered
        mismatch = fmt is not None and from_suffix is not None and from_suffix.name != fmt
        assert refused_suffix or mismatch
        return
    chosen = formats.choose(document, fmt, target)
    if fmt is not None:
        assert chosen.name == fmt
    elif from_suffix is not None:
        assert chosen is from_suffix
    check_content(target, chosen)


def test_report_csv_is_refused_with_the_formats_that_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "bericht.csv"
    assert main(["report", str(SAMPLE), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "markdown (.md), html (.html), json (.json)" in err
    assert not target.exists()


@pytest.mark.parametrize(
    ("command", "files"),
    [("compare", PERSPECTIVES), ("timeline", TIMELINE), ("actionplan", [SAMPLE])],
)
def test_json_suffix_gives_json(command: str, files: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    assert main([command, *map(str, files), "-o", str(target)]) == 0
    json.loads(target.read_text(encoding="utf-8"))


def test_dash_writes_to_standard_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["report", str(SAMPLE), "--format", "json", "-o", "-"]) == 0
    json.loads(capsys.readouterr().out)
    assert not (tmp_path / "-").exists()


def test_cli_choices_come_from_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["actionplan", "--help"])
    out = capsys.readouterr().out
    assert "markdown, html, csv, json, text" in out


# --------------------------------------------------------------------------- Markdown escaping

# Control characters (C0 but tab and newline, DEL), C1 codes U+0080–U+009F and bidi marks
# and overrides, drawn often: a plain ``st.characters`` alphabet rarely picks one.
controls = st.one_of(
    st.characters(min_codepoint=0, max_codepoint=0x1F).filter(lambda c: c not in "\t\n"),
    st.characters(min_codepoint=0x7F, max_codepoint=0x9F),
    st.sampled_from("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"),
)
prose = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"),
        controls,
    ),
    max_size=60,
)


def shown(markdown: str) -> str:
    """The text a Markdown viewer shows, whitespace collapsed."""
    import html

    from markdown_it import MarkdownIt

    page = MarkdownIt("commonmark").enable("table").render(markdown)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@settings(max_examples=200, deadline=None)
@given(text=prose)
@example(text="___")  # a line of underscores alone would be a horizontal rule
@example(text="_ _ _")
def test_markdown_shows_any_text_literally(text: str) -> None:
    document = Document("t", (Paragraph(inline(text)), Bullets((inline(text),))))
    page = to_html_of(to_markdown(document))
    assert "<h1" not in page and "<h2" not in page and "<hr" not in page
    assert "<em>" not in page and "<strong>" not in page and "<a " not in page
    assert "<code>" not in page and "<blockquote>" not in page and "<ol" not in page
    words = " ".join(visible(text).split())  # controls in their visible form (textsafe)
    assert shown(to_markdown(Document("t", (Paragraph(inline(text)),)))) == words


def to_html_of(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").render(markdown)


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("Musterstadt (Stadt)", "Musterstadt (Stadt)"),
        ("Ratsbeschluss vom 12.05.2025", "Ratsbeschluss vom 12.05.2025"),
        ("Kommune: ______", "Kommune: ______"),
        ("snake_case", "snake_case"),
        ("[bold]x[/bold]", r"\[bold\]x\[/bold\]"),
        ("&lt;", r"\&lt;"),
    ],
)
def test_markdown_escapes_only_where_needed(text: str, markdown: str) -> None:
    assert escape(text) == markdown


@pytest.mark.parametrize("line", ["===", "---", "# Titel", "> Zitat", "1. Punkt", "- Punkt"])
def test_note_lines_never_become_structure(line: str) -> None:
    note = f"Erste Zeile\n{line}"
    page = to_html_of(to_markdown(Document("t", (Paragraph(inline(note)),))))
    assert page.count("<p>") == 1 and "<h" not in page and "<hr" not in page
    assert "<blockquote>" not in page and "<ol>" not in page and "<ul>" not in page


def test_sample_report_markdown_is_not_over_escaped() -> None:
    from weltoffen_tui.core.scoring import evaluate
    from weltoffen_tui.core.storage.opening import open_assessment
    from weltoffen_tui.render import report

    assessment, pack = open_assessment(SAMPLE)
    text = report.render(formats.MARKDOWN, pack, assessment, evaluate(pack, assessment))
    assert r"\(" not in text and r"\." not in text and r"\-" not in text
    assert "Musterstadt (Stadt)" in text


def test_html_escapes_user_text_and_keeps_entities_literal() -> None:
    cell = table((Col("Notiz"),), [["&lt;b&gt; <i>x</i>"]])
    assert isinstance(cell, Table)
    page = to_html(Document("<T>", (Paragraph(inline("&lt; <script>")), cell)))
    assert "<script>" not in page and "&amp;lt; &lt;script&gt;" in page
    assert "<title>&lt;T&gt;</title>" in page and "<i>x</i>" not in page


# --------------------------------------------------------------------------- numbers a person reads


@pytest.mark.parametrize(
    ("before", "after", "shown_difference"),
    [(12.4, 20.6, "+9"), (20.6, 12.4, "−9"), (49.5, 50.4, "±0"), (None, 3.0, "–")],
)
def test_differences_add_up_with_the_shown_numbers(
    before: float | None, after: float | None, shown_difference: str
) -> None:
    assert format_difference(before, after) == shown_difference


def test_redirected_report_crops_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    """Redirected output is flowing text: every recommendation appears whole, on one line."""
    from weltoffen_tui.core.scoring import evaluate
    from weltoffen_tui.core.storage.opening import open_assessment

    assert main(["report", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assessment, pack = open_assessment(SAMPLE)
    texts = [
        " ".join(ref.recommendation.text.split())
        for result in evaluate(pack, assessment).fields
        for ref in result.recommendations
    ]
    assert texts
    lines = {" ".join(line.split()) for line in out.splitlines()}
    missing = [text for text in texts if text not in lines]
    assert not missing, missing[:2]


def test_pack_markdown_cannot_inject_raw_html() -> None:
    """Article bodies are trusted Markdown, but raw HTML in them is still shown as text."""
    from weltoffen_tui.render.blocks import Prose

    page = to_html(Document("t", (Prose("Text <script>alert(1)</script> <b>fett</b>"),)))
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page
