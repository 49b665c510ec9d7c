"""iCalendar import: events of a calendar become events of an organiser, updated in place by UID.

`import_calendar(ics_bytes, organiser=..., source=...)` is the one entry point: the platform's calendar pipeline, the
calendar sources of the data commons (`commons/calendars.py`, which fetches, reports and withdraws), calls it. A run is all or nothing: a file that is not iCalendar, or a time zone that cannot
be resolved, changes nothing and the report says why. A single event that cannot be read (no start, end before
start, broken rule, unreadable line) is skipped with a warning and its copy from an earlier run is kept as it was.

Moved or edited occurrences (RECURRENCE-ID) become exceptions of their series plus events of their own
(UID `<uid>/<recurrence-id>`), each a single occurrence; cancelled occurrences become exceptions only. A VEVENT
with lines the icalendar library cannot read is skipped naming its UID and summary, the others are read.
"""

import datetime
import hashlib
import itertools
import json
import logging
import re
from dataclasses import asdict, dataclass, field
from types import SimpleNamespace

import x_wr_timezone
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models, transaction
from django.utils.translation import gettext as _
from icalendar import Calendar

from incommon_cms.core.slugs import unique_slug
from incommon_cms.core.text import text_to_html
from incommon_cms.directory.models import Category, ProfilePage
from incommon_cms.governance.decisions import record_decision
from incommon_cms.governance.models import Decision

from .ics_export import site_host
from .models import AgendaIndexPage, EventPage
from .occurrences import MAX_OCCURRENCES, recurrence_set
from .recurrence import TIMEZONE, RecurrenceError, format_date_lines, parse_rule

logger = logging.getLogger("incommon.agenda.import")

# Bounded work: a calendar is read only if it has at most this many events, whose occurrences (each series counted
# up to MAX_OCCURRENCES, the most the agenda expands of one event) add up to at most this many.
MAX_EVENTS_PER_CALENDAR = 5000
MAX_OCCURRENCES_PER_CALENDAR = 50000

STATUS_FROM_ICS = {"CANCELLED": "cancelled", "TENTATIVE": "scheduled", "CONFIRMED": "scheduled"}


class CalendarError(Exception):
    """The whole calendar is unusable; nothing is changed."""


class EventError(Exception):
    """One event cannot be read; it is skipped."""


@dataclass
class RunReport:
    ok: bool = True
    created: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    linked: dict = field(default_factory=dict)  # UID -> pk of the event already in the agenda with that UID
    reason: str = ""
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.removed


@dataclass(frozen=True)
class SkippedEvent:
    """An event of the calendar that cannot be read: its summary and why."""

    title: str
    reason: str


