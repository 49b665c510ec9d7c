"""ICS export and import, against real calendars from other projects' test suites (see fixtures/README.md)."""

import datetime

import icalendar
import pytest
import recurring_ical_events

from agenda.ics_export import calendar_bytes, event_uid
from agenda.ics_import import import_calendar
from agenda.models import EventPage
from agenda.occurrences import expand
from incommon_cms.governance.models import Decision

from .conftest import corpus_bytes, fixture_bytes, local

pytestmark = pytest.mark.django_db


def _starts(calendar_bytes_, start, end):
    calendar = icalendar.Calendar.from_ical(calendar_bytes_)
    return sorted(
        e.get("dtstart").dt.astimezone(datetime.UTC)
        for e in recurring_ical_events.of(calendar).between(start, end)
        if isinstance(e.get("dtstart").dt, datetime.datetime)
    )


def test_export_is_valid_and_round_trips(make_event, organiser, place, category, directory):
    weekly = make_event(
        title="Atelier vélo",
        start=local(2026, 10, 6, 19),
        end=local(2026, 10, 6, 21),
        rrule="FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T225959Z",
        exdates="2026-10-27T19:00\n2026-11-10T19:00",
        rdates="2026-12-19T19:00",
        place=place,
    )
    weekly.organisers = [organiser]
    weekly.categories = [category]
    weekly.save_revision().publish()
    festival = make_event(title="Festival", start=local(2026, 12, 4), end=local(2026, 12, 6), all_day=True)
    cancelled = make_event(title="Conférence annulée", start=local(2026, 11, 20, 20), status="cancelled")

    data = calendar_bytes([weekly, festival, cancelled])
    calendar = icalendar.Calendar.from_ical(data)
    text = data.decode()
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/Brussels" in text
    assert "DTSTART;TZID=Europe/Brussels:20261006T190000" in text
    assert "RRULE:FREQ=WEEKLY;UNTIL=20261215T225959Z;BYDAY=TU" in text
    assert "EXDATE;TZID=Europe/Brussels:20261027T190000,20261110T190000" in text
    assert "RDATE;TZID=Europe/Brussels:20261219T190000" in text
    assert "DTSTART;VALUE=DATE:20261204" in text and "DTEND;VALUE=DATE:20261207" in text
    assert "STATUS:CANCELLED" in text
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Atelier vélo", "Festival", "Conférence annulée"}
    assert str(events["Atelier vélo"]["uid"]) == f"event-{weekly.translation_key}@testserver"
    assert "Salle du Parc" in str(events["Atelier vélo"]["location"])
    assert events["Atelier vélo"]["categories"].cats == ["Alimentation"]

    # A calendar program expanding the feed sees exactly our occurrences.
    window = (local(2026, 10, 1), local(2027, 1, 1))
    ours = [o.start.astimezone(datetime.UTC) for o in expand(weekly, *window)]
    assert [s for s in _starts(data, *window) if s.hour in (17, 18)] == ours
    assert len(ours) == 10  # 11 Tuesdays up to 15 December, minus 2 exceptions, plus 1 extra date

    # Importing our own export on the same platform links the events instead of duplicating them (no loops).
    report = import_calendar(data, organiser=organiser)
    assert report.ok and (report.created, report.updated, report.unchanged) == (0, 0, 0), report
    assert report.linked == {event_uid(e): e.pk for e in (weekly, festival, cancelled)}
    assert EventPage.objects.count() == 3

    # Importing it into a fresh agenda (the originals gone, as on a second database) gives back the same events,
    # recurrences and exceptions; exported again, the same UIDs, occurrences and statuses.
    for event in (weekly, festival, cancelled):
        EventPage.objects.get(pk=event.pk).delete()
    report = import_calendar(data, organiser=organiser)
    assert report.ok and report.created == 3, report
    again = calendar_bytes(EventPage.objects.order_by("pk"))
    assert _uids_and_statuses(again) == _uids_and_statuses(data)
    assert _starts(again, *window) == _starts(data, *window)
    copy = EventPage.objects.get(remote_uid=event_uid(weekly))
    assert copy.rrule == "FREQ=WEEKLY;UNTIL=20261215T225959Z;BYDAY=TU"
    assert copy.exdates == weekly.exdates and copy.rdates == weekly.rdates
    assert copy.start == weekly.start and copy.end == weekly.end
    assert [o.start for o in expand(copy, *window)] == [o.start for o in expand(weekly, *window)]
    festival_copy = EventPage.objects.get(remote_uid=event_uid(festival))
    assert festival_copy.all_day and [d.day for d in expand(festival_copy, *window)[0].days] == [4, 5, 6]
    assert EventPage.objects.get(remote_uid=event_uid(cancelled)).status == "cancelled"
    assert list(copy.categories.all()) == [category]


