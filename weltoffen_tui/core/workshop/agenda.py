"""A draft running order for a *Dialogveranstaltung* built from the Selbstcheck.

Why: the original project paired the self-assessment with dialogue events. The results
already say what to talk about – the priority fields, the questions on which the
perspectives differ, the open "weiß nicht" questions – so the tool drafts goals, whom
to invite and a timed three-hour programme that the municipality then adapts.

The programme is data (``BLOCKS``); only the placeholders are filled from the results.
Date, start, duration (or end) and place are the user's (``EventDetails``); for another
duration than the programme's three hours every block is scaled alike, in five-minute
steps.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from weltoffen_tui.core.assessment import Assessment
from weltoffen_tui.core.errors import Problem, UserError
from weltoffen_tui.core.labels import format_score
from weltoffen_tui.core.pack.models import ActionField, Pack, Question
from weltoffen_tui.core.scoring import MAX_LISTED, FieldResult, Profile, evaluate
from weltoffen_tui.core.workshop.compare import Item, QuestionComparison, compare, compatibility
from weltoffen_tui.core.workshop.consensus import merge, suggested_agreement

DIALOG_PILLAR = "dialog"
DEFAULT_START = time(17, 0)
STEP_MINUTES = 5
MIN_MINUTES = 60
MAX_MINUTES = 8 * 60
DEFAULT_POINTS = 5
MIN_PRIORITIES = 2
MAX_GAPS = 5


@dataclass(frozen=True)
class AgendaBlock:
    """One item of the running order; ``text`` may name ``{priorities}`` and ``{focus}``.

    ``method`` may name ``{talk}`` (how long a short talk may be) and ``{round}`` (how
    long one round at a table lasts): both follow the block's scaled length, so a
    one-hour event does not promise fifteen-minute rounds in a fifteen-minute block.
    """

    title: str
    minutes: int
    method: str
    text: str


BLOCKS: tuple[AgendaBlock, ...] = (
    AgendaBlock(
        "Ankommen und Begrüßung",
        15,
        "Empfang am Eingang, Begrüßung durch die Verwaltungsspitze, Moderation stellt sich vor",
        "Anlass, Ziel und Spielraum nennen: Was steht schon fest, worüber wird heute wirklich "
        "gesprochen? Gesprächsregeln vereinbaren, Sprachmittlung und Kinderbetreuung ankündigen.",
    ),
    AgendaBlock(
        "Ergebnisse des Selbstchecks vorstellen",
        25,
        "Kurzvortrag (höchstens {talk}), danach Verständnisfragen",
        "Das Ergebnis der sieben Handlungsfelder zeigen: zuerst die Stärken, dann die "
        "Schwerpunkte {priorities}. Eine kurze Geschichte aus dem Ort macht die Zahlen greifbar.",
    ),
    AgendaBlock(
        "World Café zu den Schwerpunkten",
        50,
        "World Café: ein Tisch je Schwerpunkt mit einer Gastgeberin oder einem Gastgeber, "
        "Wechsel alle {round}",
        "Tische zu {priorities}. Leitfragen: Was gelingt schon? Wo hakt es im Alltag? Was "
        "wäre ein erster Schritt in den nächsten sechs Monaten?",
    ),
    AgendaBlock(
        "Pause",
        15,
        "Getränke, Gespräche am Rand",
        "Die Gastgeber:innen der Tische fassen die Ergebnisse auf je einer Stellwand zusammen.",
    ),
    AgendaBlock(
        "Fishbowl zu den Diskussionspunkten",
        35,
        "Fishbowl: innerer Kreis mit vier Stühlen, einer bleibt frei für Gäste aus dem Publikum",
        "{focus}",
    ),
    AgendaBlock(
        "Nächste Schritte vereinbaren",
        25,
        "Punktabfrage an den Stellwänden, dann Maßnahmenplan",
        "Aus den Ideen zwei bis drei Maßnahmen auswählen, jede mit Zuständigkeit und Frist, "
        "und in den Maßnahmenplan übernehmen.",
    ),
    AgendaBlock(
        "Abschluss",
        15,
        "Blitzlicht: ein Satz pro Person",
        "Dank an alle. Zusagen, wann und wie die Teilnehmenden erfahren, was aus ihren "
        "Beiträgen wird – und wer dafür zuständig ist.",
    ),
)

FOCUS_DISAGREEMENT = (
    "Die Fragen, bei denen die Einschätzungen am weitesten auseinanderliegen (siehe "
    "Diskussionspunkte). Ziel ist zu verstehen, warum die Sichtweisen abweichen – nicht, "
    "wer recht hat."
)
FOCUS_GAPS = (
    "Die offenen Fragen aus dem Selbstcheck („Weiß nicht“, siehe unten): Wer weiß es, wer "
    "findet es bis wann heraus?"
)
FOCUS_GENERAL = (
    "Wie erleben Einwohner:innen und Neuzugewanderte das Zusammenleben vor Ort? Was sollte "
    "die Verwaltung wissen, das in keiner Statistik steht?"
)

HEADS = {"Landkreis": "Landrät:in"}
DEFAULT_HEAD = "Bürgermeister:in"
# Offices and partners to invite per action field of the shipped pack.
FIELD_OFFICES: dict[str, str] = {
    "management-steuerung": "Hauptamt bzw. Organisationsamt, Steuerungsgruppe Integration",
    "interkulturelle-oeffnung": "Personalamt, Personalrat, Antidiskriminierungsstelle",
    "fairer-zugang": "Schulverwaltung, Jugendamt, Sozialamt, Wohnungsamt, Gesundheitsamt",
    "arbeit-wirtschaft": "Wirtschaftsförderung, Jobcenter, Agentur für Arbeit, Kammern",
    "engagement-beteiligung": "Stelle für Bürgerbeteiligung, Freiwilligenagentur",
    "zusammenhalt-begegnung": "Quartiersmanagement, Kulturamt, Sportamt",
    "kommunikation-konflikt": "Pressestelle, Ordnungsamt, Präventionsrat",
}
PARTICIPANTS_AFTER: tuple[str, ...] = (
    "Integrationsbeauftragte bzw. Integrationsstelle",
    "Integrationsbeirat bzw. Integrationsrat",
    "Migrantenorganisationen und Religionsgemeinschaften",
    "Zivilgesellschaft: Vereine, Ehrenamtsinitiativen, Kirchengemeinden, Wohlfahrtsverbände",
    "Wirtschaft: Betriebe, Kammern, Jobcenter",
    "Politik: je eine Person aus den Fraktionen des Rats bzw. Kreistags",
    "Skeptische Bürger:innen – persönlich eingeladen, damit nicht nur Überzeugte kommen",
    "Neuzugewanderte und junge Menschen, etwa über Sprachkurse, Jugendzentren und Elterncafés",
    "Moderation, bei strittigen Themen möglichst extern und allparteilich",
)


class AgendaError(UserError):
    """No agenda can be drafted from these inputs."""


PLACE = Path("Tagesordnung")
PROGRAMME_MINUTES = sum(block.minutes for block in BLOCKS)
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?:\s*uhr)?$", re.IGNORECASE)
_DURATION = re.compile(
    r"^(?:(\d{1,2}):(\d{2})|(\d+(?:[.,]\d+)?)\s*(h|std\.?|stunden?)|(\d+)\s*(?:min\.?|minuten)?)$",
    re.IGNORECASE,
)


def _agenda_error(message: str, hint: str) -> AgendaError:
    return AgendaError([Problem(PLACE, message, hint)])


def parse_clock(text: str) -> time:
    """A time of day typed by a person: ``17:00``, ``17.30``, ``9`` or ``18 Uhr``."""
    match = _CLOCK.match(text.strip())
    hours = int(match.group(1)) if match else 99
    minutes = int(match.group(2) or 0) if match else 99
    if hours > 23 or minutes > 59:
        raise _agenda_error(
            f"Uhrzeit „{text.strip()}“ nicht erkannt", "Bitte als HH:MM angeben, z. B. 17:00."
        )
    return time(hours, minutes)


def parse_duration(text: str) -> int:
    """A duration in minutes: ``150``, ``150 min``, ``2:30``, ``2,5 h`` or ``3 Stunden``.

    Raises AgendaError outside one to eight hours.
    """
    match = _DURATION.match(text.strip())
    if match is None:
        raise _agenda_error(
            f"Dauer „{text.strip()}“ nicht erkannt",
            "Bitte in Minuten (z. B. 150) oder als Stunden:Minuten (z. B. 2:30) angeben.",
        )
    if match.group(1) is not None:
        minutes = int(match.group(1)) * 60 + int(match.group(2))
    elif match.group(3) is not None:
        minutes = round(float(match.group(3).replace(",", ".")) * 60)
    else:
        minutes = int(match.group(5))
    return check_duration(minutes)


def check_duration(minutes: int) -> int:
    """``minutes`` if a dialogue event can last that long (one to eight hours)."""
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise _agenda_error(
            f"Eine Veranstaltung von {format_duration(minutes)} passt nicht zum Ablauf",
            "Planen Sie zwischen einer und acht Stunden.",
        )
    return minutes


def minutes_between(start: time, end: time) -> int:
    """The minutes from ``start`` to ``end`` on one day; AgendaError if end is not later."""
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    if minutes <= 0:
        raise _agenda_error(
            f"Das Ende ({end:%H:%M}) liegt nicht nach dem Beginn ({start:%H:%M})",
            "Geben Sie ein späteres Ende oder eine Dauer an.",
        )
    return check_duration(minutes)


def format_duration(minutes: int) -> str:
    """``3 Stunden``, ``2 Stunden 30 Minuten``, ``45 Minuten``, ``1 Stunde``."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} Stunde" if hours == 1 else f"{hours} Stunden")
    if rest or not hours:
        parts.append(f"{rest} Minute" if rest == 1 else f"{rest} Minuten")
    return " ".join(parts)


