"""The open API: formats, languages, filters, ETags, and that nothing private or unpublished ever leaks."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from incommon_cms.commons.models import ImportedRecord, ImportSource
from incommon_cms.core.demo_utils import translation
from incommon_cms.directory.factories import AlternativePageFactory, PlacePageFactory

pytestmark = pytest.mark.django_db

SECRETS = ["secret@example.org", "0499 99 99 99", "Rue Cachée 13", "Brouillon secret", "Projet non publié"]


@pytest.fixture
def api_data(directory, homes, categories, locales):
    public = AlternativePageFactory(
        parent=directory,
        title="Potager Public",
        short_description="Un potager ouvert à toutes et tous.",
        email="secret@example.org",
        email_private=True,
        phone="0499 99 99 99",
        phone_private=True,
        street_address="Rue Cachée 13",
        address_private=True,
        postcode="1050",
        website="https://potager.example.org",
        kind="asbl",
        data_licence="CC-BY-4.0",
    )
    public.categories = [categories["food"]]
    public.tags.add("jardin")
    public.save_revision().publish()
    # A pending draft on a live profile: its text must never be served.
    draft = public.get_latest_revision_as_object()
    draft.short_description = "Brouillon secret"
    draft.save_revision()
    open_contact = PlacePageFactory(
        parent=directory,
        title="Salle Ouverte",
        email="salle@example.org",
        phone="02 222 22 22",
        street_address="Rue Publique 1",
        postcode="1000",
        capacity=25,
        kind="",
    )
    open_contact.save_revision().publish()
    unpublished = AlternativePageFactory(parent=directory, title="Projet non publié", live=False)
    nl_directory = translation(directory, "nl", title="Kaart", slug="kaart")
    public_nl = translation(public, "nl", title="Openbare Moestuin", short_description="Een open moestuin.")
    source = ImportSource.objects.create(
        name="Réseau",
        kind="csv",
        locale=locales["fr"],
        licence="ODbL-1.0",
        attribution="© Réseau Potagers",
        mapping=[{"source": "n", "field": "title"}],
    )
    ImportedRecord.objects.create(
        source=source, external_id="1", profile=public, content_hash="x", values={"title": "x"}
    )
    return {
        "public": public,
        "place": open_contact,
        "unpublished": unpublished,
        "public_nl": public_nl,
        "nl_directory": nl_directory,
    }


def assert_no_secret(text):
    for secret in SECRETS:
        assert secret not in text, secret


def test_json_list_carries_public_fields_licence_attribution_and_dates(client, api_data):
    response = client.get("/api/v1/profiles/?lang=fr")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    titles = [item["title"] for item in body["results"]]
    assert titles == ["Potager Public", "Salle Ouverte"]
    garden = body["results"][0]
    assert garden["short_description"] == "Un potager ouvert à toutes et tous."
    assert garden["email"] == "" and garden["phone"] == "" and garden["street_address"] == ""
    assert garden["location_approximate"] is True
    assert garden["licence"] == {
        "code": "CC-BY-4.0",
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert "© Réseau Potagers" in garden["attribution"]
    assert garden["last_modified"]
    assert garden["categories"] == [{"slug": "food", "name": "Alimentation"}]
    assert garden["tags"] == ["jardin"]
    room = body["results"][1]
    assert room["type"] == "place" and room["capacity"] == 25
    assert room["email"] == "salle@example.org" and room["street_address"] == "Rue Publique 1"
    assert_no_secret(response.content.decode())
    assert response["Last-Modified"]


@pytest.mark.parametrize("fmt", ["json", "geojson", "jsonld", "csv"])
def test_no_text_format_leaks_private_fields_or_drafts(client, api_data, fmt):
    for url in [
        f"/api/v1/profiles/?format={fmt}",
        f"/api/v1/alternatives/?format={fmt}",
        f"/api/v1/profiles/{api_data['public'].pk}/?format={fmt}",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "Potager Public" in text
        assert_no_secret(text)
    assert client.get(f"/api/v1/profiles/{api_data['unpublished'].pk}/").status_code == 404


def test_xlsx_export_has_the_directory_without_secrets(client, api_data):
    response = client.get("/api/v1/profiles/?format=xlsx")

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="api-profile.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("id", "type", "title")
    cells = " ".join(str(value) for row in rows for value in row if value is not None)
    assert "Potager Public" in cells and "Salle Ouverte" in cells and "CC-BY-4.0" in cells
    assert_no_secret(cells)
    assert len(rows) == 3


def test_csv_export_rows(client, api_data):
    text = client.get("/api/v1/profiles/?format=csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["title"] for row in rows] == ["Potager Public", "Salle Ouverte"]
    assert rows[0]["categories"] == "food" and rows[0]["licence"] == "CC-BY-4.0"
    assert rows[0]["email"] == "" and rows[1]["email"] == "salle@example.org"


def test_geojson_features_and_jsonld_types(client, api_data):
    collection = client.get("/api/v1/profiles/?format=geojson").json()
    assert collection["type"] == "FeatureCollection"
    garden = next(f for f in collection["features"] if f["properties"]["title"] == "Potager Public")
    assert garden["geometry"]["type"] == "Point"
    assert garden["properties"]["licence"]["code"] == "CC-BY-4.0"

    graph = json.loads(client.get("/api/v1/profiles/?format=jsonld").content)
    assert graph["@context"] == "https://schema.org"
    types = {item["name"]: item["@type"] for item in graph["@graph"]}
    assert types == {"Potager Public": "Organization", "Salle Ouverte": "Place"}
    garden_ld = next(item for item in graph["@graph"] if item["name"] == "Potager Public")
    assert garden_ld["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "© Réseau Potagers" in garden_ld["creditText"] and garden_ld["dateModified"]


def test_language_choice_marks_untranslated_items(client, api_data):
    body = client.get("/api/v1/profiles/?lang=nl").json()

    items = {item["title"]: item for item in body["results"]}
    assert set(items) == {"Openbare Moestuin", "Salle Ouverte"}
    assert items["Openbare Moestuin"]["language"] == "nl" and items["Openbare Moestuin"]["translated"] is True
    assert items["Salle Ouverte"]["language"] == "fr" and items["Salle Ouverte"]["translated"] is False
    bad = client.get("/api/v1/profiles/?lang=de")
    assert bad.status_code == 400 and "lang" in bad.json()


def test_filters_and_their_errors(client, api_data, categories):
    def titles(query):
        return [item["title"] for item in client.get(f"/api/v1/profiles/?lang=fr&{query}").json()["results"]]

    assert titles("category=food") == ["Potager Public"]
    assert titles("type=place") == ["Salle Ouverte"]
    assert titles("kind=asbl") == ["Potager Public"]
    assert titles("tag=jardin") == ["Potager Public"]
    assert titles("commune=21009") == ["Potager Public"]  # Ixelles
    assert titles("bbox=4.30,50.80,4.40,50.90") == ["Potager Public", "Salle Ouverte"]
    assert titles("bbox=3.0,51.0,3.1,51.1") == []
    assert titles("updated_since=2000-01-01") == ["Potager Public", "Salle Ouverte"]
    assert titles("updated_since=2999-01-01T00:00:00Z") == []
    assert client.get("/api/v1/places/").json()["count"] == 1
    for query, name in [("bbox=1,2,3", "bbox"), ("updated_since=hier", "updated_since"), ("category=nope", "category")]:
        response = client.get(f"/api/v1/profiles/?{query}")
        assert response.status_code == 400 and name in response.json(), query


def test_pagination(client, api_data):
    body = client.get("/api/v1/profiles/?lang=fr&limit=1").json()
    assert body["count"] == 2 and len(body["results"]) == 1 and "offset=1" in body["next"]


def test_etag_gives_304_until_the_data_changes(client, api_data):
    first = client.get("/api/v1/profiles/?lang=fr")
    etag = first["ETag"]

    assert client.get("/api/v1/profiles/?lang=fr", HTTP_IF_NONE_MATCH=etag).status_code == 304
    place = api_data["place"]
    place.title = "Salle Ouverte et Lumineuse"
    place.save_revision().publish()
    changed = client.get("/api/v1/profiles/?lang=fr", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and "Salle Ouverte et Lumineuse" in changed.content.decode()


def test_categories_endpoint(client, api_data):
    body = client.get("/api/v1/categories/?lang=fr").json()
    assert [item["slug"] for item in body["results"]] == ["food", "garden", "repair"]
    assert body["results"][0]["name"] == "Alimentation" and body["results"][0]["licence"]["code"] == "CC0-1.0"
    assert client.get("/api/v1/categories/food/").json()["slug"] == "food"


def test_schema_and_docs_are_served_locally(client, api_data):
    schema = client.get("/api/v1/schema/?format=json").json()
    assert "/api/v1/alternatives/" in schema["paths"]
    assert all(path.startswith("/api/v1/") for path in schema["paths"])
    docs = client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs
    assert "cdn" not in docs.lower()
    assert "/static/drf_spectacular_sidecar/redoc/" in client.get("/api/v1/redoc/").content.decode()
