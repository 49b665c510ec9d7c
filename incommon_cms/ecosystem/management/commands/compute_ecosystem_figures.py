from django.core.management.base import BaseCommand

from incommon_cms.ecosystem.tasks import compute_ecosystem_figures


class Command(BaseCommand):
    help = "Compute the figures of the ecosystem page and store them (run nightly)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Hand the job to the task worker instead.")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = compute_ecosystem_figures.enqueue()
            self.stdout.write(f"Enqueued: {result.id}")
            return
        computed_at = compute_ecosystem_figures.call()
        self.stdout.write(f"Ecosystem figures computed at {computed_at}")