def _uids_and_statuses(data):
    return sorted((str(e["uid"]), str(e["status"])) for e in icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_uid_is_shared_by_translations(make_event, agenda):
    from incommon_cms.core.demo_utils import translation

    event = make_event(title="Fête")
    dutch = translation(event, "nl", title="Feest")
    assert event_uid(event) == event_uid(dutch)


def test_importing_the_same_feed_twice_changes_nothing(agenda, organiser):
    data = fixture_bytes("rie_each_week_but_two_deleted.ics")
    first = import_calendar(data, organiser=organiser)
    assert first.ok and first.created == 1
    event = EventPage.objects.get(remote_uid="SX2CURHKFTKKFFU3VUD7K")
    revisions = event.revisions.count()
    published = event.last_published_at
    second = import_calendar(data, organiser=organiser)
    assert (second.created, second.updated, second.removed, second.unchanged) == (0, 0, 0, 1)
    event.refresh_from_db()
    assert event.revisions.count() == revisions and event.last_published_at == published
    assert EventPage.objects.filter(remote_uid="SX2CURHKFTKKFFU3VUD7K").count() == 1
    # Berlin 00:30 is Brussels 00:30; the two EXDATEs were given in UTC.
    assert event.rrule == "FREQ=WEEKLY;COUNT=8"
    assert event.exdates == "2019-03-11T00:30\n2019-03-25T00:30"
    assert len(expand(event, local(2019, 3, 1), local(2019, 6, 1))) == 6
    assert Decision.objects.filter(action=Decision.IMPORT).count() == 1


def _calendar(*events):
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Brussels:{start}\r\n"
        f"DTEND;TZID=Europe/Brussels:{start[:9]}230000\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\n"
        for uid, start, summary in events
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n".encode()


def test_changed_and_removed_events_are_updated_and_removed(agenda, organiser):
    first = _calendar(
        ("a@example.org", "20261201T190000", "Atelier"),
        ("b@example.org", "20261202T190000", "Conférence"),
        ("c@example.org", "20261203T190000", "Concert"),
    )
    assert import_calendar(first, organiser=organiser).created == 3
    kept = EventPage.objects.get(remote_uid="c@example.org")
    changed = _calendar(
        ("a@example.org", "20261201T200000", "Atelier déplacé"),
        ("c@example.org", "20261203T190000", "Concert"),
    )
    report = import_calendar(changed, organiser=organiser)
    assert (report.created, report.updated, report.removed, report.unchanged) == (0, 1, 1, 1), report
    event = EventPage.objects.get(remote_uid="a@example.org")
    assert event.title == "Atelier déplacé" and event.start == local(2026, 12, 1, 20) and event.live
    assert not EventPage.objects.filter(remote_uid="b@example.org").exists()
    assert EventPage.objects.get(remote_uid="c@example.org").last_published_at == kept.last_published_at
    assert EventPage.objects.count() == 2


def test_events_without_uid_get_a_stable_one(agenda, organiser):
    data = fixture_bytes("rie_rdate.ics")
    assert import_calendar(data, organiser=organiser).created == 3
    assert import_calendar(data, organiser=organiser).unchanged == 3
    assert all(uid.startswith("generated-") for uid in EventPage.objects.values_list("remote_uid", flat=True))


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("ical_event_with_recurrence_exdates_on_different_lines.ics", "not an iCalendar file"),
        ("ical_issue_55_parse_error_on_utc_offset_with_seconds.ics", "not an iCalendar file"),
    ],
)
def test_malformed_feed_leaves_existing_events_untouched(agenda, organiser, name, reason):
    good = fixture_bytes("rie_rdate.ics")
    assert import_calendar(good, organiser=organiser).created == 3
    before = sorted(EventPage.objects.values_list("remote_uid", "title", "last_published_at"))
    report = import_calendar(corpus_bytes(name), organiser=organiser)
    assert not report.ok
    assert reason.lower() in report.reason.lower(), report.reason
    assert sorted(EventPage.objects.values_list("remote_uid", "title", "last_published_at")) == before


def test_an_event_with_invalid_lines_is_skipped_naming_its_uid_and_summary_the_others_import(agenda, organiser):
    report = import_calendar(corpus_bytes("ical_parsing_error.ics"), organiser=organiser)

    assert report.ok and report.created == 1
    (error,) = report.errors
    assert error.startswith("generated-") and "(“(untitled)”)" in error
    assert "The event contains invalid lines: EXDATE: " in error and "None:" not in error
    (event,) = EventPage.objects.all()
    assert "Perfectly OK event" in event.description and event.exdates == "2008-03-11"

    broken = corpus_bytes("ical_broken_ical.ics")
    report = import_calendar(broken, organiser=organiser)
    (error,) = report.errors
    assert error.startswith("abc (“") and "The event contains invalid lines: unreadable line (" in error
    assert "None:" not in error


