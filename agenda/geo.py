"""The events on maps: GeoJSON of the upcoming events with a position, and the events layer of the directory map.

    data = feature_collection(locale, start, end, filters)   # the /agenda/events.geojson body
    start, end = window(first_day, last_day, days)            # the date window of the feed (aware date-times)

Each event appears once, at its next occurrence in the window, in the reader's language when it is translated
(else in the default language). The directory map's events layer (`directory_map_layer`, registered with
`directory.layers`) reads the same feed and lists the same events for readers who do not use the map.
"""

import datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from incommon_cms.directory.models import Commune

from . import selectors
from .models import AgendaIndexPage, EventPage
from .recurrence import TIMEZONE

DEFAULT_COLOR = "#2f6f4f"
FEED_DEFAULT_DAYS = selectors.DEFAULT_HORIZON_DAYS
MAX_DAYS = 366
LAYER_PARAM = "events"
LAYER_DEFAULT_DAYS = 30
LAYER_CHOICES = [
    ("7", gettext_lazy("Next 7 days")),
    ("30", gettext_lazy("Next 30 days")),
    ("90", gettext_lazy("Next 90 days")),
    ("none", gettext_lazy("No events")),
]
LIST_LIMIT = 50


def parse_days(value, default=FEED_DEFAULT_DAYS):
    """(days, error) from a `days` query parameter: a whole number from 1 to 366; `default` when empty."""
    value = (value or "").strip()
    if not value:
        return default, None
    if value.isdigit() and 1 <= int(value) <= MAX_DAYS:
        return int(value), None
    return default, _("The number of days must be a whole number from 1 to %(max)d.") % {"max": MAX_DAYS}


def _local_midnight(day):
    return datetime.datetime.combine(day, datetime.time(), TIMEZONE)


def window(first_day=None, last_day=None, days=FEED_DEFAULT_DAYS, now=None):
    """[start, end) of the feed: from `first_day` (else now) to the end of `last_day` (else `days` later)."""
    now = now or timezone.now()
    start = _local_midnight(first_day) if first_day else now
    if last_day:
        end = _local_midnight(last_day + datetime.timedelta(days=1))
    else:
        end = (_local_midnight(first_day) if first_day else now) + datetime.timedelta(days=days)
    return start, end


def _category_slugs(event_ids):
    """{event id: [category slugs]} in the order they were chosen, in one query."""
    through = EventPage.categories.through
    result = {}
    rows = through.objects.filter(eventpage_id__in=event_ids).order_by("pk")
    for event_id, slug, color in rows.values_list("eventpage_id", "category__slug", "category__color"):
        result.setdefault(event_id, []).append((slug, color))
    return result


def when_text(occurrence):
    start = occurrence.local_start
    return date_format(start, "l j F" if occurrence.all_day else "l j F, H:i")


def features(locale, start, end, filters=None):
    """One feature per event with a position, at its first occurrence in [start, end), by start time."""
    found = selectors.occurrences(locale, start, end, filters)
    chosen, seen = [], set()
    for occurrence in found:
        event = occurrence.event
        if event.pk in seen:
            continue
        point = event.point
        if point is None:
            continue
        seen.add(event.pk)
        chosen.append((occurrence, point))
    categories = _category_slugs([occurrence.event.pk for occurrence, _point in chosen])
    result = []
    for occurrence, (latitude, longitude) in chosen:
        event = occurrence.event
        event_categories = categories.get(event.pk, [])
        result.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(longitude, 5), round(latitude, 5)]},
                "properties": {
                    "id": event.pk,
                    "title": event.title,
                    "url": event.url,
                    "start": occurrence.local_start.isoformat(),
                    "all_day": occurrence.all_day,
                    "when": when_text(occurrence),
                    "place": event.location_text,
                    "status": event.status,
                    "status_label": str(event.get_status_display()) if event.status != event.SCHEDULED else "",
                    "categories": [slug for slug, _color in event_categories],
                    "color": event_categories[0][1] if event_categories else DEFAULT_COLOR,
                    "language": event.locale.language_code,
                },
            }
        )
    return result


def feature_collection(locale, start, end, filters=None):
    return {
        "type": "FeatureCollection",
        "features": features(locale, start, end, filters),
        "window": {"start": start.astimezone(TIMEZONE).isoformat(), "end": end.astimezone(TIMEZONE).isoformat()},
    }


# The events layer of the directory map


def _layer_days(params):
    """(days or None when the layer is switched off, error)."""
    value = (params.get(LAYER_PARAM) or "").strip()
    if not value:
        return LAYER_DEFAULT_DAYS, None
    if value == "none":
        return None, None
    if value in dict(LAYER_CHOICES):
        return int(value), None
    choices = ", ".join(code for code, _label in LAYER_CHOICES)
    return LAYER_DEFAULT_DAYS, _("Unknown period of events “%(value)s”: use one of %(choices)s.") % {
        "value": value,
        "choices": choices,
    }


def _agenda_filters(filters):
    """The directory filters the events follow: the commune (one category is applied to the feed too)."""
    agenda_filters, params = {}, []
    if filters.commune:
        commune = Commune.objects.filter(nis_code=filters.commune).values_list("pk", flat=True).first()
        if commune:
            agenda_filters["commune"] = commune
            params.append(("commune", commune))
    if len(filters.categories) == 1:
        agenda_filters["category"] = filters.categories[0]
        params.append(("category", filters.categories[0]))
    return agenda_filters, params


def directory_map_layer(request, language, filters):
    """The events layer of the directory map: its config for the map script, its legend and its list."""
    locale = Locale.objects.filter(language_code=language).first()
    days, error = _layer_days(request.GET)
    chosen = request.GET.get(LAYER_PARAM, "").strip() if not error else ""
    context = {
        "choices": [(code, str(label)) for code, label in LAYER_CHOICES],
        "selected": chosen or str(LAYER_DEFAULT_DAYS),
        "default": str(LAYER_DEFAULT_DAYS),
        "params": [(LAYER_PARAM, chosen)] if chosen else [],
        "errors": {LAYER_PARAM: error} if error else {},
        "days": days,
    }
    if days is None:
        return context
    agenda_filters, params = _agenda_filters(filters)
    start, end = window(days=days)
    items = features(locale, start, end, agenda_filters)
    if filters.categories:
        wanted = set(filters.categories)
        items = [item for item in items if wanted.intersection(item["properties"]["categories"])]
    index = _agenda_page(locale)
    context.update(
        items=items[:LIST_LIMIT],
        count=len(items),
        more=len(items) > LIST_LIMIT,
        agenda_url=index.url if index else "",
        config={
            "key": "events",
            "url": f"{reverse('agenda_geojson')}?{urlencode([('lang', language), ('days', days), *params])}",
            "categories": filters.categories,
            "toggle": "map-layer-events",
        },
    )
    return context


def _agenda_page(locale):
    pages = AgendaIndexPage.objects.live().public()
    return (pages.filter(locale=locale).first() if locale else None) or pages.order_by("pk").first()
