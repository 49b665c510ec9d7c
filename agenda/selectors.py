"""Read-side queries on the agenda: which events a reader sees, their occurrences, filters."""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Q
from django.db.models.functions import Coalesce
from wagtail.models import Locale

from incommon_cms.directory.models import Commune, ProfilePage

from .filtersets import EventFilterSet
from .models import EventPage
from .occurrences import occurrences_between

DEFAULT_HORIZON_DAYS = 90


def _locale(locale):
    if locale is None or isinstance(locale, Locale):
        return locale
    return Locale.objects.filter(language_code=locale).first()


def public_events():
    return EventPage.objects.live().public()


def events_for_locale(locale=None, among=None):
    """Live events for readers of `locale`: its own events plus, for events not translated into it, the version in
    the default language (or any other), so that nothing disappears from an agenda for want of a translation.

    `among` (a queryset of events) narrows the result to the events that are translations of those: the choice of
    version is the same as without it, but only the rows that can matter are loaded.
    """
    locale = _locale(locale)
    queryset = public_events()
    if among is not None:
        queryset = queryset.filter(translation_key__in=among.values("translation_key"))
    events = list(queryset.select_related("locale", "alias_of__locale", "place", "commune").order_by("pk"))
    if locale is None:
        return events
    default_code = Locale.get_default().language_code
    chosen = {}
    for event in events:
        rank = 0 if event.locale_id == locale.pk else 1 if event.locale.language_code == default_code else 2
        key = event.translation_key
        if key not in chosen or rank < chosen[key][0]:
            chosen[key] = (rank, event)
    return [event for _rank, event in sorted(chosen.values(), key=lambda item: item[1].pk)]


def form_filter_params(filters: Mapping[str, Any]) -> dict[str, str]:
    """The agenda form's cleaned values (`forms.FilterForm`: commune by id, `language`) as `EventFilterSet`'s
    parameters."""
    commune = filters.get("commune")
    return {
        "category": filters.get("category") or "",
        "organiser": str(filters["organiser"]) if filters.get("organiser") else "",
        "commune": Commune.objects.filter(pk=commune).values_list("nis_code", flat=True).first() or ""
        if commune
        else "",
        "event_language": filters.get("language") or "",
        "free": "true" if filters.get("free") else "",
    }


def filter_events(events: Iterable[EventPage], filters: Mapping[str, Any]) -> list[EventPage]:
    """The events (a list or queryset) kept by the agenda's filters, given as the agenda form's cleaned values
    (the page, its month view and its feeds); through `filtersets.EventFilterSet`, as the open API's. The form has
    already checked the values: one the filter set refuses is a programming error (ValueError)."""
    events = list(events)
    filterset = EventFilterSet(
        form_filter_params(filters), queryset=EventPage.objects.filter(pk__in=[event.pk for event in events])
    )
    if not filterset.is_valid():
        raise ValueError(filterset.errors)
    kept = set(filterset.qs.values_list("pk", flat=True))
    return [event for event in events if event.pk in kept]


def window_query(start, end):
    """The SQL form of `window_events`, to load only the events that may have an occurrence in [start, end)."""
    margin = start - datetime.timedelta(days=1)
    endless_series = ~Q(rrule="") & Q(series_end__isnull=True)
    return (
        public_events()
        .alias(reach=Coalesce("series_end", "end", "start"))
        .filter(Q(start__lt=end) & (endless_series | Q(reach__gte=margin)))
    )


def window_events(events, start, end):
    """Events that may have an occurrence in [start, end): cheap pre-filter on the first start and the series end."""
    margin = start - datetime.timedelta(days=1)

    def may_reach(event):
        if event.rrule and event.series_end is None:
            return True  # a series without end
        return (event.series_end or event.end or event.start) >= margin

    return [event for event in events if event.start < end and may_reach(event)]


def occurrences(locale=None, start=None, end=None, filters=None, limit=None):
    start = start or datetime.datetime.now(datetime.UTC)
    end = end or start + datetime.timedelta(days=DEFAULT_HORIZON_DAYS)
    events = events_for_locale(locale, among=window_query(start, end))
    if filters:
        events = filter_events(events, filters)
    return occurrences_between(window_events(events, start, end), start, end, limit=limit)


def upcoming_occurrences(locale=None, limit=5):
    """The next occurrences for the home page (items with .title, .url and .start)."""
    now = datetime.datetime.now(datetime.UTC)
    # The next month usually holds enough: only then look a whole year ahead (same result, far fewer events).
    for days in (31, 366):
        found = [o for o in occurrences(locale, now, now + datetime.timedelta(days=days)) if not o.cancelled]
        if len(found) >= limit:
            break
    return found[:limit]


def published_organisers(event):
    """The event's organisers that are published (specific pages): a draft organiser is never named.

    Works on an event loaded from a revision too (previews), whose organisers are not a database queryset."""
    return [profile.specific for profile in event.organisers.all() if profile.live]


def organiser_choices(locale=None):
    """(profile id, name) of the published profiles organising at least one live event, in this locale where
    possible. An unpublished organiser (a proposal, a withdrawn profile) is left out: its name must not show."""
    keys = set(ProfilePage.objects.filter(organised_events__live=True).values_list("translation_key", flat=True))
    profiles = {}
    published = ProfilePage.objects.live().public().filter(translation_key__in=keys)
    for profile in published.select_related("locale").order_by("pk"):
        current = profiles.get(profile.translation_key)
        if current is None or (locale is not None and profile.locale_id == locale.pk):
            profiles[profile.translation_key] = profile
    return sorted(((p.pk, p.title) for p in profiles.values()), key=lambda item: item[1].lower())


def profile_occurrences(profile, limit=5):
    """Next occurrences of events organised by or held at a profile (any of its translations)."""
    ids = set(
        EventPage.objects.live()
        .filter(
            Q(organisers__translation_key=profile.translation_key) | Q(place__translation_key=profile.translation_key)
        )
        .values_list("pk", flat=True)
    )
    among = EventPage.objects.filter(pk__in=ids)
    events = [event for event in events_for_locale(profile.locale, among=among) if event.pk in ids]
    if not events:
        return []
    now = datetime.datetime.now(datetime.UTC)
    return occurrences_between(events, now, now + datetime.timedelta(days=366), limit=limit)
