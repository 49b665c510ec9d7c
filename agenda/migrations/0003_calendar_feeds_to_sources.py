"""Subscribed calendars become calendar sources of the data commons (docs/decisions.md, "One calendar pipeline").

Each `CalendarFeed` becomes an `ImportSource` of kind `ical` (or joins the source that already fed it), its events
point to that source, and its synchronisation reports become import runs. Nothing is deleted here; the next
migrations drop the old models.
"""

from django.db import migrations

NAME_LENGTH = 100


def unique_name(ImportSource, name):
    """The feed's name, shortened to fit and numbered when another source has it (source names are unique)."""
    base = (name or "").strip()[:NAME_LENGTH] or "Calendar"
    candidate, number = base, 2
    while ImportSource.objects.filter(name=candidate).exists():
        suffix = f" ({number})"
        candidate, number = base[: NAME_LENGTH - len(suffix)] + suffix, number + 1
    return candidate


def source_for(feed, ImportSource, ProfilePage):
    source = ImportSource.objects.filter(calendar_feed=feed).first()
    if source is not None:
        return source
    organiser = ProfilePage.objects.get(pk=feed.organiser_id)
    source = ImportSource.objects.create(
        name=unique_name(ImportSource, feed.name),
        kind="ical",
        locale_id=organiser.locale_id,
        url=feed.url,
        file=feed.file.name if feed.file else "",
        organiser_id=organiser.pk,
        licence=organiser.data_licence or "CC-BY-SA-4.0",
        attribution=organiser.title[:255],
        # An address was synchronised every day while active; an uploaded file was read once.
        schedule="daily" if feed.url else "manual",
        is_active=feed.active if feed.url else True,
        created_by_id=feed.created_by_id,
    )
    ImportSource.objects.filter(pk=source.pk).update(created_at=feed.created_at)
    return source


def calendar_feeds_to_sources(apps, schema_editor):
    CalendarFeed = apps.get_model("agenda", "CalendarFeed")
    CalendarSyncRun = apps.get_model("agenda", "CalendarSyncRun")
    EventPage = apps.get_model("agenda", "EventPage")
    ImportSource = apps.get_model("commons", "ImportSource")
    ImportRun = apps.get_model("commons", "ImportRun")
    ProfilePage = apps.get_model("directory", "ProfilePage")
    for feed in CalendarFeed.objects.order_by("pk"):
        source = source_for(feed, ImportSource, ProfilePage)
        EventPage.objects.filter(feed_id=feed.pk).update(source=source)
        for run in CalendarSyncRun.objects.filter(feed_id=feed.pk).order_by("started_at", "pk"):
            ImportRun.objects.create(
                source=source,
                status="success" if run.ok else "failed",
                started_at=run.started_at,
                finished_at=run.finished_at,
                created=run.created,
                updated=run.updated,
                withdrawn=run.removed,
                unchanged=run.unchanged,
                skipped=len(run.errors or []),
                message=run.reason,
                report=[
                    {
                        "row": number,
                        "external_id": "",
                        "title": "",
                        "status": "skipped",
                        "reason": str(error),
                        "fields": [],
                        "profile_id": None,
                    }
                    for number, error in enumerate(run.errors or [], start=1)
                ],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0002_event_import_source"),
        ("commons", "0004_calendar_subscriber"),
    ]

    operations = [migrations.RunPython(calendar_feeds_to_sources, migrations.RunPython.noop)]
