"""Reading and checking a questionnaire pack, collecting *all* problems at once.

A pack author sees every mistake in one run (file, line, key path, what to do),
rather than one per run. Used by ``weltoffen validate`` and whenever a pack is not
in the cache.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any, TypeGuard

from pydantic import ValidationError

from weltoffen_tui.core import tomlparse
from weltoffen_tui.core.diagnostics import line_of, toml_syntax_problem, validation_problems
from weltoffen_tui.core.errors import Problem
from weltoffen_tui.core.frontmatter import (
    FrontMatterFile,
    Wording,
    check_fields_and_pillar,
    read_front_matter_file,
)
from weltoffen_tui.core.pack.models import (
    MAX_LEVELS,
    MAX_STEPS,
    MIN_LEVELS,
    MIN_STEPS,
    ActionField,
    Article,
    ArticleMeta,
    Pack,
    PackMeta,
)
from weltoffen_tui.core.values import APPLIES_TO_VALUES


def _read_toml(path: Path, problems: list[Problem]) -> tuple[dict[str, Any], str] | None:
    """The data and text of a TOML file, or None with the reason added to ``problems``."""
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
        return tomlparse.loads(text), text
    except tomlparse.TOMLDecodeError as exc:
        problems.append(toml_syntax_problem(path, exc, "Korrigieren Sie die Zeile.", text))
        return None


_ArticleFile = FrontMatterFile[ArticleMeta]
ARTICLE_WORDING = Wording(
    unreadable=("Artikel nicht lesbar", "Speichern Sie ihn als UTF-8."),
    no_front_matter=(
        "Vorspann (Front Matter) fehlt oder ist nicht geschlossen",
        "Beginnen Sie die Datei mit einer Zeile +++, dann id, title, fields, "
        "pillar, tags, summary, dann wieder +++.",
    ),
    empty=("Artikel hat keinen Text", "Schreiben Sie den Artikel."),
)


def _article(entry: _ArticleFile) -> Article | None:
    """The article of a file whose front matter passed the schema check."""
    if entry.meta is None:
        return None
    return Article(meta=entry.meta, body=entry.body.strip() + "\n", path=entry.path)


# The cross-checks below work on the raw TOML data, not on the models, so they also
# run for a file with schema errors: an author sees a duplicate id or a dead link in
# the same run as a misspelt key. Values of the wrong type are skipped here, because
# the schema check already reports them.


def _tables(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The tables of an array of tables with their index (other entries left out)."""
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


