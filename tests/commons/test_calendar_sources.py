"""Calendar (iCalendar) sources: events go through the agenda's importer with the commons' runs and reports."""

import datetime

import pytest
from django.core.management import call_command
from wagtail.models import PageLogEntry

from agenda.factories import AgendaIndexPageFactory
from agenda.models import CalendarFeed, EventPage
from incommon_cms.commons.engine import run_source
from incommon_cms.commons.models import ImportRun, ImportSource
from incommon_cms.directory.factories import AlternativePageFactory

from .conftest import replace_file

pytestmark = pytest.mark.django_db


def day(offset):
    return (datetime.date.today() + datetime.timedelta(days=offset)).strftime("%Y%m%d")


def vevent(uid, summary, offset, extra=""):
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{summary}\r\nDTSTART;TZID=Europe/Brussels:{day(offset)}T190000\r\n"
        f"DTEND;TZID=Europe/Brussels:{day(offset)}T210000\r\n{extra}END:VEVENT\r\n"
    )


def calendar(*events):
    body = "".join(events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//FR\r\n{body}END:VCALENDAR\r\n".encode()


REPAIR = vevent("repair-1@example.org", "Repair café", 5, "RRULE:FREQ=WEEKLY;COUNT=4\r\nLOCATION:Rue Royale 1\r\n")
GARDEN = vevent("garden-1@example.org", "Atelier potager", 10)
PAST = vevent("past-1@example.org", "Soirée passée", -20)


@pytest.fixture
def agenda(home_fr):
    return AgendaIndexPageFactory(parent=home_fr, title="Agenda", slug="agenda")


@pytest.fixture
def organiser(directory):
    return AlternativePageFactory(parent=directory, title="Repair Café Schaerbeek")


@pytest.fixture
def ical_source(make_source, agenda, organiser):
    def make(content, **options):
        return make_source(
            ImportSource.ICAL, [], content=content, filename="agenda.ics", organiser=organiser, **options
        )

    return make


def test_calendar_source_imports_events_through_the_agenda_and_rerun_is_unchanged(ical_source, organiser):
    source = ical_source(calendar(REPAIR, GARDEN))

    run = run_source(source)

    assert run.status == ImportRun.SUCCESS, run.message
    assert (run.created, run.updated, run.unchanged, run.errors) == (2, 0, 0, 0)
    assert {row["external_id"]: row["status"] for row in run.report} == {
        "repair-1@example.org": "created",
        "garden-1@example.org": "created",
    }
    repair = EventPage.objects.get(remote_uid="repair-1@example.org")
    assert repair.live and repair.title == "Repair café" and repair.rrule == "FREQ=WEEKLY;COUNT=4"
    assert [profile.pk for profile in repair.organisers.all()] == [organiser.pk]
    feed = CalendarFeed.objects.get()
    assert repair.feed == feed and feed.name == source.name and feed.active is False
    source.refresh_from_db()
    assert source.calendar_feed == feed

    again = run_source(source)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)

    replace_file(source, calendar(REPAIR.replace("Repair café", "Repair café du samedi"), GARDEN), "agenda.ics")
    third = run_source(source)
    assert (third.updated, third.unchanged) == (1, 1)
    assert EventPage.objects.get(remote_uid="repair-1@example.org").title == "Repair café du samedi"
    assert EventPage.objects.count() == 2


def test_calendar_dry_run_writes_nothing(ical_source):
    source = ical_source(calendar(REPAIR, GARDEN))

    run = run_source(source, dry_run=True)

    assert run.dry_run and run.created == 2
    assert not EventPage.objects.exists() and not CalendarFeed.objects.exists()

    applied = run_source(source)
    assert applied.created == 2 and EventPage.objects.filter(feed=CalendarFeed.objects.get()).count() == 2


def test_a_broken_event_is_reported_and_nothing_of_the_run_is_written(ical_source):
    broken = "BEGIN:VEVENT\r\nUID:broken@example.org\r\nSUMMARY:Sans date\r\nEND:VEVENT\r\n"
    source = ical_source(calendar(REPAIR, broken))

    run = run_source(source)

    assert run.status == ImportRun.FAILED and run.errors == 1 and run.created == 1
    row = next(row for row in run.report if row["status"] == "error")
    assert row["external_id"] == "broken@example.org" and "no start" in row["reason"]
    assert "nothing of this run was written" in run.message
    assert not EventPage.objects.exists()


def test_a_file_that_is_not_a_calendar_fails_with_its_reason(ical_source):
    source = ical_source(b"Nom;Adresse\nfoo;bar\n")

    run = run_source(source)

    assert run.status == ImportRun.FAILED and "not an iCalendar file" in run.message
    assert not EventPage.objects.exists()


def test_calendar_source_needs_an_organiser(make_source, agenda):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        make_source(ImportSource.ICAL, [], content=calendar(GARDEN), filename="a.ics")
    assert "organiser" in error.value.message_dict


def test_upcoming_event_leaving_the_calendar_is_unpublished_with_its_reason_past_ones_are_kept(ical_source):
    source = ical_source(calendar(REPAIR, GARDEN, PAST))
    run_source(source)
    assert EventPage.objects.live().count() == 3

    replace_file(source, calendar(REPAIR), "agenda.ics")
    run = run_source(source)

    assert run.status == ImportRun.SUCCESS and run.withdrawn == 1 and run.unchanged == 1
    row = next(row for row in run.report if row["status"] == "withdrawn")
    assert row["external_id"] == "garden-1@example.org" and "unpublished" in row["reason"]
    garden = EventPage.objects.get(remote_uid="garden-1@example.org")
    assert not garden.live  # kept, never deleted
    assert EventPage.objects.get(remote_uid="past-1@example.org").live
    entry = PageLogEntry.objects.get(page=garden, action="commons.withdrawn")
    assert "No longer in the calendar" in entry.message

    replace_file(source, calendar(REPAIR, GARDEN), "agenda.ics")
    back = run_source(source)
    assert back.updated == 1 and EventPage.objects.get(remote_uid="garden-1@example.org").live


def test_calendar_sources_run_in_the_daily_sync(ical_source, capsys):
    source = ical_source(calendar(GARDEN), schedule=ImportSource.DAILY, name="Agenda du Repair Café")
    assert source.is_due()

    call_command("sync_sources", "--due")

    assert "Agenda du Repair Café" in capsys.readouterr().out
    assert EventPage.objects.filter(remote_uid="garden-1@example.org", live=True).exists()
    assert not ImportSource.objects.get(pk=source.pk).is_due()
