"""GeoJSON of the directory: compact features for map markers and popups, built without loading page objects.

    collection = feature_collection(queryset, "fr")       # a dict (RFC 7946 FeatureCollection)
    body, etag, gzipped = cached_feature_collection("fr", filterset)   # bytes, cached until a profile changes

Each feature carries only public data: name, URL, profile type, kind, category slugs, the language the version
shown is written in (`lang`; an untranslated copy's is its source's), whether that is the reader's (`translated`)
and `stale` (true when the profile has not been verified for a long time, see `directory.freshness.stale_q`; the map
fades those markers). Staleness depends on today's date, so the cache key and Last-Modified include it. Labels
(category names and colours, kind and type names) are given once, in the reader's language,
as foreign members of the collection. When a profile's street address is private its marker is placed at its
postcode's centroid instead of its exact position.
"""

import datetime
import gzip
import hashlib
import json
import time
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import BooleanField, Case, QuerySet, Value, When
from django.utils import timezone, translation
from wagtail.models import Locale, Page

from .filtersets import PROFILE_TYPES, ProfileFilterSet
from .freshness import stale_q
from .models import KIND_CHOICES, Category, Postcode, ProfilePage
from .selectors import profiles_for_language

CACHE_VERSION_KEY = "directory:geojson:version"
CACHE_TIMEOUT = 24 * 3600
COORDINATE_PRECISION = 5
LARGE_RESULT = 500

FEATURE_PROPERTIES = ("name", "url", "type", "kind", "categories", "lang", "translated", "stale")


def type_labels() -> dict[str, str]:
    return {
        "alternative": str(PROFILE_TYPES["alternative"]._meta.verbose_name),
        "place": str(PROFILE_TYPES["place"]._meta.verbose_name),
        "good_address": str(PROFILE_TYPES["good_address"]._meta.verbose_name),
    }


def category_legend(language_code: str, slugs: Iterable[str] | None = None) -> dict[str, dict[str, str]]:
    """{slug: {"name", "color"}} in the reader's language (another language's name when untranslated)."""
    preferred = {}
    queryset = Category.objects.select_related("locale").order_by("slug", "pk")
    if slugs is not None:
        queryset = queryset.filter(slug__in=slugs)
    for slug, name, color, code in queryset.values_list("slug", "name", "color", "locale__language_code"):
        if slug not in preferred or code == language_code:
            preferred[slug] = {"name": name, "color": color}
    return dict(sorted(preferred.items(), key=lambda item: item[1]["name"].lower()))


def _parent_urls(parent_paths, base_url):
    urls = {}
    for page in Page.objects.filter(path__in=parent_paths):
        url = page.get_url()
        if url:
            urls[page.path] = base_url + url
    return urls


def _category_slugs(profile_ids):
    """{profile id: [category slugs]} in the order they were chosen."""
    through = ProfilePage.categories.through
    slugs = dict(Category.objects.values_list("pk", "slug"))
    links = through.objects.order_by("pk").values_list("profilepage_id", "category_id")
    if len(profile_ids) <= LARGE_RESULT:
        links = links.filter(profilepage_id__in=profile_ids)
    result = {}
    for profile_id, category_id in links:
        if profile_id in profile_ids:
            result.setdefault(profile_id, []).append(slugs[category_id])
    return result


