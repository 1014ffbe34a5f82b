"""The profile chart (SVG in HTML and PDF) and the PDF handout.

The chart: present, labelled (title, desc, role, aria-labelledby), one polygon per
series at the coordinates of its values, a different line style and marker per series,
and a table with the same numbers. The PDF: text of all seven fields and the
municipality, a cover, contents and page numbers, tagged (PDF/UA-1: StructTreeRoot,
MarkInfo, /Lang de, a title), and one German line when WeasyPrint cannot be loaded.
"""

from __future__ import annotations

import builtins
import io
import math
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from weltoffen_tui.cli import main
from weltoffen_tui.core.assessment import Assessment, Target
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.scoring import evaluate
from weltoffen_tui.core.storage.opening import open_assessment
from weltoffen_tui.core.workshop.compare import compare, timeline
from weltoffen_tui.paths import sample_path
from weltoffen_tui.render import chart, comparison, formats, report
from weltoffen_tui.render import timeline as timeline_document

SAMPLES = sample_path().parent
SAMPLE = SAMPLES / "musterstadt.toml"
PERSPECTIVES = [
    SAMPLES / "musterstadt-verwaltungsleitung.toml",
    SAMPLES / "musterstadt-integrationsbuero.toml",
    SAMPLES / "musterstadt-integrationsbeirat.toml",
]
SVG = "{http://www.w3.org/2000/svg}"


def sample() -> tuple[Assessment, Pack]:
    return open_assessment(SAMPLE)


def with_targets(assessment: Assessment) -> Assessment:
    targets = {
        "management-steuerung": Target(level="verankert", due=date(2027, 12, 31)),
        "arbeit-wirtschaft": Target(level="aufbau"),
    }
    return assessment.model_copy(update={"targets": targets})


def expected_point(index: int, count: int, score: float) -> tuple[float, float]:
    """Where a score should be drawn, computed here independently of the chart module:
    the first axis points up, the others follow clockwise; 0 in the centre, 100 on the
    outer ring."""
    angle = -math.pi / 2 + 2 * math.pi * index / count
    share = score / 100
    return (
        chart.CX + chart.RADIUS * share * math.cos(angle),
        chart.CY + chart.RADIUS * share * math.sin(angle),
    )


def the_svg(page: str) -> ET.Element:
    found = re.findall(r"<svg .*?</svg>", page, re.S)
    assert len(found) == 1, "one chart per page"
    return ET.fromstring(found[0])


def polygon_points(group: ET.Element) -> list[tuple[float, float]]:
    polygon = group.find(f"{SVG}polygon")
    assert polygon is not None
    return [tuple(map(float, pair.split(","))) for pair in polygon.get("points", "").split()]  # type: ignore[misc]


def flat_points(points: list[tuple[float, float]]) -> list[float]:
    return [c for p in points for c in p]


def chart_table(page: str) -> list[list[str]]:
    """The rows of the table that gives the chart's numbers."""
    match = re.search(r"<caption>Werte zum Diagramm.*?</table>", page, re.S)
    assert match, "the chart's numbers as a table"
    rows = re.findall(r"<tr>(.*?)</tr>", match.group(0), re.S)
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]
        for row in rows
    ]


# --------------------------------------------------------------------------- the chart


def test_report_chart_is_labelled_and_its_polygons_sit_on_the_values() -> None:
    assessment, pack = sample()
    assessment = with_targets(assessment)
    profile = evaluate(pack, assessment)
    page = report.render(formats.HTML, pack, assessment, profile)
    assert isinstance(page, str)
    svg = the_svg(page)
    assert svg.get("role") == "img"
    labelled = (svg.get("aria-labelledby") or "").split()
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert labelled == [title.get("id"), desc.get("id")]
    assert "Musterstadt" in (title.text or "")
    assert "Ist (aktuelle Punkte)" in (desc.text or "") and "Soll (Ziel)" in (desc.text or "")
    series = svg.findall(f"{SVG}g[@class='series']")
    assert len(series) == 2  # current points; the targets (two fields: a path, not a polygon)
    count = len(pack.fields)
    expected = [expected_point(i, count, r.score or 0.0) for i, r in enumerate(profile.fields)]
    assert flat_points(polygon_points(series[0])) == pytest.approx(flat_points(expected), abs=0.06)
    # The same numbers in the table, targets where set and a dash where not.
    rows = chart_table(page)
    assert rows[0] == ["Handlungsfeld", "Ist (aktuelle Punkte)", "Soll (Ziel)"]
    by_field = {row[0]: row[1:] for row in rows[1:]}
    for result in profile.fields:
        target = {"management-steuerung": "75", "arbeit-wirtschaft": "25"}.get(result.field.id, "–")
        assert by_field[result.field.short_name] == [f"{result.score:.0f}", target]


