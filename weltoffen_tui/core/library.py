"""The knowledge library: articles grouped by field and pillar, and full-text search.

Search understands German word forms and compounds
--------------------------------------------------
Every word of the articles and of the query is folded (case, umlauts, accents) and
reduced to its stem by the Snowball German stemmer (``snowballstemmer``), so
"Dolmetscher" and "Dolmetschen" meet at ``dolmetsch`` and "Beiräte" finds "Beirat".
No hand-written suffix rules.

A query word then matches a word of the index in one of three ways, each with a
strength: the same stem (1.0), the query stem begins the index stem (0.8: a word being
typed, or the head of a compound, "Integration" in "Integrationsrat"), or the query
stem lies inside the index stem (0.6, at least four letters: "Beirat" in
"Migrationsbeirat").

Compounds in the *query* that the articles never use ("Hassmails",
"Integrationsbeirat") are split by trying known words of the index: the split that
covers most letters of the query word with the fewest parts, each part a word of the
index of at least four letters ("hass" + "mail", "integration" + s + "beirat"). Letters
no part covers (a linking "s", the rest of a word being typed) are left over; a split
must cover at least half the word. The compound then matches a field of an article with
the mean strength of its parts there (so an article with both parts beats one with
only one), scaled by the share covered. A query word the index knows as a whole is
split too, but its parts only rank the articles that contain the whole word: the
Beirat article ("Integrationsrat", "Beirat") comes first for "Integrationsbeirat",
and the word does not widen into every article about "Integration".

Ranking: an article must match every query word somewhere. Articles whose title or
tags match come first (ordered by that match), then by the weighted score of title,
tags, summary and body (body hits count with their frequency, damped), then by title.

The index is built once per pack and kept while the pack lives; it is plain data
(dicts, tuples, strings). Stemming the few thousand distinct words takes the longest,
so for shipped packs the stems are kept as JSON beside the pack cache (word → stem;
valid for any pack, since a stem depends only on the word) and read back next time.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
import weakref
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from pathlib import Path

    from weltoffen_tui.core.pack.models import Article, Pack

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_WORD = re.compile(r"[^\W_]+")

TITLE, TAGS, SUMMARY, BODY = range(4)
_WEIGHTS = (10.0, 8.0, 3.0, 1.0)

EXACT, PREFIX, INSIDE = 1.0, 0.8, 0.6
MIN_PREFIX = 3  # a query stem this long may begin a longer index stem
MIN_PART = 4  # a part of a compound, or a stem found inside another, has this many letters
MIN_COVER = 0.5  # a split compound must cover this share of the query word
SPLIT = 0.9  # a compound matched by its parts weighs a little less than a whole word
MAX_WORD = 48  # longer "words" (pasted junk) are not split


def fold(text: str) -> str:
    """Case-, umlaut- and accent-insensitive form: "Buergerrat" finds "Bürgerrat",
    "cafe" finds "Café"."""
    text = text.casefold()
    if text.isascii():
        return text
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
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


# --------------------------------------------------------------------------- the index


class _Stemmer:
    """Folded word → stem, each distinct word stemmed once.

    ``known`` are stems from an earlier run (see :func:`_read_stems`): the pure-Python
    Snowball stemmer needs about a second for the few thousand words of the shipped
    articles, reading them back a few milliseconds.
    """

    def __init__(self, known: Mapping[str, str] | None = None) -> None:
        self._stem: Callable[[str], str] | None = None
        self.known: Mapping[str, str] = known or {}
        self.added: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        stem = self.known.get(word) or self.added.get(word)
        if stem is None:
            if self._stem is None:
                import snowballstemmer  # type: ignore[import-untyped]  # no type hints shipped

                self._stem = snowballstemmer.stemmer("german").stemWord
            stem = self.added[word] = self._stem(word)
        return stem

    @property
    def all(self) -> dict[str, str]:
        return {**self.known, **self.added}

    def words(self, text: str) -> list[str]:
        """The stems of the words of ``text``, in order."""
        return [self(w) for w in _WORD.findall(fold(text))]


@dataclass(frozen=True)
class LibraryIndex:
    """Stems of every article, by field; built once per pack by :func:`build_index`."""

    articles: tuple[Article, ...]
    titles: tuple[str, ...]  # folded, for the final tie-break
    # stem -> ((article number, field, count), ...)
    postings: dict[str, tuple[tuple[int, int, int], ...]]
    stems: tuple[str, ...]  # every stem, for prefix and inside matches
    parts: frozenset[str]  # stems and folded words of MIN_PART letters: compound parts
    stem_of: Mapping[str, str]  # folded word -> stem, for every word of the articles


def build_index(pack: Pack) -> LibraryIndex:
    """The search index of a pack's articles, built once and kept while the pack lives.

    Thread-safe: the library screen builds it in a thread as it opens; a search that
    comes earlier waits for that build instead of starting a second one.
    """
    with _LOCK:
        cached = _CACHE.get(id(pack))
        if cached is not None and cached[0]() is pack:
            return cached[1]
        stems_file = _stems_file(pack)
        stemmer = _Stemmer(_read_stems(stems_file) if stems_file else None)
        index = _build(pack.articles.values(), stemmer)
        if stems_file and stemmer.added:
            _write_stems(stems_file, stemmer.all)
        _CACHE[id(pack)] = (weakref.ref(pack), index)
        weakref.finalize(pack, _CACHE.pop, id(pack), None)
        return index


_CACHE: dict[int, tuple[weakref.ref[Pack], LibraryIndex]] = {}
_LOCK = threading.Lock()


# Stems of earlier runs, as data: {"format": 1, "stemmer": ..., "stems": {word: stem}}.
# A word's stem depends only on the word and the stemmer, never on the pack, so the file
# needs no fingerprint; another stemmer version, damage or a wrong type means "start over".
_STEMS_FORMAT = 1


def _stemmer_stamp() -> str:
    """Which German stemmer wrote the stems: its source file's size and time.

    (Cheaper than asking the package metadata, which costs more than reading the stems;
    an updated stemmer means other stems, so the file is then ignored.)
    """
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("snowballstemmer")
    if spec is None or spec.origin is None:
        return "missing"
    source = Path(spec.origin).with_name("german_stemmer.py")
    try:
        info = source.stat()
    except OSError:
        return "unknown"
    return f"snowballstemmer german {info.st_size} {info.st_mtime_ns}"


def _stems_file(pack: Pack) -> Path | None:
    """Where the stems are kept: beside the pack cache, for shipped packs only."""
    from weltoffen_tui.core.pack.cache import _enabled
    from weltoffen_tui.paths import pack_cache_file

    try:
        directory = pack.directory.resolve()
        return pack_cache_file(directory, ".stems.json") if _enabled(directory) else None
    except (OSError, ValueError):
        return None


def _read_stems(path: Path) -> dict[str, str]:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if (
        not isinstance(data, dict)
        or data.get("format") != _STEMS_FORMAT
        or data.get("stemmer") != _stemmer_stamp()
        or not isinstance(data.get("stems"), dict)
    ):
        return {}
    stems: dict[str, str] = {}
    for word, stem in data["stems"].items():
        if not isinstance(stem, str):
            return {}
        stems[word] = stem
    return stems


def _write_stems(path: Path, stems: dict[str, str]) -> None:
    """Store the stems; failures are ignored (it is only a cache)."""
    import json

    from weltoffen_tui.core.atomic import write_atomic

    data = {"format": _STEMS_FORMAT, "stemmer": _stemmer_stamp(), "stems": stems}
    try:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        write_atomic(path, text, durable=False)
    except (OSError, ValueError, TypeError):
        pass


def _build(articles: Iterable[Article], stemmer: _Stemmer) -> LibraryIndex:
    ordered = tuple(articles)
    postings: dict[str, list[tuple[int, int, int]]] = {}
    surface: set[str] = set()
    folded: dict[str, str] = {}
    for number, article in enumerate(ordered):
        texts = (
            article.title,
            " ".join(article.meta.tags),
            article.meta.summary,
            article.body,
        )
        for field_no, text in enumerate(texts):
            counts = Counter(_WORD.findall(text.casefold()))  # folded per distinct word below
            stems: Counter[str] = Counter()
            for raw, count in counts.items():
                word = folded.get(raw)
                if word is None:
                    word = folded[raw] = fold(raw)
                    surface.add(word)
                stems[stemmer(word)] += count
            for stem, count in stems.items():
                postings.setdefault(stem, []).append((number, field_no, count))
    vocabulary = tuple(sorted(postings))
    parts = frozenset(w for w in (*vocabulary, *surface) if len(w) >= MIN_PART)
    return LibraryIndex(
        articles=ordered,
        titles=tuple(fold(a.title) for a in ordered),
        postings={stem: tuple(p) for stem, p in postings.items()},
        stems=vocabulary,
        parts=parts,
        stem_of=stemmer.all,
    )


# --------------------------------------------------------------------------- the query


@dataclass(frozen=True)
class _Term:
    """One word of the query: its stem and, for an unknown compound, its parts."""

    stem: str
    parts: tuple[str, ...] = ()
    cover: float = 1.0  # share of the word the parts cover
    known: bool = False  # the index has the whole word: parts only rank, never add hits


def split_compound(word: str, known: frozenset[str]) -> tuple[tuple[str, ...], float]:
    """The parts of ``word`` from ``known`` words, and the share of letters they cover.

    Dynamic programming over the positions: most letters covered, then fewest parts;
    letters between parts stay uncovered. ``("hass", "mail"), 1.0`` for "hassmail".
    """
    n = len(word)
    # best[i]: (covered letters, -number of parts, parts) for word[:i]
    best: list[tuple[int, int, tuple[str, ...]]] = [(0, 0, ())] * (n + 1)
    for end in range(1, n + 1):
        candidate = best[end - 1]
        for start in range(end - MIN_PART + 1):
            piece = word[start:end]
            if piece in known and end - start < n:  # parts, never the word itself
                covered, count, parts = best[start]
                option = (covered + end - start, count - 1, (*parts, piece))
                if option[:2] > candidate[:2]:
                    candidate = option
        best[end] = candidate
    covered, _, parts = best[n]
    return parts, (covered / n if n else 0.0)


def _terms(index: LibraryIndex, query: str, stemmer: _Stemmer) -> list[_Term]:
    terms = []
    for word in _WORD.findall(fold(query)):
        stem = stemmer(word)
        if len(stem) > MAX_WORD or len(stem) < 2 * MIN_PART:
            terms.append(_Term(stem))
            continue
        parts, cover = split_compound(stem, index.parts)
        if cover < MIN_COVER:
            parts = ()
        known = stem in index.postings
        terms.append(_Term(stem, tuple(stemmer(p) for p in parts), cover, known))
    return terms


def _strength(query: str, stem: str) -> float:
    if stem == query:
        return EXACT
    if len(query) >= MIN_PREFIX and stem.startswith(query):
        return PREFIX
    if len(query) >= MIN_PART and query in stem:
        return INSIDE
    return 0.0


# article number -> field -> (best strength, occurrences)
_Hits = dict[int, list[tuple[float, int]]]


def _hits(index: LibraryIndex, query: str) -> _Hits:
    """Where one query stem occurs, with its best strength per field of each article."""
    if len(query) >= MIN_PREFIX:
        matches = [(s, _strength(query, s)) for s in index.stems if query in s]
    else:
        matches = [(query, EXACT)] if query in index.postings else []
    hits: _Hits = {}
    for stem, strength in matches:
        if not strength:
            continue
        for number, field_no, count in index.postings[stem]:
            fields = hits.setdefault(number, [(0.0, 0)] * 4)
            best, seen = fields[field_no]
            fields[field_no] = (max(best, strength), seen + count)
    return hits


def _term_hits(index: LibraryIndex, term: _Term) -> _Hits:
    hits = _hits(index, term.stem)
    if not term.parts:
        return hits
    per_part = [_hits(index, part) for part in term.parts]
    scale = SPLIT * term.cover / len(term.parts)
    for number in set().union(*per_part):
        if term.known and number not in hits:
            continue
        fields = hits.setdefault(number, [(0.0, 0)] * 4)
        for field_no in range(4):
            found = [p[number][field_no] for p in per_part if number in p]
            combined = scale * sum(strength for strength, _ in found)
            count = sum(seen for _, seen in found)
            whole, whole_count = fields[field_no]
            if combined > whole:
                fields[field_no] = (combined, max(count, whole_count))
    return hits


def search_index(index: LibraryIndex, query: str) -> list[Article]:
    """Articles matching every word of ``query``, best first (see the module docstring)."""
    stemmer = _Stemmer(index.stem_of)
    terms = _terms(index, query, stemmer)
    if not terms:
        return []
    headline: dict[int, float] = {}
    score: dict[int, float] = {}
    for position, term in enumerate(terms):
        hits = _term_hits(index, term)
        matched = {n for n, fields in hits.items() if any(s for s, _ in fields)}
        candidates = matched if position == 0 else matched & headline.keys()
        headline = {n: headline.get(n, 0.0) for n in candidates}
        score = {n: score.get(n, 0.0) for n in candidates}
        for number in candidates:
            fields = hits[number]
            headline[number] += max(fields[TITLE][0], fields[TAGS][0])
            score[number] += sum(
                _WEIGHTS[f] * strength * (math.log2(1 + count) if f == BODY else 1.0)
                for f, (strength, count) in enumerate(fields)
            )
        if not candidates:
            return []
    ranked = sorted(headline, key=lambda n: (-headline[n], -score[n], index.titles[n]))
    return [index.articles[n] for n in ranked]


def search(pack: Pack, query: str) -> list[Article]:
    """Articles matching every word of ``query``, best first (index built on first use)."""
    if not _WORD.search(query):
        return []
    return search_index(build_index(pack), query)
