"""Snapshot of every open-data answer on the demo site: the /api/v1/ lists and records in each format, the map's
GeoJSON feeds and the agenda's iCalendar feeds, with a set of filters and of refused filter values.

It guards refactors that must not change what reusers download (serializers, filter sets, the demo content, the
calendar pipeline): any difference fails with a diff. The OpenAPI schema is left out on purpose.

The demo is loaded once per module on an emptied database (sequences reset, so ids do not depend on the tests that
ran before) at a frozen moment, and the requests run at that same moment: the demo's dates are relative to today. Searching (`q`) is left out: the
search index is written on commit, and this transaction never commits.

After a deliberate change of output: `INCOMMON_UPDATE_SNAPSHOTS=1 pytest tests/commons/test_api_snapshot.py`
rewrites the files under tests/commons/snapshots/; review and commit their diff with the change.
"""

import datetime
import difflib
import io
import json
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from openpyxl import load_workbook

from agenda.models import EventPage
from incommon_cms.core.site_setup import ensure_default_site
from incommon_cms.directory.models import Category, ProfilePage
from toolbox.models import KnowledgeItemPage, ToolPage, ToolTheme

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("INCOMMON_UPDATE_SNAPSHOTS") == "1"
NOW = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=ZoneInfo("Europe/Brussels"))
LANGUAGES = ("fr", "nl", "en")
PROFILE_RESOURCES = ("profiles", "alternatives", "places", "good-addresses")
PROFILE_FORMATS = ("json", "geojson", "jsonld", "csv", "xlsx")
HEADERS = ("Content-Type", "Content-Disposition", "Last-Modified")


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    """An empty media directory: files the demo uploads keep their names (no suffix against an earlier run's)."""
    return tmp_path_factory.mktemp("snapshot-media")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, media_root):
    """The demo site, built once for the module inside a transaction rolled back at its end."""
    with (
        django_db_blocker.unblock(),
        time_machine.travel(NOW, tick=False),
        override_settings(INCOMMON_TRANSLATION_ALIASES=True, MEDIA_ROOT=media_root),
        transaction.atomic(),
    ):
        # The flush recreates the content types under new ids: the cache of ids must be forgotten on the way in
        # and on the way out (after the rollback), or pages would be read as the wrong model.
        ContentType.objects.clear_cache()
        call_command("flush", interactive=False, verbosity=0)
        ContentType.objects.clear_cache()
        ensure_default_site()
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
    ContentType.objects.clear_cache()


@pytest.fixture
def frozen(demo, db, media_root):
    with (
        time_machine.travel(NOW, tick=False),
        override_settings(INCOMMON_TRANSLATION_ALIASES=True, MEDIA_ROOT=media_root),
    ):
        yield


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def normalise(text):
    """What legitimately changes from one run to the next: random identifiers drawn when the demo is built (Wagtail's
    translation keys, which the events' iCalendar UIDs reuse), numbered by first appearance so that equal keys stay
    equal; the moment an iCalendar file was generated."""
    numbers = {}
    text = UUID.sub(lambda match: f"<uuid-{numbers.setdefault(match[0], len(numbers) + 1)}>", text)
    return re.sub(r"^DTSTAMP:.*$", "DTSTAMP:<generated>", text, flags=re.MULTILINE)


def body_text(response):
    content_type = response.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in content_type:
        workbook = load_workbook(io.BytesIO(content))
        return json.dumps(
            {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook},
            ensure_ascii=False,
            indent=1,
            default=str,
        )
    text = content.decode()
    if "json" in content_type:
        return json.dumps(json.loads(text), ensure_ascii=False, indent=1)
    return text.replace("\r\n", "\n")


def capture(client, urls):
    parts = []
    for url in urls:
        response = client.get(url)
        headers = "".join(f"{name}: {response[name]}\n" for name in HEADERS if response.has_header(name))
        parts.append(f"=== GET {url}\n{response.status_code}\n{headers}\n{body_text(response)}\n")
    return normalise("\n".join(parts))


def check(name, text):
    path = SNAPSHOTS / f"{name}.txt"
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(text)
        return
    assert path.exists(), f"No snapshot {path.name}: run with INCOMMON_UPDATE_SNAPSHOTS=1 to write it."
    expected = path.read_text()
    if text != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), text.splitlines(), f"{name} (snapshot)", f"{name} (now)", lineterm=""
        )
        pytest.fail("The answers differ from the snapshot:\n" + "\n".join(list(diff)[:300]), pytrace=False)