def test_an_override_carrying_its_own_rrule_is_one_occurrence_and_a_deleted_one_stays_deleted(agenda, organiser):
    report = import_calendar(corpus_bytes("rie_issue_163_deleted_modification.ics"), organiser=organiser)

    assert report.ok and report.created == 1, report
    (series,) = EventPage.objects.all()
    assert series.remote_uid == "111" and series.rrule == "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO"
    window = (local(2024, 7, 1), local(2024, 12, 31))
    days = [occurrence.local_start.date().isoformat() for occurrence in expand(series, *window)]
    assert days == ["2024-07-29", "2024-09-09", "2024-09-30", "2024-10-21", "2024-11-11", "2024-12-02", "2024-12-23"]
    exported = calendar_bytes(EventPage.objects.all()).decode()
    assert "UID:111/" not in exported and exported.count("RRULE:") == 1


def test_an_override_without_its_series_is_one_occurrence(agenda, organiser):
    report = import_calendar(fixture_bytes("ical_issue_156_RDATE_with_PERIOD_TZID_khal.ics"), organiser=organiser)

    assert report.ok and report.created == 1
    (event,) = EventPage.objects.all()
    assert (event.rrule, event.rdates, event.exdates) == ("", "", "")
    assert [o.start for o in expand(event, local(2018, 1, 1), local(2019, 1, 1))] == [
        datetime.datetime(2018, 3, 27, 13, 0, tzinfo=datetime.UTC)
    ]


def test_unknown_time_zone_is_refused(agenda, organiser):
    data = b"""BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r
DTSTART;TZID=Mars/Olympus_Mons:20261201T190000\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"""
    report = import_calendar(data, organiser=organiser)
    assert not report.ok and "Mars/Olympus_Mons" in report.reason
    assert not EventPage.objects.exists()


def test_http_and_empty_bytes_give_reasons(agenda, organiser):
    assert "BEGIN:VCALENDAR" in import_calendar(b"<html>Not found</html>", organiser=organiser).reason


def test_a_bad_event_is_skipped_and_its_previous_copy_kept(agenda, organiser):
    data = fixture_bytes("rie_issue_132_swapped_start_and_end.ics")
    report = import_calendar(data, organiser=organiser)
    assert report.ok and report.created == 0 and report.errors
    assert "ends before it starts" in report.errors[0]


def test_moved_and_cancelled_occurrences(agenda, organiser):
    report = import_calendar(fixture_bytes("rie_issue_18_cancel_status.ics"), organiser=organiser)
    assert report.ok and report.created == 1
    (event,) = EventPage.objects.all()
    assert event.exdates  # the cancelled occurrence is an exception of the series
    report = import_calendar(fixture_bytes("rie_recurring_events_moved.ics"), organiser=organiser)
    assert report.ok
    moved = EventPage.objects.filter(remote_uid__contains="/")
    assert moved.exists()
    master = EventPage.objects.get(remote_uid=moved.first().remote_uid.split("/")[0])
    assert master.exdates


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("rie_fablab_cottbus.ics", 28),
        ("ical_issue_156_RDATE_with_PERIOD_TZID_khal.ics", 1),
        ("rie_duration.ics", 3),
        ("rie_issue_148_ignored_exdate.ics", 1),  # the same UID twice: the last one wins
        ("ical_bom_calendar.ics", 0),
        ("rie_issue_86_x_wr_timezone_without_time_zone_in_dt.ics", 1),
        ("ical_issue_722_missing_timezones.ics", 3),
        ("ical_issue_218_bad_tzid.ics", 1),
    ],
)
def test_real_calendars_import_and_reimport_cleanly(agenda, organiser, name, count):
    data = fixture_bytes(name)
    report = import_calendar(data, organiser=organiser)
    assert report.ok, report.reason
    if count is not None:
        assert report.created + len(report.errors) == count
    assert EventPage.objects.count() == report.created
    again = import_calendar(data, organiser=organiser)
    assert (again.created, again.updated, again.removed) == (0, 0, 0)
    assert again.unchanged == report.created


def test_floating_times_follow_x_wr_timezone(agenda, organiser):
    import_calendar(fixture_bytes("rie_issue_86_x_wr_timezone_without_time_zone_in_dt.ics"), organiser=organiser)
    (event,) = EventPage.objects.all()
    calendar = icalendar.Calendar.from_ical(fixture_bytes("rie_issue_86_x_wr_timezone_without_time_zone_in_dt.ics"))
    dtstart = next(iter(calendar.walk("VEVENT")))["dtstart"].dt
    assert event.start.astimezone(local(2020, 1, 1).tzinfo).replace(tzinfo=None) == dtstart.replace(tzinfo=None)
