"""The profile chart: a radar (spider) chart of the action fields as small, accessible SVG.

Why our own and not a chart library: pygal 3.1 (the maintained Python library with a
radar chart) writes a random ``chart-<uuid>`` id and the date into every SVG (so two
exports of the same data differ), about 18 kB for three axes, no ``role``/``aria``
labelling, the same round dot for every series, and a script link unless told not to.
Here the chart is a pure function of a small view model (``RadarChart``): the same data
give the same bytes, the SVG names itself (``<title>``, ``<desc>``, ``role="img"``,
``aria-labelledby``), every series differs by line style *and* marker shape as well as
colour, a legend says which is which, and ``table`` gives the same numbers as a table.
No script, no external font or image: the page's font is inherited.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import NamedTuple

from weltoffen_tui.core.labels import format_score
from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.render.blocks import Column, Table, table


class Style(NamedTuple):
    """How one series is drawn: colour, dash pattern (SVG ``stroke-dasharray``), marker."""

    colour: str
    dash: str  # "" = solid
    marker: str  # circle, square, triangle, diamond, cross, star
    name: str  # the line style in words (for the description)


# Colours reach at least 4.5:1 on white; dash and marker differ too, so nothing is said
# by colour alone (and a black-and-white print tells the series apart).
STYLES: tuple[Style, ...] = (
    Style("#1d4e89", "", "circle", "durchgezogene Linie, Kreise"),
    Style("#a4262c", "8 4", "square", "gestrichelte Linie, Quadrate"),
    Style("#1b6e3a", "2 3", "triangle", "gepunktete Linie, Dreiecke"),
    Style("#6b3fa0", "10 3 2 3", "diamond", "Strich-Punkt-Linie, Rauten"),
    Style("#7a4b00", "4 2", "cross", "kurz gestrichelte Linie, Kreuze"),
    Style("#333333", "12 4 2 4 2 4", "star", "Strich-Punkt-Punkt-Linie, Sterne"),
)
# The target (Soll) line: dark grey, long dashes, no fill, hollow squares.
TARGET = Style("#4d4d4d", "6 3", "ring", "graue gestrichelte Linie, Ringe")
MAX_SERIES = len(STYLES)
# A radar needs three axes to enclose an area: with one or two fields it is a dot or a
# line that says nothing the field table does not say better, so no chart is drawn.
MIN_AXES = 3


class Series(NamedTuple):
    """One line of the chart: its label, a value (0…maximum) or None per axis, its style."""

    label: str
    values: tuple[float | None, ...]
    style: Style


class RadarChart(NamedTuple):
    """The chart's view model: what it shows (title, description) and its data."""

    title: str
    axes: tuple[str, ...]  # one label per axis (the fields' short names)
    series: tuple[Series, ...]
    description: str = ""  # said before the values in ``<desc>``
    maximum: float = 100.0
    rings: tuple[float, ...] = (25.0, 50.0, 75.0, 100.0)


def drawable(chart: RadarChart | None) -> RadarChart | None:
    """``chart`` if it has enough axes to be a radar, else None (see ``MIN_AXES``)."""
    return chart if chart is not None and len(chart.axes) >= MIN_AXES else None


def series_styles(count: int) -> tuple[Style, ...]:
    """The styles for ``count`` series in order (at most ``MAX_SERIES``)."""
    return STYLES[:count]


# --------------------------------------------------------------------------- geometry

WIDTH = 640
HEIGHT = 440
CX = 320.0
CY = 215.0
RADIUS = 150.0
LEGEND_LINE = 22


def _angle(index: int, count: int) -> float:
    """Axis ``index`` of ``count``: the first points up, the others follow clockwise."""
    return -math.pi / 2 + 2 * math.pi * index / count


