"""Subscribed calendars: calendar sources of the data commons, fetched over real HTTP from a server started by the
test and synchronised by the one pipeline (commons/calendars.py, `sync_sources`)."""

import http.server
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from agenda.models import EventPage
from incommon_cms.accounts.factories import UserFactory
from incommon_cms.commons.calendars import subscribe
from incommon_cms.commons.engine import run_source
from incommon_cms.commons.models import ImportRun, ImportSource
from incommon_cms.commons.tasks import sync_due_sources, sync_source
from incommon_cms.governance.models import Membership

from .conftest import fixture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def ics_server(settings):
    settings.INCOMMON_FETCH_ALLOW_PRIVATE = ["127.0.0.1/32"]  # the downloader refuses loopback by default
    files = {
        "/good.ics": fixture_bytes("rie_each_week_but_two_deleted.ics"),
        "/broken.ics": fixture_bytes("ical_broken_ical.ics"),
    }
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = files.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/calendar")
            self.end_headers()
            self.wfile.write(body or b"not found")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.files = files
    server.hits = hits
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def test_subscribing_makes_a_daily_calendar_source_of_the_collective(agenda, organiser):
    user = UserFactory()
    source = subscribe(name="Google", organiser=organiser, url="https://example.org/a.ics", user=user)

    assert (source.kind, source.schedule, source.is_active) == (ImportSource.ICAL, ImportSource.DAILY, True)
    assert source.organiser_id == organiser.pk and source.locale_id == organiser.locale_id
    assert (source.licence, source.attribution, source.created_by) == ("CC-BY-SA-4.0", organiser.title, user)
    again = subscribe(name="Google", organiser=organiser, url="https://example.org/b.ics")
    assert again.name == "Google (2)"


def test_sync_over_http_then_broken_feed_keeps_events(agenda, organiser, ics_server):
    source = subscribe(name="Google", organiser=organiser, url=ics_server.url + "/good.ics")
    run = run_source(source)
    assert run.status == ImportRun.SUCCESS and run.created == 1, run.message
    assert EventPage.objects.get().source == source
    ics_server.files["/good.ics"] = ics_server.files["/broken.ics"]
    run = run_source(source)
    # The broken event is an error row naming it; nothing of the run is written. In the organiser's language.
    assert run.status == ImportRun.FAILED and run.message.startswith("1 ligne(s) n’ont pas pu être importées")
    assert [row["status"] for row in run.report if row["external_id"] == "abc"] == ["error"]
    assert EventPage.objects.count() == 1
    source.url = ics_server.url + "/missing.ics"
    source.save()
    run = run_source(source)
    assert run.status == ImportRun.FAILED
    assert run.message.startswith(f"Impossible de télécharger {ics_server.url}/missing.ics") and "HTTP" in run.message
    assert "404" in run.message
    assert EventPage.objects.count() == 1
    assert source.last_run.status == ImportRun.FAILED and source.runs.count() == 3


def test_unreachable_server(agenda, organiser, settings):
    settings.INCOMMON_FETCH_ALLOW_PRIVATE = True
    source = subscribe(name="Down", organiser=organiser, url="http://127.0.0.1:9/x.ics")
    run = run_source(source)
    assert run.status == ImportRun.FAILED
    assert run.message.startswith("Impossible de télécharger http://127.0.0.1:9/x.ics")
    assert not EventPage.objects.exists()


def test_a_calendar_on_a_private_address_is_refused_with_the_reason(agenda, organiser, ics_server, settings):
    settings.INCOMMON_FETCH_ALLOW_PRIVATE = False
    source = subscribe(name="Intranet", organiser=organiser, url=ics_server.url + "/good.ics")
    run = run_source(source)
    assert run.status == ImportRun.FAILED
    # The reason's own sentence is tested in tests/commons/test_fetch.py; it names the refused address.
    assert run.message.startswith(f"Impossible de télécharger {ics_server.url}/good.ics : 127.0.0.1 ")
    assert "(127.0.0.1)" in run.message
    assert ics_server.hits == [] and not EventPage.objects.exists()


