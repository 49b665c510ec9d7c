"""Build a complete, idempotent demo site, in the spirit of bakerydemo's `load_initial_data`.

Each app contributes its content through a `demo` module with an `ORDER` and a `load(ctx)` function;
they run in order and share a `DemoContext`.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from incommon_cms.core.demo import DEMO_PASSWORD
from incommon_cms.core.demo_utils import DemoContext
from incommon_cms.core.translations import aliases_deferred, sync_all


def demo_modules():
    modules = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if config.name.startswith(("incommon_cms.", "toolbox", "agenda")) and find_spec(name):
            modules.append(import_module(name))
    return sorted(modules, key=lambda module: module.ORDER)


class Command(BaseCommand):
    help = "Load the demo site (pages in fr and nl, accounts, collectives and Brussels content). Safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument(
            "--size", type=int, default=0, help="Also generate this many synthetic profiles (for benchmarks)."
        )

    def handle(self, *args, size=0, **options):
        ctx = DemoContext(stdout=self.stdout, size=size)
        with transaction.atomic():
            with aliases_deferred():
                for module in demo_modules():
                    self.stdout.write(f"Loading {module.__name__}…")
                    module.load(ctx)
            self.stdout.write(f"  translations: {sync_all()} untranslated copies shown in the other language")
        self.stdout.write(self.style.SUCCESS("Demo site ready on http://127.0.0.1:8000/fr/ (admin: /admin/)"))
        self.stdout.write(f"All demo accounts use the password: {DEMO_PASSWORD}")
        for role, email in ctx.credentials:
            self.stdout.write(f"  {role:<18} {email}")
