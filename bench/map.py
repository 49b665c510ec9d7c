"""Map benchmark: seeds 10,000 profiles and prints p50/p95 of the map page, the GeoJSON of all points and a bbox query.

    python bench/map.py                  # a separate SQLite database in var/bench-map.sqlite3 (created once)
    python bench/map.py --current-db     # the database of DATABASE_URL, topped up to --size profiles
    python bench/map.py --size 20000 --runs 30

Figures only, no assertions. "cold" times rebuild the GeoJSON (cache emptied before each run); "warm" times
come from the server-side cache; "304" is a browser revalidating with its ETag.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(client, url, runs, before=None, headers=None):
    timings, size, status = [], 0, None
    for _run in range(runs):
        if before:
            before()
        start = time.perf_counter()
        response = client.get(url, **(headers or {}))
        timings.append((time.perf_counter() - start) * 1000)
        size, status = len(response.content), response.status_code
    return timings, size, status


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--current-db", action="store_true", help="Use DATABASE_URL instead of a separate SQLite file.")
    args = parser.parse_args()

    if not args.current_db:
        database = ROOT / "var" / "bench-map.sqlite3"
        database.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incommon_cms.settings.test")

    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from incommon_cms.directory.models import DirectoryIndexPage, ProfilePage

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    if not DirectoryIndexPage.objects.exists():
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("generate_directory", args.size, stdout=open(os.devnull, "w"))  # noqa: SIM115
    total = ProfilePage.objects.live().count()
    print(f"Database ready in {time.perf_counter() - start:.1f} s: {total} live profiles (all languages)")

    client = Client(HTTP_HOST="localhost")
    feed = "/geo/profiles.geojson?lang=fr"
    bbox = "/geo/profiles.geojson?lang=fr&bbox=4.34,50.83,4.37,50.85"
    etag = client.get(feed)["ETag"]
    cases = [
        ("map page /fr/carte/", "/fr/carte/", None, None),
        ("GeoJSON all points, cold", feed, cache.clear, None),
        ("GeoJSON all points, warm", feed, None, None),
        ("GeoJSON all points, warm, gzip", feed, None, {"HTTP_ACCEPT_ENCODING": "gzip"}),
        ("GeoJSON all points, 304", feed, None, {"HTTP_IF_NONE_MATCH": etag}),
        ("GeoJSON bbox, cold", bbox, cache.clear, None),
        ("GeoJSON bbox + category, cold", bbox + "&category=food", cache.clear, None),
        ("GeoJSON nl (French fallbacks), cold", "/geo/profiles.geojson?lang=nl", cache.clear, None),
    ]
    print(f"{'endpoint':<40} {'p50 ms':>9} {'p95 ms':>9} {'bytes':>10} {'status':>6}")
    for label, url, before, headers in cases:
        client.get(url, **(headers or {}))  # warm-up (imports, connections)
        timings, size, status = measure(client, url, args.runs, before, headers)
        print(f"{label:<40} {statistics.median(timings):9.1f} {percentile(timings, 0.95):9.1f} {size:10d} {status:>6}")


if __name__ == "__main__":
    main()
