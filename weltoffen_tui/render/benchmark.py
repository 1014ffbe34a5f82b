"""Benchmark: one assessment among others of the same questionnaire (``weltoffen benchmark``).

One view model for the terminal, Markdown and HTML; plain data for JSON. The figures
and their definitions come from ``core/benchmark.py``.

``chart_series`` gives the lines of the profile (radar) chart of the HTML page – the
file's scores, the others' median and quartiles, one value per field (None where hidden
or without a score); ``profile_chart`` draws them with ``render/chart.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.console import RenderableType

from weltoffen_tui.core import texts
from weltoffen_tui.core.benchmark import MIN_GROUP, OVERALL, Benchmark, Placement
from weltoffen_tui.core.labels import NO_SCORE, format_score
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.render.blocks import (
    Block,
    Column,
    Document,
    Facts,
    Heading,
    Notice,
    Paragraph,
    Span,
    inline,
    table,
)
from weltoffen_tui.render.formats import Format, produce

if TYPE_CHECKING:
    from weltoffen_tui.render.chart import RadarChart

TITLE = "Benchmark"
ANONYMOUS = "Anonymisierte Einschätzung"
EXPLAINED = (
    "Punkte 0–100 je Handlungsfeld wie in der Auswertung. N: Zahl der anderen "
    "Einschätzungen, die zählen; Q1 und Q3: unteres und oberes Quartil (die mittlere "
    "Hälfte der anderen liegt dazwischen), berechnet nach der inklusiven Methode; "
    "Perzentil: Anteil der anderen mit weniger Punkten, gleich viele Punkte zählen zur "
    "Hälfte (50 = genau in der Mitte). Handlungsfelder, die in einer anderen "
    "Einschätzung vorläufig sind (weniger als die Hälfte beantwortet), zählen dort nicht."
)
SMALL_GROUP = (
    f"Bei weniger als {MIN_GROUP} Vergleichswerten stehen keine Kennzahlen (–), damit "
    "keine einzelne Kommune erkennbar wird."
)
PRELIMINARY_MARK = "*"
PRELIMINARY_EXPLAINED = (
    f"{PRELIMINARY_MARK} {texts.PRELIMINARY}: Ihre Punkte beruhen auf weniger als der "
    "Hälfte der Antworten."
)


@dataclass(frozen=True)
class Subject:
    """The assessment being placed: how it is named and what kind of municipality it is."""

    label: str  # the municipality, or ANONYMOUS
    kind: str
    file_name: str
    kreisfrei: bool | None = None  # for a Stadt: which questions apply (see applicability)


class ChartSeries(NamedTuple):
    """One line of the profile chart: a label and a value (0–100 or None) per field id."""

    label: str
    values: tuple[tuple[str, float | None], ...]


def chart_series(pack: Pack, subject: Subject, result: Benchmark) -> list[ChartSeries]:
    """The lines a radar chart of the benchmark draws (fields only, not the overall row)."""
    rows = list(zip(pack.fields, result.fields, strict=True))

    def line(label: str, pick: Any) -> ChartSeries:
        return ChartSeries(label, tuple((f.id, pick(row)) for f, row in rows))

    return [
        line(subject.label, lambda row: row.score),
        line("Median der anderen", lambda row: row.median),
        line("Unteres Quartil (Q1)", lambda row: row.q1),
        line("Oberes Quartil (Q3)", lambda row: row.q3),
    ]


def _figure(value: float | None) -> str:
    return NO_SCORE if value is None else format_score(value)


def _own(row: Placement) -> str:
    text = format_score(row.score)
    return text + PRELIMINARY_MARK if row.preliminary and row.score is not None else text


def _field_name(pack: Pack, field_id: str, compact: bool) -> str:
    if field_id == OVERALL:
        return texts.OVERALL
    action_field = pack.field(field_id)
    if action_field is None:
        return field_id
    return action_field.short_name if compact else action_field.title


def _group_text(result: Benchmark) -> str:
    kind = f" (nur {result.kind})" if result.kind else ""
    return f"{result.group} andere Einschätzungen{kind}"


def view(
    pack: Pack,
    subject: Subject,
    result: Benchmark,
    notes: Sequence[str] = (),
    compact: bool = False,
) -> Document:
    """The benchmark as blocks; ``compact`` (80 columns): short field names."""
    title = f"{TITLE}: {subject.label}"
    blocks: list[Block] = [Heading(inline(title), level=1)]
    blocks.append(
        Facts(
            (
                (texts.MUNICIPALITY, inline(subject.label)),
                (texts.KIND, inline(subject.kind or NO_SCORE)),
                ("Fragebogen", inline(f"{pack.meta.title} ({pack.version})")),
                ("Vergleichsgruppe", inline(_group_text(result))),
            )
        )
    )
    blocks += [Notice(inline(Span(f"{texts.HINT}: ", bold=True), note)) for note in notes]
    columns = (
        Column(texts.FIELD, no_wrap=True)
        if compact
        else Column(texts.FIELD, ratio=1, min_width=14),
        Column(texts.POINTS, align="right", no_wrap=True),
        Column("N", align="right", no_wrap=True),
        Column("Q1", align="right", no_wrap=True),
        Column("Median", align="right", no_wrap=True),
        Column("Q3", align="right", no_wrap=True),
        Column("Perzentil", align="right", no_wrap=True),
    )
    rows = []
    for row in result.rows:
        name = _field_name(pack, row.field_id, compact)
        rows.append(
            [
                Span(name, bold=True) if row.field_id == OVERALL else name,
                _own(row),
                str(row.n),
                _figure(row.q1),
                _figure(row.median),
                _figure(row.q3),
                _figure(row.percentile),
            ]
        )
    blocks.append(table(columns, rows, title=f"{texts.POINTS} im Vergleich"))
    if any(row.preliminary and row.score is not None for row in result.rows):
        blocks.append(Paragraph(inline(PRELIMINARY_EXPLAINED)))
    if result.hidden_count:
        blocks.append(Notice(inline(SMALL_GROUP)))
    blocks.append(Paragraph(inline(EXPLAINED)))
    return Document(title, tuple(blocks))


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def data(
    pack: Pack, subject: Subject, result: Benchmark, notes: Sequence[str] = ()
) -> dict[str, Any]:
    """The benchmark as plain data (JSON); hidden figures are null."""
    return {
        "questionnaire": {"id": pack.id, "version": pack.version},
        "municipality": subject.label,
        "kind": subject.kind,
        "group": {"others": result.group, "kind": result.kind, "min_group": MIN_GROUP},
        "method": {
            "quartiles": "statistics.quantiles(n=4, method='inclusive')",
            "percentile": "100 * (below + 0.5 * equal) / N",
            "preliminary_counted": False,
        },
        "notes": list(notes),
        "fields": [
            {
                "field": row.field_id,
                "score": _rounded(row.score),
                "preliminary": row.preliminary,
                "n": row.n,
                "hidden": row.hidden,
                "q1": _rounded(row.q1),
                "median": _rounded(row.median),
                "q3": _rounded(row.q3),
                "percentile": _rounded(row.percentile),
            }
            for row in result.rows
        ],
        "series": [
            {"label": s.label, "values": {f: _rounded(v) for f, v in s.values}}
            for s in chart_series(pack, subject, result)
        ],
    }


def rich_benchmark(
    pack: Pack,
    subject: Subject,
    result: Benchmark,
    notes: Sequence[str] = (),
    *,
    flowing: bool = False,
    compact: bool = True,
) -> RenderableType:
    """The benchmark for the terminal."""
    from weltoffen_tui.render.terminal import to_rich

    return to_rich(view(pack, subject, result, notes, compact), flowing=flowing)


def profile_chart(pack: Pack, subject: Subject, result: Benchmark) -> RadarChart:
    """The radar chart of the HTML page: the file, the median and the quartiles per field.

    A field whose group is too small (fewer than five) has no median to draw: its
    point is left out, as in the table.
    """
    from weltoffen_tui.render.chart import radar

    axes = [f.short_name for f in pack.fields]
    return radar(
        f"{TITLE}: {subject.label} im Vergleich, Punkte je {texts.FIELD}",
        axes,
        [
            (line.label, [value for _, value in line.values])
            for line in chart_series(pack, subject, result)
        ],
    )


def render(
    fmt: Format, pack: Pack, subject: Subject, result: Benchmark, notes: Sequence[str] = ()
) -> str:
    """The benchmark in one of the formats the registry offers for ``benchmark``."""
    text = produce(
        fmt,
        lambda: view(pack, subject, result, notes),
        data=lambda: data(pack, subject, result, notes),
        chart=lambda: profile_chart(pack, subject, result),
    )
    assert isinstance(text, str)  # the benchmark offers no binary format
    return text