def point(index: int, count: int, value: float, maximum: float = 100.0) -> tuple[float, float]:
    """Where ``value`` on axis ``index`` lies, rounded to 0.1 (so the SVG is stable)."""
    share = max(0.0, min(value, maximum)) / maximum if maximum else 0.0
    angle = _angle(index, count)
    x = CX + RADIUS * share * math.cos(angle)
    y = CY + RADIUS * share * math.sin(angle)
    return round(x, 1) + 0.0, round(y, 1) + 0.0


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _points(pairs: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_num(x)},{_num(y)}" for x, y in pairs)


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    """A marker of ``shape`` centred on (x, y)."""
    fill = f'fill="{colour}" stroke="{colour}"'
    if shape == "circle":
        return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="4" {fill}/>'
    if shape == "ring":
        return (
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="4.5" fill="#fff" stroke="{colour}" '
            'stroke-width="2"/>'
        )
    if shape == "square":
        return f'<rect x="{_num(x - 4)}" y="{_num(y - 4)}" width="8" height="8" {fill}/>'
    if shape == "triangle":
        corners = [(x, y - 5.5), (x + 5, y + 3.5), (x - 5, y + 3.5)]
        return f'<polygon points="{_points(corners)}" {fill}/>'
    if shape == "diamond":
        corners = [(x, y - 5.5), (x + 5, y), (x, y + 5.5), (x - 5, y)]
        return f'<polygon points="{_points(corners)}" {fill}/>'
    if shape == "cross":
        return (
            f'<path d="M{_num(x - 4)},{_num(y - 4)}L{_num(x + 4)},{_num(y + 4)}'
            f'M{_num(x - 4)},{_num(y + 4)}L{_num(x + 4)},{_num(y - 4)}" stroke="{colour}" '
            'stroke-width="2.5" fill="none"/>'
        )
    corners = []  # a five-pointed star
    for k in range(10):
        radius = 5.5 if k % 2 == 0 else 2.4
        angle = -math.pi / 2 + k * math.pi / 5
        corners.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
    return f'<polygon points="{_points(corners)}" {fill}/>'


def _label_lines(label: str) -> list[str]:
    """An axis label in at most two lines (after a comma, or at the middle space)."""
    if len(label) <= 14:
        return [label]
    if ", " in label:
        first, rest = label.split(", ", 1)
        return [first + ",", rest]
    words = label.split(" ")
    if len(words) == 1:
        return [label]
    best = min(range(1, len(words)), key=lambda k: abs(len(" ".join(words[:k])) - len(label) / 2))
    return [" ".join(words[:best]), " ".join(words[best:])]


def _axis_label(index: int, count: int, label: str) -> str:
    angle = _angle(index, count)
    x = CX + (RADIUS + 14) * math.cos(angle)
    y = CY + (RADIUS + 14) * math.sin(angle)
    cos = math.cos(angle)
    anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
    lines = _label_lines(label)
    sin = math.sin(angle)
    # Above the chart the text grows upwards, below it downwards, at the sides centred.
    if sin < -0.5:
        first = y - 14 * (len(lines) - 1) - 2
    elif sin > 0.5:
        first = y + 12
    else:
        first = y + 4 - 7 * (len(lines) - 1)
    spans = "".join(
        f'<tspan x="{_num(round(x, 1))}" y="{_num(round(first + 14 * k, 1))}">{_text(line)}</tspan>'
        for k, line in enumerate(lines)
    )
    return f'<text text-anchor="{anchor}" class="axis">{spans}</text>'


def _text(value: str) -> str:
    return html.escape(visible(value), quote=False)


def _attr(value: str) -> str:
    return html.escape(visible(value), quote=True)


def description(chart: RadarChart) -> str:
    """What ``<desc>`` says: the description, then each series with its style and values."""
    parts = [chart.description] if chart.description else []
    for series in chart.series:
        values = ", ".join(
            f"{axis} {format_score(value)}"
            for axis, value in zip(chart.axes, series.values, strict=True)
        )
        parts.append(f"{series.label} ({series.style.name}): {values}.")
    return " ".join(parts)


def _series(chart: RadarChart, series: Series) -> str:
    count = len(chart.axes)
    style = series.style
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    stroke = f'fill="none" stroke="{style.colour}" stroke-width="2.5"{dash}'
    present = [
        (index, point(index, count, value, chart.maximum))
        for index, value in enumerate(series.values)
        if value is not None
    ]
    out = [f'<g class="series" aria-hidden="true"><title>{_text(series.label)}</title>']
    if len(present) == count and count >= 3:
        out.append(f'<polygon points="{_points([p for _, p in present])}" {stroke}/>')
    else:  # gaps: join only neighbouring axes that both have a value
        segments = []
        for (i, a), (j, b) in zip(present, present[1:] + present[:1], strict=True):
            if (j - i) % count == 1 and len(present) > 1:
                segments.append(f"M{_num(a[0])},{_num(a[1])}L{_num(b[0])},{_num(b[1])}")
        if segments:
            out.append(f'<path d="{"".join(segments)}" {stroke}/>')
    out += [_marker(style.marker, x, y, style.colour) for _, (x, y) in present]
    out.append("</g>")
    return "".join(out)


LEGEND_COLUMN_CHARS = 34  # longer labels: one series per legend row
LEGEND_MAX_CHARS = 78  # what fits in one row; the table has the whole label


def _legend_columns(chart: RadarChart) -> int:
    short = all(len(series.label) <= LEGEND_COLUMN_CHARS for series in chart.series)
    return 2 if len(chart.series) > 1 and short else 1


def _legend_label(label: str) -> str:
    if len(label) <= LEGEND_MAX_CHARS:
        return label
    return label[: LEGEND_MAX_CHARS - 1].rstrip() + "…"


