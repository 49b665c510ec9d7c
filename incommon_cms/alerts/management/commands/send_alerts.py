from django.core.management.base import BaseCommand

from incommon_cms.alerts.tasks import send_alert_digests


class Command(BaseCommand):
    help = "Send the e-mail alerts that are due (run hourly: immediate alerts hourly, daily and weekly ones when due)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Queue the job for the task worker instead.")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = send_alert_digests.enqueue()
            self.stdout.write(f"Queued alerts job {result.id}")
            return
        sent = send_alert_digests.call()
        self.stdout.write(f"Sent {sent} alert digest(s)")
