import datetime

import pytest
from django.utils import translation

from agenda.occurrences import expand, group_by_day, series_end
from agenda.recurrence import TIMEZONE, build_rule, describe, rule_to_form

from .conftest import local

pytestmark = pytest.mark.django_db


def test_weekly_event_keeps_its_local_hour_across_dst(make_event):
    # Tuesdays at 19:00 from early October to mid-November 2026: DST ends on 25 October.
    event = make_event(start=local(2026, 10, 6, 19), end=local(2026, 10, 6, 21), rrule="FREQ=WEEKLY;COUNT=7")
    found = expand(event, local(2026, 10, 1), local(2026, 12, 1))
    assert [o.local_start.strftime("%Y-%m-%d %H:%M") for o in found] == [
        "2026-10-06 19:00",
        "2026-10-13 19:00",
        "2026-10-20 19:00",
        "2026-10-27 19:00",
        "2026-11-03 19:00",
        "2026-11-10 19:00",
        "2026-11-17 19:00",
    ]
    # The same local hour means different UTC hours on both sides of the change.
    assert found[2].start.astimezone(datetime.UTC).hour == 17
    assert found[3].start.astimezone(datetime.UTC).hour == 18
    assert all(o.local_end.hour == 21 for o in found)
    assert event.series_end == local(2026, 11, 17, 21)


def test_all_day_multi_day_event_shows_on_each_day(make_event):
    event = make_event(start=local(2026, 12, 4), end=local(2026, 12, 6), all_day=True)
    (occurrence,) = expand(event, local(2026, 12, 1), local(2026, 12, 31))
    assert occurrence.days == [datetime.date(2026, 12, 4), datetime.date(2026, 12, 5), datetime.date(2026, 12, 6)]
    days = group_by_day([occurrence])
    assert [day for day, _items in days] == occurrence.days
    # Seen from a window that starts on the second day, it is still there.
    assert expand(event, local(2026, 12, 5), local(2026, 12, 6))


def test_exceptions_and_extra_dates(make_event):
    event = make_event(
        start=local(2026, 11, 2, 18),
        end=local(2026, 11, 2, 20),
        rrule="FREQ=WEEKLY;BYDAY=MO;COUNT=4",
        exdates="2026-11-09T18:00",
        rdates="2026-11-11T18:00",
    )
    starts = [o.local_start.date().isoformat() for o in expand(event, local(2026, 11, 1), local(2026, 12, 31))]
    assert starts == ["2026-11-02", "2026-11-11", "2026-11-16", "2026-11-23"]


def test_monthly_nth_weekday_and_until(make_event):
    rule = build_rule("monthly_weekday", start=local(2026, 12, 5, 14), position=1, until=datetime.date(2027, 3, 31))
    assert rule == "FREQ=MONTHLY;BYDAY=1SA;UNTIL=20270331T215959Z"
    event = make_event(start=local(2026, 12, 5, 14), end=local(2026, 12, 5, 17), rrule=rule)
    starts = [o.local_start.strftime("%m-%d %H:%M") for o in expand(event, local(2026, 12, 1), local(2027, 12, 1))]
    assert starts == ["12-05 14:00", "01-02 14:00", "02-06 14:00", "03-06 14:00"]


def test_rule_round_trips_through_the_friendly_form():
    start = datetime.datetime(2026, 12, 1, 19, tzinfo=TIMEZONE)
    rule = build_rule("weekly", start=start, interval=2, weekdays=["TH", "TU"], count=6)
    assert rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=6"
    assert rule_to_form(rule) == {"frequency": "weekly", "weekdays": ["TU", "TH"], "interval": 2, "count": 6}
    assert rule_to_form("FREQ=YEARLY;BYMONTH=3")["frequency"] == "custom"
    with translation.override("en"):
        assert describe(rule) == "every 2 weeks on Tuesday, Thursday (6 times)"


def test_unbounded_series_has_no_end(make_event):
    event = make_event(start=local(2026, 12, 1, 19), rrule="FREQ=WEEKLY")
    assert series_end(event) is None and event.series_end is None
    assert len(expand(event, local(2027, 6, 1), local(2027, 7, 1))) == 5  # Tuesdays 1, 8, 15, 22 and 29 June
