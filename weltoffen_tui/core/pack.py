"""Questionnaire packs: models, loading and validation.

A pack is a folder: ``pack.toml`` (scale, maturity levels, field order),
``fields/<id>.toml`` (questions and recommendations of one action field) and
``articles/<id>.md`` (knowledge articles with TOML front matter between ``+++``
lines). Loading validates everything and collects *all* problems, so a pack
author sees every mistake at once rather than one per run.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from weltoffen_tui.core.diagnostics import line_of, toml_syntax_problem, validation_problems
from weltoffen_tui.core.errors import PackError, Problem

SLUG = r"^[a-z0-9][a-z0-9\-]*$"
FRONT_MATTER = "+++"
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
    articles: tuple[str, ...] = Field(min_length=1)


class LevelRecommendation(Recommendation):
    """What to do next in a field that stands at a given maturity level."""

    level: str


class Group(_Strict):
    """A sub-topic of a field (e.g. *Bildung* in *Fairer Zugang und Teilhabechancen*)."""

    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1)


class Question(_Strict):
    """One question, answered on the pack's scale, with help and recommendations."""

    id: str = Field(pattern=SLUG)
    group: str | None = None
    text: str = Field(min_length=1)
    help: str = Field(min_length=1)
    example: str = Field(min_length=1)
    low: Recommendation
    unknown: Recommendation


class ActionField(_Strict):
    """A *Handlungsfeld*: intro, questions, and one recommendation per maturity level."""

    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1)
    intro: str = Field(min_length=1)
    groups: tuple[Group, ...] = ()
    questions: tuple[Question, ...] = Field(min_length=1)
    levels: tuple[LevelRecommendation, ...] = ()

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

    value: int = Field(ge=1, le=4)
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


class PackMeta(_Strict):
    """The contents of ``pack.toml``."""

    id: str = Field(pattern=SLUG)
    version: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str = ""
    fields: tuple[str, ...] = Field(min_length=1)
    scale: tuple[ScaleStep, ...] = Field(min_length=4, max_length=4)
    levels: tuple[Level, ...] = Field(min_length=4, max_length=4)
    pillars: tuple[Pillar, ...] = ()


class ArticleMeta(_Strict):
    """The TOML front matter of a knowledge article."""

    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1)
    fields: tuple[str, ...] = ()
    pillar: str = "selbstcheck"
    tags: tuple[str, ...] = ()
    summary: str = Field(min_length=1)


@dataclass(frozen=True)
class Article:
    """A knowledge article: its front matter and Markdown body."""

    meta: ArticleMeta
    body: str
    path: Path

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title


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
                    ref_id = f"{question.id}.{kind}"
                    refs[ref_id] = RecommendationRef(
                        ref_id, action_field.id, kind, getattr(question, kind), question.id
                    )
        return refs

    def articles_for_field(self, field_id: str) -> list[Article]:
        return [a for a in self.articles.values() if field_id in a.meta.fields]

    def articles_for_pillar(self, pillar_id: str) -> list[Article]:
        return [a for a in self.articles.values() if a.meta.pillar == pillar_id]


# --------------------------------------------------------------------------- loading


def _read_toml(path: Path, problems: list[Problem]) -> tuple[dict[str, Any], str] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(path, "Datei fehlt", "Legen Sie die Datei an."))
        return None
    except UnicodeDecodeError:
        problems.append(
            Problem(path, "Datei ist nicht UTF-8-kodiert", "Speichern Sie sie als UTF-8.")
        )
        return None
    except OSError as exc:
        problems.append(Problem(path, f"Datei nicht lesbar ({exc.strerror})"))
        return None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        problems.append(toml_syntax_problem(path, exc, "Korrigieren Sie die Zeile.", text))
        return None


def _split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Front matter, body, and the line number where the front matter starts."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER:
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == FRONT_MATTER:
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), 2
    return None