def with_stale_flag(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """The queryset annotated with `is_stale` (one query for the whole map)."""
    return queryset.annotate(
        is_stale=Case(When(stale_q(today), then=Value(True)), default=Value(False), output_field=BooleanField())
    )


def features(queryset: QuerySet, base_url: str = "", today: datetime.date | None = None) -> list[dict[str, Any]]:
    """The features of the profiles in `queryset` that have coordinates, in a stable order."""
    rows = list(
        with_stale_flag(queryset.filter(latitude__isnull=False, longitude__isnull=False), today)
        .order_by("pk")
        .values_list(
            "pk",
            "title",
            "slug",
            "path",
            "locale_id",
            "content_type_id",
            "kind",
            "latitude",
            "longitude",
            "address_private",
            "postcode",
            "is_stale",
            "alias_of__locale_id",
        )
    )
    if not rows:
        return []
    steplen = Page.steplen
    parent_urls = _parent_urls({row[3][:-steplen] for row in rows}, base_url)
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    types = {ContentType.objects.get_for_model(model).pk: key for key, model in PROFILE_TYPES.items()}
    categories = _category_slugs({row[0] for row in rows})
    centroids = None
    result = []
    reader = translation.get_language()
    for (
        pk,
        title,
        slug,
        path,
        locale_id,
        content_type_id,
        kind,
        latitude,
        longitude,
        private,
        postcode,
        stale,
        source,
    ) in rows:
        if private:
            if centroids is None:
                centroids = {
                    code: (lat, lon) for code, lat, lon in Postcode.objects.values_list("code", "latitude", "longitude")
                }
            latitude, longitude = centroids.get(postcode, (round(latitude, 2), round(longitude, 2)))
        parent_url = parent_urls.get(path[:-steplen])
        result.append(
            {
                "type": "Feature",
                "id": pk,
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(longitude, COORDINATE_PRECISION), round(latitude, COORDINATE_PRECISION)],
                },
                "properties": {
                    "name": title,
                    "url": f"{parent_url}{slug}/" if parent_url else "",
                    "type": types.get(content_type_id, "alternative"),
                    "kind": kind,
                    "categories": categories.get(pk, []),
                    "lang": languages.get(source or locale_id, ""),
                    "translated": languages.get(source or locale_id, "") == reader,
                    "stale": stale,
                },
            }
        )
    return result


def feature_collection(
    queryset: QuerySet, language_code: str, base_url: str = "", today: datetime.date | None = None
) -> dict[str, Any]:
    """A FeatureCollection of `queryset`, with its labels in `language_code`."""
    with translation.override(language_code):
        items = features(queryset, base_url, today)
        used = {slug for feature in items for slug in feature["properties"]["categories"]}
        return {
            "type": "FeatureCollection",
            "features": items,
            "categories": category_legend(language_code, used),
            "kinds": {code: str(label) for code, label in KIND_CHOICES},
            "types": type_labels(),
        }


def dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def cache_version() -> int:
    """A timestamp that changes whenever published directory data changes; also the feed's Last-Modified."""
    version = cache.get(CACHE_VERSION_KEY)
    if version is None:
        version = int(time.time())
        cache.add(CACHE_VERSION_KEY, version, None)
        version = cache.get(CACHE_VERSION_KEY, version)
    return version


def last_modified(today: datetime.date | None = None) -> int:
    """The feed's Last-Modified: the data's version, or the start of today when staleness last changed after it."""
    today = today or timezone.localdate()
    midnight = datetime.datetime.combine(today, datetime.time.min, tzinfo=timezone.get_current_timezone())
    return max(cache_version(), int(midnight.timestamp()))


def invalidate() -> None:
    """Forget every cached feed; called when a profile is published, unpublished, moved or deleted."""
    version = max(int(time.time()), (cache.get(CACHE_VERSION_KEY) or 0) + 1)
    cache.set(CACHE_VERSION_KEY, version, None)


def cached_feature_collection(
    language_code: str, filterset: ProfileFilterSet, base_url: str = ""
) -> tuple[bytes, str, bytes]:
    """(body, etag, gzipped body) of the public feed for this language and the filters of `filterset` (valid),
    cached until published data changes (`cache_version`) or the day changes (staleness)."""
    version = cache_version()
    today = timezone.localdate()
    fingerprint = json.dumps([language_code, filterset.cleaned().as_params(), base_url])
    key = f"directory:geojson:{version}:{today.isoformat()}:{hashlib.sha256(fingerprint.encode()).hexdigest()}"
    cached = cache.get(key)
    if cached is None:
        queryset = filterset.filter_queryset(profiles_for_language(language_code))
        body = dumps(feature_collection(queryset, language_code, base_url, today))
        cached = (body, hashlib.sha256(body).hexdigest()[:32], gzip.compress(body, compresslevel=6, mtime=0))
        cache.set(key, cached, CACHE_TIMEOUT)
    return cached