@dataclass
class ParsedEvent:
    uid: str
    values: dict
    categories: list
    capped: bool = False

    @property
    def cap_note(self) -> str:
        """Why only the first occurrences of this series are shown, or ""."""
        if not self.capped:
            return ""
        return _("This series repeats more than %(limit)s times: only its first %(limit)s occurrences are shown.") % {
            "limit": MAX_OCCURRENCES
        }

    @property
    def digest(self) -> str:
        payload = json.dumps({"values": self.values, "categories": self.categories}, sort_keys=True, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()


# Reading the calendar


def parse_calendar(ics_bytes: bytes | str | None) -> Calendar:
    """The VCALENDAR of these bytes, with X-WR-TIMEZONE applied. Raises CalendarError."""
    if isinstance(ics_bytes, str):
        ics_bytes = ics_bytes.encode("utf-8")
    data = (ics_bytes or b"").lstrip(b"\xef\xbb\xbf").strip()
    if not data.upper().startswith(b"BEGIN:VCALENDAR"):
        raise CalendarError(_("This is not an iCalendar file (it does not start with BEGIN:VCALENDAR)."))
    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as error:
        raise CalendarError(_("The calendar cannot be read: %(error)s") % {"error": error}) from error
    for component in calendar.walk():
        if component.errors and component.name != "VEVENT":  # a bad VEVENT is skipped by read_events
            details = "; ".join(_line_error(name, message) for name, message in component.errors)
            raise CalendarError(_("The calendar contains invalid lines: %(error)s") % {"error": details})
    try:
        calendar = x_wr_timezone.to_standard(calendar)
    except Exception as error:  # the library raises various errors on bad zone names
        raise CalendarError(_("The calendar's time zone is invalid: %(error)s") % {"error": error}) from error
    return calendar


def _line_error(name: str | None, message: str) -> str:
    """A line error of the icalendar library, named by its property when it has one (the library gives None
    for a line it could not split into a property)."""
    if name:
        return _("%(property)s: %(error)s") % {"property": name, "error": message}
    return _("unreadable line (%(error)s)") % {"error": message}


def _tzid_of(prop):
    return prop.params.get("TZID") if hasattr(prop, "params") else None


def _moment(component, name):
    """The value of a DTSTART/DTEND-like property: a date, or an aware date-time. Raises CalendarError on bad zones."""
    prop = component.get(name)
    if prop is None:
        return None
    try:
        value = prop.dt
    except AttributeError as error:
        raise EventError(_("%(name)s cannot be read.") % {"name": name}) from error
    return _aware(value, _tzid_of(prop))


def _aware(value, tzid):
    if isinstance(value, tuple):  # PERIOD
        value = value[0]
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            if tzid:
                raise CalendarError(_("Unknown time zone “%(tzid)s”.") % {"tzid": tzid})
            value = value.replace(tzinfo=TIMEZONE)  # floating time: read as local time in Brussels
        try:
            value.utcoffset()
        except Exception as error:
            raise CalendarError(_("Invalid time zone data: %(error)s") % {"error": error}) from error
        return value
    if isinstance(value, datetime.date):
        return value
    raise EventError(_("Not a date: %(value)s") % {"value": value})


def _date_list(component, name, all_day):
    values = []
    props = component.get(name)
    if props is None:
        return values
    for prop in props if isinstance(props, list) else [props]:
        tzid = _tzid_of(prop)
        for item in getattr(prop, "dts", []):
            value = _aware(item.dt, tzid or _tzid_of(item))
            values.append(_local(value, all_day))
    return values


def _local(value, all_day):
    """A date for all-day events, else a naive Brussels date-time."""
    if isinstance(value, datetime.datetime):
        local = value.astimezone(TIMEZONE).replace(tzinfo=None, second=0, microsecond=0)
        return local.date() if all_day else local
    return value if all_day else datetime.datetime.combine(value, datetime.time())


def _text(component, name):
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    return str(value).strip()


def _categories(component):
    names = []
    props = component.get("categories")
    for prop in props if isinstance(props, list) else [props] if props is not None else []:
        names.extend(str(category).strip() for category in getattr(prop, "cats", []) if str(category).strip())
    return sorted(set(names))


def _event_values(component):
    start = _moment(component, "dtstart")
    if start is None:
        raise EventError(_("The event has no start."))
    all_day = not isinstance(start, datetime.datetime)
    end = _moment(component, "dtend")
    if end is None and component.get("duration") is not None:
        end = start + component.get("duration").dt
    if all_day:
        first_day = start
        if isinstance(end, datetime.datetime):
            end = end.astimezone(TIMEZONE).date()
        last_day = (end - datetime.timedelta(days=1)) if end and end > first_day else first_day
        start_value = datetime.datetime.combine(first_day, datetime.time(), TIMEZONE)
        end_value = datetime.datetime.combine(last_day, datetime.time(), TIMEZONE)
    else:
        if isinstance(end, datetime.date) and not isinstance(end, datetime.datetime):
            end = datetime.datetime.combine(end, datetime.time(), TIMEZONE)
        start_value, end_value = start.astimezone(TIMEZONE), end.astimezone(TIMEZONE) if end else None
    if end_value is not None and end_value < start_value:
        raise EventError(_("The event ends before it starts."))
    rule = ""
    if component.get("rrule") is not None:
        prop = component.get("rrule")
        prop = prop[0] if isinstance(prop, list) else prop
        rule = prop.to_ical().decode()
        try:
            parse_rule(rule)
        except RecurrenceError as error:
            raise EventError(str(error)) from error
    geo = component.get("geo")
    return {
        "title": (_text(component, "summary") or _("(untitled)"))[:255],
        "description": text_to_html(_text(component, "description")),
        "start": start_value,
        "end": end_value,
        "all_day": all_day,
        "rrule": rule[:500],
        "exdates": _date_list(component, "exdate", all_day),
        "rdates": _date_list(component, "rdate", all_day),
        "status": STATUS_FROM_ICS.get(_text(component, "status").upper(), "scheduled"),
        "street_address": _text(component, "location")[:255],
        "point": (float(geo.latitude), float(geo.longitude)) if geo is not None else None,
        "registration_url": _text(component, "url")[:200] if _text(component, "url").startswith("http") else "",
    }


def _recurrence_id(component):
    prop = component.get("recurrence-id")
    return _aware(prop.dt, _tzid_of(prop)) if prop is not None else None


def _generated_uid(component, taken):
    """A stable stand-in for a missing UID (RFC 5545 requires one, some exports leave it out): from the summary and
    start, and the description too when another event of the calendar has the same summary and start."""
    start = component.get("dtstart")
    parts = [_text(component, "summary"), start.to_ical().decode() if start is not None else ""]
    for extra in ([], [_text(component, "description")]):
        key = "|".join(parts + extra)
        uid = "generated-" + hashlib.sha256(key.encode()).hexdigest()[:24]
        if uid not in taken:
            return uid
    return uid


def _component_values(component):
    """The event's values; a VEVENT with lines the library could not read is refused naming them."""
    if component.errors:
        details = "; ".join(_line_error(name, message) for name, message in component.errors)
        raise EventError(_("The event contains invalid lines: %(error)s") % {"error": details})
    return _event_values(component)


def read_events(calendar: Calendar) -> tuple[dict[str, ParsedEvent], dict[str, SkippedEvent]]:
    """(parsed events by UID, skipped events by UID). Raises CalendarError.

    An override (RECURRENCE-ID) replaces one occurrence of its series: it is one event of its own, without the
    RRULE/RDATE/EXDATE some programs copy into it (they would make it a second series), whether or not its
    series is in the calendar."""
    masters, overrides = {}, []
    generated = {True: set(), False: set()}  # by "is an override"
    for component in calendar.walk("VEVENT"):
        uid = _text(component, "uid")
        if not uid:
            taken = generated[component.get("recurrence-id") is not None]
            uid = _generated_uid(component, taken)
            taken.add(uid)
        if component.get("recurrence-id") is not None:
            overrides.append((uid, component))
        else:
            masters[uid] = component
    parsed, skipped = {}, {}

    def skip(uid, component, error):
        title = (_text(component, "summary") or _("(untitled)"))[:255]
        skipped[uid] = SkippedEvent(title, str(error))

    for uid, component in masters.items():
        try:
            parsed[uid] = {"values": _component_values(component), "categories": _categories(component)}
        except EventError as error:
            skip(uid, component, error)
    for uid, component in overrides:
        key = ""
        try:
            recurrence_id = _recurrence_id(component)
            master = parsed.get(uid)
            key = recurrence_id.isoformat() if recurrence_id else ""
            if master is not None:
                replaced = _local(recurrence_id, master["values"]["all_day"])
                if replaced in master["values"]["exdates"]:
                    continue  # the series deleted this occurrence after it was modified
                master["values"]["exdates"].append(replaced)
            if _text(component, "status").upper() == "CANCELLED":
                continue
            values = _component_values(component)
            values.update(rrule="", exdates=[], rdates=[])
            parsed[f"{uid}/{key}"] = {"values": values, "categories": _categories(component)}
        except EventError as error:
            skip(f"{uid}/{key}", component, error)
    if len(parsed) > MAX_EVENTS_PER_CALENDAR:
        raise CalendarError(
            _("The calendar has %(count)s events; at most %(limit)s are read from one calendar.")
            % {"count": len(parsed), "limit": MAX_EVENTS_PER_CALENDAR}
        )
    events, budget = {}, MAX_OCCURRENCES_PER_CALENDAR
    for uid, item in parsed.items():
        values = item["values"]
        values["exdates"] = format_date_lines(values["exdates"], values["all_day"])
        values["rdates"] = format_date_lines(values["rdates"], values["all_day"])
        try:
            count = _count_occurrences(values, min(MAX_OCCURRENCES, budget) + 1)
        except RecurrenceError as error:
            skipped[uid] = SkippedEvent(values["title"], str(error))
            continue
        capped, used = count > MAX_OCCURRENCES, min(count, MAX_OCCURRENCES)
        if used > budget:
            raise CalendarError(
                _(
                    "The calendar's events have more than %(limit)s occurrences in all (counting at most %(per_event)s"
                    " per series); it is not read. Shorten its repetitions or split it."
                )
                % {"limit": MAX_OCCURRENCES_PER_CALENDAR, "per_event": MAX_OCCURRENCES}
            )
        budget -= used
        events[uid] = ParsedEvent(uid[:500], values, item["categories"], capped=capped)
    return events, skipped


def _count_occurrences(values: dict, limit: int) -> int:
    """How many occurrences the event has, counted up to `limit`. Raises RecurrenceError."""
    probe = SimpleNamespace(**{k: values[k] for k in ("start", "end", "all_day", "rrule", "exdates", "rdates")})
    return sum(1 for _start in itertools.islice(recurrence_set(probe), limit))


# Writing the events


def agenda_for(organiser: ProfilePage | None) -> AgendaIndexPage | None:
    """The agenda in the organiser's language, else the first one."""
    index = AgendaIndexPage.objects.filter(locale_id=organiser.locale_id).first() if organiser else None
    return index or AgendaIndexPage.objects.order_by("pk").first()


def _existing(source, organiser, index):
    qs = EventPage.objects.child_of(index).exclude(remote_uid="")
    qs = qs.filter(source=source) if source is not None else qs.filter(source__isnull=True, organisers=organiser)
    return {event.remote_uid: event for event in qs}


def already_present(uid: str, exclude: set[int]) -> EventPage | None:
    """The event of the agenda, in any language, that already carries `uid` (other than the `exclude`d, the importer's own copies):
    one born here (`event-<translation key>@<this host>`, as our feeds give it, also when another platform
    republished it) or one imported from another calendar. No loops: an event keeps the UID it was born with
    wherever it travels, so finding it again is linking, not duplicating."""
    match = re.fullmatch(r"event-([0-9a-f-]{36})@(.+)", uid)
    if match and match.group(2) == site_host():
        native = EventPage.objects.filter(translation_key=match.group(1)).order_by("pk").first()
        if native is not None:
            return native
    return EventPage.objects.filter(remote_uid=uid).exclude(pk__in=exclude).order_by("pk").first()


def _apply(page, parsed, organiser, source, index):
    values = dict(parsed.values)
    point = values.pop("point")
    for name, value in values.items():
        setattr(page, name, value)
    page.latitude = page.longitude = None
    page.location = page.postcode = ""
    page.commune = None
    if point:
        page.set_point(*point)
    page.source = source
    page.remote_uid = parsed.uid
    page.remote_hash = parsed.digest
    wanted = {name.lower() for name in parsed.categories}
    page.categories = [
        category
        for category in Category.objects.filter(locale=index.locale)
        if category.name.lower() in wanted or category.slug in wanted
    ]
    page.organisers = [organiser]


def import_calendar(
    ics_bytes: bytes | str,
    *,
    organiser: ProfilePage,
    source: models.Model | None = None,
    index_page: AgendaIndexPage | None = None,
    user: AbstractBaseUser | None = None,
    remove_missing: bool = True,
) -> RunReport:
    """Create, update and remove the events of `organiser` (from `source`, the calendar source `EventPage.source`
    points to, if given) to match this calendar. Calendar sources pass `remove_missing=False` and withdraw what left
    the calendar themselves.

    Returns a RunReport; on failure (`ok` False, `reason` set) the database is left as it was.
    """
    report = RunReport()
    try:
        calendar = parse_calendar(ics_bytes)
        parsed, skipped = read_events(calendar)
    except CalendarError as error:
        return RunReport(ok=False, reason=str(error))
    report.errors = [
        _("%(uid)s (“%(title)s”): %(reason)s") % {"uid": uid, "title": event.title, "reason": event.reason}
        for uid, event in sorted(skipped.items())
    ]
    report.warnings = [
        _("%(uid)s (“%(title)s”): %(reason)s") % {"uid": uid, "title": item.values["title"], "reason": item.cap_note}
        for uid, item in parsed.items()
        if item.capped
    ]
    index = index_page or agenda_for(organiser)
    if index is None:
        return RunReport(ok=False, reason=_("There is no agenda page to import the events into."))
    try:
        with transaction.atomic():
            existing = _existing(source, organiser, index)
            own = {page.pk for page in existing.values()}
            for uid, item in parsed.items():
                page = existing.get(uid)
                present = already_present(uid, own) if page is None else None
                if present is not None:
                    report.linked[uid] = present.pk
                    continue
                if page is not None and page.remote_hash == item.digest and page.live:
                    report.unchanged += 1
                    continue
                if page is None:
                    slug = unique_slug(
                        index, f"{item.values['title']} {item.values['start']:%Y-%m-%d}", fallback="event"
                    )
                    page = EventPage(slug=slug, title="x")
                    _apply(page, item, organiser, source, index)
                    index.add_child(instance=page)
                    report.created += 1
                else:
                    _apply(page, item, organiser, source, index)
                    report.updated += 1
                page.save_revision(user=user, log_action=False).publish(log_action=False)
            if remove_missing:
                for uid, page in existing.items():
                    if uid not in parsed and uid not in skipped:
                        page.delete()
                        report.removed += 1
    except Exception as error:
        logger.exception("Calendar import failed for %s", organiser)
        return RunReport(ok=False, reason=_("The import failed and nothing was changed: %(error)s") % {"error": error})
    if report.changed:
        record_decision(
            action=Decision.IMPORT,
            actor=user,
            target=source,
            profile=organiser,
            details={"source": "ics", **{k: getattr(report, k) for k in ("created", "updated", "removed")}},
        )
    return report
