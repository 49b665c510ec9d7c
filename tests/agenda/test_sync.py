"""Subscribed calendars fetched over real HTTP from a server started by the test."""

import http.server
import threading

import pytest
from django.core.management import call_command

from agenda.models import CalendarFeed, EventPage
from agenda.sync import sync_feed
from agenda.tasks import sync_calendars

from .conftest import fixture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def ics_server(settings):
    settings.INCOMMON_FETCH_ALLOW_PRIVATE = ["127.0.0.1/32"]  # the downloader refuses loopback by default
    files = {
        "/good.ics": fixture_bytes("rie_each_week_but_two_deleted.ics"),
        "/broken.ics": fixture_bytes("ical_broken_ical.ics"),
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
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
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()


def test_sync_over_http_then_broken_feed_keeps_events(agenda, organiser, ics_server):
    feed = CalendarFeed.objects.create(name="Google", organiser=organiser, url=ics_server.url + "/good.ics")
    run = sync_feed(feed)
    assert run.ok and run.created == 1
    assert EventPage.objects.get().feed == feed
    ics_server.files["/good.ics"] = ics_server.files["/broken.ics"]
    run = sync_feed(feed)
    assert not run.ok and "lignes invalides" in run.reason  # reported in the organiser's language
    assert EventPage.objects.count() == 1
    feed.url = ics_server.url + "/missing.ics"
    feed.save()
    run = sync_feed(feed)
    assert not run.ok and "injoignable" in run.reason and "HTTP" in run.reason and "404" in run.reason
    assert EventPage.objects.count() == 1
    feed.refresh_from_db()
    assert feed.last_run_ok is False and feed.runs.count() == 3


def test_unreachable_server(agenda, organiser):
    feed = CalendarFeed.objects.create(name="Down", organiser=organiser, url="http://127.0.0.1:9/x.ics")
    run = sync_feed(feed)
    assert not run.ok and "injoignable" in run.reason


def test_command_and_task(agenda, organiser, ics_server, capsys):
    CalendarFeed.objects.create(name="Google", organiser=organiser, url=ics_server.url + "/good.ics")
    call_command("sync_calendars")
    assert "1 created" in capsys.readouterr().out
    result = sync_calendars.enqueue()
    assert result.return_value and EventPage.objects.count() == 1


def test_members_sync_now_button(client, agenda, organiser, ics_server):
    from incommon_cms.accounts.factories import UserFactory
    from incommon_cms.governance.models import Membership

    user = UserFactory()
    Membership.objects.create(user=user, profile=organiser)
    feed = CalendarFeed.objects.create(name="Google", organiser=organiser, url=ics_server.url + "/good.ics")
    client.force_login(user)
    page = client.get("/fr/agenda/calendriers/").content.decode()
    assert "Google" in page
    response = client.post(f"/fr/agenda/calendriers/{feed.pk}/synchroniser/", follow=True)
    assert response.redirect_chain == [("/fr/agenda/calendriers/", 302)], response.content.decode()[:3000]
    run = feed.runs.get()
    assert run.ok and run.created == 1, run.reason
    assert EventPage.objects.count() == 1
    assert "Calendrier synchronisé : 1 créés" in response.content.decode()
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.post(f"/fr/agenda/calendriers/{feed.pk}/synchroniser/").status_code == 403
