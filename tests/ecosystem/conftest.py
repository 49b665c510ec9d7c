import datetime

import pytest
from django.utils import timezone

from incommon_cms.core.demo_utils import translation
from incommon_cms.directory.factories import (
    AlternativePageFactory,
    CategoryFactory,
    DirectoryIndexPageFactory,
    GoodAddressPageFactory,
    PlacePageFactory,
)
from incommon_cms.ecosystem.models import EcosystemPage

TODAY = datetime.date(2026, 11, 15)


@pytest.fixture
def today():
    return TODAY


@pytest.fixture
def directory_index(homes):
    return DirectoryIndexPageFactory(parent=homes["fr"])


@pytest.fixture
def ecosystem_pages(homes):
    fr = EcosystemPage(title="L'écosystème en chiffres", slug="ecosysteme", intro="<p>Intro FR</p>")
    homes["fr"].add_child(instance=fr)
    fr.save_revision().publish()
    return {
        "fr": fr,
        "nl": translation(fr, "nl", title="Het ecosysteem in cijfers", slug="ecosysteem"),
        "en": translation(fr, "en", title="The ecosystem in figures", slug="ecosystem"),
    }


@pytest.fixture
def known_data(directory_index, locales):
    """A small directory whose figures are known exactly.

    - Alternatives: Alpha (asbl, 1000, food+housing, verified 2026-10-01, also in Dutch), Beta (asbl, 1050, food,
      verified 2025-01-10: stale), Gamma (cooperative, 1060, no category, never verified, published long ago),
      Draft (unpublished: never counted).
    - One place (1000, housing, verified 2026-06-01) and one good address (1050, no kind, verified 2025-11-20).
    """
    food = CategoryFactory(slug="food", name="Alimentation")
    housing = CategoryFactory(slug="housing", name="Logement")
    food_nl = food.copy_for_translation(locales["nl"])
    food_nl.name = "Voeding"
    food_nl.save()

    alpha = AlternativePageFactory(
        parent=directory_index, title="Alpha", kind="asbl", postcode="1000", last_verified=datetime.date(2026, 10, 1)
    )
    alpha.categories.set([food, housing])
    alpha.save()
    beta = AlternativePageFactory(
        parent=directory_index, title="Beta", kind="asbl", postcode="1050", last_verified=datetime.date(2025, 1, 10)
    )
    beta.categories.set([food])
    beta.save()
    gamma = AlternativePageFactory(parent=directory_index, title="Gamma", kind="cooperative", postcode="1060")
    long_ago = timezone.make_aware(datetime.datetime(2024, 3, 1, 12, 0))
    type(gamma).objects.filter(pk=gamma.pk).update(first_published_at=long_ago)
    gamma.refresh_from_db()
    AlternativePageFactory(parent=directory_index, title="Draft", kind="network", postcode="1000", live=False)
    place = PlacePageFactory(
        parent=directory_index, title="Salle", kind="", postcode="1000", last_verified=datetime.date(2026, 6, 1)
    )
    place.categories.set([housing])
    place.save()
    shop = GoodAddressPageFactory(
        parent=directory_index, title="Imprimerie", kind="", postcode="1050", last_verified=datetime.date(2025, 11, 20)
    )
    alpha_nl = translation(alpha, "nl", title="Alpha NL", slug="alpha")
    alpha_nl.categories.set([food_nl])
    alpha_nl.save_revision().publish()
    alpha_nl.refresh_from_db()
    assert alpha_nl.live
    return {"alpha": alpha, "alpha_nl": alpha_nl, "beta": beta, "gamma": gamma, "place": place, "shop": shop}