@dataclass(frozen=True)
class EventDetails:
    """When and where the event takes place (what the user sets before exporting)."""

    day: date | None = None
    start: time = DEFAULT_START
    minutes: int = PROGRAMME_MINUTES
    place: str = ""

    @property
    def end(self) -> time:
        clock = datetime.combine(date(2000, 1, 1), self.start) + timedelta(minutes=self.minutes)
        return clock.time()


def event_details(
    day: str = "", start: str = "", end: str = "", duration: str = "", place: str = ""
) -> EventDetails:
    """Event details from what a person typed (CLI options, the TUI's preview).

    Empty values keep the defaults (no date, 17:00, three hours, no place). ``end`` and
    ``duration`` both given must agree. Raises AgendaError naming what is unclear.
    """
    from weltoffen_tui.core.labels import DATE_HINT, parse_date

    try:
        when = parse_date(day)
    except ValueError:
        raise _agenda_error(f"Datum „{day.strip()}“ nicht erkannt", DATE_HINT) from None
    begin = parse_clock(start) if start.strip() else DEFAULT_START
    minutes = parse_duration(duration) if duration.strip() else None
    if end.strip():
        until = minutes_between(begin, parse_clock(end))
        if minutes is not None and minutes != until:
            raise _agenda_error(
                f"Ende und Dauer passen nicht zusammen ({format_duration(until)} bis "
                f"zum Ende, Dauer {format_duration(minutes)})",
                "Geben Sie nur das Ende oder nur die Dauer an.",
            )
        minutes = until
    return EventDetails(when, begin, minutes or PROGRAMME_MINUTES, " ".join(place.split()))


