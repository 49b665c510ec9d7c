"""Import benchmark: prints the throughput (rows/s) of a first import of a 10,000-row CSV, the duration of its
no-change re-sync, of a re-sync where 1 % of the rows left the source (withdrawn), and of a duplicate scan over
the imported profiles.

    python bench/imports.py                 # a fresh SQLite database in var/bench-imports.sqlite3
    python bench/imports.py --rows 2000
    python bench/imports.py --current-db    # the database of DATABASE_URL (its import source is replaced)
    python bench/imports.py --inline-tasks  # run background tasks (search indexing) inline, as tests do

By default background tasks go to the database queue, as in production: the search index updates of the
imported pages are queued for the worker (`manage.py db_worker`) instead of being made during the import.

Figures only, no assertions.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

POSTCODES = [
    "1000",
    "1020",
    "1030",
    "1040",
    "1050",
    "1060",
    "1070",
    "1080",
    "1081",
    "1082",
    "1083",
    "1090",
    "1120",
    "1130",
    "1140",
    "1150",
    "1160",
    "1170",
    "1180",
    "1190",
    "1200",
    "1210",
]
WORDS = ["Potager", "Repair", "Épicerie", "Atelier", "Coopérative", "Café", "Jardin", "Ressourcerie", "Maison"]


def csv_bytes(rows, seed=1):
    generator = random.Random(seed)
    lines = ["id;Nom;Description;Rue;Numéro;Code postal;Thèmes;Courriel"]
    for number in range(rows):
        lines.append(
            ";".join(
                [
                    f"R{number:05d}",
                    f"{generator.choice(WORDS)} {generator.choice(WORDS)} n°{number}",
                    "Initiative citoyenne de quartier.",
                    "Rue de la Bench",
                    str(generator.randint(1, 300)),
                    generator.choice(POSTCODES),
                    generator.choice(["Alimentation", "Réparation", ""]),
                    f"contact{number}@example.org",
                ]
            )
        )
    return ("\n".join(lines) + "\n").encode("latin-1")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--current-db", action="store_true", help="Use DATABASE_URL instead of a fresh SQLite file.")
    parser.add_argument("--inline-tasks", action="store_true", help="Run background tasks during the import.")
    args = parser.parse_args()

    if not args.current_db:
        database = ROOT / "var" / "bench-imports.sqlite3"
        database.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incommon_cms.settings.test")

    import django

    django.setup()
    if not args.inline_tasks:
        from django.test.utils import override_settings

        override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}).enable()
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from incommon_cms.commons.duplicates import find_duplicates
    from incommon_cms.commons.engine import run_source
    from incommon_cms.commons.models import ImportSource
    from incommon_cms.core.demo_utils import child_page, locale
    from incommon_cms.core.models import HomePage
    from incommon_cms.directory.models import Category, DirectoryIndexPage

    call_command("migrate", verbosity=0)
    fr = locale("fr")
    home = HomePage.objects.get(locale=fr)
    if not DirectoryIndexPage.objects.filter(locale=fr).exists():
        child_page(home, DirectoryIndexPage, "carte", title="Carte")
    for slug, name in [("food", "Alimentation"), ("repair", "Réparation")]:
        Category.objects.get_or_create(slug=slug, locale=fr, defaults={"name": name})
    ImportSource.objects.filter(name="bench").delete()
    source = ImportSource(
        name="bench",
        kind=ImportSource.CSV,
        locale=fr,
        licence="CC0-1.0",
        attribution="bench",
        mapping=[
            {"source": "Nom", "field": "title"},
            {"source": "Description", "field": "short_description"},
            {"field": "street_address", "transform": "combine", "parts": ["Rue", "Numéro"]},
            {"source": "Code postal", "field": "postcode"},
            {
                "source": "Thèmes",
                "field": "categories",
                "transform": "categories",
                "values": {"Alimentation": "food", "Réparation": "repair"},
            },
            {"source": "Courriel", "field": "email"},
        ],
    )
    source.file.save("bench.csv", ContentFile(csv_bytes(args.rows)), save=False)
    source.save()

    start = time.perf_counter()
    first = run_source(source)
    first_duration = time.perf_counter() - start
    start = time.perf_counter()
    second = run_source(source)
    second_duration = time.perf_counter() - start
    start = time.perf_counter()
    pairs = find_duplicates()
    duplicates_duration = time.perf_counter() - start
    lines = csv_bytes(args.rows).splitlines()
    kept = lines[: 1 + args.rows - args.rows // 100]  # the header and the first 99 % of the rows
    source.file.save("bench.csv", ContentFile(b"\n".join(kept) + b"\n"), save=True)
    start = time.perf_counter()
    third = run_source(source)
    third_duration = time.perf_counter() - start

    tasks = "tasks inline" if args.inline_tasks else "tasks queued for the worker"
    print(f"{args.rows} rows, {os.environ['DATABASE_URL'].split(':')[0]}, {tasks}")
    print(
        f"first import:     {first_duration:8.1f} s  {args.rows / first_duration:8.1f} rows/s  "
        f"(created {first.created}, errors {first.errors})"
    )
    print(
        f"no-change resync: {second_duration:8.2f} s  {args.rows / second_duration:8.0f} rows/s  "
        f"(unchanged {second.unchanged})"
    )
    print(
        f"resync, 1 % gone: {third_duration:8.2f} s  {args.rows / third_duration:8.0f} rows/s  "
        f"(unchanged {third.unchanged}, withdrawn {third.withdrawn})"
    )
    print(f"duplicate scan:   {duplicates_duration:8.2f} s  over {args.rows} profiles ({len(pairs)} pairs)")


if __name__ == "__main__":
    main()