def _load_article(path: Path, problems: list[Problem]) -> Article | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        problems.append(Problem(path, "Artikel nicht lesbar", "Speichern Sie ihn als UTF-8."))
        return None
    parts = _split_front_matter(text)
    if parts is None:
        problems.append(
            Problem(
                path,
                "Vorspann (Front Matter) fehlt oder ist nicht geschlossen",
                "Beginnen Sie die Datei mit einer Zeile +++, dann id, title, fields, "
                "pillar, tags, summary, dann wieder +++.",
                line=1,
            )
        )
        return None
    front, body, offset = parts
    try:
        data = tomllib.loads(front)
    except tomllib.TOMLDecodeError as exc:
        problem = toml_syntax_problem(path, exc, "Korrigieren Sie den Vorspann.", front)
        if problem.line is not None:
            problem = Problem(path, problem.message, problem.hint, problem.line + offset - 1)
        problems.append(problem)
        return None
    try:
        meta = ArticleMeta.model_validate(data)
    except ValidationError as exc:
        for problem in validation_problems(path, front, exc):
            line = None if problem.line is None else problem.line + offset - 1
            problems.append(Problem(path, problem.message, problem.hint, line, problem.path))
        return None
    if meta.id != path.stem:
        problems.append(
            Problem(
                path,
                f"id „{meta.id}“ passt nicht zum Dateinamen",
                f"Nennen Sie die Datei {meta.id}.md oder ändern Sie die id.",
                line=line_of(front, ("id",)),
                path="id",
            )
        )
    if not body.strip():
        problems.append(Problem(path, "Artikel hat keinen Text", "Schreiben Sie den Artikel."))
    return Article(meta=meta, body=body.strip() + "\n", path=path)


def _check_pack(meta: PackMeta, meta_text: str, pack_file: Path, problems: list[Problem]) -> None:
    values = [step.value for step in meta.scale]
    if sorted(values) != [1, 2, 3, 4]:
        problems.append(
            Problem(
                pack_file,
                "Antwortskala braucht genau die Werte 1, 2, 3 und 4",
                "Geben Sie jeder Stufe einen eigenen Wert von 1 bis 4.",
                line_of(meta_text, ("scale",)),
                "scale",
            )
        )
    points = [step.points for step in sorted(meta.scale, key=lambda s: s.value)]
    if points != sorted(points) or len(set(points)) != len(points) or max(points) <= 0:
        problems.append(
            Problem(
                pack_file,
                "Punkte der Antwortskala müssen mit dem Wert steigen",
                "Vergeben Sie z. B. 0, 1, 2, 3 Punkte.",
                line_of(meta_text, ("scale",)),
                "scale",
            )
        )
    minimums = [level.min for level in meta.levels]
    if minimums[0] != 0:
        problems.append(
            Problem(
                pack_file,
                "die erste Reifegradstufe muss bei 0 beginnen",
                "Setzen Sie min = 0 bei der ersten Stufe.",
                line_of(meta_text, ("levels", 0, "min")),
                "levels.0.min",
            )
        )
    for index in range(1, len(minimums)):
        if minimums[index] <= minimums[index - 1]:
            problems.append(
                Problem(
                    pack_file,
                    f"Schwellenwerte der Reifegradstufen nicht aufsteigend "
                    f"({minimums[index - 1]:g} → {minimums[index]:g})",
                    "Jede Stufe muss bei einem höheren Wert beginnen als die vorige.",
                    line_of(meta_text, ("levels", index, "min")),
                    f"levels.{index}.min",
                )
            )
    _duplicates(
        [(level.id, ("levels", i, "id")) for i, level in enumerate(meta.levels)],
        pack_file,
        meta_text,
        "Stufe",
        problems,
    )
    _duplicates(
        [(fid, ("fields",)) for fid in meta.fields], pack_file, meta_text, "Handlungsfeld", problems
    )


def _duplicates(
    items: list[tuple[str, tuple[Any, ...]]],
    file: Path,
    text: str,
    what: str,
    problems: list[Problem],
) -> None:
    seen: set[str] = set()
    for item_id, loc in items:
        if item_id in seen:
            problems.append(
                Problem(
                    file,
                    f"{what} „{item_id}“ ist doppelt",
                    "Jede id darf nur einmal vorkommen.",
                    line_of(text, loc),
                    ".".join(str(p) for p in loc),
                )
            )
        seen.add(item_id)


