"""The data migration that turns subscribed calendars (CalendarFeed) into calendar sources of the data commons.

The database is taken back to the state just before the migration, rows are written with the models of that
state, the migration's function runs on them, and the database goes forward again to the current models."""

import datetime
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from agenda.models import EventPage
from incommon_cms.accounts.factories import UserFactory
from incommon_cms.commons.models import ImportRun, ImportSource

migration = importlib.import_module("agenda.migrations.0003_calendar_feeds_to_sources")

BEFORE = [("agenda", "0002_event_import_source"), ("commons", "0004_calendar_subscriber")]


def migrate_to(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def back_in_time():
    """The models of the state before the migration (the database taken there); the latest state again after."""
    yield lambda: migrate_to(BEFORE)
    migrate_to(latest())


@pytest.mark.django_db(transaction=True)
def test_calendar_feeds_become_calendar_sources_with_their_events_and_reports(
    agenda, organiser, make_event, locales, back_in_time
):
    member = UserFactory()
    daily_event = make_event(title="Repair café", remote_uid="repair@example.org")
    uploaded_event = make_event(title="Atelier", remote_uid="atelier@example.org")
    linked_event = make_event(title="Conférence", remote_uid="conf@example.org")
    own_event = make_event(title="Soirée")
    ImportSource.objects.create(
        name="Google", kind="csv", locale=locales["fr"], url="https://example.org/x.csv", licence="CC0-1.0"
    )
    organiser_pk, organiser_title = organiser.pk, organiser.title

    apps = back_in_time()
    CalendarFeed = apps.get_model("agenda", "CalendarFeed")
    CalendarSyncRun = apps.get_model("agenda", "CalendarSyncRun")
    OldEvent = apps.get_model("agenda", "EventPage")
    OldSource = apps.get_model("commons", "ImportSource")
    google_feed = CalendarFeed.objects.create(
        name="Google", organiser_id=organiser_pk, url="https://example.org/a.ics", created_by_id=member.pk
    )
    uploaded_feed = CalendarFeed.objects.create(
        name="x" * 150, organiser_id=organiser_pk, file="agenda/feeds/a.ics", active=False
    )
    CalendarFeed.objects.create(name="En pause", organiser_id=organiser_pk, url="https://e.org/b.ics", active=False)
    linked_feed = CalendarFeed.objects.create(
        name="Lié", organiser_id=organiser_pk, url="https://e.org/c.ics", active=False
    )
    already = OldSource.objects.create(
        name="Source existante",
        kind="ical",
        locale_id=locales["fr"].pk,
        url="https://e.org/c.ics",
        organiser_id=organiser_pk,
        licence="CC0-1.0",
        attribution="©",
        calendar_feed=linked_feed,
    )
    OldEvent.objects.filter(pk=daily_event.pk).update(feed=google_feed)
    OldEvent.objects.filter(pk=uploaded_event.pk).update(feed=uploaded_feed)
    OldEvent.objects.filter(pk=linked_event.pk).update(feed=linked_feed)
    started = timezone.now() - datetime.timedelta(days=1)
    CalendarSyncRun.objects.create(
        feed=google_feed,
        started_at=started,
        finished_at=started,
        ok=True,
        created=3,
        updated=1,
        removed=2,
        unchanged=4,
        errors=["bad@example.org: The event has no start."],
    )
    CalendarSyncRun.objects.create(feed=google_feed, ok=False, reason="The calendar could not be reached: timeout")

    migration.calendar_feeds_to_sources(apps, None)
    MigrationRecorder(connection).record_applied("agenda", "0003_calendar_feeds_to_sources")  # it just ran
    migrate_to(latest())

    google = ImportSource.objects.get(name="Google (2)")  # "Google" was taken by a CSV source
    assert (google.kind, google.url, google.schedule, google.is_active) == (
        "ical",
        "https://example.org/a.ics",
        "daily",
        True,
    )
    assert (google.organiser_id, google.locale_id, google.created_by_id) == (
        organiser_pk,
        organiser.locale_id,
        member.pk,
    )
    assert (google.licence, google.attribution) == ("CC-BY-SA-4.0", organiser_title)
    uploaded = ImportSource.objects.get(name="x" * 100)
    assert (uploaded.file.name, uploaded.url, uploaded.schedule, uploaded.is_active) == (
        "agenda/feeds/a.ics",
        "",
        "manual",
        True,
    )
    paused = ImportSource.objects.get(name="En pause")
    assert (paused.schedule, paused.is_active) == ("daily", False)
    assert not ImportSource.objects.filter(name="Lié").exists()  # it joined the source that already read it
    assert ImportSource.objects.filter(kind="ical").count() == 4

    assert EventPage.objects.get(pk=daily_event.pk).source == google
    assert EventPage.objects.get(pk=uploaded_event.pk).source == uploaded
    assert EventPage.objects.get(pk=linked_event.pk).source_id == already.pk
    assert EventPage.objects.get(pk=own_event.pk).source is None

    ok, failed = google.runs.order_by("started_at")
    assert (ok.status, ok.created, ok.updated, ok.withdrawn, ok.unchanged, ok.skipped, ok.errors) == (
        ImportRun.SUCCESS,
        3,
        1,
        2,
        4,
        1,
        0,
    )
    assert ok.report == [
        {
            "row": 1,
            "external_id": "",
            "title": "",
            "status": "skipped",
            "reason": "bad@example.org: The event has no start.",
            "fields": [],
            "profile_id": None,
        }
    ]
    assert (failed.status, failed.message) == (ImportRun.FAILED, "The calendar could not be reached: timeout")