def _strings(value: Any) -> list[str] | None:
    """The value if it is a list of texts, else None."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    return None


def _is_int(value: Any) -> TypeGuard[int]:
    """A whole number in TOML (TOML's true and false are no numbers)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _ints(values: list[Any]) -> list[int] | None:
    """The values if all are whole numbers, else None."""
    return values if all(_is_int(value) for value in values) else None


def _is_number(value: Any) -> TypeGuard[int | float]:
    """A number in TOML (true and false are none)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_pack(data: dict[str, Any], text: str, pack_file: Path, problems: list[Problem]) -> None:
    """What the schema of ``pack.toml`` cannot say: scale values and points, level order, ids."""
    scale = [step for _, step in _tables(data.get("scale"))]
    count = len(scale)
    if MIN_STEPS <= count <= MAX_STEPS and all(_is_int(step.get("value")) for step in scale):
        if sorted(step["value"] for step in scale) != list(range(1, count + 1)):
            problems.append(
                Problem(
                    pack_file,
                    f"Antwortskala mit {count} Stufen braucht genau die Werte 1 bis {count}",
                    f"Geben Sie jeder Stufe einen eigenen Wert von 1 bis {count} (ohne Lücke).",
                    line_of(text, ("scale",)),
                    "scale",
                )
            )
        points = _ints([step.get("points") for step in sorted(scale, key=lambda s: s["value"])])
        if points and (
            points != sorted(points) or len(set(points)) != len(points) or max(points) <= 0
        ):
            problems.append(
                Problem(
                    pack_file,
                    "Punkte der Antwortskala müssen mit dem Wert steigen",
                    f"Vergeben Sie z. B. {', '.join(str(n) for n in range(count))} Punkte.",
                    line_of(text, ("scale",)),
                    "scale",
                )
            )
    elif isinstance(data.get("scale"), list) and not MIN_STEPS <= count <= MAX_STEPS:
        problems.append(
            Problem(
                pack_file,
                f"Antwortskala hat {count} Stufen; erlaubt sind {MIN_STEPS} bis {MAX_STEPS}",
                "Legen Sie zwischen zwei und sieben Einträge [[scale]] an.",
                line_of(text, ("scale",)),
                "scale",
            )
        )
    level_count = len(_tables(data.get("levels")))
    if isinstance(data.get("levels"), list) and not MIN_LEVELS <= level_count <= MAX_LEVELS:
        problems.append(
            Problem(
                pack_file,
                f"{level_count} Reifegradstufen; erlaubt sind {MIN_LEVELS} bis {MAX_LEVELS}",
                "Legen Sie zwischen zwei und sechs Einträge [[levels]] an.",
                line_of(text, ("levels",)),
                "levels",
            )
        )
    levels = _tables(data.get("levels"))
    first = levels[0][1] if levels and levels[0][0] == 0 else {}
    if _is_number(first.get("min")) and first["min"] != 0:
        problems.append(
            Problem(
                pack_file,
                "die erste Reifegradstufe muss bei 0 beginnen",
                "Setzen Sie min = 0 bei der ersten Stufe.",
                line_of(text, ("levels", 0, "min")),
                "levels.0.min",
            )
        )
    for (_, before), (index, level) in itertools.pairwise(levels):
        low, high = before.get("min"), level.get("min")
        if _is_number(low) and _is_number(high) and high <= low:
            problems.append(
                Problem(
                    pack_file,
                    f"Schwellenwerte der Reifegradstufen nicht aufsteigend ({low:g} → {high:g})",
                    "Jede Stufe muss bei einem höheren Wert beginnen als die vorige.",
                    line_of(text, ("levels", index, "min")),
                    f"levels.{index}.min",
                )
            )
    _duplicates(
        [(lv["id"], ("levels", i, "id")) for i, lv in levels if isinstance(lv.get("id"), str)],
        pack_file,
        text,
        "Stufe",
        problems,
    )
    _duplicates(
        [(fid, ("fields",)) for fid in _strings(data.get("fields")) or []],
        pack_file,
        text,
        "Handlungsfeld",
        problems,
    )


def _duplicates(
    items: list[tuple[str, tuple[Any, ...]]],
    file: Path,
    text: str,
    what: str,
    problems: list[Problem],
) -> None:
    """Report every id that occurs a second time, at the line of the repetition."""
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


def _question_name(index: int, question: dict[str, Any]) -> str:
    """How a message names a question: its id, or its position if the id is missing."""
    question_id = question.get("id")
    return question_id if isinstance(question_id, str) else f"Nr. {index + 1}"


def _check_field(
    data: dict[str, Any],
    path: Path,
    text: str,
    expected_id: str,
    level_ids: list[str],
    problems: list[Problem],
) -> None:
    """Checks within one field file: its id, groups, and one recommendation per known level."""
    field_id = data.get("id")
    if isinstance(field_id, str) and field_id != expected_id:
        problems.append(
            Problem(
                path,
                f"id „{field_id}“ passt nicht zum Dateinamen",
                f'Setzen Sie id = "{expected_id}".',
                line_of(text, ("id",)),
                "id",
            )
        )
    groups = _tables(data.get("groups"))
    group_ids = {g["id"] for _, g in groups if isinstance(g.get("id"), str)}
    _duplicates(
        [(g["id"], ("groups", i, "id")) for i, g in groups if isinstance(g.get("id"), str)],
        path,
        text,
        "Unterthema",
        problems,
    )
    for index, question in _tables(data.get("questions")):
        group = question.get("group")
        if isinstance(group, str) and group not in group_ids:
            problems.append(
                Problem(
                    path,
                    f"Frage {_question_name(index, question)}: Unterthema „{group}“ gibt es nicht",
                    "Legen Sie es unter [[groups]] an oder korrigieren Sie group.",
                    line_of(text, ("questions", index, "group")),
                    f"questions.{index}.group",
                )
            )
        if groups and group is None:
            problems.append(
                Problem(
                    path,
                    f"Frage {_question_name(index, question)} hat kein Unterthema",
                    "Dieses Handlungsfeld ist nach Unterthemen gegliedert: setzen Sie group.",
                    line_of(text, ("questions", index)),
                    f"questions.{index}",
                )
            )
    recommendations = [
        (index, rec["level"])
        for index, rec in _tables(data.get("levels"))
        if isinstance(rec.get("level"), str)
    ]
    _duplicates(
        [(level, ("levels", i, "level")) for i, level in recommendations],
        path,
        text,
        "Empfehlung für die Stufe",
        problems,
    )
    if not level_ids:
        return  # pack.toml names no usable levels; that is reported there
    for index, level in recommendations:
        if level not in level_ids:
            problems.append(
                Problem(
                    path,
                    f"Stufe „{level}“ gibt es nicht",
                    f"Erlaubt sind: {', '.join(level_ids)}.",
                    line_of(text, ("levels", index, "level")),
                    f"levels.{index}.level",
                )
            )
    present = {level for _, level in recommendations}
    missing = [lid for lid in level_ids if lid not in present]
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
    fields: list[tuple[dict[str, Any], Path, str]],
    articles: list[_ArticleFile],
    field_ids: set[str],
    pillar_ids: set[str],
    problems: list[Problem],
) -> None:
    """Links between files: to existing articles from recommendations, to fields and pillars."""
    # An article with a broken front matter still exists: links to it are not dead.
    known = {entry.id for entry in articles}
    for data, path, text in fields:
        for rec, loc, _ in _recommendation_tables(data):
            for article_id in _strings(rec.get("articles")) or []:
                if article_id not in known:
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
    for entry in articles:
        check_fields_and_pillar(entry, field_ids, pillar_ids, problems)


def _recommendation_tables(
    data: dict[str, Any],
) -> list[tuple[dict[str, Any], tuple[Any, ...], str]]:
    """Every recommendation table of a field file: the table, its key path, how to name it."""
    recs: list[tuple[dict[str, Any], tuple[Any, ...], str]] = []
    for i, rec in _tables(data.get("levels")):
        level = rec.get("level")
        name = f"Empfehlung für die Stufe „{level}“" if isinstance(level, str) else "Empfehlung"
        recs.append((rec, ("levels", i), name))
    for i, question in _tables(data.get("questions")):
        for kind, what in (("low", "bei niedriger Antwort"), ("unknown", "bei „Weiß nicht“")):
            if isinstance(question.get(kind), dict):
                name = f"Frage {_question_name(i, question)}: Anregung {what}"
                recs.append((question[kind], ("questions", i, kind), name))
    return recs


def _check_material_links(
    fields: list[tuple[dict[str, Any], Path, str]], known: set[str], problems: list[Problem]
) -> None:
    """Recommendations link only to Arbeitshilfen that exist in ``arbeitshilfen/``."""
    from weltoffen_tui.core.materials import FOLDER

    for data, path, text in fields:
        for rec, loc, name in _recommendation_tables(data):
            for material_id in _strings(rec.get("materials")) or []:
                if material_id not in known:
                    problems.append(
                        Problem(
                            path,
                            f"{name} verweist auf eine Arbeitshilfe, die es nicht gibt: "
                            f"„{material_id}“",
                            f"Legen Sie {FOLDER}/{material_id}.md an oder korrigieren Sie die "
                            "id unter materials.",
                            line_of(text, (*loc, "materials")),
                            ".".join(str(p) for p in (*loc, "materials")),
                        )
                    )


def _check_question_ids(
    fields: list[tuple[dict[str, Any], Path, str]], problems: list[Problem]
) -> None:
    """Question ids are unique across the whole pack (answers are filed by them)."""
    seen: dict[str, Path] = {}
    for data, path, text in fields:
        for index, question in _tables(data.get("questions")):
            question_id = question.get("id")
            if not isinstance(question_id, str):
                continue
            if question_id in seen:
                problems.append(
                    Problem(
                        path,
                        f"Frage-id „{question_id}“ ist doppelt (auch in {seen[question_id].name})",
                        "Jede Frage braucht eine eigene id.",
                        line_of(text, ("questions", index, "id")),
                        f"questions.{index}.id",
                    )
                )
            seen[question_id] = path


def _check_kinds(fields: list[tuple[dict[str, Any], Path, str]], problems: list[Problem]) -> None:
    """``applies_to`` of questions and groups names only known kinds of municipality."""
    allowed = ", ".join(f"„{value}“" for value in APPLIES_TO_VALUES)
    for data, path, text in fields:
        entries = [("groups", i, g) for i, g in _tables(data.get("groups"))]
        entries += [("questions", i, q) for i, q in _tables(data.get("questions"))]
        for table, index, entry in entries:
            for value in _strings(entry.get("applies_to")) or []:
                if value not in APPLIES_TO_VALUES:
                    what = "Frage" if table == "questions" else "Unterthema"
                    name = entry.get("id") if isinstance(entry.get("id"), str) else index + 1
                    problems.append(
                        Problem(
                            path,
                            f"{what} {name}: Art der Kommune „{value}“ gibt es nicht",
                            f"Erlaubt sind in applies_to: {allowed}.",
                            line_of(text, (table, index, "applies_to")),
                            f"{table}.{index}.applies_to",
                        )
                    )


def _check_optional(
    fields: list[tuple[dict[str, Any], Path, str]], has_articles: bool, found: list[Problem]
) -> None:
    """Help, example and recommendations that are missing (warnings unless the pack requires them).

    A recommendation without articles is only missing something if the pack has articles.
    """
    labels = {
        "help": ("Hilfetext (help)", 'Ergänzen Sie help = "…": Was ist mit der Frage gemeint?'),
        "example": ("Beispiel (example)", 'Ergänzen Sie example = "…" aus der Praxis.'),
        "low": (
            "Anregung bei niedriger Antwort ([questions.low])",
            "Legen Sie eine Tabelle low mit text und effort an.",
        ),
        "unknown": (
            "Anregung bei „Weiß nicht“ ([questions.unknown])",
            "Legen Sie eine Tabelle unknown mit text und effort an.",
        ),
    }
    for data, path, text in fields:
        for index, question in _tables(data.get("questions")):
            name = _question_name(index, question)
            for key, (what, hint) in labels.items():
                value = question.get(key)
                if value is None or (isinstance(value, str) and not value.strip()):
                    found.append(
                        Problem(
                            path,
                            f"Frage {name}: {what} fehlt",
                            hint,
                            line_of(text, ("questions", index)),
                            f"questions.{index}.{key}",
                        )
                    )
        if not has_articles:
            continue
        for rec, loc, _ in _recommendation_tables(data):
            if _strings(rec.get("articles")) == [] or "articles" not in rec:
                found.append(
                    Problem(
                        path,
                        "Anregung verweist auf keinen Wissensartikel",
                        'Nennen Sie mindestens einen Artikel: articles = ["…"].',
                        line_of(text, loc),
                        ".".join(str(p) for p in (*loc, "articles")),
                    )
                )


def _check_versions(
    meta_data: dict[str, Any],
    meta_text: str,
    pack_file: Path,
    fields: list[tuple[dict[str, Any], Path, str]],
    problems: list[Problem],
) -> None:
    """``replaces`` and ``dropped`` name only earlier ids: never a current one, never twice."""
    current = {
        q["id"]
        for data, _, _ in fields
        for _, q in _tables(data.get("questions"))
        if isinstance(q.get("id"), str)
    }
    replaced: dict[str, str] = {}
    for data, path, text in fields:
        for index, question in _tables(data.get("questions")):
            name = _question_name(index, question)
            for old in _strings(question.get("replaces")) or []:
                where = line_of(text, ("questions", index, "replaces"))
                if old in current:
                    problems.append(
                        Problem(
                            path,
                            f"Frage {name} ersetzt „{old}“, aber diese Frage gibt es noch",
                            "In replaces stehen nur Frage-ids früherer Versionen.",
                            where,
                            f"questions.{index}.replaces",
                        )
                    )
                elif old in replaced:
                    problems.append(
                        Problem(
                            path,
                            f"„{old}“ wird zweimal ersetzt (auch von {replaced[old]})",
                            "Eine frühere Frage kann nur eine Nachfolgerin haben.",
                            where,
                            f"questions.{index}.replaces",
                        )
                    )
                replaced.setdefault(old, name)
    for old in _strings(meta_data.get("dropped")) or []:
        if old in current or old in replaced:
            problems.append(
                Problem(
                    pack_file,
                    f"„{old}“ steht unter dropped, die Frage gibt es aber "
                    + ("noch" if old in current else "als ersetzte Frage"),
                    "Unter dropped stehen nur Frage-ids, die ohne Nachfolgerin wegfallen.",
                    line_of(meta_text, ("dropped",)),
                    "dropped",
                )
            )


def _load_field(
    path: Path, problems: list[Problem]
) -> tuple[dict[str, Any], str, ActionField | None] | None:
    """The raw data and text of a field file, and its model if the schema check passed."""
    loaded = _read_toml(path, problems)
    if loaded is None:
        return None
    data, text = loaded
    no_questions = False
    if isinstance(data.get("questions"), list) and not data["questions"]:
        problems.append(Problem(path, "Handlungsfeld hat keine Fragen", "Legen Sie Fragen an.", 1))
        no_questions = True
    elif "questions" not in data:
        problems.append(
            Problem(
                path,
                "Handlungsfeld ist leer: keine Fragen",
                "Legen Sie mindestens einen Eintrag [[questions]] an.",
                1,
                "questions",
            )
        )
        no_questions = True
    try:
        return data, text, ActionField.model_validate(data)
    except ValidationError as exc:
        problems.extend(
            problem
            for problem in validation_problems(path, text, exc)
            # "questions" missing or empty is reported above in plainer words
            if not (no_questions and problem.path == "questions")
        )
        return data, text, None


def validate_pack(directory: Path) -> tuple[Pack | None, list[Problem]]:
    """Load a pack and return it with every problem found (the pack is None if any).

    Every file is checked against its schema and, independently, cross-checked (ids,
    links, levels, groups), so one run lists all problems of all files.
    """
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
    meta_data: dict[str, Any] = {}
    meta_text = ""
    if loaded is not None:
        meta_data, meta_text = loaded
        try:
            meta = PackMeta.model_validate(meta_data)
        except ValidationError as exc:
            problems.extend(validation_problems(pack_file, meta_text, exc))
        _check_pack(meta_data, meta_text, pack_file, problems)

    levels = _tables(meta_data.get("levels"))
    level_ids = [level["id"] for _, level in levels if isinstance(level.get("id"), str)]
    listed = _strings(meta_data.get("fields"))
    present = sorted(p.stem for p in directory.glob("fields/*.toml"))
    field_ids = listed if listed is not None else present
    fields: list[tuple[dict[str, Any], Path, str]] = []
    models: list[ActionField] = []
    for field_id in field_ids:
        path = directory / "fields" / f"{field_id}.toml"
        loaded_field = _load_field(path, problems)
        if loaded_field is None:
            continue
        data, text, action_field = loaded_field
        _check_field(data, path, text, field_id, level_ids, problems)
        fields.append((data, path, text))
        if action_field is not None:
            models.append(action_field)
    if listed is not None:
        for extra in present:
            if extra not in listed:
                problems.append(
                    Problem(
                        directory / "fields" / f"{extra}.toml",
                        "Handlungsfeld ist nicht in pack.toml aufgeführt",
                        "Tragen Sie die id unter fields in pack.toml ein "
                        "oder löschen Sie die Datei.",
                    )
                )
    _check_question_ids(fields, problems)

    article_files = [
        read_front_matter_file(p, ArticleMeta, ARTICLE_WORDING, problems)
        for p in sorted(directory.glob("articles/*.md"))
    ]
    articles: dict[str, Article] = {}
    seen_articles: set[str] = set()
    for entry in article_files:
        if entry.id in seen_articles:
            problems.append(
                Problem(
                    entry.path,
                    f"Artikel-id „{entry.id}“ ist doppelt",
                    "Jeder Artikel braucht eine eigene id.",
                    entry.line(("id",)),
                    "id",
                )
            )
        seen_articles.add(entry.id)
        article = _article(entry)
        if article is not None:
            articles.setdefault(article.id, article)

    pillar_ids = {
        pillar["id"]
        for _, pillar in _tables(meta_data.get("pillars"))
        if isinstance(pillar.get("id"), str)
    }
    _check_links(fields, article_files, set(field_ids), pillar_ids, problems)
    from weltoffen_tui.core.materials import check_materials

    links = [(entry.path, entry.data, entry.line(("materials",))) for entry in article_files]
    known_materials = check_materials(directory, links, set(field_ids), pillar_ids, problems)
    _check_material_links(fields, known_materials, problems)
    _check_kinds(fields, problems)
    _check_versions(meta_data, meta_text, pack_file, fields, problems)
    warnings: list[Problem] = []
    _check_optional(fields, bool(article_files), warnings)
    rules = meta_data.get("rules")
    if isinstance(rules, dict) and rules.get("require_help") is True:
        problems.extend(warnings)  # the pack requires them: each missing one is an error
        warnings = []

    if problems or meta is None:
        return None, problems
    pack = Pack(
        meta=meta,
        fields=tuple(models),
        articles=articles,
        directory=directory,
        warnings=tuple(warnings),
    )
    return pack, []
