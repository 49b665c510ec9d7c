"""Profile pages: public fields, the small map, data source and licence, and schema.org JSON-LD."""

import datetime
import json
import re

import pytest

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.directory import privacy
from incommon_cms.directory.factories import AlternativePageFactory, PlacePageFactory
from incommon_cms.governance.models import Membership

from .conftest import publish

pytestmark = pytest.mark.django_db


def json_ld(content):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture
def organisation(directory, categories):
    page = AlternativePageFactory(
        parent=directory["fr"],
        title="Les </script><script>alert(1)</script> Amis",
        slug="amis",
        kind="asbl",
        short_description="Une asbl de quartier.",
        street_address="Rue Gallait 80",
        postcode="1030",
        email="secret@example.org",
        email_private=True,
        phone="02 123 45 67",
        website="https://amis.example.org",
        social_links="https://social.example.org/@amis\n",
        founding_year=2012,
        company_number="0123.456.749",
        languages=["fr", "nl"],
        opening_hours="Mardi 18h–21h",
        last_verified=datetime.date(2026, 9, 15),
        data_source="Carte de la transition",
        data_source_url="https://transition.example.org",
    )
    page.categories.set([categories["food"]])
    page.tags.add("quartier")
    return publish(page)


def test_json_ld_parses_and_names_the_organisation(client, organisation):
    content = client.get("/fr/carte/amis/").content.decode()
    data = json_ld(content)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "Les </script><script>alert(1)</script> Amis"
    assert data["url"] == "http://localhost/fr/carte/amis/"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "BE",
        "streetAddress": "Rue Gallait 80",
        "postalCode": "1030",
        "addressLocality": "Schaerbeek",
    }
    assert data["telephone"] == "02 123 45 67"
    assert data["sameAs"] == ["https://amis.example.org", "https://social.example.org/@amis"]
    assert data["foundingDate"] == "2012"
    assert data["knowsLanguage"] == ["fr", "nl"]
    assert "email" not in data  # private
    assert "<script>alert(1)" not in content  # escaped in the JSON-LD and in the HTML
    assert "\\u003C/script\\u003E" in content


def test_a_place_is_a_schema_org_place(client, directory):
    place = PlacePageFactory(
        parent=directory["fr"],
        title="La Grande Salle",
        slug="grande-salle",
        capacity=80,
        equipment="Projecteur\nCuisine",
    )
    publish(place)
    data = json_ld(client.get("/fr/carte/grande-salle/").content.decode())
    assert data["@type"] == "Place"
    assert data["maximumAttendeeCapacity"] == 80
    assert [feature["name"] for feature in data["amenityFeature"]] == ["Projecteur", "Cuisine"]
    assert data["geo"]["@type"] == "GeoCoordinates"


def test_the_profile_page_shows_public_fields_source_licence_and_verification(client, organisation):
    content = client.get("/fr/carte/amis/").content.decode()
    for text in (
        "Une asbl de quartier.",
        "Rue Gallait 80",
        "02 123 45 67",
        "https://amis.example.org",
        "https://social.example.org/@amis",
        "Mardi 18h–21h",
        "Français, Néerlandais",
        "2012",
        "0123.456.749",
        "Alimentation",
        "quartier",
        "Vérifié pour la dernière fois le 15 septembre 2026.",
        '<a href="https://transition.example.org" rel="noopener">Carte de la transition</a>',
        '<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license noopener">CC BY-SA 4.0</a>',
        'href="/fr/carte/?category=food"',
    ):
        assert text in content, text
    assert "secret@example.org" not in content
    config = json.loads(
        re.search(r'<script id="profile-map-config" type="application/json">(.*?)</script>', content).group(1)
    )
    assert config["point"] == [organisation.latitude, organisation.longitude]
    assert config["approximate"] is False


def test_members_see_private_contact_fields_marked_private(client, organisation):
    member = UserFactory()
    Membership.objects.create(user=member, profile=organisation, role=Membership.EDITOR)
    client.force_login(member)
    content = client.get("/fr/carte/amis/").content.decode()
    assert "secret@example.org" in content
    assert "privé" in content
    # Structured data stays public whoever reads the page.
    assert "email" not in json_ld(content)


def test_without_a_private_fields_rule_nobody_sees_them(client, organisation, monkeypatch):
    """The directory does not know the members: with no rule registered (governance's), it fails closed."""
    monkeypatch.setattr(privacy, "_rule", None)
    member = UserFactory()
    Membership.objects.create(user=member, profile=organisation, role=Membership.EDITOR)
    client.force_login(member)
    content = client.get("/fr/carte/amis/").content.decode()
    assert "secret@example.org" not in content


def test_a_private_address_shows_only_the_area(client, organisation):
    organisation.address_private = True
    publish(organisation)
    content = client.get("/fr/carte/amis/").content.decode()
    assert "Rue Gallait 80" not in content
    assert "L’adresse exacte n’est pas publique" in content
    assert "streetAddress" not in json.dumps(json_ld(content))


def test_the_report_link_appears_only_when_reporting_exists(client, organisation):
    from django.urls import NoReverseMatch, reverse

    content = client.get("/fr/carte/amis/").content.decode()
    try:
        report_url = reverse("governance:report")
    except NoReverseMatch:
        assert "Signaler une erreur" not in content
    else:
        assert f'href="{report_url}?page={organisation.pk}"' in content
