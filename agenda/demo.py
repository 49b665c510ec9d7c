"""Demo builder of the agenda: events dated relative to today, with their organisers, places and categories.

The content is in `demo_data/agenda.json`; see `incommon_cms.core.demo_loader` for the format. Later records find the
events in `ctx.shared["events"]` (a list of {language: page}).
"""

import datetime

from incommon_cms.core.demo_loader import demo_builder
from incommon_cms.core.demo_utils import translated_page

from .models import EventPage
from .recurrence import TIMEZONE


def _in(pages, code):
    return pages.get(code) or pages["fr"]


@demo_builder("agenda.event")
def event(
    ctx,
    *,
    parent,
    title,
    slug,
    days_from_today,
    time=None,
    hours=None,
    days=None,
    organiser=None,
    place=None,
    categories=(),
    rrule="",
    status=EventPage.SCHEDULED,
    price_kind="",
    event_languages=("fr",),
    address=None,
):
    """An event in each language of `title`: at `time` ("HH:MM", Brussels time) for `hours`, or all day for `days`.

    `organiser` and `place` name profiles (in the reader's language when translated); without a place, the event
    has its own `address`.
    """
    day = datetime.date.today() + datetime.timedelta(days=days_from_today)
    if time is None:
        start = datetime.datetime.combine(day, datetime.time(), TIMEZONE)
        end = start + datetime.timedelta(days=days - 1)
    else:
        start = datetime.datetime.combine(day, datetime.time.fromisoformat(time), TIMEZONE)
        end = start + datetime.timedelta(hours=hours)
    profiles = ctx.shared.get("profiles", {})
    known = ctx.shared.get("categories", {})
    fields = {
        code: {
            "start": start,
            "end": end,
            "all_day": time is None,
            "rrule": rrule,
            "status": status,
            "price_kind": price_kind,
            "event_languages": list(event_languages),
            "organisers": [_in(profiles[organiser], code)] if organiser in profiles else [],
            "place": _in(profiles[place], code) if place in profiles else None,
            "categories": [known[category][code] for category in categories if category in known],
            **(address or {}),
        }
        for code in title
    }
    pages = translated_page(ctx.pages[parent]["fr"], EventPage, slug, title, fields, tuple(title))
    ctx.shared.setdefault("events", []).append(pages)