def profile_ids(resource):
    queryset = ProfilePage.objects.live().public().filter(alias_of__isnull=True)
    model = {"alternatives": "alternativepage", "places": "placepage", "good-addresses": "goodaddresspage"}
    if resource in model:
        queryset = queryset.filter(content_type__model=model[resource])
    return list(queryset.order_by("pk").values_list("pk", flat=True))


@pytest.mark.parametrize("resource", PROFILE_RESOURCES)
def test_profile_lists(frozen, client, resource):
    urls = [f"/api/v1/{resource}/?lang={lang}&limit=500" for lang in LANGUAGES]
    urls += [f"/api/v1/{resource}/", f"/api/v1/{resource}/?limit=5&offset=5"]
    urls += [f"/api/v1/{resource}/?format={fmt}" for fmt in PROFILE_FORMATS[1:]]
    urls += [f"/api/v1/{resource}/?format={fmt}&lang=nl" for fmt in ("geojson", "jsonld")]
    check(f"{resource}-list", capture(client, urls))


@pytest.mark.parametrize("fmt", PROFILE_FORMATS)
def test_profile_records(frozen, client, fmt):
    urls = [f"/api/v1/profiles/{pk}/?format={fmt}" for pk in profile_ids("profiles")]
    if fmt == "json":
        urls += [f"/api/v1/profiles/{pk}/?lang=nl" for pk in profile_ids("profiles")]
        urls += [f"/api/v1/{resource}/{profile_ids(resource)[0]}/" for resource in PROFILE_RESOURCES[1:]]
    check(f"profiles-detail-{fmt}", capture(client, urls))


def test_categories(frozen, client):
    urls = [f"/api/v1/categories/?lang={lang}" for lang in LANGUAGES]
    slugs = sorted(set(Category.objects.values_list("slug", flat=True)))
    urls += [f"/api/v1/categories/{slug}/?lang={lang}" for slug in slugs for lang in ("fr", "nl")]
    check("categories", capture(client, urls))


def event_ids():
    return list(
        EventPage.objects.live().public().filter(alias_of__isnull=True).order_by("pk").values_list("pk", flat=True)
    )


def test_event_lists(frozen, client):
    urls = [f"/api/v1/events/?lang={lang}&limit=500" for lang in LANGUAGES]
    urls += [
        "/api/v1/events/",
        "/api/v1/events/?occurrences=true&limit=500",
        "/api/v1/events/?start=2026-01-01&end=2026-12-31&limit=500",
        "/api/v1/events/?format=ics",
        "/api/v1/events/?format=ics&lang=nl",
    ]
    check("events-list", capture(client, urls))


@pytest.mark.parametrize("fmt", ("json", "ics"))
def test_event_records(frozen, client, fmt):
    urls = [f"/api/v1/events/{pk}/?format={fmt}" for pk in event_ids()]
    if fmt == "json":
        urls += [f"/api/v1/events/{pk}/?lang=nl" for pk in event_ids()]
    check(f"events-detail-{fmt}", capture(client, urls))


@pytest.mark.parametrize(("resource", "model"), [("tools", ToolPage), ("knowledge", KnowledgeItemPage)])
def test_toolbox(frozen, client, resource, model):
    urls = [f"/api/v1/{resource}/?lang={lang}&limit=500" for lang in LANGUAGES]
    urls += [f"/api/v1/{resource}/?format=json"]
    ids = model.objects.live().public().filter(alias_of__isnull=True).order_by("pk").values_list("pk", flat=True)
    urls += [f"/api/v1/{resource}/{pk}/?lang={lang}" for pk in ids for lang in ("fr", "nl")]
    check(resource, capture(client, urls))


def test_map_and_calendar_feeds(frozen, client):
    urls = [
        "/geo/profiles.geojson",
        *(f"/geo/profiles.geojson?lang={lang}" for lang in LANGUAGES),
        "/agenda/events.geojson",
        *(f"/agenda/events.geojson?lang={lang}" for lang in LANGUAGES),
        "/agenda/feed.ics",
        *(f"/agenda/feed.ics?lang={lang}" for lang in LANGUAGES),
    ]
    organisers = sorted(set(EventPage.objects.live().exclude(organisers=None).values_list("organisers", flat=True)))
    urls += [f"/agenda/feed/organiser/{pk}.ics" for pk in organisers]
    slugs = sorted(set(Category.objects.values_list("slug", flat=True)))
    urls += [f"/agenda/feed/category/{slug}.ics" for slug in slugs]
    urls += [f"/agenda/events/{pk}.ics" for pk in event_ids()]
    check("feeds", capture(client, urls))


def first(queryset, field):
    return queryset.values_list(field, flat=True).first()


