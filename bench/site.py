"""Whole-site benchmark: seeds profiles, events (some recurring) and tools, then prints p50/p95 of the main pages.

    python bench/site.py                                   # 10,000 profiles, 20,000 events, 2,000 tools
    python bench/site.py --profiles 2000 --events 4000 --tools 500 --runs 10
    python bench/site.py --no-load                         # skip the gunicorn requests/s measure

A separate SQLite database (var/bench-site.sqlite3, created once, topped up on later runs), never the dev database.
Latencies go through Django's test client in this process (no network); "cached" rows are the second and later
requests of an anonymous visitor, "static" is the same GeoJSON bytes served by WhiteNoise. The load measure starts
gunicorn (2 workers) on this database and counts requests/s with a few client threads. Figures only, no assertions.
"""

import argparse
import datetime
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = ROOT / "var" / "bench-site.sqlite3"
SLUG_PREFIX = "generated-"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def bulk_pages(parent, model, objects, locale):
    """Write `objects` (unsaved `model` pages) as live children of `parent`, in bulk (see directory/generate.py)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import F
    from wagtail.models import Page

    from incommon_cms.directory.generate import _insert_rows

    content_type = ContentType.objects.get_for_model(model)
    parent = Page.objects.select_for_update().get(pk=parent.pk)
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    for obj in objects:
        step += 1
        obj.path = Page._get_path(parent.path, parent.depth + 1, step)
        obj.depth, obj.numchild = parent.depth + 1, 0
        obj.url_path = f"{parent.url_path}{obj.slug}/"
        obj.locale_id, obj.content_type = locale.pk, content_type
        obj.live, obj.has_unpublished_changes, obj.translation_key = True, False, uuid.uuid4()
        obj.draft_title = obj.title
    fields = [f for f in Page._meta.local_concrete_fields if f.name != "id"]
    pages = Page.objects.bulk_create([Page(**{f.attname: getattr(o, f.attname) for f in fields}) for o in objects])
    for page, obj in zip(pages, objects, strict=True):
        obj.id = obj.page_ptr_id = page.pk
    _insert_rows(model, objects)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(objects))


def seed_events(count, locale):
    from django.db import transaction
    from django.utils import timezone

    from agenda.models import AgendaIndexPage, EventPage

    parent = AgendaIndexPage.objects.filter(locale=locale).first()
    existing = EventPage.objects.filter(locale=locale, slug__startswith=SLUG_PREFIX).count()
    rng = random.Random(f"events-{existing}")  # synthetic data
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    rules = ["FREQ=WEEKLY;COUNT=10", "FREQ=MONTHLY;COUNT=6", "FREQ=WEEKLY;INTERVAL=2;COUNT=8"]
    with transaction.atomic():
        for start_number in range(existing, count, 2000):
            batch = []
            for number in range(start_number, min(count, start_number + 2000)):
                start = now + datetime.timedelta(days=rng.randint(-120, 240), hours=rng.randint(-6, 6))
                event = EventPage(
                    title=f"Atelier {number}",
                    slug=f"{SLUG_PREFIX}{number:06d}",
                    summary="Un atelier de quartier ouvert à toutes et tous.",
                    start=start,
                    end=start + datetime.timedelta(hours=2),
                    rrule=rng.choice(rules) if rng.random() < 0.1 else "",
                    event_languages=["fr"],
                    accessibility=[],
                    first_published_at=now,
                    last_published_at=now,
                )
                event.series_end = start + datetime.timedelta(days=200) if event.rrule else event.end
                batch.append(event)
            bulk_pages(parent, EventPage, batch, locale)
    return max(0, count - existing)


def seed_tools(count, locale):
    from django.db import transaction
    from django.utils import timezone

    from toolbox.models import ToolboxIndexPage, ToolPage

    parent = ToolboxIndexPage.objects.filter(locale=locale).first()
    existing = ToolPage.objects.filter(locale=locale, slug__startswith=SLUG_PREFIX).count()
    now = timezone.now()
    with transaction.atomic():
        batch = [
            ToolPage(
                title=f"Fiche outil {number}",
                slug=f"{SLUG_PREFIX}{number:06d}",
                summary="Une méthode pour animer une réunion de collectif.",
                audience=[],
                first_published_at=now,
                last_published_at=now,
            )
            for number in range(existing, count)
        ]
        if batch:
            bulk_pages(parent, ToolPage, batch, locale)
    return len(batch)


def seed(args):
    from django.core.management import call_command
    from wagtail.models import Locale

    from incommon_cms.directory.models import DirectoryIndexPage, ProfilePage

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    if not DirectoryIndexPage.objects.exists():
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    demo = time.perf_counter() - start
    call_command("generate_directory", args.profiles, stdout=open(os.devnull, "w"))  # noqa: SIM115
    locale = Locale.objects.get(language_code="fr")
    seed_events(args.events, locale)
    seed_tools(args.tools, locale)
    total = ProfilePage.objects.live().count()
    print(
        f"Database ready in {time.perf_counter() - start:.1f} s (demo content {demo:.1f} s): {total} live profiles, "
        f"{args.events} generated events, {args.tools} generated tools"
    )


def measure(client, url, runs, before=None):
    client.get(url)  # warm-up (imports, connections, cache)
    timings, size, status = [], 0, None
    for _run in range(runs):
        if before:
            before()
        start = time.perf_counter()
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        timings.append((time.perf_counter() - start) * 1000)
        size, status = len(body), response.status_code
    return timings, size, status


def load_test(url_path, seconds, threads):
    """requests/s of gunicorn (2 workers) on this database for `url_path`, with `threads` client threads."""
    port = 8765
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="incommon_cms.settings.test")
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    server = subprocess.Popen(
        [gunicorn, "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning", "incommon_cms.wsgi"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}{url_path}"
    try:
        for _attempt in range(100):
            try:
                urllib.request.urlopen(url, timeout=5).read()  # local URL
                break
            except OSError:
                time.sleep(0.2)
        counts, errors, deadline = [0] * threads, [0], time.monotonic() + seconds

        def worker(index):
            while time.monotonic() < deadline:
                try:
                    urllib.request.urlopen(url, timeout=10).read()
                    counts[index] += 1
                except OSError:
                    errors[0] += 1

        workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
        return sum(counts) / seconds, errors[0]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--tools", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10, help="Duration of the requests/s measure.")
    parser.add_argument("--threads", type=int, default=4, help="Client threads of the requests/s measure.")
    parser.add_argument("--no-load", action="store_true", help="Skip the gunicorn requests/s measure.")
    parser.add_argument("--seed-only", action="store_true")
    args = parser.parse_args()

    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incommon_cms.settings.test")
    os.environ.setdefault("STATIC_ROOT", str(ROOT / "var" / "bench-static"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    from incommon_cms.directory.models import AlternativePage

    seed(args)
    if args.seed_only:
        return

    feed = "/geo/profiles.geojson?lang=fr"
    # The same bytes as a static file, written before the client's WhiteNoise scans STATIC_ROOT.
    static_file = Path(settings.STATIC_ROOT) / "bench" / "profiles.geojson"
    static_file.parent.mkdir(parents=True, exist_ok=True)
    static_file.write_bytes(Client(HTTP_HOST="localhost").get(feed).content)
    client = Client(HTTP_HOST="localhost")

    profile = AlternativePage.objects.live().filter(locale__language_code="fr").order_by("pk").first()
    month = datetime.date.today().strftime("%Y-%m")
    cases = [
        ("home /fr/", "/fr/"),
        ("map page /fr/carte/", "/fr/carte/"),
        ("GeoJSON all points", feed),
        ("GeoJSON bbox", "/geo/profiles.geojson?lang=fr&bbox=4.34,50.83,4.37,50.85"),
        ("profile page", profile.get_url()),
        ("agenda month", f"/fr/agenda/?view=month&month={month}"),
        ("search 'potager'", "/fr/recherche/?q=potager"),
        ("API list /api/v1/profiles/", "/api/v1/profiles/"),
        ("GeoJSON as a static file", f"{settings.STATIC_URL}bench/profiles.geojson"),
    ]
    print(
        f"{'endpoint':<34} {'cold p50':>9} {'cold p95':>9} {'cached p50':>11} {'cached p95':>11} {'bytes':>9} {'st':>4}"
    )
    for label, url in cases:
        cold, _size, _status = measure(client, url, max(3, args.runs // 4), before=cache.clear)
        warm, size, status = measure(client, url, args.runs)
        print(
            f"{label:<34} {statistics.median(cold):9.1f} {percentile(cold, 0.95):9.1f} "
            f"{statistics.median(warm):11.1f} {percentile(warm, 0.95):11.1f} {size:9d} {status:>4}"
        )
    if not args.no_load:
        for label, url in [("home /fr/ (cached page)", "/fr/"), ("GeoJSON all points (cached)", feed)]:
            rate, errors = load_test(url, args.seconds, args.threads)
            print(f"gunicorn 2 workers, {args.threads} threads, {label}: {rate:.0f} requests/s ({errors} errors)")


if __name__ == "__main__":
    main()