def test_command_and_task(agenda, organiser, ics_server, capsys):
    source = subscribe(name="Google", organiser=organiser, url=ics_server.url + "/good.ics")
    call_command("sync_sources", "--due")
    assert "Google: Succeeded – created: 1," in capsys.readouterr().out
    assert sync_due_sources.enqueue().return_value == []  # synchronised today: not due
    result = sync_source.enqueue(source.pk)
    assert ImportRun.objects.get(pk=result.return_value).unchanged == 1
    assert EventPage.objects.count() == 1


def test_members_sync_now_button(client, agenda, organiser, ics_server):
    user = UserFactory()
    Membership.objects.create(user=user, profile=organiser)
    source = subscribe(name="Google", organiser=organiser, url=ics_server.url + "/good.ics")
    client.force_login(user)
    page = client.get("/fr/agenda/calendriers/").content.decode()
    assert "Google" in page
    response = client.post(f"/fr/agenda/calendriers/{source.pk}/synchroniser/", follow=True)
    assert response.redirect_chain == [("/fr/agenda/calendriers/", 302)], response.content.decode()[:3000]
    run = source.runs.get()
    assert run.status == ImportRun.SUCCESS and run.created == 1, run.message
    assert EventPage.objects.count() == 1
    assert "Calendrier synchronisé : 1 créés" in response.content.decode()
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.post(f"/fr/agenda/calendriers/{source.pk}/synchroniser/").status_code == 403


def test_members_subscribe_a_calendar_from_the_agenda(client, agenda, organiser, ics_server):
    user = UserFactory()
    Membership.objects.create(user=user, profile=organiser)
    client.force_login(user)

    response = client.post(
        "/fr/agenda/calendriers/",
        {"name": "Notre agenda", "organiser": organiser.pk, "url": ics_server.url + "/good.ics"},
        follow=True,
    )

    source = ImportSource.objects.get()
    assert (source.name, source.kind, source.organiser_id, source.created_by) == (
        "Notre agenda",
        ImportSource.ICAL,
        organiser.pk,
        user,
    )
    assert source.runs.get().created == 1 and EventPage.objects.get().source == source
    html = response.content.decode()
    assert "Calendrier synchronisé : 1 créés" in html and "Notre agenda" in html


def test_members_change_a_subscribed_calendar(client, agenda, organiser, ics_server):
    user = UserFactory()
    Membership.objects.create(user=user, profile=organiser)
    source = subscribe(name="Google", organiser=organiser, url=ics_server.url + "/good.ics", user=user)
    client.force_login(user)
    url = reverse("agenda_calendar_edit", args=[source.pk])

    form = client.get(url).content.decode()
    assert 'value="Google"' in form and f'value="{ics_server.url}/good.ics"' in form

    response = client.post(
        url, {"name": "Agenda du Repair", "organiser": organiser.pk, "url": ics_server.url + "/b.ics"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("agenda_calendars")
    source.refresh_from_db()
    assert (source.name, source.url, source.schedule) == ("Agenda du Repair", ics_server.url + "/b.ics", "daily")

    upload = SimpleUploadedFile("agenda.ics", fixture_bytes("rie_each_week_but_two_deleted.ics"), "text/calendar")
    client.post(url, {"name": "Agenda du Repair", "organiser": organiser.pk, "file": upload})
    source.refresh_from_db()
    assert (source.url, source.schedule, source.file.name.endswith(".ics")) == ("", "manual", True)
    assert run_source(source).created == 1

    # A file source keeps its file when only the name changes; giving both is refused with the reason.
    client.post(url, {"name": "Agenda", "organiser": organiser.pk})
    source.refresh_from_db()
    assert source.name == "Agenda" and source.file
    both = client.post(
        url,
        {
            "name": "Agenda",
            "organiser": organiser.pk,
            "url": ics_server.url + "/good.ics",
            "file": SimpleUploadedFile("a.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
        },
    )
    assert "Give either the address of a calendar or a .ics file, not both." in both.content.decode()
    source.refresh_from_db()
    assert source.url == ""

    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"name": "Pris", "organiser": organiser.pk, "url": "https://e.org/x.ics"}).status_code == 403
    )
    source.refresh_from_db()
    assert source.name == "Agenda"
