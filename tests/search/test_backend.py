"""The Whoosh backend through Wagtail's search API: analysis per language, filters, autocomplete, rebuild."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from incommon_cms.directory.factories import AlternativePageFactory, CategoryFactory
from incommon_cms.directory.models import AlternativePage, Category, ProfilePage

pytestmark = pytest.mark.django_db


def titles(results):
    return {page.title for page in results}


@pytest.fixture
def pages(search_index, directories, locales):
    return {
        "energy": AlternativePageFactory(
            parent=directories["fr"],
            title="Coopérative d'énergie",
            short_description="Des panneaux solaires installés sur les toits des écoles.",
        ),
        "garden_fr": AlternativePageFactory(
            parent=directories["fr"], title="Potagers de Forest", short_description="Potagers partagés et compost."
        ),
        "garden_nl": AlternativePageFactory(
            parent=directories["nl"],
            title="Moestuinen van Vorst",
            short_description="Samen groenten kweken in gedeelde moestuinen.",
            kind="citizen-collective",
        ),
        "bikes_nl": AlternativePageFactory(
            parent=directories["nl"], title="Fietsatelier", short_description="Herstel je fietsen zelf."
        ),
    }


def test_french_stemming_and_accent_folding(pages):
    for query in ("énergie", "energie", "ENERGIES", "l'énergie"):
        assert titles(Page.objects.live().search(query)) == {"Coopérative d'énergie"}, query
    # Plural and singular meet on one stem; "toit" finds "toits".
    assert titles(Page.objects.live().search("potager")) == {"Potagers de Forest"}
    assert titles(Page.objects.live().search("toit école")) == {"Coopérative d'énergie"}


def test_dutch_stemming_and_case_folding(pages):
    assert titles(Page.objects.live().search("moestuin")) == {"Moestuinen van Vorst"}
    assert titles(Page.objects.live().search("FIETSEN")) == {"Fietsatelier"}
    assert titles(Page.objects.live().search("groente")) == {"Moestuinen van Vorst"}


def test_stop_words_alone_find_nothing(pages):
    assert list(Page.objects.live().search("les de la")) == []
    assert list(Page.objects.live().search("de het een")) == []


def test_objects_go_to_the_index_of_their_language(pages, search_index):
    store = search_index.store
    with store.searcher("fr") as searcher:
        fr_keys = {doc["key"] for doc in searcher.documents()}
    with store.searcher("nl") as searcher:
        nl_keys = {doc["key"] for doc in searcher.documents()}
    assert f"wagtailcore.page:{pages['energy'].pk}" in fr_keys
    assert f"wagtailcore.page:{pages['energy'].pk}" not in nl_keys
    assert f"wagtailcore.page:{pages['garden_nl'].pk}" in nl_keys


def test_filters_operator_and_ordering(pages, locales):
    nl_only = ProfilePage.objects.live().filter(locale=locales["nl"])
    assert titles(nl_only.search("moestuin fietsen", operator="or")) == {"Moestuinen van Vorst", "Fietsatelier"}
    assert titles(nl_only.search("moestuin fietsen", operator="and")) == set()
    collectives = AlternativePage.objects.live().filter(kind="citizen-collective")
    assert titles(collectives.search("moestuin fietsen", operator="or")) == {"Moestuinen van Vorst"}
    excluded = ProfilePage.objects.live().exclude(pk=pages["bikes_nl"].pk)
    assert titles(excluded.search("moestuin fietsen", operator="or")) == {"Moestuinen van Vorst"}
    by_title = ProfilePage.objects.live().order_by("title").search("moestuin fietsen", order_by_relevance=False)
    assert [p.title for p in by_title] == ["Fietsatelier", "Moestuinen van Vorst"]
    assert ProfilePage.objects.live().search("moestuin fietsen").count() == 2


def test_facet_counts(pages):
    facet = AlternativePage.objects.live().search("moestuin fietsen potager", operator="or").facet("kind")
    assert facet == {"asbl": 2, "citizen-collective": 1}


def test_autocomplete_matches_word_prefixes(pages):
    assert titles(Page.objects.live().autocomplete("coop")) == {"Coopérative d'énergie"}
    assert titles(Page.objects.live().autocomplete("moes")) == {"Moestuinen van Vorst"}
    assert titles(Page.objects.live().autocomplete("potagers for")) == {"Potagers de Forest"}


def test_snippets_are_searchable_and_non_translatable_models_too(search_index, locales):
    CategoryFactory(name="Énergie", slug="energy", locale=locales["fr"])
    CategoryFactory(name="Energie", slug="energy", locale=locales["nl"])
    assert {c.locale.language_code for c in search_index.search("energie", Category)} == {"fr", "nl"}
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from incommon_cms.accounts.factories import UserFactory

    UserFactory()
    image = Image.objects.create(title="Façade du potager", file=get_test_image_file())
    assert list(Image.objects.search("facade")) == [image]


def test_unpublish_and_delete_update_the_index(pages):
    pages["energy"].unpublish()
    assert list(Page.objects.live().search("énergie")) == []
    pages["garden_nl"].delete()
    assert list(Page.objects.search("moestuin")) == []


def test_did_you_mean(pages, search_index):
    assert search_index.suggest("enrgie")[0] in ("énergie", "energie")
    assert search_index.suggest("moestuim") == ["moestuinen"]
    assert search_index.suggest("potager") == []


def test_update_index_rebuilds_from_the_database(pages, search_index):
    search_index.reset_indexes()
    assert list(Page.objects.live().search("moestuin")) == []
    call_command("update_index", verbosity=0)
    assert titles(Page.objects.live().search("moestuin")) == {"Moestuinen van Vorst"}
    assert titles(Page.objects.live().search("énergie")) == {"Coopérative d'énergie"}
    generations = [p for p in search_index.store.path.iterdir() if p.is_dir()]
    assert len(generations) == 1, "the previous generation is removed after the switch"
