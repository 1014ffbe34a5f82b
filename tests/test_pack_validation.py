"""Pack validation: every kind of mistake is found, located and explained, all at once."""

from __future__ import annotations

import shutil
from pathlib import Path

from weltoffen_tui.core.errors import Problem
from weltoffen_tui.core.pack.check import validate_pack
from weltoffen_tui.paths import default_pack_dir


def problems_of(directory: Path) -> list[Problem]:
    pack, problems = validate_pack(directory)
    assert pack is None
    assert problems
    return problems


def test_mini_pack_is_valid(mini_pack_dir: Path) -> None:
    pack, problems = validate_pack(mini_pack_dir)
    assert problems == []
    assert pack is not None
    assert [f.id for f in pack.fields] == ["alpha", "beta"]
    assert pack.question_count() == 7
    assert set(pack.articles) == {"art-a", "art-b"}
    assert "al-01.low" in pack.recommendations and "beta.verankert" in pack.recommendations


def test_duplicate_question_id_across_fields(mini_pack_dir: Path) -> None:
    beta = mini_pack_dir / "fields" / "beta.toml"
    beta.write_text(beta.read_text().replace('id = "be-02"', 'id = "al-01"'))
    (problem,) = problems_of(mini_pack_dir)
    assert problem.file == beta
    assert "al-01" in problem.message and "doppelt" in problem.message
    assert problem.line is not None
    assert beta.read_text().splitlines()[problem.line - 1].strip() == 'id = "al-01"'


def test_link_to_missing_article(mini_pack_dir: Path) -> None:
    alpha = mini_pack_dir / "fields" / "alpha.toml"
    text = alpha.read_text()
    alpha.write_text(text.replace('articles = ["art-a"]', 'articles = ["gibt-es-nicht"]', 1))
    (problem,) = problems_of(mini_pack_dir)
    assert "gibt-es-nicht" in problem.message
    assert problem.path == "questions.0.low.articles"
    assert "gibt-es-nicht" in alpha.read_text().splitlines()[problem.line - 1]


def test_bad_front_matter(mini_pack_dir: Path) -> None:
    article = mini_pack_dir / "articles" / "art-b.md"
    article.write_text(article.read_text().replace('summary = "Kurz."', 'summary = "Kurz.'))
    problems = problems_of(mini_pack_dir)
    assert any(p.file == article and "TOML" in p.message and p.line == 7 for p in problems)


def test_front_matter_missing_field_and_wrong_id(mini_pack_dir: Path) -> None:
    article = mini_pack_dir / "articles" / "art-b.md"
    article.write_text(
        article.read_text()
        .replace('title = "Artikel art-b"\n', "")
        .replace('id = "art-b"', 'id = "anders"')
    )
    messages = [p.message for p in problems_of(mini_pack_dir)]
    assert any("„title“ fehlt" in m for m in messages)


def test_missing_front_matter(mini_pack_dir: Path) -> None:
    article = mini_pack_dir / "articles" / "art-b.md"
    article.write_text("## Nur Text\n")
    (problem,) = problems_of(mini_pack_dir)
    assert "Vorspann" in problem.message


def test_thresholds_out_of_order(mini_pack_dir: Path) -> None:
    pack_toml = mini_pack_dir / "pack.toml"
    pack_toml.write_text(pack_toml.read_text().replace("min = 50", "min = 20"))
    (problem,) = problems_of(mini_pack_dir)
    assert "aufsteigend" in problem.message
    assert pack_toml.read_text().splitlines()[problem.line - 1] == "min = 20"


def test_empty_field(mini_pack_dir: Path) -> None:
    (mini_pack_dir / "fields" / "beta.toml").write_text(
        'id = "beta"\ntitle = "Beta"\nintro = "x"\n'
    )
    problems = problems_of(mini_pack_dir)
    assert any("leer" in p.message for p in problems)


def test_wrong_value_type_is_located(mini_pack_dir: Path) -> None:
    alpha = mini_pack_dir / "fields" / "alpha.toml"
    alpha.write_text(alpha.read_text().replace('effort = "mittel"', 'effort = "riesig"', 1))
    (problem,) = problems_of(mini_pack_dir)
    assert "riesig" in problem.message
    assert "klein" in problem.hint
    assert problem.path == "levels.0.effort"


def test_every_problem_is_listed_at_once(mini_pack_dir: Path) -> None:
    beta = mini_pack_dir / "fields" / "beta.toml"
    beta.write_text(beta.read_text().replace('id = "be-02"', 'id = "al-01"'))
    alpha = mini_pack_dir / "fields" / "alpha.toml"
    alpha.write_text(alpha.read_text().replace('["art-a"]', '["fehlt"]', 1))
    pack_toml = mini_pack_dir / "pack.toml"
    pack_toml.write_text(pack_toml.read_text().replace("min = 50", "min = 20"))
    (mini_pack_dir / "articles" / "art-b.md").write_text("+++\nid = \n+++\nText\n")
    problems = problems_of(mini_pack_dir)
    files = {p.file.name for p in problems}
    assert files == {"beta.toml", "alpha.toml", "pack.toml", "art-b.md"}
    assert all(str(p).startswith(str(p.file)) for p in problems)


def test_missing_pack_dir(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path / "nichts")
    assert "nicht gefunden" in problem.message


