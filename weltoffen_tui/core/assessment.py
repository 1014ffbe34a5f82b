"""The assessment: who answered, when, and every answer with its note.

One assessment is one TOML file. Answers are kept by field id and question id exactly
as found, including ids the current pack no longer knows, so nothing is ever dropped.
"""

from __future__ import annotations

from datetime import date, datetime
from types import EllipsisType
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from weltoffen_tui.core.values import (
    SCHEMA_VERSION,
)

AnswerValue = Literal[1, 2, 3, 4, "weiss_nicht", "trifft_nicht_zu"]
Kind = Literal["Stadt", "Gemeinde", "Landkreis"]


def now() -> datetime:
    """The current local time with offset, to the second (as written to files)."""
    return datetime.now().astimezone().replace(microsecond=0)


class Answer(BaseModel):
    """One answer: a value on the scale (or none yet) and an optional note as evidence."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    value: AnswerValue | None = None
    note: str = ""

    @field_validator("value", mode="before")
    @classmethod
    def _no_bool(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError(
                "ungültiger Antwortwert (true/false); erlaubt sind 1, 2, 3, 4, "
                '"weiss_nicht" und "trifft_nicht_zu"'
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


class Source(BaseModel):
    """An assessment file a consensus assessment was built from."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    file: str = Field(min_length=1)
    municipality: str = ""
    respondents: str = ""
    updated: datetime | None = None


class Assessment(BaseModel):
    """A self-assessment of one municipality, as stored in its TOML file."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    schema_version: int = SCHEMA_VERSION
    questionnaire: str = Field(min_length=1)
    questionnaire_version: str = ""
    municipality: str = Field(min_length=1)
    kind: Kind
    consultant: str = ""
    respondents: list[Respondent] = Field(default_factory=list)
    session_date: date | None = None
    created: datetime
    updated: datetime
    answers: dict[str, dict[str, Answer]] = Field(default_factory=dict)
    measures: list[Measure] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)

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
    ) -> Assessment:
        """A fresh assessment with no answers, stamped with the current time."""
        stamp = now()
        return cls(
            questionnaire=questionnaire,
            questionnaire_version=questionnaire_version,
            municipality=municipality,
            kind=kind,
            consultant=consultant,
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
