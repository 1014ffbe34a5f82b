"""Questionnaire packs: the models and loading.

A pack is a folder: ``pack.toml`` (scale, maturity levels, field order),
``fields/<id>.toml`` (questions and recommendations of one action field) and
``articles/<id>.md`` (knowledge articles with TOML front matter between ``+++``
lines). Reading and checking the files lives in ``check``; it is only imported
when a pack is not in the cache, which keeps commands like ``report`` quick.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from weltoffen_tui.core.errors import Problem
from weltoffen_tui.core.frontmatter import SLUG, DocumentMeta, PackDocument

# A pack's graded answer scale has MIN_STEPS..MAX_STEPS steps (values 1..N), and it
# has MIN_LEVELS..MAX_LEVELS maturity levels.
MIN_STEPS, MAX_STEPS = 2, 7
MIN_LEVELS, MAX_LEVELS = 2, 6
Effort = Literal["klein", "mittel", "groß"]


class _Strict(BaseModel):
    # Schemas are built on first validation only: a pack read from the cache never
    # needs them, which keeps `weltoffen report` and opening an assessment quick.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Recommendation(_Strict):
    """An *Anregung zur Weiterarbeit*: a first step, who takes it, the effort, articles."""

    text: str = Field(min_length=1)
    who: str = ""
    effort: Effort
    # Knowledge articles to read; a pack without articles leaves it empty (``check``
    # asks for at least one where the pack has articles).
    articles: tuple[str, ...] = ()
    # Arbeitshilfen (templates in ``arbeitshilfen/``, see core/materials.py) that help
    # with this step; ``check`` refuses an id that names no template.
    materials: tuple[str, ...] = ()


class LevelRecommendation(Recommendation):
    """What to do next in a field that stands at a given maturity level."""

    level: str


class Group(_Strict):
    """A sub-topic of a field (e.g. *Bildung* in *Fairer Zugang und Teilhabechancen*)."""

    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1)
    # Kinds of municipality the sub-topic applies to (see core/applicability.py);
    # empty means every kind.
    applies_to: tuple[str, ...] = ()


class Question(_Strict):
    """One question, answered on the pack's scale, with help and recommendations."""

    id: str = Field(pattern=SLUG)
    group: str | None = None
    # Kinds of municipality the question applies to (see core/applicability.py);
    # empty means every kind (or whatever its group says).
    applies_to: tuple[str, ...] = ()
    # Question ids of earlier pack versions that this question replaces (migration).
    replaces: tuple[str, ...] = ()
    text: str = Field(min_length=1)
    # Help, example and the two recommendations are optional; ``check`` warns when one
    # is missing, and ``[rules] require_help`` in pack.toml turns that into an error.
    help: str = ""
    example: str = ""
    low: Recommendation | None = None
    unknown: Recommendation | None = None


class ActionField(_Strict):
    """A *Handlungsfeld*: intro, questions, and one recommendation per maturity level."""

    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1)
    # A short name for narrow tables (80 columns, a projector); the title when empty.
    short_title: str = Field(default="", max_length=24)
    intro: str = Field(min_length=1)
    groups: tuple[Group, ...] = ()
    questions: tuple[Question, ...] = Field(min_length=1)
    levels: tuple[LevelRecommendation, ...] = ()

    @property
    def short_name(self) -> str:
        """The name for narrow tables: ``short_title``, else the title."""
        return self.short_title or self.title

    def group_applies_to(self, group_id: str | None) -> tuple[str, ...]:
        """The ``applies_to`` of a sub-topic (empty: every kind, or no such sub-topic)."""
        for group in self.groups:
            if group.id == group_id:
                return group.applies_to
        return ()

    def group_title(self, group_id: str | None) -> str:
        """The title of a sub-topic, or an empty string."""
        for group in self.groups:
            if group.id == group_id:
                return group.title
        return ""

    def level_recommendation(self, level_id: str) -> LevelRecommendation | None:
        """The recommendation for a maturity level, if the field has one."""
        for rec in self.levels:
            if rec.level == level_id:
                return rec
        return None


class ScaleStep(_Strict):
    """One graded answer: its value in files, its label and its points."""

    value: int = Field(ge=1, le=MAX_STEPS)
    label: str = Field(min_length=1)
    description: str = ""
    points: int = Field(ge=0)


class Level(_Strict):
    """A named maturity level starting at ``min`` (score 0–100)."""

    id: str = Field(pattern=SLUG)
    name: str = Field(min_length=1)
    min: float = Field(ge=0, le=100)
    description: str = ""


class Pillar(_Strict):
    """One of the three pillars of the original project."""

    id: str = Field(pattern=SLUG)
    name: str = Field(min_length=1)


class PackRules(_Strict):
    """``[rules]`` in pack.toml: how strict ``check`` is with this pack."""

    # Every question needs help, an example and both recommendations (else warnings).
    require_help: bool = False