def scaled_minutes(total: int) -> tuple[int, ...]:
    """Each block's minutes for an event of ``total`` minutes.

    Every block is scaled alike and rounded to five minutes (at least five); what the
    rounding leaves over goes to the longest block, so the blocks add up to ``total``.
    """
    base = [block.minutes for block in BLOCKS]
    if total == PROGRAMME_MINUTES:
        return tuple(base)
    scaled = [
        max(STEP_MINUTES, round(m * total / PROGRAMME_MINUTES / STEP_MINUTES) * STEP_MINUTES)
        for m in base
    ]
    longest = base.index(max(base))
    scaled[longest] += total - sum(scaled)
    return tuple(scaled)


@dataclass(frozen=True)
class ScheduledBlock:
    """An agenda block with its clock times and filled-in text."""

    start: time
    end: time
    title: str
    method: str
    text: str

    @property
    def times(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class Agenda:
    """A draft for a dialogue event: why, what, who, how and when."""

    municipality: str
    basis: str
    goals: tuple[str, ...]
    priorities: tuple[FieldResult, ...]
    discussion_points: tuple[QuestionComparison, ...]
    knowledge_gaps: tuple[tuple[ActionField, Question], ...]
    participants: tuple[str, ...]
    blocks: tuple[ScheduledBlock, ...]
    articles: tuple[tuple[str, str], ...]
    notes: tuple[str, ...] = ()
    event: EventDetails = EventDetails()


# --------------------------------------------------------------------------- drafting


def _date(assessment: Assessment) -> str:
    when = assessment.session_date or assessment.created.date()
    return when.strftime("%d.%m.%Y")


def _basis(pack: Pack, items: Sequence[Item]) -> tuple[Profile, str]:
    """The profile the priorities come from, and a sentence saying which one it is.

    A consensus assessment (one with sources) wins; one file speaks for itself; several
    files are combined question by question (median, as in the workshop).
    """
    for _, assessment in items:
        if assessment.sources:
            return (
                evaluate(pack, assessment),
                f"Gemeinsame Einschätzung vom {_date(assessment)} "
                f"(aus {len(assessment.sources)} Einschätzungen)",
            )
    if len(items) == 1:
        assessment = items[0][1]
        return evaluate(pack, assessment), f"Einschätzung vom {_date(assessment)}"
    assessments = [a for _, a in items]
    combined = merge(
        pack,
        [(Path(name), a) for name, a in items],
        suggested_agreement(pack, assessments),
        municipality=assessments[0].municipality,
    )
    return (
        evaluate(pack, combined),
        f"{len(items)} Einschätzungen, zusammengefasst je Frage (Median der Antworten)",
    )


def _priorities(profile: Profile) -> tuple[FieldResult, ...]:
    """The profile's priorities, topped up with the next-lowest fields to at least two."""
    chosen = list(profile.priorities)
    others = sorted(
        (r for r in profile.fields if r.score is not None and r not in chosen),
        key=lambda r: r.score,  # type: ignore[arg-type, return-value]
    )
    chosen += others[: max(0, MIN_PRIORITIES - len(chosen))]
    return tuple(chosen[:MAX_LISTED])


def _gaps(
    profile: Profile, priorities: Sequence[FieldResult]
) -> tuple[tuple[ActionField, Question], ...]:
    """Up to five "weiß nicht" questions, those in the priority fields first."""
    first = {r.field.id for r in priorities}
    gaps = sorted(profile.knowledge_gaps, key=lambda gap: gap[0].field.id not in first)
    result = []
    for field_result, question_id in gaps[:MAX_GAPS]:
        question = next(q for q in field_result.field.questions if q.id == question_id)
        result.append((field_result.field, question))
    return tuple(result)


def _quoted_titles(results: Sequence[FieldResult]) -> str:
    """``„A“, „B“ und „C“``."""
    titles = [f"„{r.field.title}“" for r in results]
    if len(titles) <= 1:
        return "".join(titles) or "der Handlungsfelder"
    return ", ".join(titles[:-1]) + " und " + titles[-1]


def _goals(
    priorities: Sequence[FieldResult],
    points: Sequence[QuestionComparison],
    gaps: Sequence[tuple[ActionField, Question]],
) -> tuple[str, ...]:
    goals = []
    for result in priorities:
        level = f", Stufe „{result.level.name}“" if result.level else ""
        goals.append(
            f"Ein gemeinsames Bild zu „{result.field.title}“ gewinnen (bisher "
            f"{format_score(result.score)} von 100 Punkten{level}) und erste Schritte sammeln."
        )
    if not priorities:
        goals.append("Die Ergebnisse des Selbstchecks gemeinsam einordnen.")
    if points:
        goals.append(
            f"Verstehen, warum die Einschätzungen bei {len(points)} Fragen auseinanderliegen, "
            "und eine gemeinsame Sicht finden."
        )
    elif gaps:
        goals.append("Klären, wer die offenen Fragen („Weiß nicht“) beantworten kann.")
    goals.append("Zwei bis drei nächste Schritte mit Zuständigkeit und Frist verabreden.")
    goals.append("Zusagen, wie die Teilnehmenden erfahren, was aus ihren Beiträgen wird.")
    return tuple(goals)


def _participants(kind: str, priorities: Sequence[FieldResult]) -> tuple[str, ...]:
    head = HEADS.get(kind, DEFAULT_HEAD)
    people = [f"Verwaltungsspitze ({head}) als Gastgeber:in, die vor allem zuhört"]
    for result in priorities:
        offices = FIELD_OFFICES.get(result.field.id, "das zuständige Fachamt")
        people.append(f"Fachämter für „{result.field.title}“: {offices}")
    return (*people, *PARTICIPANTS_AFTER)


def _schedule(start: time, minutes: int, priorities: str, focus: str) -> tuple[ScheduledBlock, ...]:
    clock = datetime.combine(datetime(2000, 1, 1).date(), start)
    blocks = []
    for block, length in zip(BLOCKS, scaled_minutes(minutes), strict=True):
        end = clock + timedelta(minutes=length)
        text = block.text.format(priorities=priorities, focus=focus)
        method = block.method.format(
            talk=format_duration(_talk_minutes(length)),
            round=format_duration(_round_minutes(length)),
        )
        blocks.append(ScheduledBlock(clock.time(), end.time(), block.title, method, text))
        clock = end
    return tuple(blocks)


def _talk_minutes(block_minutes: int) -> int:
    """A short talk takes at most two fifths of its block, never more than ten minutes."""
    return max(STEP_MINUTES, min(10, _five(block_minutes * 2 / 5)))


def _round_minutes(block_minutes: int) -> int:
    """Three rounds at the tables fill the block (at least five, at most 30 minutes each)."""
    return max(STEP_MINUTES, min(30, _five(block_minutes / 3)))


def _five(minutes: float) -> int:
    return int(minutes // STEP_MINUTES) * STEP_MINUTES


def draft_agenda(
    pack: Pack,
    items: Sequence[Item],
    *,
    start: time | None = None,
    points: int = DEFAULT_POINTS,
    event: EventDetails | None = None,
) -> Agenda:
    """Draft a dialogue event from one or more ``(file name, assessment)`` pairs.

    ``event`` gives date, start, duration and place (``start`` alone moves the default
    programme). Raises AgendaError without items and ComparisonError for different
    questionnaires.
    """
    event = event or EventDetails()
    if start is not None:
        event = EventDetails(event.day, start, event.minutes, event.place)
    check_duration(event.minutes)
    if not items:
        raise AgendaError(
            [
                Problem(
                    Path("Tagesordnung"),
                    "Keine Einschätzung angegeben",
                    "Wählen Sie mindestens eine Einschätzung (oder die gemeinsame).",
                )
            ]
        )
    notes = tuple(compatibility(items, pack=pack))
    discussion = compare(pack, items).discussion_points[:points] if len(items) > 1 else ()
    profile, basis = _basis(pack, items)
    priorities = _priorities(profile)
    gaps = () if discussion else _gaps(profile, priorities)
    focus = FOCUS_DISAGREEMENT if discussion else FOCUS_GAPS if gaps else FOCUS_GENERAL
    first = items[0][1]
    return Agenda(
        municipality=", ".join(dict.fromkeys(a.municipality for _, a in items)),
        basis=basis,
        goals=_goals(priorities, discussion, gaps),
        priorities=priorities,
        discussion_points=tuple(discussion),
        knowledge_gaps=gaps,
        participants=_participants(first.kind, priorities),
        blocks=_schedule(event.start, event.minutes, _quoted_titles(priorities), focus),
        articles=tuple((a.id, a.title) for a in pack.articles_for_pillar(DIALOG_PILLAR)),
        notes=notes,
        event=event,
    )
