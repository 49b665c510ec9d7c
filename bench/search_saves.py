"""Time to save and publish a profile with the search index written in the save vs. after commit by a task.

Usage: python bench/search_saves.py [--saves 50]
Prints p50/p95 of `save_revision().publish()` inside a transaction (as the admin does) with
SEARCH_INDEX_UPDATES="immediate" (the index is written during the save) and "on_commit" with the database task
backend (the save only queues one task; `db_worker` writes the index), then the time the worker takes per task.
Figures only, never pass/fail. Uses its own SQLite file under var/.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentiles(values):
    values = sorted(values)
    return statistics.median(values) * 1000, values[int(len(values) * 0.95) - 1] * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--saves", type=int, default=50)
    args = parser.parse_args()

    database = ROOT / "var" / "bench-search-saves.sqlite3"
    database.parent.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incommon_cms.settings.test")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    from incommon_cms.core.site_setup import ensure_default_site
    from incommon_cms.directory.factories import AlternativePageFactory, DirectoryIndexPageFactory

    call_command("migrate", verbosity=0)
    home = ensure_default_site()
    directory = home.get_children().type(DirectoryIndexPageFactory._meta.model).first()
    directory = directory.specific if directory else DirectoryIndexPageFactory(parent=home)
    index_dir = tempfile.mkdtemp(prefix="bench-search-saves-")
    backends = {"default": {"BACKEND": "incommon_cms.search.backends.whoosh", "PATH": index_dir}}

    run = int(time.time())

    def publish_many(label):
        timings = []
        for n in range(args.saves):
            page = AlternativePageFactory(
                parent=directory, title=f"{label} {n}", slug=f"{label}-{n}-{run}", short_description="Un potager."
            )
            page.short_description = f"Un potager partagé et des formations, numéro {n}."
            started = time.perf_counter()
            with transaction.atomic():
                page.save_revision().publish()
            timings.append(time.perf_counter() - started)
        return timings

    with override_settings(WAGTAILSEARCH_BACKENDS=backends, SEARCH_INDEX_UPDATES="immediate"):
        p50, p95 = percentiles(publish_many("immediate"))
        print(f"publish, index written in the save:    p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")

    tasks = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(WAGTAILSEARCH_BACKENDS=backends, SEARCH_INDEX_UPDATES="on_commit", TASKS=tasks):
        DBTaskResult.objects.all().delete()
        p50, p95 = percentiles(publish_many("on_commit"))
        print(f"publish, index task queued on commit:  p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")
        queued = DBTaskResult.objects.count()
        search_tasks = DBTaskResult.objects.filter(task_path__endswith="update_search_index").count()
        started = time.perf_counter()
        call_command("db_worker", batch=True, verbosity=0)
        worker = time.perf_counter() - started
        print(f"db_worker: {queued} queued tasks ({search_tasks} search index updates) in {worker:.2f} s")


if __name__ == "__main__":
    main()