def _check_field(
    action_field: ActionField,
    path: Path,
    text: str,
    expected_id: str,
    level_ids: list[str],
    problems: list[Problem],
) -> None:
    if action_field.id != expected_id:
        problems.append(
            Problem(
                path,
                f"id „{action_field.id}“ passt nicht zum Dateinamen",
                f'Setzen Sie id = "{expected_id}".',
                line_of(text, ("id",)),
                "id",
            )
        )
    group_ids = {g.id for g in action_field.groups}
    _duplicates(
        [(g.id, ("groups", i, "id")) for i, g in enumerate(action_field.groups)],
        path,
        text,
        "Unterthema",
        problems,
    )
    for index, question in enumerate(action_field.questions):
        if question.group is not None and question.group not in group_ids:
            problems.append(
                Problem(
                    path,
                    f"Frage {question.id}: Unterthema „{question.group}“ gibt es nicht",
                    "Legen Sie es unter [[groups]] an oder korrigieren Sie group.",
                    line_of(text, ("questions", index, "group")),
                    f"questions.{index}.group",
                )
            )
        if action_field.groups and question.group is None:
            problems.append(
                Problem(
                    path,
                    f"Frage {question.id} hat kein Unterthema",
                    "Dieses Handlungsfeld ist nach Unterthemen gegliedert: setzen Sie group.",
                    line_of(text, ("questions", index)),
                    f"questions.{index}",
                )
            )
    _duplicates(
        [(r.level, ("levels", i, "level")) for i, r in enumerate(action_field.levels)],
        path,
        text,
        "Empfehlung für die Stufe",
        problems,
    )
    for index, rec in enumerate(action_field.levels):
        if rec.level not in level_ids:
            problems.append(
                Problem(
                    path,
                    f"Stufe „{rec.level}“ gibt es nicht",
                    f"Erlaubt sind: {', '.join(level_ids)}.",
                    line_of(text, ("levels", index, "level")),
                    f"levels.{index}.level",
                )
            )
    missing = [lid for lid in level_ids if action_field.level_recommendation(lid) is None]
    if missing:
        problems.append(
            Problem(
                path,
                f"Empfehlung fehlt für die Stufe(n): {', '.join(missing)}",
                "Legen Sie für jede Reifegradstufe einen Eintrag [[levels]] an.",
                line_of(text, ("levels",)),
                "levels",
            )
        )


def _check_links(
    fields: list[tuple[ActionField, Path, str]],
    articles: dict[str, Article],
    field_ids: set[str],
    pillar_ids: set[str],
    problems: list[Problem],
) -> None:
    for action_field, path, text in fields:
        recs: list[tuple[Recommendation, tuple[Any, ...]]] = [
            (rec, ("levels", i)) for i, rec in enumerate(action_field.levels)
        ]
        for i, question in enumerate(action_field.questions):
            recs.append((question.low, ("questions", i, "low")))
            recs.append((question.unknown, ("questions", i, "unknown")))
        for rec, loc in recs:
            for article_id in rec.articles:
                if article_id not in articles:
                    problems.append(
                        Problem(
                            path,
                            f"Empfehlung verweist auf einen Artikel, den es nicht gibt: "
                            f"„{article_id}“",
                            f"Legen Sie articles/{article_id}.md an oder korrigieren Sie die id.",
                            line_of(text, (*loc, "articles")),
                            ".".join(str(p) for p in (*loc, "articles")),
                        )
                    )
    for article in articles.values():
        for field_id in article.meta.fields:
            if field_id not in field_ids:
                problems.append(
                    Problem(
                        article.path,
                        f"Handlungsfeld „{field_id}“ gibt es nicht",
                        f"Erlaubt sind: {', '.join(sorted(field_ids))}.",
                        path="fields",
                    )
                )
        if pillar_ids and article.meta.pillar not in pillar_ids:
            problems.append(
                Problem(
                    article.path,
                    f"Säule „{article.meta.pillar}“ gibt es nicht",
                    f"Erlaubt sind: {', '.join(sorted(pillar_ids))}.",
                    path="pillar",
                )
            )


