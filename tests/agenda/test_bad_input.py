"""Bad input to the agenda: an address placed far from Brussels, calendars above their size limit (uploaded, stored
or at an address); each is refused with its reason and nothing is written."""

import http.server
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import override
from wagtail.models import Revision, WorkflowState

from agenda.models import EventPage, EventProposal
from incommon_cms.accounts.factories import UserFactory
from incommon_cms.commons.calendars import subscribe
from incommon_cms.commons.engine import run_source
from incommon_cms.commons.models import ImportRun, ImportSource
from incommon_cms.core.limits import TooLarge
from incommon_cms.directory import geocoding
from incommon_cms.governance.models import Membership

from .conftest import fixture_bytes
from .test_submissions import form_data

pytestmark = pytest.mark.django_db

SYDNEY_ADDRESS = {"street_address": "George Street 1", "postcode": "2000", "city": "Sydney"}
SYDNEY_REASON = (
    "Street and number: this address is placed at -33.87, 151.21, outside the area the platform covers (Brussels "
    "and its surroundings)."
)


@pytest.fixture
def geocoder(monkeypatch):
    """The online geocoder, answering from `answers` (by city) and counting its calls."""
    calls = []
    answers = {"Sydney": (-33.87, 151.21), "Bruxelles": (50.8466, 4.3528)}

    def geocode_online(address):
        calls.append(address)
        return next((point for city, point in answers.items() if address.endswith(city)), None)

    monkeypatch.setattr(geocoding, "geocode_online", geocode_online)
    return calls


@pytest.fixture
def member(client, organiser):
    user = UserFactory()
    Membership.objects.create(user=user, profile=organiser)
    client.force_login(user)
    return user


def written():
    return EventPage.objects.count(), Revision.objects.count(), WorkflowState.objects.count()


def test_a_member_cannot_submit_an_event_placed_in_sydney(client, agenda, organiser, member, geocoder):
    before = written()

    response = client.post(reverse("agenda_submit"), form_data(organiser=organiser.pk, **SYDNEY_ADDRESS))

    assert response.status_code == 200
    html = response.content.decode()
    assert SYDNEY_REASON in html and 'value="George Street 1"' in html
    assert written() == before
    # An address the geocoder places in Brussels is accepted and keeps that point (the geocoder is asked once).
    geocoder.clear()
    brussels = {"street_address": "Rue Haute 10", "postcode": "", "city": "Bruxelles"}
    assert client.post(reverse("agenda_submit"), form_data(organiser=organiser.pk, **brussels)).status_code == 302
    event = EventPage.objects.get()
    assert (event.latitude, event.longitude) == (50.8466, 4.3528) and len(geocoder) == 1


def test_a_proposal_placed_in_sydney_is_refused_before_any_mail(client, agenda, geocoder, mailoutbox):
    data = form_data(email="ana@example.org", organiser_name="Les voisins", repeat="", **SYDNEY_ADDRESS)

    response = client.post(reverse("agenda_propose"), data)

    assert SYDNEY_REASON in response.content.decode()
    assert not EventProposal.objects.exists() and not mailoutbox


def test_a_calendar_upload_over_the_limit_is_refused(client, agenda, organiser, member, settings):
    settings.INCOMING_SIZE_LIMITS = {"import": 10**6, "calendar": 500}
    upload = SimpleUploadedFile("agenda.ics", fixture_bytes("rie_each_week_but_two_deleted.ics"), "text/calendar")
    assert upload.size > 500

    response = client.post(
        reverse("agenda_calendars"), {"name": "Notre agenda", "organiser": organiser.pk, "file": upload}
    )

    assert f"This file weighs {upload.size}\xa0bytes; calendars may weigh at most 500\xa0bytes." in (
        response.content.decode()
    )
    assert not ImportSource.objects.exists() and not EventPage.objects.exists()


@pytest.fixture
def big_calendar_server(settings):
    settings.INCOMMON_FETCH_ALLOW_PRIVATE = ["127.0.0.1/32"]  # the downloader refuses loopback by default
    body = fixture_bytes("rie_each_week_but_two_deleted.ics")

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.end_headers()  # no Content-Length: the size is only known by reading
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/agenda.ics", len(body)
    server.shutdown()
    server.server_close()


def test_a_calendar_address_and_a_stored_calendar_over_the_limit_import_nothing(
    agenda, organiser, settings, big_calendar_server
):
    url, size = big_calendar_server
    settings.INCOMING_SIZE_LIMITS = {"import": 10**6, "calendar": size}
    by_address = subscribe(name="Distant", organiser=organiser, url=url)
    upload = SimpleUploadedFile("agenda.ics", fixture_bytes("rie_each_week_but_two_deleted.ics"), "text/calendar")
    stored = subscribe(name="Déposé", organiser=organiser, file=upload)
    settings.INCOMING_SIZE_LIMITS = {"import": 10**6, "calendar": size - 1}
    with override("fr"):  # the run's reason is written in the organiser's language
        reason = str(TooLarge("calendar"))
    assert f"{size - 1}\xa0octets" in reason

    run = run_source(by_address)

    assert run.status == ImportRun.FAILED and run.message == f"Impossible de télécharger {url} : {reason}"
    run = run_source(stored)
    assert run.status == ImportRun.FAILED and run.message == reason
    assert not EventPage.objects.exists() and ImportRun.objects.count() == 2
    settings.INCOMING_SIZE_LIMITS = {"import": 10**6, "calendar": size}
    assert run_source(by_address).created == 1 and run_source(stored).status == ImportRun.SUCCESS
