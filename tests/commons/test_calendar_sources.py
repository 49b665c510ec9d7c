"""Calendar (iCalendar) sources: events go through the agenda's importer with the commons' runs and reports."""

import datetime

import pytest
from django.core.management import call_command
from wagtail.models import Locale, PageLogEntry

from agenda.factories import AgendaIndexPageFactory
from agenda.models import EventPage
from incommon_cms.commons.engine import run_source
from incommon_cms.commons.models import ImportRun, ImportSource
from incommon_cms.core.demo_utils import translation
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
    assert repair.source == source and EventPage.objects.filter(source=source).count() == 2

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
    assert not EventPage.objects.exists()

    applied = run_source(source)
    assert applied.created == 2 and EventPage.objects.filter(source=source).count() == 2


def test_a_broken_event_is_reported_and_nothing_of_the_run_is_written(ical_source):
    broken = "BEGIN:VEVENT\r\nUID:broken@example.org\r\nSUMMARY:Sans date\r\nEND:VEVENT\r\n"
    source = ical_source(calendar(REPAIR, broken))

    run = run_source(source)

    assert run.status == ImportRun.FAILED and run.errors == 1 and run.created == 1
    row = next(row for row in run.report if row["status"] == "error")
    assert row["external_id"] == "broken@example.org" and row["reason"] == "L'événement n'a pas de début."
    # A calendar's run speaks the language of its source (its collective's), here French.
    assert run.message == "1 ligne(s) n’ont pas pu être importées : rien de cette importation n’a été enregistré."
    assert not EventPage.objects.exists()


def test_a_file_that_is_not_a_calendar_fails_with_its_reason(ical_source):
    source = ical_source(b"Nom;Adresse\nfoo;bar\n")

    run = run_source(source)

    assert run.status == ImportRun.FAILED and run.message == (
        "Ce n'est pas un fichier iCalendar (il ne commence pas par BEGIN:VCALENDAR)."
    )
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
    assert row["external_id"] == "garden-1@example.org" and row["reason"] == "N’est plus dans le calendrier : dépublié."
    garden = EventPage.objects.get(remote_uid="garden-1@example.org")
    assert not garden.live  # kept, never deleted
    assert EventPage.objects.get(remote_uid="past-1@example.org").live
    entry = PageLogEntry.objects.get(page=garden, action="commons.withdrawn")
    assert entry.message == "Withdrawn by the source “ical source”: N’est plus dans le calendrier : dépublié."

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


@pytest.fixture
def bilingual_agenda(homes):
    """The agenda in French and in Dutch; the calendar's source and its events are French."""
    index = AgendaIndexPageFactory(parent=homes["fr"], title="Agenda", slug="agenda")
    index.save_revision().publish()
    translation(index, "nl", title="Agenda NL", slug="agenda")
    return index


def test_an_event_leaving_the_calendar_is_withdrawn_not_its_untranslated_dutch_copy(
    make_source, bilingual_agenda, organiser, settings
):
    settings.INCOMMON_TRANSLATION_ALIASES = True
    source = make_source(ImportSource.ICAL, [], content=calendar(REPAIR, GARDEN), filename="a.ics", organiser=organiser)
    assert run_source(source).created == 2
    garden = EventPage.objects.get(remote_uid="garden-1@example.org", locale__language_code="fr")
    copy = EventPage.objects.get(remote_uid="garden-1@example.org", locale__language_code="nl")
    # The Dutch copy carries the same UID and source: it must not be taken for the event.
    assert copy.alias_of_id == garden.pk and copy.source == source and copy.live

    replace_file(source, calendar(REPAIR), "a.ics")
    run = run_source(source)

    assert (run.status, run.withdrawn, run.unchanged, run.created) == (ImportRun.SUCCESS, 1, 1, 0)
    row = next(row for row in run.report if row["status"] == "withdrawn")
    assert row["profile_id"] == garden.pk
    garden.refresh_from_db()
    copy.refresh_from_db()
    assert not garden.live and not copy.live
    assert PageLogEntry.objects.filter(page=garden, action="commons.withdrawn").exists()
    assert EventPage.objects.filter(remote_uid="repair-1@example.org", live=True).count() == 2

    replace_file(source, calendar(REPAIR, GARDEN), "a.ics")
    back = run_source(source)

    assert (back.updated, back.unchanged, back.created) == (1, 1, 0)
    garden.refresh_from_db()
    copy.refresh_from_db()
    assert garden.live and copy.live


def test_a_withdrawn_events_translations_are_withdrawn_and_come_back_with_it(make_source, bilingual_agenda, organiser):
    source = make_source(ImportSource.ICAL, [], content=calendar(GARDEN), filename="a.ics", organiser=organiser)
    run_source(source)
    garden = EventPage.objects.get(remote_uid="garden-1@example.org")
    dutch = garden.copy_for_translation(Locale.objects.get(language_code="nl"))
    dutch.title = "Moestuinatelier"
    dutch.save_revision().publish()

    replace_file(source, calendar(REPAIR), "a.ics")
    run = run_source(source)

    assert (run.withdrawn, run.created) == (1, 1)
    garden.refresh_from_db()
    dutch.refresh_from_db()
    assert not garden.live and not dutch.live
    assert PageLogEntry.objects.filter(page=dutch, action="commons.withdrawn").exists()

    replace_file(source, calendar(REPAIR, GARDEN), "a.ics")
    assert run_source(source).updated == 1
    garden.refresh_from_db()
    dutch.refresh_from_db()
    assert garden.live and dutch.live and dutch.title == "Moestuinatelier"