def validate_pack(directory: Path) -> tuple[Pack | None, list[Problem]]:
    """Load a pack and return it with every problem found (the pack is None if any)."""
    directory = Path(directory)
    problems: list[Problem] = []
    pack_file = directory / "pack.toml"
    if not directory.is_dir():
        problems.append(
            Problem(directory, "Ordner nicht gefunden", "Geben Sie den Ordner eines Pakets an.")
        )
        return None, problems
    loaded = _read_toml(pack_file, problems)
    meta: PackMeta | None = None
    meta_text = ""
    if loaded is not None:
        data, meta_text = loaded
        try:
            meta = PackMeta.model_validate(data)
        except ValidationError as exc:
            problems.extend(validation_problems(pack_file, meta_text, exc))
    if meta is not None:
        _check_pack(meta, meta_text, pack_file, problems)

    level_ids = [level.id for level in meta.levels] if meta else []
    field_ids = (
        list(meta.fields) if meta else sorted(p.stem for p in directory.glob("fields/*.toml"))
    )
    fields: list[tuple[ActionField, Path, str]] = []
    for field_id in field_ids:
        path = directory / "fields" / f"{field_id}.toml"
        loaded_field = _read_toml(path, problems)
        if loaded_field is None:
            continue
        data, text = loaded_field
        if isinstance(data.get("questions"), list) and not data["questions"]:
            problems.append(
                Problem(path, "Handlungsfeld hat keine Fragen", "Legen Sie Fragen an.", 1)
            )
            continue
        if "questions" not in data:
            problems.append(
                Problem(
                    path,
                    "Handlungsfeld ist leer: keine Fragen",
                    "Legen Sie mindestens einen Eintrag [[questions]] an.",
                    1,
                    "questions",
                )
            )
            continue
        try:
            action_field = ActionField.model_validate(data)
        except ValidationError as exc:
            problems.extend(validation_problems(path, text, exc))
            continue
        _check_field(action_field, path, text, field_id, level_ids, problems)
        fields.append((action_field, path, text))
    if meta is not None:
        listed = set(meta.fields)
        for extra in sorted(directory.glob("fields/*.toml")):
            if extra.stem not in listed:
                problems.append(
                    Problem(
                        extra,
                        "Handlungsfeld ist nicht in pack.toml aufgeführt",
                        "Tragen Sie die id unter fields in pack.toml ein "
                        "oder löschen Sie die Datei.",
                    )
                )

    seen_questions: dict[str, Path] = {}
    for action_field, path, text in fields:
        for index, question in enumerate(action_field.questions):
            if question.id in seen_questions:
                where = seen_questions[question.id]
                problems.append(
                    Problem(
                        path,
                        f"Frage-id „{question.id}“ ist doppelt (auch in {where.name})",
                        "Jede Frage braucht eine eigene id.",
                        line_of(text, ("questions", index, "id")),
                        f"questions.{index}.id",
                    )
                )
            seen_questions[question.id] = path

    articles: dict[str, Article] = {}
    for path in sorted(directory.glob("articles/*.md")):
        article = _load_article(path, problems)
        if article is None:
            continue
        if article.id in articles:
            problems.append(
                Problem(
                    path,
                    f"Artikel-id „{article.id}“ ist doppelt",
                    "Jeder Artikel braucht eine eigene id.",
                    path="id",
                )
            )
            continue
        articles[article.id] = article

    pillar_ids = {p.id for p in meta.pillars} if meta else set()
    _check_links(fields, articles, set(field_ids), pillar_ids, problems)

    if problems or meta is None:
        return None, problems
    pack = Pack(
        meta=meta,
        fields=tuple(f for f, _, _ in fields),
        articles=articles,
        directory=directory,
    )
    return pack, []


_CACHE: dict[Path, Pack] = {}


def load_pack(directory: Path | None = None) -> Pack:
    """Load and validate a pack (default: the shipped one); raise PackError on problems.

    Packs are immutable, so a loaded pack is kept per directory for the process, and a
    validated shipped pack is also kept on disk (see ``packcache``) until a file changes.
    """
    from weltoffen_tui.core import packcache

    if directory is None:
        from weltoffen_tui.paths import default_pack_dir

        directory = default_pack_dir()
    directory = Path(directory).resolve()
    if directory in _CACHE:
        return _CACHE[directory]
    pack = packcache.read(directory)
    if pack is None:
        pack, problems = validate_pack(directory)
        if pack is None:
            raise PackError(problems)
        packcache.write(directory, pack)
    _CACHE[directory] = pack
    return pack
