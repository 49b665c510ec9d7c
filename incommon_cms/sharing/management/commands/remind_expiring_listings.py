from django.core.management.base import BaseCommand

from incommon_cms.sharing.board import remind_expiring


class Command(BaseCommand):
    help = "E-mail collectives whose offers or needs expire within a week (once per listing). Run daily."

    def handle(self, *args, **options):
        count = remind_expiring()
        self.stdout.write(f"{count} reminders sent")