def _legend(chart: RadarChart) -> list[str]:
    out = ['<g class="legend" aria-hidden="true">']
    top = CY + RADIUS + 42
    columns = _legend_columns(chart)
    column_width = WIDTH / 2 - 30
    for k, series in enumerate(chart.series):
        col, row = k % columns, k // columns
        x0 = CX - 120 if len(chart.series) == 1 else 40 + col * column_width
        y = top + row * LEGEND_LINE
        style = series.style
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        out.append(
            f'<line x1="{_num(x0)}" y1="{_num(y)}" x2="{_num(x0 + 44)}" y2="{_num(y)}" '
            f'stroke="{style.colour}" stroke-width="2.5"{dash}/>'
        )
        out.append(_marker(style.marker, x0 + 22, y, style.colour))
        label = _text(_legend_label(series.label))
        out.append(f'<text x="{_num(x0 + 54)}" y="{_num(y + 4.5)}">{label}</text>')
    out.append("</g>")
    return out


def height(chart: RadarChart) -> int:
    """The SVG's height: the chart and as many legend rows as it needs."""
    rows = math.ceil(len(chart.series) / _legend_columns(chart))
    return int(CY + RADIUS + 42 + rows * LEGEND_LINE)


def svg(chart: RadarChart, ident: str = "profil") -> str:
    """The chart as inline SVG; ``ident`` makes its ids unique on the page."""
    count = len(chart.axes)
    total_height = height(chart)
    title_id, desc_id = f"{ident}-titel", f"{ident}-beschreibung"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="radar" role="img" '
        f'viewBox="0 0 {WIDTH} {total_height}" width="{WIDTH}" height="{total_height}" '
        f'aria-labelledby="{_attr(title_id)} {_attr(desc_id)}">',
        f'<title id="{_attr(title_id)}">{_text(chart.title)}</title>',
        f'<desc id="{_attr(desc_id)}">{_text(description(chart))}</desc>',
        '<g class="grid" aria-hidden="true" fill="none" stroke="#8c8c8c" stroke-width="1">',
    ]
    for ring in chart.rings:
        corners = [point(i, count, ring, chart.maximum) for i in range(count)]
        out.append(f'<polygon points="{_points(corners)}"/>')
    for index in range(count):
        x, y = point(index, count, chart.maximum, chart.maximum)
        out.append(f'<line x1="{_num(CX)}" y1="{_num(CY)}" x2="{_num(x)}" y2="{_num(y)}"/>')
    out.append("</g>")
    # The ring numbers, each drawn twice: a white outline under the grey text keeps them
    # readable where a line crosses (WeasyPrint ignores paint-order, so no single text).
    out.append('<g class="scale" aria-hidden="true" font-size="11">')
    for ring in chart.rings:
        _, y = point(0, count, ring, chart.maximum)
        where = f'x="{_num(CX + 4)}" y="{_num(y + 12)}"'
        label = format_score(ring)
        out.append(f'<text {where} fill="#fff" stroke="#fff" stroke-width="3">{label}</text>')
        out.append(f'<text {where} fill="#444">{label}</text>')
    out.append("</g>")
    out.append('<g class="axes" aria-hidden="true" fill="#111" font-size="13">')
    out += [_axis_label(i, count, label) for i, label in enumerate(chart.axes)]
    out.append("</g>")
    out += [_series(chart, series) for series in chart.series]
    out += _legend(chart)
    out.append("</svg>")
    return "\n".join(out)


def data_table(chart: RadarChart, first_column: str = "Handlungsfeld") -> Table:
    """The chart's numbers as a table: one row per axis, one column per series."""
    columns = (
        Column(first_column, no_wrap=True),
        *(Column(series.label, align="right") for series in chart.series),
    )
    rows = (
        [axis, *(format_score(series.values[index]) for series in chart.series)]
        for index, axis in enumerate(chart.axes)
    )
    return table(columns, rows, title=f"Werte zum Diagramm: {chart.title}")


AXIS_DESCRIPTION = (
    "Netzdiagramm: je Handlungsfeld eine Achse von 0 Punkten in der Mitte bis 100 Punkte "
    "außen; die Ringe stehen bei 25, 50, 75 und 100 Punkten."
)


def radar(
    title: str, axes: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]]
) -> RadarChart:
    """A chart of labelled series, styled in order (at most ``MAX_SERIES``)."""
    shown = list(series)[:MAX_SERIES]
    return RadarChart(
        title,
        tuple(axes),
        tuple(
            Series(label, tuple(values), style)
            for (label, values), style in zip(shown, series_styles(len(shown)), strict=True)
        ),
        AXIS_DESCRIPTION,
    )
