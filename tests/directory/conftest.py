import datetime

import pytest

from incommon_cms.core.demo_utils import translation
from incommon_cms.directory.factories import (
    AlternativePageFactory,
    CategoryFactory,
    DirectoryIndexPageFactory,
    GoodAddressPageFactory,
    PlacePageFactory,
)


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def categories(locales):
    food = CategoryFactory(slug="food", name="Alimentation", color="#2e7d32", locale=locales["fr"])
    energy = CategoryFactory(slug="energy", name="Énergie", color="#f9a825", locale=locales["fr"])
    food_nl = food.copy_for_translation(locales["nl"])
    food_nl.name = "Voeding"
    food_nl.save()
    return {"food": food, "energy": energy, "food_nl": food_nl}


@pytest.fixture
def directory(homes):
    """The map page in French and Dutch."""
    fr = DirectoryIndexPageFactory(parent=homes["fr"], title="Carte", slug="carte")
    nl = translation(fr, "nl", title="Kaart", slug="kaart")
    return {"fr": fr, "nl": nl}


@pytest.fixture
def profiles(directory, categories):
    """Three published French profiles in different communes, categories and kinds, one with a Dutch version."""
    potager = AlternativePageFactory(
        parent=directory["fr"],
        title="Potager du Parc",
        slug="potager-du-parc",
        kind="citizen-collective",
        postcode="1030",
        short_description="Un potager collectif.",
        email="potager@example.org",
        email_private=True,
        phone="+32 2 000 00 00",
        website="https://potager.example.org",
        last_verified=datetime.date(2026, 10, 1),
    )
    potager.categories.set([categories["food"]])
    potager.tags.add("jardin")
    publish(potager)
    coop = AlternativePageFactory(
        parent=directory["fr"],
        title="Coopérative Solaire",
        slug="cooperative-solaire",
        kind="cooperative",
        postcode="1060",
    )
    coop.categories.set([categories["energy"]])
    coop.tags.add("soleil")
    publish(coop)
    salle = PlacePageFactory(
        parent=directory["fr"], title="Salle Commune", slug="salle-commune", kind="", postcode="1000"
    )
    salle.categories.set([categories["food"], categories["energy"]])
    publish(salle)
    potager_nl = potager.copy_for_translation(directory["nl"].locale)
    potager_nl.title = "Moestuin van het Park"
    potager_nl.save()
    potager_nl.categories.set([categories["food_nl"]])
    publish(potager_nl)
    return {"potager": potager, "coop": coop, "salle": salle, "potager_nl": potager_nl}


__all__ = ["GoodAddressPageFactory", "publish"]