class PackMeta(_Strict):
    """The contents of ``pack.toml``."""

    id: str = Field(pattern=SLUG)
    version: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str = ""
    fields: tuple[str, ...] = Field(min_length=1)
    # 2..7 steps and 2..6 levels: ``check`` says so in plain words, not the schema.
    scale: tuple[ScaleStep, ...]
    levels: tuple[Level, ...]
    pillars: tuple[Pillar, ...] = ()
    # Question ids of earlier versions that were dropped without a successor (migration).
    dropped: tuple[str, ...] = ()
    rules: PackRules = Field(default_factory=PackRules)


class ArticleMeta(DocumentMeta):
    """The TOML front matter of a knowledge article."""

    # Arbeitshilfen (working materials, see core/materials.py) this article links to.
    materials: tuple[str, ...] = ()


@dataclass(frozen=True)
class Article(PackDocument):
    """A knowledge article: its front matter and Markdown body."""

    meta: ArticleMeta


@dataclass(frozen=True)
class RecommendationRef:
    """A recommendation with its stable id and where it belongs.

    Ids are derived, never written by authors: ``<question>.low``,
    ``<question>.unknown`` and ``<field>.<level>``.
    """

    id: str
    field_id: str
    kind: Literal["level", "low", "unknown"]
    recommendation: Recommendation
    question_id: str | None = None


@dataclass(frozen=True)
class Pack:
    """A loaded, validated questionnaire pack."""

    meta: PackMeta
    fields: tuple[ActionField, ...]
    articles: dict[str, Article]
    directory: Path
    warnings: tuple[Problem, ...] = field(default=())

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def version(self) -> str:
        return self.meta.version

    @cached_property
    def _fields_by_id(self) -> dict[str, ActionField]:
        return {f.id: f for f in self.fields}

    @cached_property
    def _questions(self) -> dict[str, tuple[ActionField, Question]]:
        return {q.id: (f, q) for f in self.fields for q in f.questions}

    def field(self, field_id: str) -> ActionField | None:
        """The action field with this id, or None."""
        return self._fields_by_id.get(field_id)

    def question(self, question_id: str) -> tuple[ActionField, Question] | None:
        """The field and question with this question id, or None."""
        return self._questions.get(question_id)

    def question_count(self) -> int:
        return len(self._questions)

    def iter_questions(self) -> Iterator[tuple[ActionField, Question]]:
        for action_field in self.fields:
            for question in action_field.questions:
                yield action_field, question

    def scale_step(self, value: int) -> ScaleStep | None:
        for step in self.meta.scale:
            if step.value == value:
                return step
        return None

    @cached_property
    def graded_values(self) -> tuple[int, ...]:
        """The values of the graded steps, 1..N."""
        return tuple(step.value for step in self.meta.scale)

    @cached_property
    def low_values(self) -> tuple[int, ...]:
        """The lower half of the graded steps (1 and 2 of four): they get a recommendation."""
        return self.graded_values[: len(self.graded_values) // 2]

    @cached_property
    def low_value_set(self) -> frozenset[int]:
        """``low_values`` for look-ups in the scoring loop."""
        return frozenset(self.low_values)

    @cached_property
    def points_by_value(self) -> dict[int, int]:
        """The points of each graded step by its value (``scale_step`` as a map)."""
        return {step.value: step.points for step in reversed(self.meta.scale)}

    @cached_property
    def max_points(self) -> int:
        return max(step.points for step in self.meta.scale)

    def level_for(self, score: float) -> Level:
        """The maturity level a field score falls into."""
        chosen = self.meta.levels[0]
        for level in self.meta.levels:
            if score >= level.min:
                chosen = level
        return chosen

    def level_index(self, level_id: str) -> int:
        for index, level in enumerate(self.meta.levels):
            if level.id == level_id:
                return index
        raise KeyError(level_id)

    def pillar_name(self, pillar_id: str) -> str:
        for pillar in self.meta.pillars:
            if pillar.id == pillar_id:
                return pillar.name
        return pillar_id

    @cached_property
    def recommendations(self) -> dict[str, RecommendationRef]:
        """Every recommendation of the pack by its stable id."""
        refs: dict[str, RecommendationRef] = {}
        for action_field in self.fields:
            for rec in action_field.levels:
                ref_id = f"{action_field.id}.{rec.level}"
                refs[ref_id] = RecommendationRef(ref_id, action_field.id, "level", rec)
            for question in action_field.questions:
                for kind in ("low", "unknown"):
                    own = question.low if kind == "low" else question.unknown
                    if own is None:
                        continue
                    ref_id = f"{question.id}.{kind}"
                    refs[ref_id] = RecommendationRef(
                        ref_id, action_field.id, kind, own, question.id
                    )
        return refs

    def articles_for_field(self, field_id: str) -> list[Article]:
        return [a for a in self.articles.values() if field_id in a.meta.fields]

    def articles_for_pillar(self, pillar_id: str) -> list[Article]:
        return [a for a in self.articles.values() if a.meta.pillar == pillar_id]
