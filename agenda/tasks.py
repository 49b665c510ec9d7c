"""Background jobs of the agenda (django-tasks)."""

from django_tasks import task


@task()
def sync_calendars(feed_id=None):
    """Synchronise one subscribed calendar, or all active ones; returns the run ids."""
    from .models import CalendarFeed
    from .sync import sync_all

    feeds = CalendarFeed.objects.filter(pk=feed_id) if feed_id else None
    return [run.pk for run in sync_all(feeds)]
