from django.core.management.base import BaseCommand

from incommon_cms.alerts.digest import send_digests


class Command(BaseCommand):
    help = "Send the alert digests that are due. Run it hourly from cron (see docs/deploy.md)."

    def handle(self, *args, **options):
        count = send_digests()
        self.stdout.write(f"{count} digest(s) sent")
