"""Change over time (one municipality): scores per field and date, then first to last.

Differences are taken between the rounded scores a person reads, so ``12 → 21`` says
``+9``, never ``+10``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType

from weltoffen_tui.core import texts
from weltoffen_tui.core.labels import NO_SCORE, format_date, format_difference, format_score
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.workshop.compare import FALLEN, RISEN, FieldDelta, Timeline
from weltoffen_tui.render.blocks import (
    Block,
    Column,
    Document,
    Heading,
    Notice,
    Span,
    inline,
    table,
)
from weltoffen_tui.render.formats import Format, produce

if TYPE_CHECKING:
    from weltoffen_tui.render.chart import RadarChart

TONES = {RISEN: "up", FALLEN: "down"}


def level_change(delta: FieldDelta) -> str:
    """``Aufbau → Fortgeschritten``, or the one level when it stayed."""
    before = delta.level_before.name if delta.level_before else NO_SCORE
    after = delta.level_after.name if delta.level_after else NO_SCORE
    return before if before == after else f"{before} → {after}"


def deltas_table(
    changes: Sequence[FieldDelta], before: str, after: str, title: str, compact: bool = False
) -> Block:
    """Score before and after, difference, level change and direction per field.

    ``compact`` (a narrow terminal): short field names, and no direction column (the
    sign of the change says it), so the table fits 80 columns.
    """
    columns = [
        Column(texts.FIELD, no_wrap=True)
        if compact
        else Column(texts.FIELD, ratio=1, min_width=14),
        Column(before, align="right", no_wrap=compact),
        Column(after, align="right", no_wrap=compact),
        Column("+/−" if compact else texts.CHANGE, align="right", no_wrap=True),
        Column(texts.LEVEL),
    ]
    if not compact:
        columns.append(Column(texts.DEVELOPMENT))
    rows = []
    for delta in changes:
        row: list[str | Span] = [
            delta.field.short_name if compact else delta.field.title,
            format_score(delta.before),
            format_score(delta.after),
            format_difference(delta.before, delta.after),
            level_change(delta),
        ]
        if not compact:
            row.append(Span(delta.direction, tone=TONES.get(delta.direction)))
        rows.append(row)
    return table(tuple(columns), rows, title=title)


def view(pack: Pack, line: Timeline, compact: bool = False) -> Document:
    """Scores per field and date, then the change from the first to the last assessment.

    ``compact`` (a narrow terminal): short field names on one line each.
    """
    municipality = line.entries[0].assessment.municipality
    title = f"Entwicklung über die Zeit: {municipality}"
    dates = [format_date(entry.when) for entry in line.entries]
    blocks: list[Block] = [Heading(inline(title), level=1)]
    blocks += [Notice(inline(Span(f"{texts.HINT}: ", bold=True), note)) for note in line.notes]
    blocks.append(
        table(
            (
                Column(texts.FIELD, no_wrap=True)
                if compact
                else Column(texts.FIELD, ratio=1, min_width=14),
                *(Column(d, align="right", no_wrap=True) for d in dates),
            ),
            (
                [
                    action_field.short_name if compact else action_field.title,
                    *(format_score(e.profile.fields[index].score) for e in line.entries),
                ]
                for index, action_field in enumerate(pack.fields)
            ),
            title=f"{texts.POINTS} je {texts.FIELD} im Zeitverlauf",
        )
    )
    blocks.append(
        deltas_table(
            line.overall,
            dates[0],
            dates[-1],
            f"{texts.CHANGE} vom {dates[0]} zum {dates[-1]}",
            compact,
        )
    )
    return Document(title, tuple(blocks))


def data(pack: Pack, line: Timeline) -> dict[str, Any]:
    """The timeline as plain data (JSON)."""
    return {
        "questionnaire": {"id": pack.id, "version": pack.version},
        "municipality": line.entries[0].assessment.municipality,
        "notes": list(line.notes),
        "entries": [
            {
                "file": e.name,
                "date": e.when.isoformat(),
                "scores": {
                    r.field.id: None if r.score is None else round(r.score, 1)
                    for r in e.profile.fields
                },
            }
            for e in line.entries
        ],
        "overall": [
            {
                "field": d.field.id,
                "before": None if d.before is None else round(d.before, 1),
                "after": None if d.after is None else round(d.after, 1),
                "difference": format_difference(d.before, d.after),
                "direction": d.direction,
            }
            for d in line.overall
        ],
    }


def rich_timeline(pack: Pack, line: Timeline, compact: bool = False) -> RenderableType:
    """The timeline for the terminal and the TUI (without the document title)."""
    from weltoffen_tui.render.terminal import to_rich_blocks

    return to_rich_blocks(view(pack, line, compact).blocks[1:])


def render(fmt: Format, pack: Pack, line: Timeline) -> str | bytes:
    """The timeline in one of the formats the registry offers for ``timeline``."""
    return produce(
        fmt,
        lambda: view(pack, line),
        data=lambda: data(pack, line),
        chart=lambda: timeline_chart(pack, line),
    )


def timeline_chart(pack: Pack, line: Timeline) -> RadarChart:
    """One line per date (more than six: the first and the last five)."""
    from weltoffen_tui.render.chart import MAX_SERIES, radar

    entries = list(line.entries)
    if len(entries) > MAX_SERIES:
        entries = [entries[0], *entries[-(MAX_SERIES - 1) :]]
    series = [(format_date(e.when), [result.score for result in e.profile.fields]) for e in entries]
    return radar(
        f"Entwicklung von {line.entries[0].assessment.municipality}: {texts.POINTS} je "
        f"{texts.FIELD}",
        [f.short_name for f in pack.fields],
        series,
    )
