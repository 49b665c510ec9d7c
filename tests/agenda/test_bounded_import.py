"""Bounded work: reading a calendar expands at most MAX_OCCURRENCES occurrences of one series and
MAX_OCCURRENCES_PER_CALENDAR in all, and at most MAX_EVENTS_PER_CALENDAR events; beyond, a translated message says
which limit was met. Checked on generated calendars through the calendar source's dry run."""

import pytest
from django.core.files.base import ContentFile

from agenda.ics_import import MAX_EVENTS_PER_CALENDAR, MAX_OCCURRENCES_PER_CALENDAR, import_calendar
from agenda.models import EventPage
from agenda.occurrences import MAX_OCCURRENCES
from incommon_cms.commons.engine import run_source
from incommon_cms.commons.models import ImportRun, ImportSource

pytestmark = pytest.mark.django_db


def endless_calendar(events):
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:endless-{n}@example.org\r\nSUMMARY:Permanence {n}\r\n"
        f"DTSTART;TZID=Europe/Brussels:20270104T190000\r\nDTEND;TZID=Europe/Brussels:20270104T200000\r\n"
        f"RRULE:FREQ=DAILY;COUNT=1000000\r\nEND:VEVENT\r\n"
        for n in range(events)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n{body}END:VCALENDAR\r\n".encode()


def source_of(data, organiser, locales):
    source = ImportSource(
        kind=ImportSource.ICAL, name="Endless", locale=locales["en"], organiser=organiser, licence="CC0-1.0"
    )
    source.file.save("endless.ics", ContentFile(data), save=False)
    source.save()
    return source


def test_ten_thousand_endless_series_are_refused_by_the_dry_run_with_the_limit(agenda, organiser, locales):
    run = run_source(source_of(endless_calendar(10_000), organiser, locales), dry_run=True)

    assert MAX_EVENTS_PER_CALENDAR == 5000
    assert run.status == ImportRun.FAILED
    assert run.message == "The calendar has 10000 events; at most 5000 are read from one calendar."
    assert (run.created, run.updated, run.errors) == (0, 0, 0) and not EventPage.objects.exists()


def test_the_occurrences_of_a_calendar_are_capped_in_all(agenda, organiser, locales):
    events = MAX_OCCURRENCES_PER_CALENDAR // MAX_OCCURRENCES + 1  # one series too many
    run = run_source(source_of(endless_calendar(events), organiser, locales), dry_run=True)

    assert run.status == ImportRun.FAILED
    assert run.message == (
        "The calendar's events have more than 50000 occurrences in all (counting at most 5000 per series); it is not"
        " read. Shorten its repetitions or split it."
    )
    assert (run.created, run.errors) == (0, 0) and not EventPage.objects.exists()


def test_one_endless_series_is_imported_with_its_first_occurrences_and_says_so(agenda, organiser, locales):
    source = source_of(endless_calendar(1), organiser, locales)

    run = run_source(source)

    assert run.status == ImportRun.SUCCESS and run.created == 1
    (row,) = run.report
    assert row["reason"] == "This series repeats more than 5000 times: only its first 5000 occurrences are shown."
    event = EventPage.objects.get(remote_uid="endless-0@example.org")
    assert event.rrule == "FREQ=DAILY;COUNT=1000000"
    assert event.series_end.date().isoformat() == "2040-09-11"  # the 5000th day from 2027-01-04

    report = import_calendar(endless_calendar(1), organiser=organiser)
    assert report.ok and report.warnings == [
        "endless-0@example.org (“Permanence 0”): This series repeats more than 5000 times: only its first 5000"
        " occurrences are shown."
    ]
