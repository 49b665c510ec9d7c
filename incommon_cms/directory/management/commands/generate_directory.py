from django.core.management.base import BaseCommand, CommandError

from incommon_cms.directory.generate import generate_profiles
from incommon_cms.directory.models import DirectoryIndexPage


class Command(BaseCommand):
    help = "Make sure N synthetic profiles spread over Brussels exist (for benchmarks and load tests). Safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many generated profiles there should be in total.")
        parser.add_argument("--seed", type=int, default=2026, help="Seed of the random generator.")

    def handle(self, *args, count, seed, **options):
        if count < 0:
            raise CommandError("The number of profiles cannot be negative.")
        try:
            created = generate_profiles(count, seed=seed, stdout=self.stdout)
        except DirectoryIndexPage.DoesNotExist as error:
            raise CommandError(str(error))
        self.stdout.write(self.style.SUCCESS(f"{created} profiles created; {count} generated profiles in total."))
