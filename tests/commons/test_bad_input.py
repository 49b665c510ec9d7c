"""Bad input to the data commons gets a clear reason and writes nothing: partner writes on untranslated copies,
bodies too deep, too large or not text, points far from Brussels, files above their size limit, a dry run
started by a plain link, a token bound to two scopes."""

import http.server
import json
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Revision, WorkflowState
from wagtail.users.models import UserProfile

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.commons.engine import run_source
from incommon_cms.commons.models import ApiToken, ImportedRecord, ImportRun, ImportSource
from incommon_cms.directory.factories import AlternativePageFactory
from incommon_cms.directory.models import AlternativePage

from .test_api_write import auth, make_token
from .test_calendar_sources import GARDEN, calendar
from .test_imports import CSV_MAPPING, messy_csv_bytes

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
SYDNEY = {"latitude": -33.9, "longitude": 151.2}


def written():
    """What a write could leave behind."""
    return (
        Page.objects.count(),
        Revision.objects.count(),
        WorkflowState.objects.count(),
        ImportedRecord.objects.count(),
        ImportRun.objects.count(),
    )


@pytest.fixture
def mine(directory, categories):
    return AlternativePageFactory(parent=directory, title="Notre collectif", short_description="Avant.")


@pytest.fixture
def key(mine):
    return make_token(profile=mine)[1]


def patch(client, page, body, key, **extra):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.patch(
        f"/api/v1/alternatives/{page.pk}/", data, content_type="application/json", **auth(key), **ENGLISH, **extra
    )


# --- 1. Untranslated copies -----------------------------------------------------------------------------------------


def test_a_change_to_an_untranslated_copy_is_refused_with_the_original_to_edit(client, untranslated_copy):
    original, alias = untranslated_copy
    _token, key = make_token(profile=original)
    listed = client.get("/api/v1/alternatives/?lang=nl").json()["results"]
    assert [(item["id"], item["translated"]) for item in listed] == [(alias.pk, False)]
    before = written()

    response = patch(client, alias, {"short_description": "Na."}, key)

    assert response.status_code == 409, response.content
    assert response.json() == {
        "detail": "This is an untranslated copy of a profile written in French: edit the original, in French, instead.",
        "original": {
            "id": original.pk,
            "language": "fr",
            "url": f"http://testserver{original.url}",
            "api_url": f"http://testserver/api/v1/alternatives/{original.pk}/",
        },
    }
    assert written() == before
    alias.refresh_from_db()
    assert alias.short_description == "Avant." and not alias.has_unpublished_changes
    # The original itself takes the change.
    assert patch(client, original, {"short_description": "Na."}, key).status_code == 202


# --- 2. Bodies the parser cannot take -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("[" * 5000, "The JSON body is nested more than 32 levels deep."),
        ('{"tags": ' + "[" * 40 + "]" * 40 + "}", "The JSON body is nested more than 32 levels deep."),
        (b'{"short_description": "\xed\xa0\x80"}', "The body is not valid UTF-8 text (byte 24)."),
        ('{"\\ud800": 1}', "The JSON body holds an unpaired surrogate (\\ud800 to \\udfff), which is not a character."),
        ('{"kind": "a\\udfffb"}', "The JSON body holds an unpaired surrogate (\\ud800 to \\udfff), which is not a character."),
        ('{"founding_year": NaN}', "The body is not valid JSON: NaN and Infinity are not JSON numbers."),
        ('{"title": "x",}', "The body is not valid JSON (line 1, column 15)."),
    ],
)  # fmt: skip
def test_bodies_the_api_cannot_read_get_400_with_the_reason(client, mine, key, body, reason):
    before = written()
    response = patch(client, mine, body, key)
    assert response.status_code == 400, response.content
    assert response.json() == {"detail": reason}
    assert written() == before


