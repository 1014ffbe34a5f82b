"""The knowledge library: articles grouped by field and pillar, and full-text search."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from weltoffen_tui.core.pack.models import Article, Pack

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(text: str) -> str:
    """Case-, umlaut- and accent-insensitive form: "Buergerrat" finds "Bürgerrat",
    "cafe" finds "Café"."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Section:
    """A heading in the library with its articles."""

    id: str
    title: str
    articles: tuple[Article, ...]


def sections(pack: Pack) -> list[Section]:
    """Articles by action field (in pack order), then by the two further pillars."""
    result = [
        Section(f.id, f.title, tuple(sorted(pack.articles_for_field(f.id), key=_title)))
        for f in pack.fields
    ]
    for pillar in pack.meta.pillars:
        if pillar.id == "selbstcheck":
            continue
        articles = tuple(sorted(pack.articles_for_pillar(pillar.id), key=_title))
        if articles:
            result.append(Section(pillar.id, pillar.name, articles))
    return result


def _title(article: Article) -> str:
    return fold(article.title)


def search(pack: Pack, query: str) -> list[Article]:
    """Articles containing every word of the query, best matches first.

    A word in the title weighs most, then tags and summary, then the body.
    """
    terms = [fold(t) for t in query.split() if t.strip()]
    if not terms:
        return []
    scored: list[tuple[int, str, Article]] = []
    for article in pack.articles.values():
        title = fold(article.title)
        meta = fold(" ".join(article.meta.tags) + " " + article.meta.summary)
        body = fold(article.body)
        score = 0
        for term in terms:
            hits = 10 * title.count(term) + 4 * meta.count(term) + body.count(term)
            if hits == 0:
                break
            score += hits
        else:
            scored.append((score, title, article))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [article for _, _, article in scored]
