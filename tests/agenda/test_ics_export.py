"""Export fidelity of the iCalendar feeds: ETag/Last-Modified with 304 answers, ORGANIZER, imported LOCATION and GEO
given back unchanged."""

import datetime

import pytest

from agenda.ics_export import calendar_bytes
from agenda.ics_import import import_calendar
from agenda.models import EventPage

from .conftest import local

pytestmark = pytest.mark.django_db


def test_feeds_have_an_etag_and_last_modified_and_answer_304(client, make_event, organiser):
    event = make_event(title="Repair café", start=local(datetime.date.today().year + 1, 3, 7, 14))
    event.organisers = [organiser]
    event.save_revision().publish()
    for url in ("/agenda/feed.ics", f"/agenda/feed/organiser/{organiser.pk}.ics", f"/agenda/events/{event.pk}.ics"):
        first = client.get(url)
        assert first.status_code == 200 and first["ETag"].startswith('"') and first["Last-Modified"], url
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304, url
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304, url
        stale = client.get(url, HTTP_IF_NONE_MATCH='"another"')
        assert stale.status_code == 200 and stale.content == first.content, url

    etag = client.get("/agenda/feed.ics")["ETag"]
    event.title = "Repair café du samedi"
    event.save_revision().publish()
    changed = client.get("/agenda/feed.ics", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag and b"SUMMARY:Repair caf" in changed.content


def test_organizer_is_the_collective_with_its_page(client, make_event, organiser):
    event = make_event(title="Repair café", start=local(datetime.date.today().year + 1, 3, 7, 14))
    organiser.save_revision().publish()
    event.organisers = [organiser]
    event.save_revision().publish()

    text = calendar_bytes([EventPage.objects.get(pk=event.pk)]).decode().replace("\r\n ", "")

    assert f'ORGANIZER;CN="Repair Café Ixelles":{organiser.get_full_url()}\r\n' in text
    assert "CONTACT:Repair Café Ixelles\r\n" in text


CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Partner//FR\r\n"
    "BEGIN:VEVENT\r\nUID:flagey@partner.example\r\nSUMMARY:Concert\r\n"
    "DTSTART;TZID=Europe/Brussels:20270305T200000\r\nLOCATION:Place Flagey 18\\, 1050 Ixelles\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:parc@partner.example\r\nSUMMARY:Pique-nique\r\n"
    "DTSTART;TZID=Europe/Brussels:20270306T120000\r\nLOCATION:Parc de Forest\r\nGEO:50.8118;4.3268\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def test_imported_location_and_geo_are_exported_unchanged(agenda, organiser):
    assert import_calendar(CALENDAR, organiser=organiser).created == 2

    text = calendar_bytes(EventPage.objects.order_by("start")).decode()
    concert, picnic = text.split("BEGIN:VEVENT")[1:]

    assert "LOCATION:Place Flagey 18\\, 1050 Ixelles\r\n" in concert
    assert "GEO:" not in concert  # no position made up from the postcode's centre
    assert "LOCATION:Parc de Forest\r\n" in picnic and "GEO:50.8118;4.3268\r\n" in picnic
    flagey = EventPage.objects.get(remote_uid="flagey@partner.example")
    assert (flagey.postcode, flagey.city, flagey.latitude) == ("", "", None)