def test_unicode_edge_cases_that_are_text_are_kept_as_sent(client, mine, key):
    text = "\u202eRTL\u200f 🌱🚲 \U0001f9d1\u200d\U0001f33e"
    response = patch(client, mine, {"short_description": text}, key)
    assert response.status_code == 202, response.content
    assert AlternativePage.objects.get(pk=mine.pk).get_latest_revision_as_object().short_description == text
    refused = patch(client, mine, {"short_description": "a\u0000b"}, key)
    assert refused.status_code == 400
    assert refused.json() == {"short_description": ["Null characters are not allowed."]}


def test_a_body_over_the_limit_gets_a_json_413_with_the_reason(client, mine, key):
    before = written()
    response = patch(client, mine, {"short_description": "x" * (5 * 1024 * 1024)}, key)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "The request sent more than 2.5\xa0MB of data, the most the site accepts in one go (files sent "
        "through an upload field are counted apart). Shorten the text and send it again."
    }
    assert written() == before


# --- 3. Points far from Brussels ------------------------------------------------------------------------------------

SYDNEY_REASON = (
    "Latitude: the point -33.9, 151.2 is outside the area the platform covers (Brussels and its surroundings). "
    "Check the coordinates, and that latitude and longitude are not swapped."
)


def test_a_partner_cannot_move_a_profile_to_sydney(client, mine, key):
    before = written()
    response = patch(client, mine, SYDNEY, key)
    assert response.status_code == 400
    assert response.json() == {"latitude": [SYDNEY_REASON]}
    assert written() == before
    swapped = patch(client, mine, {"latitude": 4.35, "longitude": 50.85}, key)
    assert swapped.status_code == 400 and "latitude" in swapped.json()
    assert patch(client, mine, {"latitude": 50.8466, "longitude": 4.3528}, key).status_code == 202


def test_a_source_token_cannot_create_a_profile_in_sydney(client, categories, locales, directory):
    source = ImportSource.objects.create(
        name="Partenaire",
        kind="api",
        url="https://partner.example.org/api",
        locale=locales["fr"],
        licence="CC-BY-4.0",
        attribution="© Partenaire",
        mapping=[{"source": "n", "field": "title"}],
    )
    _token, key = make_token(source=source)
    before = written()
    response = client.post(
        "/api/v1/alternatives/",
        {"title": "Aux antipodes", **SYDNEY},
        content_type="application/json",
        **auth(key),
        **ENGLISH,
    )
    assert response.status_code == 400
    assert response.json() == {"latitude": [SYDNEY_REASON]}
    assert written() == before and not AlternativePage.objects.filter(title="Aux antipodes").exists()


def test_the_service_area_follows_its_setting(client, mine, key, settings):
    settings.SERVICE_AREA_BOUNDS = {"south": -34.0, "north": -33.0, "west": 150.0, "east": 152.0}
    assert patch(client, mine, SYDNEY, key).status_code == 202


def test_an_import_row_with_a_point_far_away_is_refused_with_its_reason(make_source):
    rows = [
        {"id": "1", "name": "Ici", "lat": 50.85, "lon": 4.35},
        {"id": "2", "name": "Là-bas", "lat": -33.9, "lon": 151.2},
    ]
    mapping = [
        {"source": "name", "field": "title"},
        {"source": "lat", "field": "latitude"},
        {"source": "lon", "field": "longitude"},
    ]
    source = make_source(ImportSource.JSON, mapping, content=json.dumps(rows).encode(), filename="data.json")

    run = run_source(source)

    assert run.status == ImportRun.PARTIAL and run.errors == 1 and run.created == 1
    error = next(row for row in run.report if row["status"] == "error")
    assert error["external_id"] == "2" and SYDNEY_REASON in error["reason"]
    assert list(AlternativePage.objects.values_list("title", flat=True)) == ["Ici"]

    source.all_or_nothing = True
    source.save()
    AlternativePage.objects.all().delete()
    source.records.all().delete()
    run = run_source(source)

    assert run.status == ImportRun.FAILED and run.errors == 1 and run.created == 0
    assert not AlternativePage.objects.exists()


# --- 4. Size limits of incoming files -------------------------------------------------------------------------------


