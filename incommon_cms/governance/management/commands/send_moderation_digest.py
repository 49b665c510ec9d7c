from django.core.management.base import BaseCommand

from incommon_cms.governance.tasks import send_moderation_digest


class Command(BaseCommand):
    help = "E-mail each moderator the changes, claims and reports waiting for them (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Queue the job for the task worker instead.")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = send_moderation_digest.enqueue()
            self.stdout.write(f"Queued digest job {result.id}")
            return
        sent = send_moderation_digest.call()
        self.stdout.write(f"Sent {sent} moderation digest(s)")
