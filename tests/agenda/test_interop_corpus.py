"""The iCalendar corpus of the icalendar and recurring-ical-events projects (`interop/ics/`, see its SOURCES.md)
through the real calendar pipeline (a calendar source run by the commons engine), compared with
recurring-ical-events as the oracle over a fixed window.

Each file either gives exactly the oracle's occurrences (UID, start, cancelled or not), or its difference is listed
in KNOWN with the reason, the same as the table "What each corpus file gives" in docs/agenda.md. A difference that
changes (fixed or new) fails the test, so the table stays true.
"""

import datetime
import re
from pathlib import Path

import pytest
import recurring_ical_events
import x_wr_timezone
from django.core.files.base import ContentFile
from icalendar import Calendar

from agenda.models import EventPage
from agenda.occurrences import occurrences_between
from agenda.recurrence import TIMEZONE
from incommon_cms.commons.engine import run_source
from incommon_cms.commons.models import ImportRun, ImportSource

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "interop" / "ics"
WINDOW = (datetime.datetime(2000, 1, 1, tzinfo=TIMEZONE), datetime.datetime(2030, 1, 1, tzinfo=TIMEZONE))

# Files the pipeline refuses: the run fails naming the events it could not read (or the whole file).
REFUSED = {
    "ical_broken_ical.ics": {"abc"},
    "ical_event_with_recurrence_exdates_on_different_lines.ics": set(),
    "ical_issue_55_parse_error_on_utc_offset_with_seconds.ics": set(),
    "ical_issue_722_missing_timezones.ics": {
        "generated-cbe5cfdf7c2118a9c3d78ef1",
        "generated-cbe5cfdf7c2118a9c3d78ef1/2019-03-09T02:00:00+03:00",
    },
    "ical_multiple_timezones.ics": {"test-vtime-floating", "test-vtime-named-timezone", "test-vtime-utc"},
    "ical_parsing_error.ics": {"generated-6d6a90a4625ee3e79fc4d3b0"},
    "rie_bad_rrule_missing_until_event.ics": {"blabla"},
    "rie_issue_132_swapped_start_and_end.ics": {"84A72-65798A00-5-20465200"},
}
# Calendars without events: they import nothing, successfully.
WITHOUT_EVENTS = {"ical_bom_calendar.ics", "ical_calendar_with_unicode.ics"}
# Files imported with a known difference: (occurrences only the platform gives, only the oracle gives).
KNOWN = {
    # America/Vancouver series expanded on Brussels wall-clock: one occurrence between the two DST changes.
    "rie_issue_113_period_in_rdate.ics": ({("1", "2024-03-20T20:00Z")}, {("1", "2024-03-20T19:00Z")}),
    # The cancelled occurrence becomes an exception: it is left out, the oracle gives it with STATUS:CANCELLED.
    "rie_issue_18_cancel_status.ics": (set(), {("b65c2b5b-b785-4edc-9560-e0379036d1f2", "2020-01-29T21:00Z", "c")}),
    # DTSTART a date, DTEND a date-time: the platform reads an all-day event, the oracle a timed one (same day).
    "rie_issue_201_mixed_datetime_and_date.ics": (
        {("19970901T130000Z-123403@example.com", "2023-07-24")},
        {("19970901T130000Z-123403@example.com", "2023-07-24T00:00Z")},
    ),
}
# Counted differences (too many to list): (only the platform's, only the oracle's).
COUNTED = {
    # RANGE=THISANDFUTURE is applied to one occurrence, not to the rest of the series.
    "rie_issue_75_range_parameter.ics": (185, 184),
    # Series defined in UTC are expanded on Brussels wall-clock: one hour late in winter.
    "rie_rdate.ics": (455, 455),
}


def _key(start, all_day):
    if all_day:
        return (start.date() if isinstance(start, datetime.datetime) else start).isoformat()
    if start.tzinfo is None:  # floating time: read in Brussels, as the import does without X-WR-TIMEZONE
        start = start.replace(tzinfo=TIMEZONE)
    return start.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%MZ")


def _base_uid(uid):
    """The series UID of an imported override (`<uid>/<recurrence-id>`); "" for a generated one (no UID)."""
    uid = re.sub(r"/\d{4}-\d\d-\d\d.*$", "", uid)
    return "" if uid.startswith("generated-") else uid


def platform_occurrences(source):
    return {
        (_base_uid(o.event.remote_uid), _key(o.local_start, o.all_day), *(("c",) if o.cancelled else ()))
        for o in occurrences_between(EventPage.objects.filter(source=source), *WINDOW)
    }


def oracle_occurrences(data):
    calendar = x_wr_timezone.to_standard(Calendar.from_ical(data.lstrip(b"\xef\xbb\xbf")))
    found = set()
    for event in recurring_ical_events.of(calendar).between(*WINDOW):
        start = event["dtstart"].dt
        cancelled = ("c",) if str(event.get("status", "")).upper() == "CANCELLED" else ()
        found.add((str(event.get("uid", "")), _key(start, not isinstance(start, datetime.datetime)), *cancelled))
    return found


@pytest.mark.parametrize("name", sorted(path.name for path in CORPUS.glob("*.ics")))
def test_corpus_file_gives_the_oracles_occurrences(name, agenda, organiser, locales):
    data = (CORPUS / name).read_bytes()
    source = ImportSource(
        kind=ImportSource.ICAL,
        name=name,
        locale=locales["fr"],
        organiser=organiser,
        licence="CC-BY-4.0",
        attribution="Corpus",
    )
    source.file.save(name, ContentFile(data), save=False)
    source.save()

    run = run_source(source)

    if name in REFUSED:
        assert run.status == ImportRun.FAILED and run.message
        assert {row["external_id"] for row in run.report if row["status"] == "error"} == REFUSED[name]
        assert "None:" not in run.message and all("None:" not in row["reason"] for row in run.report)
        assert not EventPage.objects.filter(source=source).exists()
        return
    assert run.status == ImportRun.SUCCESS, run.message
    ours, theirs = platform_occurrences(source), oracle_occurrences(data)
    assert bool(ours) == (name not in WITHOUT_EVENTS)
    if name in KNOWN:
        assert (ours - theirs, theirs - ours) == KNOWN[name]
    elif name in COUNTED:
        assert (len(ours - theirs), len(theirs - ours)) == COUNTED[name]
    else:
        assert ours == theirs
