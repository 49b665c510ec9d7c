"""Synchronisation: a real MariaDB table, conflict policies on claimed profiles, the command and the schedule."""

import os

import pymysql
import pytest
from django.core.management import call_command
from wagtail.models import WorkflowState

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.commons.engine import run_source
from incommon_cms.commons.models import ImportRun, ImportSource
from incommon_cms.directory.models import AlternativePage
from incommon_cms.governance.models import Decision, Membership

from .conftest import replace_file
from .test_imports import CSV_MAPPING, MESSY_CSV, messy_csv_bytes

pytestmark = pytest.mark.django_db

MARIADB = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": ""}
TEST_DB = f"incommon_import_test_{os.getpid()}"  # one per test process: SQLite and PostgreSQL runs go in parallel


@pytest.fixture
def mariadb_table():
    connection = pymysql.connect(**MARIADB, charset="utf8mb4", autocommit=True)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {TEST_DB}")
        cursor.execute(f"CREATE DATABASE {TEST_DB} CHARACTER SET utf8mb4")
        cursor.execute(
            f"CREATE TABLE {TEST_DB}.membres (id INT PRIMARY KEY, nom VARCHAR(200), cp CHAR(4), site VARCHAR(200),"
            " creation YEAR NULL, lat DECIMAL(9,6) NULL, lon DECIMAL(9,6) NULL, actif TINYINT)"
        )
        cursor.executemany(
            f"INSERT INTO {TEST_DB}.membres VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",  # noqa: S608
            [
                (1, "Ferme urbaine d'Anderlecht", "1070", "https://ferme.example.org", 2019, None, None, 1),
                (2, "Vélo-atelier Molenbeek", "1080", "", None, 50.8556, 4.3298, 1),
                (3, "Ancien membre", "1000", "", None, None, None, 0),
            ],
        )

    def execute(sql, *params):
        with connection.cursor() as cursor:
            cursor.execute(sql.format(db=TEST_DB), params)

    yield execute
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {TEST_DB}")
    connection.close()


def test_sql_source_reads_a_real_mariadb_table(make_source, mariadb_table):
    mapping = [
        {"source": "nom", "field": "title"},
        {"source": "cp", "field": "postcode"},
        {"source": "site", "field": "website"},
        {"source": "creation", "field": "founding_year"},
        {"source": "lat", "field": "latitude"},
        {"source": "lon", "field": "longitude"},
    ]
    source = make_source(
        ImportSource.SQL,
        mapping,
        database_url=f"mysql://root@127.0.0.1:3306/{TEST_DB}",
        query="SELECT id, nom, cp, site, creation, lat, lon FROM membres WHERE actif = 1 ORDER BY id",
    )

    run = run_source(source)

    assert run.created == 2, run.report
    farm = AlternativePage.objects.get(title="Ferme urbaine d'Anderlecht")
    assert farm.founding_year == 2019 and farm.commune.name_fr == "Anderlecht"
    bikes = AlternativePage.objects.get(title="Vélo-atelier Molenbeek")
    assert (bikes.latitude, bikes.longitude) == (50.8556, 4.3298)
    assert not AlternativePage.objects.filter(title="Ancien membre").exists()

    again = run_source(source)
    assert (again.unchanged, again.created, again.updated) == (2, 0, 0)

    mariadb_table("UPDATE {db}.membres SET site = 'https://velo.example.org' WHERE id = %s", 2)
    third = run_source(source)
    assert (third.updated, third.unchanged) == (1, 1)
    bikes.refresh_from_db()
    assert bikes.website == "https://velo.example.org"


def test_sql_source_with_a_broken_query_fails_cleanly(make_source, mariadb_table):
    source = make_source(
        ImportSource.SQL,
        [{"source": "nom", "field": "title"}],
        database_url=f"mysql://root@127.0.0.1:3306/{TEST_DB}",
        query="SELECT id, nom FROM no_such_table",
    )

    run = run_source(source)

    assert run.status == ImportRun.FAILED
    assert "no_such_table" in run.message
    assert not AlternativePage.objects.exists()


@pytest.fixture
def claimed_import(make_source):
    def make(policy):
        source = make_source(
            ImportSource.CSV, CSV_MAPPING, content=messy_csv_bytes(), id_field="Identifiant", conflict_policy=policy
        )
        run_source(source)
        shop = AlternativePage.objects.get(title="Épicerie Zéro Déchet")
        member = UserFactory()
        Membership.objects.create(user=member, profile=shop, role=Membership.ADMIN)
        return source, shop, member

    return make


