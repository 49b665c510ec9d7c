"""Duplicate detection through indexes: what is found, and that distant profiles are never compared."""

import pytest

from incommon_cms.commons.duplicates import CELL_LATITUDE, candidate_pairs, dismiss, find_duplicates
from incommon_cms.core.demo_utils import translation
from incommon_cms.directory.factories import AlternativePageFactory
from incommon_cms.directory.models import ProfilePage

pytestmark = pytest.mark.django_db


def at(directory, title, latitude, longitude, **fields):
    slug = f"p-{latitude}-{longitude}".replace(".", "-")
    return AlternativePageFactory(
        parent=directory, title=title, slug=slug, latitude=latitude, longitude=longitude, **fields
    )


def test_similar_names_across_a_cell_border_are_found_distant_ones_are_not(directory):
    border = 16_950 * CELL_LATITUDE  # a grid line near 50.85° N
    north = at(directory, "Repair Café Saint-Gilles", border + 0.0008, 4.3451)
    south = at(directory, "Repair Cafe St-Gilles asbl", border - 0.0008, 4.3451)  # about 180 m to the south
    at(directory, "Repair Café Saint-Gilles", border + 0.03, 4.3451)  # same name, 3 km away
    at(directory, "Tout autre chose", border, 4.3452)

    pairs = find_duplicates()

    assert [(pair.first.pk, pair.second.pk) for pair in pairs] == [(north.pk, south.pk)]
    assert "m apart" in pairs[0].reasons[0]


def test_same_website_or_email_anywhere_in_one_language(directory, homes):
    first = at(directory, "Potager A", 50.80, 4.30, website="https://www.potager.example.org/")
    second = at(directory, "Jardin B", 50.89, 4.42, website="http://potager.example.org")
    third = at(directory, "Jardin C", 50.82, 4.40, email="Info@Jardin.example.org")
    fourth = at(directory, "Jardin D", 50.84, 4.33, email="info@jardin.example.org")
    nl_directory = translation(directory, "nl", title="Kaart", slug="kaart")
    at(nl_directory, "Moestuin", 50.84, 4.33, email="info@jardin.example.org")

    pairs = {(pair.first.pk, pair.second.pk): pair.reasons for pair in find_duplicates()}

    assert pairs == {(first.pk, second.pk): ["same website"], (third.pk, fourth.pk): ["same e-mail"]}
    dismiss(first, second, None)
    assert [(pair.first.pk, pair.second.pk) for pair in find_duplicates()] == [(third.pk, fourth.pk)]


def test_only_neighbours_are_compared(directory):
    for row in range(10):
        for column in range(10):
            at(directory, f"Initiative {row}-{column}", 50.80 + row * 0.01, 4.20 + column * 0.02)
    profiles = list(ProfilePage.objects.all())

    pairs = candidate_pairs(profiles)

    assert len(profiles) == 100 and len(pairs) == 0  # over a kilometre apart: no comparison at all, not 4,950
    assert find_duplicates() == []
