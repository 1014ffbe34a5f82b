"""Pack validation: every kind of mistake is found, located and explained, all at once."""

from __future__ import annotations

from pathlib import Path

from weltoffen_tui.core.errors import Problem
from weltoffen_tui.core.pack.check import validate_pack


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
