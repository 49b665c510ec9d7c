"""Expanding events into their occurrences, in Brussels wall-clock time.

Recurrences are computed on naive local date-times and only then given the Europe/Brussels zone, so a weekly
event at 19:00 stays at 19:00 on both sides of a daylight-saving change.
"""

import datetime
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from dateutil.rrule import rruleset, rrulestr
from django.utils.translation import gettext as _

from .recurrence import TIMEZONE, RecurrenceError, parse_date_lines, parse_rule, parse_until

MAX_OCCURRENCES = 5000


class EventLike(Protocol):
    """What expanding needs of an event: an EventPage, or a stand-in with the same fields (ics_import's probe)."""

    start: datetime.datetime
    end: datetime.datetime | None
    all_day: bool
    rrule: str
    exdates: str
    rdates: str


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of an event. `end` is exclusive; all-day occurrences run from midnight to midnight."""

    event: Any
    start: datetime.datetime
    end: datetime.datetime
    all_day: bool

    @property
    def title(self) -> str:
        return self.event.title

    @property
    def url(self) -> str:
        return self.event.url

    @property
    def cancelled(self) -> bool:
        return self.event.status == "cancelled"

    @property
    def local_start(self) -> datetime.datetime:
        return self.start.astimezone(TIMEZONE)

    @property
    def local_end(self) -> datetime.datetime:
        return self.end.astimezone(TIMEZONE)

    @property
    def days(self) -> list[datetime.date]:
        """The local dates this occurrence covers."""
        first = self.local_start.date()
        last = (self.local_end - datetime.timedelta(microseconds=1)).date() if self.end > self.start else first
        return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]

    @property
    def multi_day(self) -> bool:
        return len(self.days) > 1


def local_naive(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(TIMEZONE).replace(tzinfo=None)


def aware(naive: datetime.datetime) -> datetime.datetime:
    return naive.replace(tzinfo=TIMEZONE)


def _span(event):
    """(naive local start, duration) of the first occurrence."""
    start = local_naive(event.start)
    if event.all_day:
        start = datetime.datetime.combine(start.date(), datetime.time())
        last_day = local_naive(event.end).date() if event.end else start.date()
        days = max((last_day - start.date()).days, 0) + 1
        return start, datetime.timedelta(days=days)
    end = local_naive(event.end) if event.end else start
    return start, max(end - start, datetime.timedelta())


def _normalised_rule(rule, all_day):
    """The RRULE with UNTIL as a naive local value, as dateutil wants it with a naive DTSTART."""
    parts = parse_rule(rule)
    if "UNTIL" in parts:
        until = parse_until(parts["UNTIL"])
        if not isinstance(until, datetime.datetime):
            until = datetime.datetime.combine(until, datetime.time(23, 59, 59))
        parts["UNTIL"] = until.strftime("%Y%m%dT%H%M%S")
    return ";".join(f"{name}={value}" for name, value in parts.items())


def recurrence_set(event: EventLike) -> rruleset:
    """The dateutil rruleset of naive local starts, with exceptions and extra dates."""
    start, _duration = _span(event)
    rules = rruleset()
    if event.rrule:
        try:
            rules.rrule(rrulestr(_normalised_rule(event.rrule, event.all_day), dtstart=start))
        except (ValueError, TypeError) as error:
            raise RecurrenceError(
                _("The recurrence rule %(rule)s cannot be read (%(error)s).") % {"rule": event.rrule, "error": error}
            ) from error
    rules.rdate(start)
    for extra in parse_date_lines(event.rdates, event.all_day):
        rules.rdate(_as_datetime(extra, start))
    for excluded in parse_date_lines(event.exdates, event.all_day):
        rules.exdate(_as_datetime(excluded, start))
    return rules


def _as_datetime(value, start):
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.combine(value, start.time())


def is_finite(event: EventLike) -> bool:
    if not event.rrule:
        return True
    parts = parse_rule(event.rrule)
    return "UNTIL" in parts or "COUNT" in parts


def series_end(event: EventLike) -> datetime.datetime | None:
    """When the last occurrence ends (aware), or None for a series without end."""
    _start, duration = _span(event)
    if not is_finite(event):
        return None
    starts = list(itertools.islice(recurrence_set(event), MAX_OCCURRENCES))
    return aware(starts[-1] + duration) if starts else None


def expand(event: EventLike, window_start: datetime.datetime, window_end: datetime.datetime) -> list[Occurrence]:
    """The occurrences of `event` overlapping [window_start, window_end) (aware date-times)."""
    start, duration = _span(event)
    try:
        rules = recurrence_set(event)
    except RecurrenceError:
        rules = None
    if rules is None:
        starts = [start]
    else:
        lower = local_naive(window_start) - duration - datetime.timedelta(days=1)
        upper = local_naive(window_end) + datetime.timedelta(days=1)
        starts = list(itertools.islice(rules.xafter(lower, inc=True), MAX_OCCURRENCES))
        starts = [value for value in starts if value <= upper]
    found = []
    for naive_start in starts:
        occurrence_start = aware(naive_start)
        occurrence_end = aware(naive_start + duration)
        empty = occurrence_end == occurrence_start
        if occurrence_start < window_end and (
            occurrence_end > window_start or (empty and occurrence_start >= window_start)
        ):
            found.append(Occurrence(event, occurrence_start, occurrence_end, event.all_day))
    return found


def occurrences_between(
    events: Iterable[EventLike],
    window_start: datetime.datetime,
    window_end: datetime.datetime,
    limit: int | None = None,
) -> list[Occurrence]:
    """Every occurrence of these events in the window, by start time."""
    found = []
    for event in events:
        found.extend(expand(event, window_start, window_end))
    found.sort(key=lambda occurrence: (occurrence.start, occurrence.title))
    return found[:limit] if limit else found


def next_occurrences(
    event: EventLike, after: datetime.datetime | None = None, limit: int = 10, horizon_days: int = 366
) -> list[Occurrence]:
    after = after or datetime.datetime.now(datetime.UTC)
    return occurrences_between([event], after, after + datetime.timedelta(days=horizon_days), limit=limit)


def group_by_day(
    occurrences: Iterable[Occurrence], first_day: datetime.date | None = None, last_day: datetime.date | None = None
) -> list[tuple[datetime.date, list[Occurrence]]]:
    """[(date, [occurrences])] with multi-day occurrences listed on each of their days within the bounds."""
    days = {}
    for occurrence in occurrences:
        for day in occurrence.days:
            if (first_day and day < first_day) or (last_day and day > last_day):
                continue
            days.setdefault(day, []).append(occurrence)
    return sorted(days.items())
