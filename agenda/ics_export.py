"""iCalendar (RFC 5545) export of events: feeds and single events.

UIDs are stable: an imported event keeps the UID of its source calendar, any other is `event-<translation key>@<host>`
so that the French and Dutch versions of an event are the same calendar entry. Times are given with
TZID=Europe/Brussels and its VTIMEZONE; RRULE, EXDATE and RDATE are kept as such. ORGANIZER is the first organising
collective (its name as CN, its page's address as value); CONTACT names them all.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress, vRecur

from incommon_cms.core.text import html_to_text

from .occurrences import local_naive
from .recurrence import TIMEZONE, parse_date_lines, parse_rule
from .selectors import published_organisers

PRODID = "-//In Common//Agenda//FR"
STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE", "full": "CONFIRMED"}


def site_host():
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "incommon.localhost"


def event_uid(event):
    if event.remote_uid:
        return event.remote_uid
    return f"event-{event.translation_key}@{site_host()}"


def _with_tz(naive):
    return naive.replace(tzinfo=TIMEZONE)


def event_component(event, base_url=""):
    component = Event()
    component.add("uid", event_uid(event))
    stamp = event.last_published_at or event.latest_revision_created_at or datetime.datetime.now(datetime.UTC)
    component.add("dtstamp", stamp.astimezone(datetime.UTC))
    component.add("last-modified", stamp.astimezone(datetime.UTC))
    component.add("summary", event.title)
    description = "\n\n".join(part for part in [event.summary, html_to_text(event.description)] if part)
    if description:
        component.add("description", description)
    start = local_naive(event.start)
    if event.all_day:
        component.add("dtstart", start.date())
        last_day = local_naive(event.end).date() if event.end else start.date()
        component.add("dtend", max(last_day, start.date()) + datetime.timedelta(days=1))
    else:
        component.add("dtstart", _with_tz(start))
        if event.end:
            component.add("dtend", _with_tz(local_naive(event.end)))
    if event.rrule:
        component.add("rrule", vRecur.from_ical(";".join(f"{k}={v}" for k, v in parse_rule(event.rrule).items())))
    for name, text in (("exdate", event.exdates), ("rdate", event.rdates)):
        values = parse_date_lines(text, event.all_day)
        if values:
            component.add(name, values if event.all_day else [_with_tz(value) for value in values])
    component.add("status", STATUS.get(event.status, "CONFIRMED"))
    location = event.location_text
    if location:
        component.add("location", location)
    point = event.point
    if point:
        component.add("geo", point)
    url = event.get_full_url() if not base_url else base_url + event.url
    if url:
        component.add("url", url)
    categories = [category.name for category in event.categories.all()]
    if categories:
        component.add("categories", categories)
    organisers = list(published_organisers(event))
    if organisers:
        organiser = vCalAddress(organisers[0].get_full_url() or organisers[0].url)
        organiser.params["CN"] = organisers[0].title
        component.add("organizer", organiser)
        component.add("contact", ", ".join(profile.title for profile in organisers))
    if event.online_url:
        component.add("x-online-url", event.online_url)
    component.add("class", "PUBLIC")
    return component


def build_calendar(events, name="In Common", description=""):
    """A VCALENDAR with these events and the VTIMEZONE they use."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Brussels")
    if description:
        calendar.add("x-wr-caldesc", description)
    for event in events:
        calendar.add_component(event_component(event))
    calendar.add_missing_timezones()
    return calendar


def calendar_bytes(events, name="In Common", description=""):
    return build_calendar(events, name, description).to_ical()
