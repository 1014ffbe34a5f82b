"""The knowledge library: sections, search that understands German, the screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import Input, Markdown, OptionList, Tree

from weltoffen_tui.core.library import build_index, fold, search, sections, split_compound
from weltoffen_tui.core.pack.models import Article, ArticleMeta, Pack
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.screens.dialogs import HelpDialog
from weltoffen_tui.tui.screens.library import LibraryScreen, hit_prompt


def test_fold_ignores_case_and_umlauts() -> None:
    assert fold("Bürgerrat ÖFFNUNG Straße") == "buergerrat oeffnung strasse"


def test_sections_cover_fields_and_pillars(shipped_pack: Pack) -> None:
    result = sections(shipped_pack)
    titles = [s.title for s in result]
    assert titles[:7] == [f.title for f in shipped_pack.fields]
    assert "Dialogveranstaltungen" in titles
    assert any(t.startswith("Schutz") for t in titles)
    for section in result[:7]:
        assert len(section.articles) >= 3, section.title


def test_search_finds_by_any_spelling(shipped_pack: Pack) -> None:
    hits = search(shipped_pack, "world cafe")
    assert hits and any("moderieren" in a.id for a in hits)
    assert search(shipped_pack, "Buergerrat") == search(shipped_pack, "bürgerrat")
    assert search(shipped_pack, "") == []
    assert search(shipped_pack, "xyzzy-nichts") == []


def test_search_ranks_title_hits_first(shipped_pack: Pack) -> None:
    hits = search(shipped_pack, "Welcome Center")
    assert hits[0].id == "welcome-center-aufbauen"


# --------------------------------------------------------------------------- German word forms


def _ids(pack: Pack, query: str) -> list[str]:
    return [a.id for a in search(pack, query)]


def test_search_finds_word_forms_by_their_stem(shipped_pack: Pack) -> None:
    # "Dolmetscher" is never written in the articles; "Dolmetschen" is (a tag).
    assert _ids(shipped_pack, "Dolmetscher")[0] == "sprachmittlung-organisieren"
    assert "integrationsrat-und-beirat" in _ids(shipped_pack, "Beiräte")


def test_search_splits_compounds_into_known_words(shipped_pack: Pack) -> None:
    # No article says "Hassmails"; the hate article is about "Hass".
    assert _ids(shipped_pack, "Hassmails")[0] == "schutz-vor-hass-und-bedrohung"
    assert split_compound("hassmail", frozenset({"hass", "mail", "assm"})) == (
        ("hass", "mail"),
        1.0,
    )
    parts, cover = split_compound("integrationsbeirat", frozenset({"integration", "beirat"}))
    assert parts == ("integration", "beirat") and cover == 17 / 18


def test_search_ranks_the_article_about_a_compound_first(shipped_pack: Pack) -> None:
    # Its title says "Integrationsrat und Migrationsbeirat", its tags "Beirat":
    # both parts of the query, where others only mention the whole word in passing.
    assert _ids(shipped_pack, "Integrationsbeirat")[0] == "integrationsrat-und-beirat"


def test_search_puts_title_and_tag_hits_first(shipped_pack: Pack) -> None:
    hits = search(shipped_pack, "Hass")
    headline = [("hass" in fold(a.title) or "Hass" in a.meta.tags) for a in hits]
    assert headline[0] and headline == sorted(headline, reverse=True)
    assert not all(headline)  # some articles mention it only in the text


def test_search_while_typing_finds_the_word_begun(shipped_pack: Pack) -> None:
    assert _ids(shipped_pack, "Dolm")[0] == "sprachmittlung-organisieren"
    assert _ids(shipped_pack, "Sprachmittlu")[0] == "sprachmittlung-organisieren"


def test_a_compound_the_articles_know_does_not_widen_the_search(shipped_pack: Pack) -> None:
    with_word = _ids(shipped_pack, "Integrationsrat")
    with_part = _ids(shipped_pack, "Integration")
    assert with_word[0] == "integrationsrat-und-beirat"
    assert len(with_word) < len(with_part)


def test_the_index_is_built_once_per_pack(shipped_pack: Pack) -> None:
    assert build_index(shipped_pack) is build_index(shipped_pack)


def test_stems_are_kept_and_read_back(
    shipped_pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weltoffen_tui.core import library

    stems = tmp_path / "stems.json"
    monkeypatch.setattr(library, "_stems_file", lambda pack: stems)
    monkeypatch.setattr(library, "_CACHE", {})
    first = build_index(shipped_pack)
    kept = json.loads(stems.read_text(encoding="utf-8"))["stems"]
    assert kept["dolmetschen"] == "dolmetsch"

    # Read back: no word is stemmed again, the index is the same.
    monkeypatch.setattr(library, "_CACHE", {})
    calls: list[str] = []
    original = library._Stemmer.__call__

    def counting(self: library._Stemmer, word: str) -> str:
        if word not in self.known:
            calls.append(word)
        return original(self, word)

    monkeypatch.setattr(library._Stemmer, "__call__", counting)
    again = build_index(shipped_pack)
    assert calls == [] and again.postings == first.postings

    # A damaged file is ignored (and written anew).
    stems.write_text('{"format": 1, "stemmer": "x", "stems": [1, 2]}', encoding="utf-8")
    monkeypatch.setattr(library, "_CACHE", {})
    assert build_index(shipped_pack).postings == first.postings
    assert json.loads(stems.read_text(encoding="utf-8"))["stems"]["dolmetschen"] == "dolmetsch"


# --------------------------------------------------------------------------- the screen


async def test_typing_on_the_library_screen_searches_at_once(tmp_path: Path) -> None:
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, LibraryScreen)
        assert isinstance(app.focused, Tree)
        await pilot.press(*"Hassmails")  # no Ctrl+F, no /
        await pilot.pause()
        assert app.screen.query_one("#search", Input).value == "Hassmails"
        results = app.screen.query_one("#results", OptionList)
        assert results.display
        first = results.get_option_at_index(0)
        assert first.id == "schutz-vor-hass-und-bedrohung"
        await pilot.press("down")  # from the search field into the hits
        assert app.focused is results and results.highlighted == 0
        assert "Hass" in app.screen.query_one("#article", Markdown).source


async def test_keys_with_a_meaning_keep_it_on_the_library_screen(tmp_path: Path) -> None:
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b", "question_mark")
        assert isinstance(app.screen, HelpDialog)  # "?" is the help, not a search
        await pilot.press("escape", "space")
        assert app.screen.query_one("#search", Input).value == ""


async def test_hits_take_one_or_two_lines(tmp_path: Path) -> None:
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b", *"Integration")
        await pilot.pause()
        results = app.screen.query_one("#results", OptionList)
        assert results.option_count >= 5
        for index in range(results.option_count):
            prompt = results.get_option_at_index(index).prompt
            assert isinstance(prompt, Text)
            lines = prompt.plain.splitlines()
            assert 1 <= len(lines) <= 2, prompt.plain
            # Each line fits, so the list does not wrap it into a third.
            assert max(map(len, lines)) <= results.scrollable_content_region.width, lines


def test_a_long_title_is_cut_to_two_lines() -> None:
    prompt = hit_prompt("Ein sehr langer Titel " * 6, 30)
    lines = prompt.plain.splitlines()
    assert len(lines) == 2 and lines[0].startswith("• Ein sehr") and lines[1].startswith("  ")
    assert lines[1].endswith("…") and max(len(line) for line in lines) <= 30


def _article(
    article_id: str, title: str, body: str, tags: tuple[str, ...] = (), summary: str = "-"
) -> Article:
    meta = ArticleMeta(id=article_id, title=title, tags=tags, summary=summary)
    return Article(meta=meta, body=body, path=Path(f"{article_id}.md"))


def test_word_forms_meet_at_their_stem_in_a_fresh_index() -> None:
    """Built here, without the stems kept on disk: the stemmer itself is at work."""
    from weltoffen_tui.core.library import _build, _Stemmer, search_index

    index = _build(
        [
            _article("gremium", "Gremien", "Der Beirat tagt viermal im Jahr."),
            _article("sprache", "Sprache", "Beim Dolmetschen hilft ein Pool."),
        ],
        _Stemmer(),
    )
    assert [a.id for a in search_index(index, "Beiräte")] == ["gremium"]
    assert [a.id for a in search_index(index, "Dolmetscher")] == ["sprache"]


def test_a_title_or_tag_hit_beats_many_hits_in_the_text() -> None:
    from weltoffen_tui.core.library import _build, _Stemmer, search_index

    index = _build(
        [
            _article("viel-text", "Sonstiges", "Beirat " * 1000, summary="Beirat"),
            _article("stichwort", "Gremien", "Kein Wort davon.", tags=("Beirat",)),
        ],
        _Stemmer(),
    )
    assert [a.id for a in search_index(index, "Beirat")] == ["stichwort", "viel-text"]