@pytest.fixture
def served(settings):
    """A local HTTP server: `files[path] = (body, send_length)`; without a length the body ends when it closes."""
    settings.INCOMMON_FETCH_ALLOW_PRIVATE = ["127.0.0.1/32"]  # the downloader refuses loopback by default
    files = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self):
            body, send_length = files.get(self.path, (b"", True))
            self.send_response(200 if self.path in files else 404)
            self.send_header("Content-Type", "application/octet-stream")
            if send_length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.files = files
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def admin_client():
    admin = UserFactory(is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "en"
    profile.save()
    client = Client()
    client.force_login(admin)
    return client


def source_form(locales, upload, **fields):
    return {
        "name": "Réseau vrac",
        "kind": "csv",
        "profile_type": "alternative",
        "locale": locales["fr"].pk,
        "file": upload,
        "url": "",
        "delimiter": "",
        "encoding": "",
        "database_url": "",
        "query": "",
        "records_path": "",
        "next_page_path": "",
        "id_field": "Identifiant",
        "mapping": json.dumps(CSV_MAPPING),
        "licence": "CC-BY-4.0",
        "attribution": "© Réseau vrac",
        "schedule": "manual",
        "conflict_policy": "propose",
        "organiser": "",
        "is_active": "on",
        **fields,
    }


def test_a_source_upload_over_20_mb_is_refused_in_the_admin(admin_client, locales, directory):
    add = reverse("wagtailsnippets_commons_importsource:add")
    big = SimpleUploadedFile("data.csv", b"Identifiant;Nom\r\n" + b"x" * (22 * 1024 * 1024), "text/csv")

    response = admin_client.post(add, source_form(locales, big))

    assert response.status_code == 200
    assert (
        "This file weighs 22.0\xa0MB; import sources&#x27; data may weigh at most 20.0\xa0MB."
        in response.content.decode()
    )
    assert not ImportSource.objects.exists()
    small = SimpleUploadedFile("data.csv", messy_csv_bytes(), "text/csv")
    assert admin_client.post(add, source_form(locales, small)).status_code == 302
    assert ImportSource.objects.get().file.size == len(messy_csv_bytes())


@pytest.mark.parametrize("send_length", [True, False])
def test_a_source_address_over_the_limit_fails_the_run_with_the_limit(make_source, served, settings, send_length):
    settings.INCOMING_SIZE_LIMITS = {"import": 1000, "calendar": 1000}
    served.files["/data.csv"] = (messy_csv_bytes() + b"A9;" + b"x" * 2000 + b"\r\n", send_length)
    source = make_source(ImportSource.CSV, CSV_MAPPING, url=served.url + "/data.csv", id_field="Identifiant")

    run = run_source(source)

    assert run.status == ImportRun.FAILED
    assert run.message == (
        f"Could not download {served.url}/data.csv: The file is larger than 1000\xa0bytes, the most accepted for "
        "import sources' data."
    )
    assert not AlternativePage.objects.exists()
    served.files["/data.csv"] = (messy_csv_bytes(), send_length)
    assert run_source(source).created == 2


def test_the_pages_of_a_remote_api_count_together(make_source, served, settings):
    settings.INCOMING_SIZE_LIMITS = {"import": 1000, "calendar": 1000}
    items = [{"uid": str(n), "label": f"Collectif {n} {'x' * 40}"} for n in range(16)]
    for page in range(4):
        following = served.url + f"/orgs/{page + 1}" if page < 3 else None
        body = json.dumps({"items": items[page * 4 : page * 4 + 4], "next": following}).encode()
        assert len(body) < 1000
        served.files[f"/orgs/{page}"] = (body, True)
    source = make_source(
        ImportSource.API,
        [{"source": "label", "field": "title"}],
        url=served.url + "/orgs/0",
        records_path="items",
        next_page_path="next",
        id_field="uid",
    )

    run = run_source(source)

    assert run.status == ImportRun.FAILED and "larger than 1000\xa0bytes" in run.message
    assert not AlternativePage.objects.exists()


def test_a_stored_calendar_over_the_calendar_limit_fails_its_source(make_source, settings, home_fr, directory):
    from agenda.factories import AgendaIndexPageFactory
    from agenda.models import EventPage

    AgendaIndexPageFactory(parent=home_fr)
    organiser = AlternativePageFactory(parent=directory, title="Repair Café")
    source = make_source(ImportSource.ICAL, [], content=calendar(GARDEN), filename="agenda.ics", organiser=organiser)
    settings.INCOMING_SIZE_LIMITS = {"import": 10**6, "calendar": 100}

    run = run_source(source)

    assert run.status == ImportRun.FAILED
    # A calendar's run speaks its source's language (commons/calendars.py), here French.
    assert run.message == "Le fichier dépasse 100\xa0octets, le maximum accepté pour les calendriers."
    assert not EventPage.objects.exists()


def test_a_calendar_upload_to_a_source_is_held_to_the_calendar_limit(locales, settings, directory):
    settings.INCOMING_SIZE_LIMITS = {"import": 10**6, "calendar": 100}
    organiser = AlternativePageFactory(parent=directory)
    source = ImportSource(
        name="Agenda",
        kind=ImportSource.ICAL,
        locale=locales["fr"],
        licence="CC0-1.0",
        attribution="x",
        organiser=organiser,
        file=SimpleUploadedFile("agenda.ics", calendar(GARDEN), "text/calendar"),
    )
    with pytest.raises(ValidationError) as refused:
        source.full_clean()
    assert refused.value.message_dict["file"] == [
        f"This file weighs {len(calendar(GARDEN))}\xa0bytes; calendars may weigh at most 100\xa0bytes."
    ]


# --- 5. The dry run is an action -----------------------------------------------------------------------------------


def test_a_dry_run_needs_a_post_with_its_csrf_token(make_source, directory):
    source = make_source(ImportSource.CSV, CSV_MAPPING, content=messy_csv_bytes(), id_field="Identifiant")
    admin = UserFactory(is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "en"
    profile.save()
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    url = reverse("commons_admin:dry_run", args=[source.pk])

    confirm = client.get(url)

    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert "A dry run reads the source “csv source” now" in html
    assert f'<form method="post" action="{url}">' in html and 'name="csrfmiddlewaretoken"' in html
    assert not ImportRun.objects.exists()
    assert client.post(url).status_code == 403  # no CSRF token: nothing is read, no run recorded
    assert not ImportRun.objects.exists()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]

    response = client.post(url, {"csrfmiddlewaretoken": token})

    run = ImportRun.objects.get()
    assert run.dry_run and run.created == 2
    assert response.status_code == 302 and response["Location"] == reverse("commons_admin:run", args=[run.pk])
    assert not AlternativePage.objects.exists()
    history = client.get(reverse("commons_admin:history", args=[source.pk])).content.decode()
    assert f'<form method="post" action="{url}">' in history
    assert f'href="{url}"' not in history


# --- 6. Tokens bound to one scope -----------------------------------------------------------------------------------


@pytest.mark.parametrize("scope", ["both", "neither"])
def test_a_token_bound_to_two_scopes_or_none_shows_only_the_human_message(admin_client, locales, directory, scope):
    profile = AlternativePageFactory(parent=directory)
    source = ImportSource.objects.create(
        name="Partenaire", kind="api", url="https://p.example.org", locale=locales["fr"], licence="CC0-1.0"
    )
    both = scope == "both"

    response = admin_client.post(
        reverse("wagtailsnippets_commons_apitoken:add"),
        {
            "name": "Partenaire",
            "user": UserFactory().pk,
            "profile": profile.pk if both else "",
            "source": source.pk if both else "",
            "is_active": "on",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Bind the token to exactly one collective or one import source.") == 1
    assert "api_token_bound_to_one_scope" not in html and "Constraint" not in html
    assert not ApiToken.objects.exists()
