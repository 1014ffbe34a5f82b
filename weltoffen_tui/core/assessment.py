"""The assessment: who answered, when, and every answer with its note.

One assessment is one TOML file. Answers are kept by field id and question id exactly
as found, including ids the current pack no longer knows, so nothing is ever dropped.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from types import EllipsisType
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from weltoffen_tui.core.values import (
    SCHEMA_VERSION,
)

# Graded values 1..7 (a pack's scale has 2 to 7 steps; which ones a file may use is
# checked against its pack when it is opened, see core/storage/opening.py).
AnswerValue = Literal[1, 2, 3, 4, 5, 6, 7, "weiss_nicht", "trifft_nicht_zu"]
QUESTIONNAIRE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # a pack id, never a path


def _no_number_as_moment(value: Any) -> Any:
    """Dates come from TOML as dates: a number (an epoch) is a mistake, not a moment."""
    if isinstance(value, bool | int | float):
        raise ValueError(
            f"Datum erwartet, gefunden: die Zahl {value!r}; schreiben Sie das Datum als "
            "JJJJ-MM-TT bzw. JJJJ-MM-TTTHH:MM:SS (ohne Anführungszeichen)"
        )
    return value


Kind = Literal["Stadt", "Gemeinde", "Landkreis"]
Evidence = Literal["belegt", "eingeschaetzt"]


def now() -> datetime:
    """The current local time with offset, to the second (as written to files)."""
    from weltoffen_tui.core.timestamps import current_moment

    return current_moment()


class Answer(BaseModel):
    """One answer: a value on the scale (or none yet) and an optional note as evidence."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    value: AnswerValue | None = None
    note: str = ""
    # Evidence (issue "profile"): "belegt" when a document supports the answer,
    # "eingeschaetzt" when it is a judgement; None (not written) when not stated.
    evidence: Evidence | None = None
    # What supports it: a title, date, link or file name, as the user typed it.
    reference: str | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _no_bool(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError(
                "ungültiger Antwortwert (true/false); erlaubt sind die Stufen der "
                'Antwortskala (1, 2, 3 …), "weiss_nicht" und "trifft_nicht_zu"'
            )
        return value

    @property
    def is_answered(self) -> bool:
        return self.value is not None

    @property
    def is_graded(self) -> bool:
        return isinstance(self.value, int)


class Respondent(BaseModel):
    """A person who answered, with the role they speak for."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    name: str = Field(min_length=1)
    role: str = ""


MEASURE_STATUSES: tuple[str, ...] = ("offen", "in Arbeit", "erledigt", "zurückgestellt")
MeasureStatus = Literal["offen", "in Arbeit", "erledigt", "zurückgestellt"]


class Measure(BaseModel):
    """One measure of the action plan (*Maßnahmenplan*), usually made from a recommendation."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    field: str = ""
    recommendation: str = ""
    responsible: str = ""
    due: date | None = None
    status: MeasureStatus = "offen"
    note: str = ""

    _due_not_a_number = field_validator("due", mode="before")(_no_number_as_moment)


class Target(BaseModel):
    """The maturity level a field should reach (*Soll*), and by when."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    level: str = Field(min_length=1)  # a level id of the pack, e.g. "fortgeschritten"
    due: date | None = None

    _due_not_a_number = field_validator("due", mode="before")(_no_number_as_moment)


class Source(BaseModel):
    """An assessment file a consensus assessment was built from."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    file: str = Field(min_length=1)
    municipality: str = ""
    respondents: str = ""
    perspective: str = ""  # the source's perspective label when it was merged
    updated: datetime | None = None

    _updated_not_a_number = field_validator("updated", mode="before")(_no_number_as_moment)


class Assessment(BaseModel):
    """A self-assessment of one municipality, as stored in its TOML file."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    schema_version: int = SCHEMA_VERSION
    questionnaire: str = Field(min_length=1)
    questionnaire_version: str = ""
    municipality: str = Field(min_length=1)
    kind: Kind
    # For a Stadt: True for a kreisfreie Stadt, False for a kreisangehörige Stadt,
    # None when not stated (then no question is hidden for it). Gemeinden are always
    # kreisangehörig, Landkreise are neither. Old files simply lack it.
    kreisfrei: bool | None = None
    consultant: str = ""
    # Whose view this is ("Verwaltungsleitung", "Integrationsbeirat"); optional, see
    # core/perspective.py for what is shown when it is empty.
    perspective: str = ""
    respondents: list[Respondent] = Field(default_factory=list)
    session_date: date | None = None
    created: datetime
    updated: datetime
    answers: dict[str, dict[str, Answer]] = Field(default_factory=dict)
    measures: list[Measure] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    # Target level per field id; written as [targets.<field-id>] tables, omitted when empty.
    targets: dict[str, Target] = Field(default_factory=dict)

    _moments_not_numbers = field_validator("created", "updated", "session_date", mode="before")(
        _no_number_as_moment
    )

    @field_validator("schema_version", mode="before")
    @classmethod
    def _whole_number(cls, value: Any) -> Any:
        if type(value) is not int:
            raise ValueError(
                f"Schema-Version muss eine ganze Zahl sein (z. B. {SCHEMA_VERSION}), "
                f"gefunden: {value!r}"
            )
        return value

    @field_validator("questionnaire")
    @classmethod
    def _pack_id(cls, value: str) -> str:
        if not QUESTIONNAIRE_ID.match(value):
            raise ValueError(
                f"Fragebogen „{value}“ ist keine Paket-Kennung: erlaubt sind nur "
                "Kleinbuchstaben, Ziffern und Bindestriche (z. B. „weltoffene-kommune“), "
                "kein Pfad"
            )
        return value

    @field_validator("measures")
    @classmethod
    def _unique_measures(cls, value: list[Measure]) -> list[Measure]:
        seen: set[str] = set()
        for measure in value:
            if measure.id in seen:
                raise ValueError(
                    f"Maßnahme „{measure.id}“ ist doppelt angegeben; jede Maßnahme braucht "
                    "eine eigene Kennung (id)"
                )
            seen.add(measure.id)
        return value

    @field_validator("schema_version")
    @classmethod
    def _known_schema(cls, value: int) -> int:
        if value > SCHEMA_VERSION:
            raise ValueError(
                f"Die Datei stammt aus einer neueren Version von weltoffen-tui "
                f"(Schema {value}, unterstützt bis {SCHEMA_VERSION}); "
                f"aktualisieren Sie das Programm"
            )
        if value < 1:
            raise ValueError(f"ungültige Schema-Version {value}")
        return value

    @field_validator("municipality")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("Name der Kommune darf nicht leer sein")
        return value

    @classmethod
    def new(
        cls,
        *,
        municipality: str,
        kind: str,
        questionnaire: str,
        questionnaire_version: str,
        consultant: str = "",
        respondents: list[Respondent] | None = None,
        session_date: date | None = None,
        perspective: str = "",
    ) -> Assessment:
        """A fresh assessment with no answers, stamped with the current time."""
        stamp = now()
        return cls(
            questionnaire=questionnaire,
            questionnaire_version=questionnaire_version,
            municipality=municipality,
            kind=kind,
            consultant=consultant,
            perspective=perspective.strip(),
            respondents=respondents or [],
            session_date=session_date or stamp.date(),
            created=stamp,
            updated=stamp,
        )

    def answer(self, field_id: str, question_id: str) -> Answer | None:
        """The stored answer to a question, if any."""
        return self.answers.get(field_id, {}).get(question_id)

    def set_answer(
        self,
        field_id: str,
        question_id: str,
        value: int | str | EllipsisType | None = ...,
        note: str | None = None,
    ) -> Answer:
        """Set value and/or note of an answer (``...`` leaves the value as it is)."""
        current = self.answer(field_id, question_id) or Answer()
        update: dict[str, Any] = {}
        if value is not ...:
            update["value"] = value
        if note is not None:
            update["note"] = note
        changed = Answer.model_validate({**current.model_dump(), **update})
        self.answers.setdefault(field_id, {})[question_id] = changed
        self.updated = now()
        return changed

    def answered_count(self) -> int:
        """How many questions carry an answer (any value, including "weiß nicht")."""
        return sum(1 for by_q in self.answers.values() for a in by_q.values() if a.is_answered)

    def set_details(
        self,
        *,
        kind: str,
        session_date: date | None,
        respondents: list[Respondent],
        perspective: str,
        consultant: str,
    ) -> None:
        """Change who answered, when, as what kind of municipality and from which view.

        Validated like a file (an unknown kind raises ValueError); answers, measures and
        sources stay as they are.
        """
        checked = Assessment.model_validate(
            {
                **self.model_dump(),
                "kind": kind,
                "session_date": session_date,
                "respondents": [r.model_dump() for r in respondents],
                "perspective": perspective.strip(),
                "consultant": consultant.strip(),
            }
        )
        self.kind = checked.kind
        self.session_date = checked.session_date
        self.respondents = checked.respondents
        self.perspective = checked.perspective
        self.consultant = checked.consultant
        self.updated = now()
