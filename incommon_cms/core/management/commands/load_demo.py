"""Build a complete, idempotent demo site, in the spirit of bakerydemo's `load_initial_data`.

The content is in each app's `demo_data/*.json` files, read and built by the one loader in `core.demo_loader`.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from incommon_cms.core.demo import DEMO_PASSWORD
from incommon_cms.core.demo_loader import DemoContext, DemoDataError, demo_files, load_demo_files
from incommon_cms.core.translations import aliases_deferred, sync_all


class Command(BaseCommand):
    help = "Load the demo site (pages in fr and nl, accounts, collectives and Brussels content). Safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument(
            "--size", type=int, default=0, help="Also generate this many synthetic profiles (for benchmarks)."
        )

    def handle(self, *args, size=0, **options):
        try:
            files = demo_files()
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        ctx = DemoContext(stdout=self.stdout, size=size)
        with transaction.atomic():
            with aliases_deferred():
                load_demo_files(ctx, files)
            self.stdout.write(f"  translations: {sync_all()} untranslated copies shown in the other language")
        self.stdout.write(self.style.SUCCESS("Demo site ready on http://127.0.0.1:8000/fr/ (admin: /admin/)"))
        self.stdout.write(f"All demo accounts use the password: {DEMO_PASSWORD}")
        for role, email in ctx.credentials:
            self.stdout.write(f"  {role:<18} {email}")
