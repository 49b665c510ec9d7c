"""No loops between platforms: an event keeps the UID it was born with wherever it travels, and a calendar that
brings back an event already in the agenda (from our own feed, from a second platform that republished it, or from
another calendar source) links it instead of duplicating it."""

import datetime

import icalendar
import pytest
from django.core.files.base import ContentFile

from agenda.ics_export import event_uid
from agenda.models import EventPage
from incommon_cms.commons.engine import run_source
from incommon_cms.commons.models import ImportRun, ImportSource
from incommon_cms.directory.factories import AlternativePageFactory

from .conftest import local

pytestmark = pytest.mark.django_db

LINKED = "Already in the agenda with the same UID: linked, not duplicated."


def calendar_source(name, data, organiser, locales):
    source = ImportSource(
        kind=ImportSource.ICAL, name=name, locale=locales["en"], organiser=organiser, licence="CC0-1.0"
    )
    source.file.save(f"{name}.ics", ContentFile(data), save=False)
    source.save()
    return source


def uids(data):
    return [str(event["uid"]) for event in icalendar.Calendar.from_ical(data).walk("VEVENT")]


@pytest.fixture
def native_events(make_event):
    next_year = datetime.date.today().year + 1
    return [
        make_event(title="Repair café", start=local(next_year, 3, 7, 14), rrule="FREQ=MONTHLY;BYDAY=1SA;COUNT=6"),
        make_event(title="Disco soupe", start=local(next_year, 4, 18, 18), end=local(next_year, 4, 18, 22)),
    ]


def test_importing_our_own_feed_links_every_event(client, native_events, directory, locales):
    feed = client.get("/agenda/feed.ics").content
    assert sorted(uids(feed)) == sorted(event_uid(event) for event in native_events)
    neighbour = AlternativePageFactory(parent=directory, title="Collectif voisin")

    run = run_source(calendar_source("Our own feed", feed, neighbour, locales))

    assert run.status == ImportRun.SUCCESS, run.message
    assert (run.created, run.updated, run.skipped) == (0, 0, 2)
    assert {row["external_id"]: (row["status"], row["reason"], row["profile_id"]) for row in run.report} == {
        event_uid(event): ("skipped", LINKED, event.pk) for event in native_events
    }
    assert EventPage.objects.count() == 2
    again = client.get("/agenda/feed.ics").content
    assert sorted(uids(again)) == sorted(uids(feed))  # no duplicate UIDs in the export


def test_a_second_platform_republishing_our_feed_is_linked_and_its_own_events_imported(
    client, native_events, directory, locales
):
    ours = icalendar.Calendar.from_ical(client.get("/agenda/feed.ics").content)
    # The second platform keeps our UIDs (as this one does for what it imports) and adds an event of its own.
    republished = icalendar.Calendar()
    republished.add("prodid", "-//Other Commons//Agenda//NL")
    republished.add("version", "2.0")
    for component in ours.walk("VEVENT"):
        republished.add_component(component)
    own = icalendar.Event()
    own.add("uid", "event-5b0b8f1e-3f52-4d7e-9d0e-2a8f1f0c9e11@other.example")
    own.add("summary", "Buurtfeest")
    own.add("dtstart", local(datetime.date.today().year + 1, 5, 2, 15))
    republished.add_component(own)
    neighbour = AlternativePageFactory(parent=directory, title="Andere gemeenschap")
    source = calendar_source("Other commons", republished.to_ical(), neighbour, locales)

    run = run_source(source)

    assert run.status == ImportRun.SUCCESS, run.message
    assert (run.created, run.skipped) == (1, 2)
    imported = EventPage.objects.get(source=source)
    assert imported.remote_uid == "event-5b0b8f1e-3f52-4d7e-9d0e-2a8f1f0c9e11@other.example"
    assert EventPage.objects.count() == 3

    # That platform's event, republished in turn by a third calendar, keeps its UID and is linked too.
    third = calendar_source("Third", republished.to_ical(), neighbour, locales)
    assert (run_source(third).created, EventPage.objects.count()) == (0, 3)
    feed = client.get("/agenda/feed.ics").content
    assert len(uids(feed)) == len(set(uids(feed))) == 3
    assert "event-5b0b8f1e-3f52-4d7e-9d0e-2a8f1f0c9e11@other.example" in uids(feed)
