import pytest

from incommon_cms.directory.factories import AlternativePageFactory
from incommon_cms.directory.geocoding import geocode_postcode
from incommon_cms.directory.models import Postcode

pytestmark = pytest.mark.django_db


def test_a_postcode_only_address_gets_coordinates_and_commune_offline(directory, settings):
    settings.GEOCODER_ONLINE = False
    page = AlternativePageFactory(parent=directory["fr"], title="Sans coordonnées", postcode="1190")
    page.refresh_from_db()
    entry = Postcode.objects.get(code="1190")
    assert (page.latitude, page.longitude) == (entry.latitude, entry.longitude)
    assert page.location == f"SRID=4326;POINT({entry.longitude} {entry.latitude})"
    assert page.commune.name_fr == "Forest"
    assert page.city == "Forest"


def test_a_postcode_inside_the_street_address_is_found(directory):
    page = AlternativePageFactory(
        parent=directory["fr"], title="Adresse complète", postcode="", street_address="Rue Gallait 80, 1030 Schaerbeek"
    )
    page.refresh_from_db()
    assert page.postcode == "1030"
    assert page.commune.nis_code == "21015"
    assert (page.latitude, page.longitude) == geocode_postcode("1030")[:2]


def test_given_coordinates_are_kept_and_mirrored(directory):
    page = AlternativePageFactory.build(title="Point précis", postcode="1000", location="SRID=4326;POINT(4.36 50.85)")
    directory["fr"].add_child(instance=page)
    page.refresh_from_db()
    assert (page.latitude, page.longitude) == (50.85, 4.36)
    assert page.commune.nis_code == "21004"
