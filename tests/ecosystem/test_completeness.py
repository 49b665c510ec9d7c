import pytest
from django.utils import translation

from incommon_cms.directory.factories import AlternativePageFactory, PlacePageFactory
from incommon_cms.ecosystem.completeness import completeness

pytestmark = pytest.mark.django_db


def keys(items):
    return [item["key"] for item in items]


def test_a_bare_alternative(directory_index):
    page = AlternativePageFactory(parent=directory_index, short_description="", kind="", postcode="")
    result = completeness(page)
    assert result.score == 0
    assert result.filled == []
    assert keys(result.missing) == [
        "short_description",
        "description",
        "kind",
        "categories",
        "image",
        "address",
        "location",
        "website",
        "contact",
        "languages",
    ]
    with translation.override("en"):
        assert str(result.missing[0]["label"]) == "Short description"
    with translation.override("nl"):
        assert str(result.missing[0]["label"]) == "Korte beschrijving"


def test_a_well_filled_alternative(directory_index, known_data):
    page = known_data["alpha"]
    page.description = "<p>Un potager.</p>"
    page.website = "https://alpha.example"
    page.email = "hello@alpha.example"
    page.languages = ["fr", "nl"]
    page.save()
    result = completeness(page)
    # 9 of 10 checks for an alternative: only the image is missing.
    assert keys(result.missing) == ["image"]
    assert result.score == 90


def test_places_have_their_own_fields(directory_index):
    page = PlacePageFactory(
        parent=directory_index,
        short_description="Une salle",
        postcode="1060",
        capacity=40,
        opening_hours="Lu-ve 9-17",
        price_policy="solidarity",
    )
    result = completeness(page)
    assert "kind" not in keys(result.missing) + keys(result.filled)
    assert keys(result.missing) == [
        "description",
        "categories",
        "image",
        "website",
        "contact",
        "languages",
        "accessibility",
    ]
    filled = ["short_description", "address", "location", "opening_hours", "capacity", "price_policy"]
    assert keys(result.filled) == filled
    assert result.score == round(100 * 6 / 13)
