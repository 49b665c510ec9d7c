from django.core.management.base import BaseCommand

from incommon_cms.core.translations import aliases_enabled, sync_all, translation_queue


class Command(BaseCommand):
    help = "Show untranslated pages in every language (as untranslated copies) and list what translators have to do."

    def handle(self, *args, **options):
        if not aliases_enabled():
            self.stdout.write("INCOMMON_TRANSLATION_ALIASES is off: no untranslated copies were created.")
        else:
            self.stdout.write(f"{sync_all()} untranslated copies created.")
        queue = translation_queue()
        outdated = sum(1 for item in queue if item.status == "outdated")
        self.stdout.write(f"Translation queue: {len(queue) - outdated} untranslated, {outdated} outdated.")
