"""Stale profiles (not verified for a long time) on the map: the `stale` flag of the feed, the freshness filter of
the list and the feed, the faded legend, and the notice on the profile page."""

import datetime
import json

import pytest
from django.utils import timezone
from django.utils.http import http_date

from incommon_cms.directory.factories import AlternativePageFactory
from incommon_cms.directory.models import ProfilePage
from incommon_cms.ecosystem.reminders import mark_verified

from .conftest import publish
from .test_map_page import list_names, map_config, map_names

pytestmark = pytest.mark.django_db

FEED = "/geo/profiles.geojson"


@pytest.fixture
def freshness(directory, categories):
    """Old (verified two years ago), Forgotten (never verified, published long ago), Fresh (verified last month)
    and Borderline (verified exactly PROFILE_STALE_AFTER_DAYS ago: fresh today, stale tomorrow)."""
    today = timezone.localdate()
    pages = {}
    for name, verified in [
        ("Old", today - datetime.timedelta(days=730)),
        ("Forgotten", None),
        ("Fresh", today - datetime.timedelta(days=30)),
        ("Borderline", today - datetime.timedelta(days=365)),
    ]:
        page = AlternativePageFactory(
            parent=directory["fr"], title=name, slug=name.lower(), postcode="1000", last_verified=verified
        )
        page.categories.set([categories["food"]])
        pages[name] = publish(page)
    long_ago = timezone.now() - datetime.timedelta(days=800)
    ProfilePage.objects.filter(pk=pages["Forgotten"].pk).update(first_published_at=long_ago)
    return pages


def stale_flags(client, query=""):
    response = client.get(f"{FEED}?lang=fr{query}")
    assert response.status_code == 200, response.content
    data = json.loads(response.content)
    return {feature["properties"]["name"]: feature["properties"]["stale"] for feature in data["features"]}


def test_the_feed_flags_stale_profiles(client, freshness):
    assert stale_flags(client) == {"Old": True, "Forgotten": True, "Fresh": False, "Borderline": False}


def test_staleness_changes_with_the_day_even_when_nothing_is_published(client, freshness, monkeypatch):
    assert stale_flags(client)["Borderline"] is False
    first = client.get(f"{FEED}?lang=fr")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    # The cached feed of yesterday is not served: the cache key has the date.
    assert stale_flags(client)["Borderline"] is True
    second = client.get(f"{FEED}?lang=fr")
    midnight = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=timezone.get_current_timezone())
    assert second["Last-Modified"] == http_date(midnight.timestamp())
    assert second["ETag"] != first["ETag"]
    # A client revalidating yesterday's copy by date gets the new one, not a 304.
    revalidated = client.get(f"{FEED}?lang=fr", headers={"if-modified-since": first["Last-Modified"]})
    assert revalidated.status_code == 200


def test_confirming_a_profile_refreshes_the_cached_map(client, freshness, django_capture_on_commit_callbacks):
    assert stale_flags(client)["Old"] is True
    with django_capture_on_commit_callbacks(execute=True):
        mark_verified(freshness["Old"], method="moderator")
    assert stale_flags(client)["Old"] is False


@pytest.mark.parametrize(
    ("query", "expected"),
    [("fresh", ["Borderline", "Fresh"]), ("stale", ["Forgotten", "Old"])],
)
def test_the_freshness_filter_gives_the_same_list_and_map(client, freshness, query, expected):
    content = client.get(f"/fr/carte/?freshness={query}").content.decode()
    assert list_names(content) == expected
    assert map_names(client, content) == expected
    assert f"freshness={query}" in map_config(content)["geojsonUrl"]
    assert f'<option value="{query}" selected>' in content


def test_a_bad_freshness_value_is_explained(client, freshness):
    response = client.get(f"{FEED}?freshness=old")
    assert response.status_code == 400
    assert (
        json.loads(response.content)["errors"]["freshness"] == "Fraîcheur inconnue « old » : utilisez fresh ou stale."
    )
    page = client.get("/fr/carte/?freshness=old")
    assert page.status_code == 400
    assert "Fraîcheur inconnue « old » : utilisez fresh ou stale." in page.content.decode()


def test_the_list_marks_stale_profiles_and_the_legend_explains_the_fading(client, freshness):
    content = client.get("/fr/carte/").content.decode()
    for name, page in freshness.items():
        card = content.split(f'data-profile-id="{page.pk}"')[1].split("</li>")[0]
        assert ("badge-stale" in card) is (name in ("Old", "Forgotten")), name
    assert "Pas vérifiée depuis plus d’un an" in content
    assert "Estompé : pas vérifié depuis plus d’un an" in content
    dutch = client.get("/nl/kaart/").content.decode()
    assert "Vervaagd: al meer dan een jaar niet gecontroleerd" in dutch


def test_the_profile_page_invites_to_check_stale_data(client, freshness):
    stale = client.get(freshness["Old"].url).content.decode()
    assert 'id="profile-stale-notice"' in stale
    assert "Ces informations n’ont pas été vérifiées depuis plus d’un an" in stale
    assert f'href="/fr/collectif/{freshness["Old"].pk}/statistiques/"' in stale
    fresh = client.get(freshness["Fresh"].url).content.decode()
    assert 'id="profile-stale-notice"' not in fresh
