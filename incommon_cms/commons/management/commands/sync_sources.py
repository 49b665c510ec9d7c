from django.core.management.base import BaseCommand, CommandError

from incommon_cms.commons.engine import run_source
from incommon_cms.commons.models import ImportSource
from incommon_cms.commons.tasks import sync_due_sources


class Command(BaseCommand):
    help = "Synchronise import sources: all active ones, one by name, or those whose schedule is due."

    def add_arguments(self, parser):
        parser.add_argument("--source", help="Name of the source to run.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; write nothing.")
        parser.add_argument("--due", action="store_true", help="Only sources whose daily/weekly schedule is due.")
        parser.add_argument(
            "--enqueue", action="store_true", help="With --due: queue the job for the task worker instead."
        )

    def handle(self, *args, source=None, dry_run=False, due=False, enqueue=False, **options):
        if enqueue:
            if not due or source or dry_run:
                raise CommandError("--enqueue goes with --due alone.")
            result = sync_due_sources.enqueue()
            self.stdout.write(f"Due sources' synchronisation queued {result.id}")
            return
        sources = ImportSource.objects.filter(is_active=True)
        if source:
            sources = ImportSource.objects.filter(name=source)
            if not sources:
                raise CommandError(f"No import source named {source!r}.")
        failed = 0
        for item in sources:
            if due and not item.is_due():
                continue
            run = run_source(item, dry_run=dry_run)
            failed += run.status != run.SUCCESS
            self.stdout.write(
                f"{item.name}{' (dry run)' if dry_run else ''}: {run.get_status_display()} – "
                f"created: {run.created}, updated: {run.updated}, proposed: {run.proposed}, "
                f"unchanged: {run.unchanged}, skipped: {run.skipped}, withdrawn: {run.withdrawn}, errors: {run.errors}, "
                f"{run.duration.total_seconds():.1f}s"
            )
            if run.message:
                self.stdout.write(f"  {run.message}")
            for row in run.report:
                if row["status"] == "error":
                    self.stdout.write(f"  row {row['row']} ({row['external_id']}): {row['reason']}")
        if failed:
            raise CommandError(f"{failed} source(s) failed.")
