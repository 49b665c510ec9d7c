"""The public search page and its service, with the Whoosh backend and with Wagtail's database backend."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from incommon_cms.directory.factories import (
    AlternativePageFactory,
    CategoryFactory,
    GoodAddressPageFactory,
    PlacePageFactory,
)
from incommon_cms.search import service

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(any_backend, directories, communes, locales):
    food = CategoryFactory(name="Alimentation", slug="food", locale=locales["fr"])
    forest, ixelles = communes["Forest"], communes["Ixelles"]
    garden = AlternativePageFactory(
        parent=directories["fr"],
        title="Potager collectif",
        short_description="Un potager partagé ouvert aux habitants du quartier.",
        commune=forest,
        email="zorglub.contact@exemple.org",
        email_private=True,
        phone="+32 470 99 88 77",
        phone_private=True,
    )
    garden.categories.add(food)
    garden.save_revision().publish()
    place = PlacePageFactory(
        parent=directories["fr"],
        title="Salle du potager",
        short_description="Une salle à partager à côté du potager.",
        commune=ixelles,
    )
    shop = GoodAddressPageFactory(
        parent=directories["fr"], title="Graines et potager", short_description="Semences bio pour votre potager."
    )
    nl_only = AlternativePageFactory(
        parent=directories["nl"], title="Moestuin Sint-Gillis", short_description="Een potager in Sint-Gillis."
    )
    draft = AlternativePageFactory(
        parent=directories["fr"], title="Potager secret", short_description="Brouillon", live=False
    )
    return {"garden": garden, "place": place, "shop": shop, "nl_only": nl_only, "draft": draft, "food": food}


def get(client, language, **params):
    with translation.override(language):
        url = reverse("search")
    return client.get(url, params)


def test_results_across_profile_types_with_highlighted_snippets(client, content):
    response = get(client, "fr", q="potager")
    body = response.content.decode()
    for title in ("Potager collectif", "Salle du potager", "Graines et potager"):
        assert title in body
    assert "Potager secret" not in body
    assert "<mark>potager</mark>" in body
    # The type label comes from the model's verbose name.
    assert re.search(r'class="badge">Lieu<', body) or re.search(r'class="badge">Place<', body)


def test_other_language_pages_come_after_and_are_labelled(client, content):
    outcome = service.search("potager", "fr")
    titles = [r.page.title for r in outcome.results]
    assert titles[-1] == "Moestuin Sint-Gillis"
    assert outcome.results[-1].other_language and outcome.results[-1].language == "nl"
    assert not any(r.other_language for r in outcome.results[:-1])
    body = get(client, "fr", q="potager").content.decode()
    assert body.index("Graines et potager") < body.index('result" lang="nl"') < body.index("Moestuin Sint-Gillis")
    assert "Nederlands" in body


def test_facets_with_counts_and_filtering(client, content):
    outcome = service.search("potager", "fr")
    types = {item["value"]: item["count"] for item in outcome.facets["type"]}
    assert types == {"directory.alternativepage": 2, "directory.placepage": 1, "directory.goodaddresspage": 1}
    assert [(i["value"], i["count"]) for i in outcome.facets["category"]] == [("food", 1)]
    communes = {item["label"]: item["count"] for item in outcome.facets["commune"]}
    assert communes["Forest"] == 1 and communes["Ixelles"] == 1
    filtered = service.search("potager", "fr", {"type": "directory.placepage"})
    assert [r.page.title for r in filtered.results] == ["Salle du potager"]
    # Facets of other dimensions count within the active filter; the type facet keeps its own counts.
    assert {i["label"]: i["count"] for i in filtered.facets["commune"]} == {"Ixelles": 1}
    assert len(filtered.facets["type"]) == 3
    body = get(client, "fr", q="potager", category="food").content.decode()
    assert "Potager collectif" in body and "Salle du potager" not in body
    assert re.search(r"Alimentation\s*<span class=\"count\">\(1\)</span>", body)


def test_drafts_and_private_contact_fields_are_never_found(client, content):
    assert service.search("zorglub.contact@exemple.org", "fr").results == []
    assert service.search("470 99 88 77", "fr").results == []
    assert service.search("Brouillon", "fr").results == []
    assert "Potager secret" not in get(client, "fr", q="secret").content.decode()
    assert service.autocomplete("Potager sec", "fr") == []


def test_nothing_found_suggests_a_correction(client, content, any_backend):
    outcome = service.search("potagre", "fr")
    assert outcome.results == []
    assert outcome.suggestions and outcome.suggestions[0] == "potager"
    body = get(client, "fr", q="potagre").content.decode()
    assert 'href="?q=potager"' in body


def test_autocomplete_endpoint(client, content):
    with translation.override("fr"):
        url = reverse("search_autocomplete")
    data = client.get(url, {"q": "Salle du"}).json()
    assert data["results"][0]["title"] == "Salle du potager"
    assert data["results"][0]["url"] == content["place"].url
    assert client.get(url, {"q": "p"}).json()["results"] == []


def test_header_box_is_an_accessible_combobox(client, content):
    body = get(client, "nl", q="").content.decode()
    assert 'role="combobox"' in body and 'aria-controls="header-search-list"' in body
    assert 'data-autocomplete-url="/nl/' in body
