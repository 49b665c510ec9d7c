"""What each kind of subscription follows: how its filters are checked when subscribing, and which items are new.

A subscription keeps the filters of the view it was taken from as a query string (the map's: `bbox`, `category`,
`kind`, `commune`, `tag`...; the agenda's: `category`, `organiser`, `commune`, `language`, `free`; the toolbox's:
`theme`). They are read by the same code as the pages themselves (the directory's `ProfileFilterSet`, the agenda's
`FilterForm` and `filter_events`), so an alert shows what the page would show. `clean_query` normalises them (or
raises ValidationError with the page's own reason); `new_items` lists what changed since a moment, each item with a
key naming its version, so that the send log can tell an update from an item already sent.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from agenda.forms import FilterForm
from agenda.selectors import events_for_locale, filter_events, public_events
from incommon_cms.directory.filtersets import ProfileFilterSet
from incommon_cms.directory.selectors import public_profiles
from incommon_cms.governance.models import Decision
from toolbox.models import KnowledgeItemPage, ToolPage, ToolTheme
from toolbox.selectors import one_per_translation

from .models import Subscription

AGENDA_PARAMETERS = ("category", "organiser", "commune", "language", "free")
UPCOMING_DAYS = 90


@dataclass
class Item:
    key: str
    section: str
    title: str
    url: str
    detail: str = ""


def clean_query(topic, query):
    """The normalised query string of a view's filters, or ValidationError with the reasons refused."""
    data = QueryDict(query or "")
    if topic == Subscription.MAP:
        filterset = ProfileFilterSet(data, queryset=public_profiles())
        if not filterset.is_valid():
            raise ValidationError(list(filterset.reasons().values()))
        return urlencode(filterset.cleaned().as_params())
    if topic == Subscription.AGENDA:
        form = FilterForm({key: data.get(key) for key in AGENDA_PARAMETERS if data.get(key)})
        if not form.is_valid():
            raise ValidationError([str(error) for errors in form.errors.values() for error in errors])
        return urlencode([(key, form.data[key]) for key in AGENDA_PARAMETERS if key in form.data])
    if topic == Subscription.TOOLBOX:
        theme = data.get("theme", "")
        if theme and not ToolTheme.objects.filter(slug=theme).exists():
            raise ValidationError(_("Unknown theme “%(value)s”."), params={"value": theme})
        return urlencode([("theme", theme)]) if theme else ""
    return ""


def _pages_url(page):
    return page.full_url or ""


def _profiles(queryset, since, locale):
    pages = queryset.filter(last_published_at__gt=since)
    chosen = one_per_translation(pages, locale)
    profiles = public_profiles().filter(pk__in=[page.pk for page in chosen]).order_by("title").specific()
    return [
        Item(
            key=f"profile:{page.translation_key}:{page.live_revision_id}",
            section="profiles",
            title=page.title,
            url=_pages_url(page),
            detail=getattr(page, "short_description", "") or "",
        )
        for page in profiles
    ]


def _events(filters, since, locale, organiser=None):
    now = timezone.now()
    changed = public_events().filter(last_published_at__gt=since)
    if organiser is not None:
        changed = changed.filter(organisers__translation_key=organiser.translation_key)
    events = events_for_locale(locale, among=changed)
    horizon = now + datetime.timedelta(days=UPCOMING_DAYS)
    events = [
        event
        for event in events
        if event.start < horizon
        and ((event.rrule and event.series_end is None) or (event.series_end or event.end or event.start) >= now)
    ]
    if filters:
        events = filter_events(events, filters)
    return [
        Item(
            key=f"event:{event.translation_key}:{event.live_revision_id}",
            section="events",
            title=event.title,
            url=_pages_url(event),
            detail=timezone.localtime(event.start).strftime("%d/%m/%Y %H:%M"),
        )
        for event in sorted(events, key=lambda event: event.start)
    ]


def _decisions(since, profile=None):
    decisions = Decision.objects.filter(created_at__gt=since).order_by("created_at")
    if profile is not None:
        decisions = decisions.filter(profile__translation_key=profile.translation_key)
    return [
        Item(
            key=f"decision:{decision.pk}",
            section="decisions",
            title=f"{decision.get_action_display()}: {decision.target_title}".rstrip(": "),
            url=decision.target_url,
            detail=decision.reason,
        )
        for decision in decisions
    ]


def _toolbox(theme, since, locale):
    items = []
    for model in (ToolPage, KnowledgeItemPage):
        pages = model.objects.live().public().filter(last_published_at__gt=since)
        if theme:
            pages = pages.filter(themes__slug=theme)
        for page in one_per_translation(pages.distinct(), locale):
            items.append(
                Item(
                    key=f"{model._meta.model_name}:{page.translation_key}:{page.live_revision_id}",
                    section="toolbox",
                    title=page.title,
                    url=_pages_url(page),
                )
            )
    return sorted(items, key=lambda item: item.title)


def new_items(subscription, since):
    """The items of the subscription's view published or changed after `since`, in the subscriber's language."""
    locale = Locale.objects.filter(language_code=subscription.language).first()
    data = QueryDict(subscription.query or "")
    if subscription.topic == Subscription.MAP:
        filterset = ProfileFilterSet(data, queryset=public_profiles())
        if not filterset.is_valid():
            return []
        return _profiles(filterset.qs, since, locale)
    if subscription.topic == Subscription.AGENDA:
        form = FilterForm({key: data.get(key) for key in AGENDA_PARAMETERS if data.get(key)})
        if not form.is_valid():
            return []
        return _events(form.cleaned_data, since, locale)
    if subscription.topic == Subscription.COLLECTIVE:
        profile = subscription.collective
        if profile is None:
            return []
        profiles = public_profiles().filter(translation_key=profile.translation_key)
        return _profiles(profiles, since, locale) + _events({}, since, locale, profile) + _decisions(since, profile)
    if subscription.topic == Subscription.TOOLBOX:
        return _toolbox(data.get("theme", ""), since, locale)
    if subscription.topic == Subscription.DECISIONS:
        return _decisions(since)
    return []
