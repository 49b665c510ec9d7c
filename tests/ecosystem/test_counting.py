"""Privacy-friendly counting: views per page and per day, inbound links per day and referring host."""

import pytest
from django.utils import timezone

from incommon_cms.ecosystem.models import InboundLinkCount, PageViewCount

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0"


def views(page):
    return list(PageViewCount.objects.filter(page_id=page.pk).values_list("date", "count"))


def test_profile_views_are_counted_per_day_without_cookie(client, known_data):
    alpha = known_data["alpha"]
    for _ in range(3):
        response = client.get(alpha.url, HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 200
    assert views(alpha) == [(timezone.localdate(), 3)]
    assert not response.cookies  # nothing set on the visitor
    columns = {field.name for field in PageViewCount._meta.get_fields()}
    assert columns == {"id", "date", "count", "page"}


def test_robots_and_do_not_track_are_not_counted(client, known_data):
    alpha = known_data["alpha"]
    client.get(alpha.url, HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)")
    client.get(alpha.url, HTTP_USER_AGENT=BROWSER, HTTP_DNT="1")
    client.get(alpha.url, HTTP_USER_AGENT=BROWSER, HTTP_SEC_GPC="1")
    assert views(alpha) == []


def test_other_pages_are_not_counted(client, known_data, directory_index):
    client.get(directory_index.url, HTTP_USER_AGENT=BROWSER)
    assert PageViewCount.objects.count() == 0


def test_inbound_links_count_the_referring_host_only(client, settings, known_data):
    settings.ECOSYSTEM_INBOUND_PATHS = {"/healthz": InboundLinkCount.API}
    client.get("/healthz", HTTP_REFERER="https://www.bral.brussels/agenda?user=42#x")
    client.get("/healthz", HTTP_REFERER="https://www.bral.brussels/other")
    client.get("/healthz", HTTP_ORIGIN="https://carto.example.org")
    client.get("/healthz", HTTP_REFERER="http://testserver/fr/")  # our own site
    client.get("/healthz")  # no referrer
    rows = list(InboundLinkCount.objects.order_by("host").values_list("host", "channel", "count", "page_id"))
    assert rows == [("carto.example.org", "api", 1, None), ("www.bral.brussels", "api", 2, None)]


def test_errors_are_not_counted_as_inbound_links(client, settings):
    settings.ECOSYSTEM_INBOUND_PATHS = {"/nowhere": InboundLinkCount.EMBED}
    client.get("/nowhere/", HTTP_REFERER="https://elsewhere.example/")
    assert InboundLinkCount.objects.count() == 0


def test_views_served_from_the_page_cache_are_counted(client, known_data):
    alpha = known_data["alpha"]
    for _ in range(2):  # robots fill the cache (the very first visit also creates the site's settings)
        client.get(alpha.url, HTTP_USER_AGENT="Googlebot/2.1")
    visits = [client.get(alpha.url, HTTP_USER_AGENT=BROWSER) for _ in range(2)]
    assert [visit["X-Page-Cache"] for visit in visits] == ["hit", "hit"]
    assert views(alpha) == [(timezone.localdate(), 2)]