def test_a_point_moves_with_its_value() -> None:
    """Geometry: 0 in the centre, 100 on the ring, the first axis straight up."""
    assert chart.point(0, 7, 0) == (chart.CX, chart.CY)
    assert chart.point(0, 7, 100) == (chart.CX, chart.CY - chart.RADIUS)
    assert chart.point(0, 4, 50) == (chart.CX, chart.CY - chart.RADIUS / 2)
    assert chart.point(1, 4, 100) == (chart.CX + chart.RADIUS, chart.CY)


def test_comparison_chart_has_one_line_per_perspective_told_apart_without_colour() -> None:
    items = [(path.name, open_assessment(path)[0]) for path in PERSPECTIVES]
    pack = open_assessment(PERSPECTIVES[0])[1]
    result = compare(pack, items)
    page = comparison.render(formats.HTML, pack, result)
    assert isinstance(page, str)
    svg = the_svg(page)
    series = svg.findall(f"{SVG}g[@class='series']")
    assert len(series) == len(PERSPECTIVES)
    for group, perspective in zip(series, result.perspectives, strict=True):
        title = group.find(f"{SVG}title")
        assert title is not None and title.text == perspective.label
    dashes = {g.find(f"{SVG}polygon").get("stroke-dasharray") for g in series}  # type: ignore[union-attr]
    markers = {tuple(child.tag for child in g)[2] for g in series}  # the first marker's shape
    assert len(dashes) == len(series) and len(markers) == len(series)
    legend = svg.find(f"{SVG}g[@class='legend']")
    assert legend is not None
    assert [t.text for t in legend.iter(f"{SVG}text")] == [p.label for p in result.perspectives]
    count = len(pack.fields)
    for index, group in enumerate(series):
        expected = [
            expected_point(i, count, row.scores[index] or 0.0)
            for i, row in enumerate(result.fields)
        ]
        assert flat_points(polygon_points(group)) == pytest.approx(flat_points(expected), abs=0.06)
    header, *rows = chart_table(page)
    assert header[1:] == [p.label for p in result.perspectives]
    for row, field_row in zip(rows, result.fields, strict=True):
        assert row[1:] == [f"{s:.0f}" for s in field_row.scores if s is not None]


def test_timeline_chart_has_one_line_per_date() -> None:
    files = [SAMPLES / "musterstadt-2025.toml", SAMPLE]
    items = [(path.name, open_assessment(path)[0]) for path in files]
    pack = open_assessment(SAMPLE)[1]
    line = timeline(pack, items)
    page = timeline_document.render(formats.HTML, pack, line)
    assert isinstance(page, str)
    series = the_svg(page).findall(f"{SVG}g[@class='series']")
    assert [g.find(f"{SVG}title").text for g in series] == [  # type: ignore[union-attr]
        e.when.strftime("%d.%m.%Y") for e in line.entries
    ]


def test_chart_is_deterministic_and_self_contained() -> None:
    assessment, pack = sample()
    profile = evaluate(pack, assessment)
    first = chart.svg(report.profile_chart(pack, assessment, profile))
    assert first == chart.svg(report.profile_chart(pack, assessment, profile))
    assert "<script" not in first and "http" not in first.replace("http://www.w3.org/2000/svg", "")
    assert "@font-face" not in first and "url(" not in first
    assert len(first) < 8000


def test_chart_text_is_escaped() -> None:
    model = chart.radar("<b>&", ["a<", "b", "c"], [("[x] <i>", [1.0, None, 3.0])])
    out = chart.svg(model)
    ET.fromstring(out)  # still well-formed
    assert "<i>" not in out and "<b>" not in out and "&lt;i&gt;" in out


# --------------------------------------------------------------------------- the PDF


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("pdf") / "bericht.pdf"
    assert main(["report", str(SAMPLE), "-o", str(target)]) == 0
    return target


def pdf_reader(path: Path) -> Any:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(path.read_bytes()))


