"""The knowledge library: sections and search."""

from __future__ import annotations

from weltoffen_tui.core.library import fold, search, sections
from weltoffen_tui.core.pack.models import Pack


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
