"""Reading and checking a questionnaire pack, collecting *all* problems at once.

A pack author sees every mistake in one run (file, line, key path, what to do),
rather than one per run. Used by ``weltoffen validate`` and whenever a pack is not
in the cache.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from weltoffen_tui.core.diagnostics import line_of, toml_syntax_problem, validation_problems
from weltoffen_tui.core.errors import Problem
from weltoffen_tui.core.pack.models import (
    ActionField,
    Article,
    ArticleMeta,
    Pack,
    PackMeta,
    Recommendation,
)

FRONT_MATTER = "+++"


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