def flat(text: str) -> str:
    """Extracted text with hyphenation at line ends undone and spaces collapsed."""
    text = re.sub(r"[-\u2010\u00ad]\s*\n\s*", "", text)
    return " ".join(text.split())


def test_pdf_has_every_field_the_municipality_cover_contents_and_page_numbers(
    report_pdf: Path,
) -> None:
    reader = pdf_reader(report_pdf)
    pages = [page.extract_text() or "" for page in reader.pages]
    whole = flat("\n".join(pages))
    _, pack = sample()
    assert len(pack.fields) == 7
    for action_field in pack.fields:
        assert action_field.title in whole, action_field.title
    cover = flat(pages[0])
    assert "Musterstadt" in cover and "Miriam Okafor-Berg" in cover and "12.03.2026" in cover
    assert "Seite" not in cover  # no page number on the cover
    assert flat(pages[1]).startswith("Inhalt")
    assert "Profil der Handlungsfelder" in flat(pages[1])
    total = len(pages)
    assert f"Seite 2 von {total}" in flat(pages[1]) and f"Seite {total} von {total}" in flat(
        pages[-1]
    )
    assert any(
        "Profil der Handlungsfelder" in flat(p) and "Ist (aktuelle Punkte)" in flat(p)
        for p in pages
    )
    # a page per field: each field's recommendations start a page of their own
    starts = [flat(p)[:60] for p in pages]
    assert sum(any(s.startswith(f.title) for f in pack.fields) for s in starts) >= 6


def test_pdf_is_tagged_german_and_titled(report_pdf: Path) -> None:
    reader = pdf_reader(report_pdf)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert str(root["/Lang"]) == "de"
    assert reader.metadata.title == "Selbstcheck Weltoffene Kommune: Musterstadt"
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp  # PDF/UA-1 identification
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True


@pytest.mark.parametrize(
    "argv",
    [
        ["questionnaire"],
        ["compare", *map(str, PERSPECTIVES[:2])],
        ["agenda", *map(str, PERSPECTIVES[:2])],
        ["actionplan", str(SAMPLE)],
    ],
    ids=["fragebogen", "vergleich", "tagesordnung", "massnahmenplan"],
)
def test_other_documents_as_pdf(argv: list[str], tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    assert main([*argv, "--format", "pdf", "-o", str(target)]) == 0
    reader = pdf_reader(target)
    assert reader.pages and "/StructTreeRoot" in reader.trailer["/Root"]
    assert "Musterstadt" in flat(reader.pages[0].extract_text()) or argv[0] == "questionnaire"


def _refuse(exc: BaseException) -> Callable[..., Any]:
    real = builtins.__import__

    def fake(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise exc
        return real(name, *args, **kwargs)

    return fake


@pytest.mark.parametrize(
    "error",
    [ImportError("No module named 'weasyprint'"), OSError("cannot load library 'libpango-1.0-0'")],
    ids=["ohne-weasyprint", "ohne-pango"],
)
def test_missing_weasyprint_or_pango_is_one_german_line(
    error: BaseException,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", _refuse(error))
    target = tmp_path / "bericht.pdf"
    assert main(["report", str(SAMPLE), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "sudo apt install libpango-1.0-0 libpangoft2-1.0-0" in err
    assert "WeasyPrint" in err and "Traceback" not in err and "libpango-1.0-0'" not in err
    assert not target.exists()


def test_pdf_is_refused_in_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["report", str(SAMPLE), "--format", "pdf"]) == 2
    assert "Binärformat" in capsys.readouterr().err


async def test_summary_exports_the_pdf_handout(sample_copy: Path) -> None:
    from textual.widgets import OptionList

    from weltoffen_tui.tui.app import WeltoffenApp
    from weltoffen_tui.tui.screens.summary import EXPORTS, ExportChooser, SummaryScreen

    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        await pilot.press("e")
        await pilot.pause()
        chooser = app.screen
        assert isinstance(chooser, ExportChooser)
        chooser.query_one(OptionList).highlighted = [e[0] for e in EXPORTS].index("handout-pdf")
        await pilot.press("enter")
        await app.workers.wait_for_complete()  # the PDF is written in a worker thread
        await pilot.pause()
        target = sample_copy.parent / "musterstadt-bericht.pdf"
        assert target.read_bytes().startswith(b"%PDF-")
        assert app.exported == [target]
