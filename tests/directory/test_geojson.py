"""The public GeoJSON feed: exactly the public fields, never unpublished or private data, filters, caching."""

import json

import pytest
from wagtail.models import PageViewRestriction

from incommon_cms.directory.factories import AlternativePageFactory, GoodAddressPageFactory
from incommon_cms.directory.geocoding import geocode_postcode

from .conftest import publish

pytestmark = pytest.mark.django_db

FEED = "/geo/profiles.geojson"


def feed(client, query=""):
    response = client.get(f"{FEED}?{query}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def names(data):
    return sorted(feature["properties"]["name"] for feature in data["features"])


def by_name(data, name):
    return next(feature for feature in data["features"] if feature["properties"]["name"] == name)


def test_a_published_profile_has_exactly_the_public_fields(client, profiles):
    data = feed(client, "lang=fr")
    assert data["type"] == "FeatureCollection"
    potager = by_name(data, "Potager du Parc")
    latitude, longitude, _entry = geocode_postcode("1030")
    assert potager == {
        "type": "Feature",
        "id": profiles["potager"].pk,
        "geometry": {"type": "Point", "coordinates": [round(longitude, 5), round(latitude, 5)]},
        "properties": {
            "name": "Potager du Parc",
            "url": "/fr/carte/potager-du-parc/",
            "type": "alternative",
            "kind": "citizen-collective",
            "categories": ["food"],
            "lang": "fr",
            "stale": False,
            "translated": True,
        },
    }
    assert data["categories"]["food"] == {"name": "Alimentation", "color": "#2e7d32"}
    assert data["kinds"]["citizen-collective"] == "Collectif citoyen"
    assert data["types"]["place"] == "lieu"
    body = json.dumps(data)
    for private_value in ("potager@example.org", "+32 2 000 00 00", "Un potager collectif", "potager.example.org"):
        assert private_value not in body


def test_drafts_unpublished_and_restricted_profiles_are_never_in_the_feed(client, directory, profiles):
    draft = AlternativePageFactory(parent=directory["fr"], title="Brouillon", slug="brouillon", live=False)
    draft.save_revision()
    profiles["coop"].unpublish()
    hidden = AlternativePageFactory(parent=directory["fr"], title="Réservé aux membres", slug="reserve")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    # A published page with a newer draft shows its published title only.
    salle = profiles["salle"]
    salle.title = "Titre pas encore validé"
    salle.save_revision()
    data = feed(client, "lang=fr")
    assert names(data) == ["Potager du Parc", "Salle Commune"]
    assert "pas encore" not in json.dumps(data)


def test_a_private_street_address_places_the_marker_at_the_postcode_centre(client, directory, categories):
    secret = AlternativePageFactory(
        parent=directory["fr"], title="Adresse discrète", slug="discrete", postcode="1050", address_private=True
    )
    secret.set_point(50.8201234, 4.3701234)
    publish(secret)
    latitude, longitude, _entry = geocode_postcode("1050")
    feature = by_name(feed(client), "Adresse discrète")
    assert feature["geometry"]["coordinates"] == [round(longitude, 5), round(latitude, 5)]
    assert "50.82012" not in json.dumps(feature)


def test_readers_get_their_language_or_the_source_version_marked_with_its_language(client, profiles):
    data = feed(client, "lang=nl")
    assert names(data) == ["Coopérative Solaire", "Moestuin van het Park", "Salle Commune"]
    assert by_name(data, "Moestuin van het Park")["properties"]["lang"] == "nl"
    assert by_name(data, "Moestuin van het Park")["properties"]["url"] == "/nl/kaart/potager-du-parc/"
    assert by_name(data, "Moestuin van het Park")["properties"]["translated"] is True
    assert by_name(data, "Coopérative Solaire")["properties"]["lang"] == "fr"
    assert by_name(data, "Coopérative Solaire")["properties"]["translated"] is False
    assert data["categories"]["food"]["name"] == "Voeding"
    assert data["kinds"]["cooperative"] == "Coöperatie"
    # Without `lang`, the default language.
    assert names(feed(client)) == ["Coopérative Solaire", "Potager du Parc", "Salle Commune"]


# Cases as subtests of one test, not parametrised tests: the profiles (indexed for search) are built once.
FILTER_CASES = [
    ("category=food", ["Potager du Parc", "Salle Commune"]),
    ("category=food,energy", ["Coopérative Solaire", "Potager du Parc", "Salle Commune"]),
    ("category=food&category=energy&kind=cooperative", ["Coopérative Solaire"]),
    ("kind=citizen-collective", ["Potager du Parc"]),
    ("type=place", ["Salle Commune"]),
    ("commune=21015", ["Potager du Parc"]),
    ("tag=jardin", ["Potager du Parc"]),
    ("tag=Soleil", ["Coopérative Solaire"]),
    ("q=solaire", ["Coopérative Solaire"]),
    ("q=potager collectif", ["Potager du Parc"]),
    ("q=energie", ["Coopérative Solaire", "Salle Commune"]),
    ("q=ÉNERGIES", ["Coopérative Solaire", "Salle Commune"]),
    ("q=potagers", ["Potager du Parc"]),
    ("q=pota", ["Potager du Parc"]),
    ("q=energie&kind=cooperative", ["Coopérative Solaire"]),
    ("q=energie&type=place&commune=21004", ["Salle Commune"]),
    ("q=energie&type=place&commune=21015", []),
    ("q=introuvable", []),
    # Schaerbeek's centre only (1030).
    ("bbox=4.37,50.86,4.38,50.87", ["Potager du Parc"]),
    # Saint-Gilles (1060) and the centre (1000), not Schaerbeek.
    ("bbox=4.30,50.80,4.36,50.85", ["Coopérative Solaire", "Salle Commune"]),
    ("bbox=4.30,50.80,4.36,50.85&category=food", ["Salle Commune"]),
]


@pytest.mark.search
def test_filters_and_bbox_return_the_right_subsets(client, profiles, subtests):
    for query, expected in FILTER_CASES:
        with subtests.test(query=query):
            assert names(feed(client, f"lang=fr&{query}")) == expected


@pytest.mark.search
def test_the_text_filter_stems_dutch_and_never_sees_unpublished_text(client, profiles):
    assert names(feed(client, "lang=nl&q=moestuinen")) == ["Moestuin van het Park"]
    assert names(feed(client, "lang=nl&q=moestuin&category=food")) == ["Moestuin van het Park"]
    draft_title = profiles["salle"]
    draft_title.title = "Salle des fêtes secrète"
    draft_title.save_revision()
    assert names(feed(client, "lang=fr&q=secrete")) == []


BAD_FILTERS = [
    ("bbox=4.3,50.8,4.4", "bbox", "quatre nombres"),
    ("bbox=a,b,c,d", "bbox", "uniquement des nombres"),
    ("bbox=4.4,50.8,4.3,50.9", "bbox", "minimum"),
    ("bbox=4.3,50.8,4.4,95", "bbox", "entre -90 et 90"),
    ("bbox=nan,50.8,4.4,50.9", "bbox", "uniquement des nombres"),
    ("category=inexistante", "category", "Catégorie inconnue « inexistante »"),
    ("kind=banque", "kind", "Type d’organisation inconnu « banque »"),
    ("type=musee", "type", "Type de fiche inconnu « musee »"),
    ("commune=99999", "commune", "Commune inconnue « 99999 »"),
    ("tag=nulle-part", "tag", "Aucune fiche n’a le mot-clé « nulle-part »"),
    (f"q={'x' * 201}", "q", "trop long"),
]


def test_bad_filters_get_a_400_with_a_translated_reason(client, profiles, subtests):
    for query, parameter, reason in BAD_FILTERS:
        with subtests.test(query=query):
            response = client.get(f"{FEED}?lang=fr&{query}")
            assert response.status_code == 400
            errors = response.json()["errors"]
            assert list(errors) == [parameter]
            assert reason in errors[parameter]


def test_errors_come_in_the_readers_language(client, profiles):
    response = client.get(f"{FEED}?lang=nl&category=nergens")
    assert response.status_code == 400
    assert response.json() == {"errors": {"category": "Onbekende categorie ‘nergens’."}}
    response = client.get(f"{FEED}?lang=xx")
    assert response.status_code == 400
    assert "xx" in response.json()["errors"]["lang"]


def test_feed_is_cacheable_and_revalidates_with_etag_and_last_modified(client, profiles):
    response = client.get(f"{FEED}?lang=fr")
    etag, last_modified = response["ETag"], response["Last-Modified"]
    assert etag.startswith('"') and last_modified.endswith("GMT")
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert client.get(f"{FEED}?lang=fr", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(f"{FEED}?lang=fr", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(f"{FEED}?lang=nl", HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert client.get(f"{FEED}?lang=fr&category=food")["ETag"] != etag


def test_publishing_unpublishing_and_deleting_refresh_the_cached_feed(client, directory, profiles):
    first = client.get(f"{FEED}?lang=fr")
    shop = GoodAddressPageFactory(parent=directory["fr"], title="Vrac & Co", slug="vrac", live=False)
    assert names(feed(client)) == ["Coopérative Solaire", "Potager du Parc", "Salle Commune"]
    publish(shop)
    published = client.get(f"{FEED}?lang=fr", HTTP_IF_NONE_MATCH=first["ETag"])
    assert published.status_code == 200
    assert "Vrac & Co" in names(json.loads(published.content))
    profiles["coop"].unpublish()
    assert "Coopérative Solaire" not in names(feed(client))
    shop.delete()
    assert names(feed(client)) == ["Potager du Parc", "Salle Commune"]
    # Renaming a category changes the labels without republishing profiles.
    food = profiles["potager"].categories.get()
    food.name = "Nourriture"
    food.save()
    assert feed(client)["categories"]["food"]["name"] == "Nourriture"


def test_feed_is_served_from_the_cache_without_queries(client, profiles, django_assert_max_num_queries):
    client.get(f"{FEED}?lang=fr")
    with django_assert_max_num_queries(2):
        response = client.get(f"{FEED}?lang=fr")
    assert "Potager du Parc" in response.content.decode()


def test_feed_is_gzipped_for_clients_that_accept_it(client, profiles):
    import gzip

    plain = client.get(f"{FEED}?lang=fr")
    zipped = client.get(f"{FEED}?lang=fr", HTTP_ACCEPT_ENCODING="gzip, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain.content
    assert zipped["ETag"] != plain["ETag"]
    assert (
        client.get(f"{FEED}?lang=fr", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"]).status_code == 304
    )
