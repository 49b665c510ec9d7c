"""Recurrence rules: RFC 5545 RRULE values built from, and read back into, a friendly form.

Rules are stored as the RRULE value (`FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270630T215959Z`), exceptions (EXDATE) and
extra dates (RDATE) as one local date or date-time per line (`2026-12-24` or `2026-12-24T19:00`), all read in
Europe/Brussels time. The friendly form covers what people usually need (daily, weekly on some days, monthly on a
day of the month or on the n-th weekday, until a date or a number of times); any other rule, typically an
imported one, is kept as it is.
"""

import datetime
import re
import zoneinfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

TIMEZONE = zoneinfo.ZoneInfo("Europe/Brussels")

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY_CHOICES = [
    ("MO", gettext_lazy("Monday")),
    ("TU", gettext_lazy("Tuesday")),
    ("WE", gettext_lazy("Wednesday")),
    ("TH", gettext_lazy("Thursday")),
    ("FR", gettext_lazy("Friday")),
    ("SA", gettext_lazy("Saturday")),
    ("SU", gettext_lazy("Sunday")),
]
POSITION_CHOICES = [
    (1, gettext_lazy("first")),
    (2, gettext_lazy("second")),
    (3, gettext_lazy("third")),
    (4, gettext_lazy("fourth")),
    (-1, gettext_lazy("last")),
]

NONE, DAILY, WEEKLY, MONTHLY_DAY, MONTHLY_WEEKDAY, CUSTOM = (
    "",
    "daily",
    "weekly",
    "monthly_day",
    "monthly_weekday",
    "custom",
)
FREQUENCY_CHOICES = [
    (NONE, gettext_lazy("Does not repeat")),
    (DAILY, gettext_lazy("Every day")),
    (WEEKLY, gettext_lazy("Every week, on the chosen days")),
    (MONTHLY_DAY, gettext_lazy("Every month, on the same day of the month")),
    (MONTHLY_WEEKDAY, gettext_lazy("Every month, on the n-th weekday (e.g. the first Tuesday)")),
    (CUSTOM, gettext_lazy("Custom rule (kept as it is)")),
]

_BYDAY_RE = re.compile(r"^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$")


class RecurrenceError(ValueError):
    pass


def parse_rule(rule):
    """The parts of an RRULE value as an ordered dict of upper-case names to strings."""
    parts = {}
    for chunk in (rule or "").strip().removeprefix("RRULE:").split(";"):
        if not chunk:
            continue
        name, sep, value = chunk.partition("=")
        if not sep or not value:
            raise RecurrenceError(_("Invalid recurrence rule part: %(part)s") % {"part": chunk})
        parts[name.strip().upper()] = value.strip()
    if parts and parts.get("FREQ") not in {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"}:
        raise RecurrenceError(_("A recurrence rule needs a valid FREQ."))
    return parts


def until_value(until, all_day):
    """UNTIL for a last day: a DATE for all-day events, else the end of that day in Brussels, in UTC."""
    if all_day:
        return until.strftime("%Y%m%d")
    end_of_day = datetime.datetime.combine(until, datetime.time(23, 59, 59), tzinfo=TIMEZONE)
    return end_of_day.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def parse_until(value):
    """The local (Brussels) date-time or date of an UNTIL value."""
    value = value.strip()
    try:
        if "T" not in value:
            return datetime.datetime.strptime(value, "%Y%m%d").date()
        if value.endswith("Z"):
            moment = datetime.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.UTC)
            return moment.astimezone(TIMEZONE).replace(tzinfo=None)
        return datetime.datetime.strptime(value, "%Y%m%dT%H%M%S")
    except ValueError as error:
        raise RecurrenceError(_("Invalid end date in the recurrence rule: %(value)s") % {"value": value}) from error


