"""Wagtail's database backend on PostgreSQL: French and Dutch stemming and accent folding per content language.

On SQLite this backend has no stemming (SQLite FTS), so these tests run when DATABASE_URL points at PostgreSQL.
"""

import pytest
from django.conf import settings
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from incommon_cms.directory.factories import AlternativePageFactory, CategoryFactory
from incommon_cms.directory.models import Category

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), reason="needs PostgreSQL (DATABASE_URL)"
    ),
]


def titles(results):
    return {page.title for page in results}


@pytest.fixture
def pages(settings, directories):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "incommon_cms.search.backends.database"}}
    return {
        "energy": AlternativePageFactory(
            parent=directories["fr"],
            title="Coopérative d'énergie",
            short_description="Des formations et des panneaux solaires sur les toits des écoles.",
        ),
        "garden": AlternativePageFactory(
            parent=directories["nl"],
            title="Moestuinen van Vorst",
            short_description="Samen groenten kweken; opleidingen voor beginners.",
        ),
    }


def test_the_text_search_configurations_exist():
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config WHERE cfgname LIKE 'incommon_%%'")
        names = {row[0] for row in cursor.fetchall()}
        assert names == {"incommon_fr", "incommon_nl", "incommon_en", "incommon_simple"}
        cursor.execute(
            "SELECT to_tsvector('incommon_fr', 'Énergies formations'), to_tsvector('incommon_nl', 'moestuinen')"
        )
        french, dutch = cursor.fetchone()
    assert french == "'energ':1 'format':2"
    assert dutch == "'moestuin':1"


def test_pages_are_indexed_with_the_configuration_of_their_language(pages):
    from wagtail.search.models import IndexEntry

    entry = IndexEntry.objects.get(object_id=str(pages["garden"].pk), content_type__model="alternativepage")
    assert "moestuin" in str(entry.title)  # Dutch stem; the French stemmer would keep "moestuinen"


def test_french_stemming_and_accent_folding(pages):
    for query in ("énergie", "energie", "ENERGIES", "formation", "formations", "ecole"):
        assert titles(Page.objects.live().search(query)) == {"Coopérative d'énergie"}, query


def test_dutch_stemming(pages):
    for query in ("moestuin", "moestuinen", "opleiding", "groente"):
        assert titles(Page.objects.live().search(query)) == {"Moestuinen van Vorst"}, query


def test_autocomplete_folds_accents(pages):
    assert titles(Page.objects.live().autocomplete("ener")) == {"Coopérative d'énergie"}
    assert titles(Page.objects.live().autocomplete("moestu")) == {"Moestuinen van Vorst"}


def test_non_page_objects(settings, locales):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "incommon_cms.search.backends.database"}}
    CategoryFactory(name="Énergie", slug="energy", locale=locales["fr"])
    CategoryFactory(name="Moestuinen", slug="gardens", locale=locales["nl"])
    backend = get_search_backend()
    assert [c.slug for c in backend.search("energie", Category)] == ["energy"]
    assert [c.slug for c in backend.search("moestuin", Category)] == ["gardens"]