def test_filters(frozen, client):
    """The filters of each endpoint with values found in the demo, and refused values (400 with a reason)."""
    profiles, events = ProfilePage.objects.live().order_by("pk"), EventPage.objects.live().order_by("pk")
    category = first(Category.objects.order_by("slug"), "slug")
    commune = first(profiles.exclude(commune=None), "commune__nis_code")
    tag = first(profiles.filter(tags__isnull=False), "tags__name")
    kind = first(profiles.exclude(kind=""), "kind")
    organiser = first(events.exclude(organisers=None).order_by("pk", "organisers"), "organisers")
    event_commune = first(events.exclude(commune=None), "commune__nis_code")
    theme = first(ToolTheme.objects.order_by("slug"), "slug")
    urls = [
        f"/api/v1/profiles/?category={category}&limit=500",
        f"/api/v1/profiles/?category={category},repair-reuse&limit=500",
        f"/api/v1/profiles/?commune={commune}&limit=500",
        f"/api/v1/profiles/?tag={tag}&limit=500",
        f"/api/v1/profiles/?kind={kind}&limit=500",
        "/api/v1/profiles/?type=place&limit=500",
        "/api/v1/profiles/?freshness=fresh&limit=500",
        "/api/v1/profiles/?freshness=stale&limit=500",
        "/api/v1/profiles/?bbox=4.33,50.83,4.37,50.86&limit=500",
        "/api/v1/profiles/?updated_since=2026-03-01&limit=500",
        "/api/v1/profiles/?updated_since=2026-03-03&limit=500",
        f"/api/v1/places/?category={category}&format=geojson",
        "/api/v1/profiles/?category=no-such-theme",
        "/api/v1/profiles/?commune=99999",
        "/api/v1/profiles/?type=castle",
        "/api/v1/profiles/?freshness=rotten",
        "/api/v1/profiles/?bbox=1,2,3",
        "/api/v1/profiles/?updated_since=yesterday",
        "/api/v1/profiles/?lang=de",
        "/api/v1/profiles/?limit=abc",
        f"/api/v1/events/?category={category}&limit=500",
        f"/api/v1/events/?organiser={organiser}&limit=500",
        f"/api/v1/events/?commune={event_commune}&limit=500",
        "/api/v1/events/?event_language=nl&limit=500",
        "/api/v1/events/?free=true&limit=500",
        "/api/v1/events/?start=2026-03-10T18:00&end=2026-04-01&occurrences=true&limit=500",
        "/api/v1/events/?updated_since=2026-03-01&limit=500",
        f"/api/v1/events/?category={category}&format=ics",
        "/api/v1/events/?category=no-such-theme",
        "/api/v1/events/?organiser=abc",
        "/api/v1/events/?commune=1",
        "/api/v1/events/?event_language=xx",
        "/api/v1/events/?free=maybe",
        "/api/v1/events/?start=2026-13-01",
        "/api/v1/events/?start=2026-05-01&end=2026-04-01",
        "/api/v1/events/?start=2026-01-01&end=2030-01-01",
        f"/api/v1/tools/?theme={theme}",
        "/api/v1/tools/?audience=newcomers",
        "/api/v1/tools/?group_size=small",
        "/api/v1/tools/?duration=short",
        "/api/v1/tools/?difficulty=easy",
        "/api/v1/tools/?audience=everyone&duration=day",
        "/api/v1/tools/?updated_since=2026-03-01",
        "/api/v1/tools/?theme=no-such-theme",
        "/api/v1/tools/?audience=martians",
        f"/api/v1/knowledge/?theme={theme}",
        "/api/v1/knowledge/?item_type=publication",
        "/api/v1/knowledge/?document_language=nl",
        "/api/v1/knowledge/?item_type=poem",
        f"/geo/profiles.geojson?category={category}",
        f"/geo/profiles.geojson?commune={commune}",
        f"/geo/profiles.geojson?kind={kind}",
        "/geo/profiles.geojson?type=good_address",
        "/geo/profiles.geojson?freshness=stale",
        "/geo/profiles.geojson?bbox=4.33,50.83,4.37,50.86",
        "/geo/profiles.geojson?category=no-such-theme",
        "/geo/profiles.geojson?bbox=nowhere",
        f"/agenda/events.geojson?category={category}",
        "/agenda/events.geojson?days=7",
        "/agenda/events.geojson?days=many",
        "/agenda/events.geojson?free=1",
        "/agenda/events.geojson?language=nl",
        "/agenda/events.geojson?organiser=abc",
        "/agenda/feed.ics?start=2026-04-01&end=2026-04-30",
        "/agenda/feed.ics?start=someday",
        f"/agenda/feed.ics?category={category}",
        "/agenda/feed.ics?free=1",
        "/agenda/feed.ics?category=no-such-theme",
    ]
    check("filters", capture(client, urls))
