"""The articles of the second content edition: housing and health split, statements corrected."""

from __future__ import annotations

from weltoffen_tui.core.pack.models import Pack

OLD = "wohnen-und-gesundheit"


def test_housing_and_health_are_articles_of_their_own(shipped_pack: Pack) -> None:
    wohnen = shipped_pack.articles["wohnen"]
    gesundheit = shipped_pack.articles["gesundheit"]
    assert "fairer-zugang" in wohnen.meta.fields and "fairer-zugang" in gesundheit.meta.fields
    assert "AGG" in wohnen.body and "§ 12a" in wohnen.body
    assert "AsylbLG" in gesundheit.body and "MiMi" in gesundheit.body
    assert "Asylbewerberleistungsgesetz" not in wohnen.body.split("## Weiterführend")[0]
    assert "§ 19" not in gesundheit.body


def test_the_old_combined_article_stays_only_while_something_links_it(
    shipped_pack: Pack,
) -> None:
    """Once the field files link "wohnen" and "gesundheit", the old article must go."""
    linked = {
        article_id
        for ref in shipped_pack.recommendations.values()
        for article_id in ref.recommendation.articles
    }
    if OLD in shipped_pack.articles:
        assert OLD in linked, f"{OLD} is linked from nowhere: delete articles/{OLD}.md"
    else:
        assert OLD not in linked


def test_corrected_statements(shipped_pack: Pack) -> None:
    bodies = {a.id: a.body for a in shipped_pack.articles.values()}
    # Shared accommodation run by the Kommune is no "Erstaufnahme" (the Land runs those).
    assert "Erstaufnahme in einer Turnhalle" not in bodies["heikle-informationsabende"]
    assert "Erstaufnahmeeinrichtungen betreibt\ndas Land" in bodies["wohnen"]
    # Naturalisation ceremonies are common practice.
    assert "festes Vorbild" not in bodies["willkommenskultur-und-einbuergerung"]
    # Several Länder bundle the accelerated procedure in a central authority.
    assert "zentralen Ausländerbehörde gebündelt" in bodies["welcome-center-aufbauen"]
    # The figure has its source; the brochure without a verified reference is gone.
    assert "36 Sprachen (so ein Bericht des Fachportals uepo.de" in bodies[
        "sprachmittlung-organisieren"
    ].replace("\n", " ")
    assert not any("Wider die Normalisierung" in body for body in bodies.values())
