"""The shipped pack meets what the product promises (fields, questions, links, articles)."""

from __future__ import annotations

import re

from weltoffen_tui.core.pack.models import Pack

FIELD_TITLES = [
    "Management und Steuerung",
    "Interkulturelle Öffnung und Antirassismus",
    "Fairer Zugang und Teilhabechancen",
    "Arbeit und wirtschaftliche Entwicklung",
    "Engagement und Beteiligung",
    "Zusammenhalt und Begegnung",
    "Kommunikation und Konfliktmanagement",
]
FAIRER_ZUGANG_GROUPS = [
    "Bildung",
    "Sprache",
    "Arbeit und Ausbildung",
    "Wohnen",
    "Gesundheit und Pflege",
    "Transport",
    "Kultur",
    "Sport",
    "Sicherheit und Recht",
]


def test_seven_fields_named_exactly(shipped_pack: Pack) -> None:
    assert [f.title for f in shipped_pack.fields] == FIELD_TITLES


def test_question_counts_and_completeness(shipped_pack: Pack) -> None:
    for action_field in shipped_pack.fields:
        assert 8 <= len(action_field.questions) <= 16, action_field.id
        assert len(action_field.intro.split()) >= 20
        for question in action_field.questions:
            assert question.text.rstrip().endswith("?"), question.id
            assert len(question.help.split()) >= 25, question.id
            assert question.example.strip(), question.id
    assert 90 <= shipped_pack.question_count() <= 112


def test_fairer_zugang_is_grouped_by_its_sub_topics(shipped_pack: Pack) -> None:
    fairer = shipped_pack.field("fairer-zugang")
    assert fairer is not None
    assert [g.title for g in fairer.groups] == FAIRER_ZUGANG_GROUPS
    used = {q.group for q in fairer.questions}
    assert used == {g.id for g in fairer.groups}


def test_recommendations_start_with_a_verb_and_link_articles(shipped_pack: Pack) -> None:
    for ref in shipped_pack.recommendations.values():
        first = ref.recommendation.text.split()[0]
        assert first[0].isupper(), ref.id
        assert all(a in shipped_pack.articles for a in ref.recommendation.articles), ref.id
    for action_field in shipped_pack.fields:
        levels = [r.level for r in action_field.levels]
        assert levels == [lv.id for lv in shipped_pack.meta.levels], action_field.id


def test_articles_per_field_and_pillar(shipped_pack: Pack) -> None:
    for action_field in shipped_pack.fields:
        own = [
            a
            for a in shipped_pack.articles_for_field(action_field.id)
            if a.meta.pillar == "selbstcheck"
        ]
        assert len(own) >= 3, action_field.id
    assert len(shipped_pack.articles_for_pillar("dialog")) >= 2
    assert len(shipped_pack.articles_for_pillar("schutz")) >= 3


def test_articles_follow_the_content_guide(shipped_pack: Pack) -> None:
    for article in shipped_pack.articles.values():
        words = len(article.body.split())
        assert 400 <= words <= 1300, (article.id, words)
        for section in ("Schritt für Schritt", "Stolpersteine", "Checkliste", "Weiterführend"):
            assert f"## {section}" in article.body, (article.id, section)
        assert not article.body.lstrip().startswith("# "), article.id


def test_no_gender_asterisk_and_no_we_voice(shipped_pack: Pack) -> None:
    asterisk = re.compile(r"\w\*innen")
    texts = [a.body for a in shipped_pack.articles.values()]
    for action_field in shipped_pack.fields:
        texts.append(action_field.intro)
        for question in action_field.questions:
            texts += [question.text, question.help, question.example]
    for text in texts:
        assert not asterisk.search(text), text[:80]
        assert not re.search(r"\b(wir|unsere?)\b", text), text[:80]