def test_propose_policy_turns_a_source_change_into_a_pending_revision(claimed_import):
    source, shop, _member = claimed_import(ImportSource.PROPOSE)
    replace_file(source, messy_csv_bytes(MESSY_CSV.replace("Vrac et local", "Vrac, local et de saison")))

    run = run_source(source)

    assert run.proposed == 1 and run.updated == 0
    shop.refresh_from_db()
    assert shop.short_description == "Vrac et local"  # the live page is untouched
    assert shop.has_unpublished_changes
    latest = shop.get_latest_revision_as_object()
    assert latest.short_description == "Vrac, local et de saison"
    state = WorkflowState.objects.get(object_id=str(shop.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert run_source(source).unchanged == 2


def test_source_wins_policy_still_proposes_a_claimed_profiles_change(claimed_import):
    """Whatever the source's policy, a collective's own profile changes only through its moderators' approval."""
    source, shop, _member = claimed_import(ImportSource.SOURCE_WINS)
    replace_file(source, messy_csv_bytes(MESSY_CSV.replace("Vrac et local", "Vrac, local et de saison")))

    run = run_source(source)

    assert run.proposed == 1 and run.updated == 0
    shop.refresh_from_db()
    assert shop.short_description == "Vrac et local" and shop.has_unpublished_changes
    assert shop.get_latest_revision_as_object().short_description == "Vrac, local et de saison"
    assert WorkflowState.objects.active().filter(object_id=str(shop.pk)).exists()


def test_local_wins_policy_keeps_fields_the_collective_edited(claimed_import):
    source, shop, member = claimed_import(ImportSource.LOCAL_WINS)
    shop.short_description = "Notre propre description"
    shop.save_revision(user=member).publish()
    changed = MESSY_CSV.replace("Vrac et local", "Vrac, local et de saison").replace("46;1000", "48;1000")
    replace_file(source, messy_csv_bytes(changed))

    run = run_source(source)

    row = next(r for r in run.report if r["external_id"] == "A1")
    assert row["status"] == "proposed" and row["fields"] == ["street_address"]
    assert "short_description" in row["reason"]
    shop.refresh_from_db()
    assert shop.street_address == "Rue de Flandre 46"  # live until the moderators approve
    proposed = shop.get_latest_revision_as_object()
    assert proposed.short_description == "Notre propre description"
    assert proposed.street_address == "Rue de Flandre 48"


def test_sync_sources_command_runs_sources_and_keeps_history(make_source, capsys):
    source = make_source(
        ImportSource.CSV, CSV_MAPPING, content=messy_csv_bytes(), id_field="Identifiant", name="Réseau CSV"
    )

    call_command("sync_sources", "--source", "Réseau CSV", "--dry-run")
    assert not AlternativePage.objects.exists()
    call_command("sync_sources", "--source", "Réseau CSV")
    output = capsys.readouterr().out

    assert "Réseau CSV" in output and "created: 2" in output
    runs = list(source.runs.order_by("started_at"))
    assert [run.dry_run for run in runs] == [True, False]
    assert runs[1].duration is not None and runs[1].created == 2
    assert Decision.objects.filter(action=Decision.IMPORT, target_title="Réseau CSV").count() == 1


def test_due_sources_follow_their_schedule(make_source):
    from incommon_cms.commons.tasks import sync_due_sources

    daily = make_source(
        ImportSource.CSV,
        CSV_MAPPING,
        content=messy_csv_bytes(),
        id_field="Identifiant",
        name="daily",
        schedule=ImportSource.DAILY,
    )
    manual = make_source(
        ImportSource.CSV,
        CSV_MAPPING,
        content=messy_csv_bytes(),
        id_field="Identifiant",
        name="manual",
        schedule=ImportSource.MANUAL,
    )
    assert daily.is_due() and not manual.is_due()

    sync_due_sources.enqueue()

    assert daily.runs.filter(dry_run=False).count() == 1
    assert not manual.runs.exists()
    assert not ImportSource.objects.get(pk=daily.pk).is_due()


def test_sql_source_reads_a_real_postgresql_table(make_source):
    import psycopg

    options = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "autocommit": True}
    database = f"incommon_import_test_pg_{os.getpid()}"
    with psycopg.connect(dbname="postgres", **options) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {database}")
        admin.execute(f"CREATE DATABASE {database}")
    try:
        with psycopg.connect(dbname=database, **options) as connection:
            connection.execute("CREATE TABLE lieux (code text PRIMARY KEY, nom text, places int, cp text)")
            connection.execute("INSERT INTO lieux VALUES ('L1', 'Salle des Fêtes Jette', 120, '1090')")
        source = make_source(
            ImportSource.SQL,
            [
                {"source": "nom", "field": "title"},
                {"source": "places", "field": "capacity"},
                {"source": "cp", "field": "postcode"},
            ],
            database_url=f"postgres://postgres@127.0.0.1:5432/{database}",
            query="SELECT code AS id, nom, places, cp FROM lieux",
            profile_type="place",
        )

        run = run_source(source)

        assert run.created == 1, run.report
        from incommon_cms.directory.models import PlacePage

        room = PlacePage.objects.get(title="Salle des Fêtes Jette")
        assert room.capacity == 120 and room.commune.name_fr == "Jette"
        assert run_source(source).unchanged == 1
    finally:
        with psycopg.connect(dbname="postgres", **options) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


def test_remote_json_api_pages_are_followed(make_source, settings):
    """A real HTTP server on localhost answers two pages linked by `links.next`."""
    settings.INCOMMON_FETCH_ALLOW_PRIVATE = ["127.0.0.1/32"]  # the local server (core/fetch.py)
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            port = self.server.server_address[1]
            if self.path.startswith("/orgs?page=2"):
                body = {"items": [{"uid": "o3", "label": "Troisième"}], "links": {"next": None}}
            else:
                body = {
                    "items": [{"uid": "o1", "label": "Première"}, {"uid": "o2", "label": "Deuxième"}],
                    "links": {"next": f"http://127.0.0.1:{port}/orgs?page=2"},
                }
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        source = make_source(
            ImportSource.API,
            [{"source": "label", "field": "title"}],
            url=f"http://127.0.0.1:{server.server_address[1]}/orgs",
            records_path="items",
            next_page_path="links.next",
            id_field="uid",
        )
        run = run_source(source)
    finally:
        server.shutdown()
        server.server_close()

    assert run.created == 3, run.report
    assert sorted(AlternativePage.objects.values_list("title", flat=True)) == ["Deuxième", "Première", "Troisième"]