def build_rule(frequency, *, start, all_day=False, interval=1, weekdays=(), position=None, until=None, count=None):
    """The RRULE value for the friendly form's choices, or "" for a one-off event."""
    if frequency in (NONE, CUSTOM, None):
        return ""
    interval = int(interval or 1)
    if frequency == DAILY:
        parts = ["FREQ=DAILY"]
    elif frequency == WEEKLY:
        days = [day for day in WEEKDAYS if day in set(weekdays or ())] or [WEEKDAYS[start.weekday()]]
        parts = ["FREQ=WEEKLY", "BYDAY=" + ",".join(days)]
    elif frequency == MONTHLY_DAY:
        parts = ["FREQ=MONTHLY", f"BYMONTHDAY={start.day}"]
    elif frequency == MONTHLY_WEEKDAY:
        if position is None or int(position) not in {1, 2, 3, 4, -1}:
            position = min((start.day - 1) // 7 + 1, 4)
        parts = ["FREQ=MONTHLY", f"BYDAY={int(position)}{WEEKDAYS[start.weekday()]}"]
    else:
        raise RecurrenceError(_("Unknown repetition: %(value)s") % {"value": frequency})
    if interval > 1:
        parts.insert(1, f"INTERVAL={interval}")
    if until:
        parts.append(f"UNTIL={until_value(until, all_day)}")
    elif count:
        parts.append(f"COUNT={int(count)}")
    return ";".join(parts)


def rule_to_form(rule):
    """The friendly form's initial values for an RRULE value; `frequency` is CUSTOM when the form cannot show it."""
    if not rule:
        return {"frequency": NONE}
    try:
        parts = parse_rule(rule)
    except RecurrenceError:
        return {"frequency": CUSTOM}
    values = {"interval": int(parts.pop("INTERVAL", "1") or 1)}
    if "UNTIL" in parts:
        try:
            until = parse_until(parts.pop("UNTIL"))
        except RecurrenceError:
            return {"frequency": CUSTOM}
        values["until"] = until.date() if isinstance(until, datetime.datetime) else until
    if "COUNT" in parts:
        values["count"] = int(parts.pop("COUNT"))
    parts.pop("WKST", None)
    freq = parts.pop("FREQ")
    if freq == "DAILY" and not parts:
        return {"frequency": DAILY, **values}
    if freq == "WEEKLY" and set(parts) <= {"BYDAY"}:
        days = parts.get("BYDAY", "").split(",") if parts.get("BYDAY") else []
        if all(day in WEEKDAYS for day in days):
            return {"frequency": WEEKLY, "weekdays": days, **values}
    if freq == "MONTHLY" and set(parts) == {"BYMONTHDAY"} and parts["BYMONTHDAY"].isdigit():
        return {"frequency": MONTHLY_DAY, **values}
    if freq == "MONTHLY" and set(parts) == {"BYDAY"}:
        match = _BYDAY_RE.match(parts["BYDAY"])
        if match and match.group(1) and int(match.group(1)) in {1, 2, 3, 4, -1}:
            return {"frequency": MONTHLY_WEEKDAY, "position": int(match.group(1)), **values}
    return {"frequency": CUSTOM}


def describe(rule):
    """A short human description of a rule, in the active language."""
    if not rule:
        return ""
    form = rule_to_form(rule)
    names = dict(WEEKDAY_CHOICES)
    interval = form.get("interval", 1)
    frequency = form["frequency"]
    if frequency == DAILY:
        text = ngettext("every day", "every %(n)s days", interval) % {"n": interval}
    elif frequency == WEEKLY:
        days = ", ".join(str(names[day]) for day in form.get("weekdays", []))
        text = ngettext("every week on %(days)s", "every %(n)s weeks on %(days)s", interval) % {
            "n": interval,
            "days": days,
        }
    elif frequency == MONTHLY_DAY:
        text = ngettext("every month", "every %(n)s months", interval) % {"n": interval}
    elif frequency == MONTHLY_WEEKDAY:
        parts = parse_rule(rule)
        match = _BYDAY_RE.match(parts["BYDAY"])
        text = _("every %(position)s %(weekday)s of the month") % {
            "position": dict(POSITION_CHOICES)[int(match.group(1))],
            "weekday": names[match.group(2)],
        }
    else:
        return _("repeats (custom rule)")
    if form.get("until"):
        text += " " + _("until %(date)s") % {"date": form["until"].strftime("%d/%m/%Y")}
    elif form.get("count"):
        text += " " + ngettext("(%(n)s time)", "(%(n)s times)", form["count"]) % {"n": form["count"]}
    return text


def parse_date_lines(text, all_day):
    """EXDATE/RDATE lines as local dates (all-day events) or naive local date-times. Raises RecurrenceError."""
    values = []
    for line in (text or "").replace(",", "\n").splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            if all_day:
                values.append(datetime.date.fromisoformat(line[:10]))
            else:
                values.append(datetime.datetime.fromisoformat(line).replace(tzinfo=None, second=0, microsecond=0))
        except ValueError as error:
            raise RecurrenceError(_("Not a date: %(value)s") % {"value": line}) from error
    return sorted(set(values))


def format_date_lines(values, all_day):
    if all_day:
        return "\n".join(sorted({value.isoformat() for value in values}))
    return "\n".join(sorted({value.strftime("%Y-%m-%dT%H:%M") for value in values}))
