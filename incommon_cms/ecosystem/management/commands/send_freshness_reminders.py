from django.core.management.base import BaseCommand

from incommon_cms.ecosystem.tasks import send_freshness_reminders


class Command(BaseCommand):
    help = "E-mail the members of collectives whose profiles have not been verified for too long (run monthly)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Hand the job to the task worker instead.")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = send_freshness_reminders.enqueue()
            self.stdout.write(f"Enqueued: {result.id}")
            return
        report = send_freshness_reminders.call()
        self.stdout.write(
            f"{report['emails']} reminder(s) sent about {report['profiles']} profile(s); "
            f"{report['unclaimed']} stale profile(s) without members are on the moderators' list."
        )
