import pytest

from incommon_cms.core.factories import StandardPageFactory
from incommon_cms.core.slugs import unique_slug

pytestmark = pytest.mark.django_db


def test_the_title_as_slug_made_free_among_siblings(home_fr):
    assert unique_slug(home_fr, "Café des Réparations", fallback="page") == "cafe-des-reparations"
    StandardPageFactory(parent=home_fr, title="Un", slug="cafe-des-reparations")
    assert unique_slug(home_fr, "Café des réparations", fallback="page") == "cafe-des-reparations-1"
    StandardPageFactory(parent=home_fr, title="Deux", slug="cafe-des-reparations-1")
    assert unique_slug(home_fr, "Café des réparations", fallback="page") == "cafe-des-reparations-2"


def test_only_siblings_count(home_fr):
    parent = StandardPageFactory(parent=home_fr, title="Parent", slug="parent")
    StandardPageFactory(parent=parent, title="Enfant", slug="atelier")
    assert unique_slug(home_fr, "Atelier", fallback="page") == "atelier"


def test_fallback_and_length(home_fr):
    assert unique_slug(home_fr, "!!! 🎉", fallback="topic") == "topic"
    long = unique_slug(home_fr, "mot " * 40, fallback="page", max_length=60)
    assert len(long) <= 60 and not long.endswith("-") and long.startswith("mot-mot")