def test_pack_file_not_toml(mini_pack_dir: Path) -> None:
    (mini_pack_dir / "pack.toml").write_text("id = = 3\n")
    problems = problems_of(mini_pack_dir)
    assert problems[0].file.name == "pack.toml"
    assert problems[0].line == 1
    assert "TOML" in problems[0].message


def _line(text: str, wanted: str, occurrence: int = 1) -> int:
    """The 1-based number of the ``occurrence``-th line that reads ``wanted``."""
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == wanted]
    return numbers[occurrence - 1]


def test_shipped_pack_with_six_mistakes_lists_all_of_them(tmp_path: Path) -> None:
    """Cross-checks still run in a field file that also has a schema error."""
    pack = tmp_path / "weltoffene-kommune"
    shutil.copytree(default_pack_dir(), pack, ignore=shutil.ignore_patterns("samples"))

    work = pack / "fields" / "arbeit-wirtschaft.toml"
    text = work.read_text(encoding="utf-8")
    text = text.replace('id = "aw-04"', 'id = "aw-02"', 1)  # duplicate question id
    text = text.replace(  # a link to an article that does not exist
        'articles = ["betriebe-bei-integration-unterstuetzen", "bildungszugang-neuzugewanderte"]',
        'articles = ["gibt-es-nicht"]',
        1,
    )
    lines = text.splitlines(keepends=True)
    aw03 = _line(text, 'id = "aw-05"')  # the third question
    assert lines[aw03].startswith('text = "')
    lines[aw03] = 'text = ""\n'  # an empty question text: a schema error in the same file
    text = "".join(lines)
    work.write_text(text, encoding="utf-8")

    article = pack / "articles" / "antirassismus-aktionsplan.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace('summary = "Wie', "summary = Wie", 1),
        encoding="utf-8",
    )

    pack_toml = pack / "pack.toml"
    pack_toml.write_text(
        pack_toml.read_text(encoding="utf-8").replace("min = 50", "min = 20"), encoding="utf-8"
    )
    conflict = pack / "fields" / "kommunikation-konflikt.toml"
    conflict_text = conflict.read_text(encoding="utf-8")
    conflict.write_text(conflict_text[: conflict_text.index("[[questions]]")], encoding="utf-8")

    problems = problems_of(pack)

    def found(file: Path, line: int | None, *words: str) -> Problem:
        matches = [p for p in problems if p.file == file and all(w in p.message for w in words)]
        assert len(matches) == 1, (words, [str(p) for p in problems])
        (problem,) = matches
        assert problem.line == line, str(problem)
        where = f"{file}:{line}" if line is not None else str(file)
        assert str(problem).startswith(where)
        return problem

    found(work, _line(text, 'id = "aw-02"', 2), "aw-02", "doppelt")
    found(work, _line(text, 'articles = ["gibt-es-nicht"]'), "gibt-es-nicht")
    assert found(work, aw03 + 1, "leer").path == "questions.2.text"
    found(article, 7, "TOML")
    found(pack_toml, _line(pack_toml.read_text(encoding="utf-8"), "min = 20"), "aufsteigend")
    found(conflict, 1, "keine Fragen")
    # An article whose front matter is broken still exists: links to it are not dead.
    assert not any("antirassismus-aktionsplan" in p.message for p in problems)


def test_article_with_schema_error_is_still_cross_checked(mini_pack_dir: Path) -> None:
    article = mini_pack_dir / "articles" / "art-b.md"
    article.write_text(
        article.read_text()
        .replace('summary = "Kurz."', 'summary = ""')
        .replace('fields = ["beta"]', 'fields = ["gamma"]')
        .replace('pillar = "selbstcheck"', 'pillar = "dach"')
    )
    problems = problems_of(mini_pack_dir)
    lines = article.read_text().splitlines()
    by_path = {p.path: p for p in problems}
    assert set(by_path) == {"summary", "fields", "pillar"}
    assert "gamma" in by_path["fields"].message
    assert "dach" in by_path["pillar"].message
    for problem in problems:
        assert problem.file == article
        assert lines[problem.line - 1].startswith(problem.path)


def test_pack_toml_with_schema_error_is_still_cross_checked(mini_pack_dir: Path) -> None:
    pack_toml = mini_pack_dir / "pack.toml"
    pack_toml.write_text(
        pack_toml.read_text()
        .replace('title = "Mini-Check"', 'title = ""')
        .replace("min = 50", "min = 20")
    )
    problems = problems_of(mini_pack_dir)
    assert sorted(p.path for p in problems) == ["levels.2.min", "title"]


def test_field_with_schema_error_is_still_cross_checked(mini_pack_dir: Path) -> None:
    alpha = mini_pack_dir / "fields" / "alpha.toml"
    alpha.write_text(
        alpha.read_text()
        .replace('effort = "mittel"', 'effort = "riesig"', 1)
        .replace('id = "alpha"', 'id = "alfa"')
        .replace('level = "aufbau"', 'level = "ausbau"')
    )
    problems = problems_of(mini_pack_dir)
    messages = [p.message for p in problems]
    assert any("riesig" in m for m in messages)
    assert any("„alfa“ passt nicht zum Dateinamen" in m for m in messages)
    assert any("„ausbau“ gibt es nicht" in m for m in messages)
    assert any("fehlt für die Stufe(n): aufbau" in m for m in messages)
