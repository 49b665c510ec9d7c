from django.core.management.base import BaseCommand

from agenda.models import CalendarFeed
from agenda.sync import sync_all
from agenda.tasks import sync_calendars


class Command(BaseCommand):
    help = "Synchronise the subscribed calendars (all active ones, or those given by id)."

    def add_arguments(self, parser):
        parser.add_argument("feed_ids", nargs="*", type=int)
        parser.add_argument("--enqueue", action="store_true", help="Queue a background task instead of running now.")

    def handle(self, *args, feed_ids=(), enqueue=False, **options):
        if enqueue:
            for feed_id in feed_ids or [None]:
                result = sync_calendars.enqueue(feed_id)
                self.stdout.write(f"queued {result.id}")
            return
        feeds = CalendarFeed.objects.filter(pk__in=feed_ids) if feed_ids else None
        failed = 0
        for run in sync_all(feeds):
            if run.ok:
                line = f"{run.feed}: {run.created} created, {run.updated} updated, {run.removed} removed, {run.unchanged} unchanged"
            else:
                failed += 1
                line = f"{run.feed}: FAILED – {run.reason}"
            self.stdout.write(line)
        if failed:
            self.stderr.write(f"{failed} calendar(s) could not be synchronised")
