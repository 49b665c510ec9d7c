"""Shared rooms: search by date, time, capacity, commune and access; booking requests; the managers' answers; no
double booking; the private iCalendar feed; bookings in both accounts."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from icalendar import Calendar

from incommon_cms.sharing import rooms as service
from incommon_cms.sharing.models import Booking, ClosedDay, Moderated, Room

from .conftest import at, next_tuesday

pytestmark = pytest.mark.django_db


def _names(results):
    return [room.name for room in results]


def test_search_by_time_capacity_commune_and_access(rooms, communes, people, profiles):
    tuesday = next_tuesday()
    evening = {"start": at(tuesday, 19), "end": at(tuesday, 21)}
    assert _names(service.search(**evening)) == ["Petite salle", "Cave", "Grande salle"]
    assert _names(service.search(**evening, capacity=20)) == ["Cave", "Grande salle"]
    assert _names(service.search(**evening, capacity=20, commune=communes["ixelles"], step_free=True)) == [
        "Grande salle"
    ]
    # Outside the weekly slot, on another day, on a closed day, or when already booked: not free.
    assert service.search(start=at(tuesday, 17), end=at(tuesday, 19)) == []
    assert (
        service.search(start=at(tuesday + datetime.timedelta(1), 19), end=at(tuesday + datetime.timedelta(1), 21)) == []
    )
    ClosedDay.objects.create(room=rooms["cave"], date=tuesday, note="Travaux")
    Booking.objects.create(
        room=rooms["petite"],
        requester=people["potager"],
        requester_profile=profiles["potager"],
        attendees=5,
        purpose="Réunion",
        status=Booking.ACCEPTED,
        **evening,
    )
    assert _names(service.search(**evening)) == ["Grande salle"]
    # A request that is not accepted yet does not make the room busy.
    Booking.objects.create(
        room=rooms["grande"],
        requester=people["potager"],
        requester_profile=profiles["potager"],
        attendees=5,
        purpose="Réunion",
        **evening,
    )
    assert _names(service.search(**evening)) == ["Grande salle"]


def test_unpublished_rooms_are_not_found(rooms):
    rooms["grande"].status = Moderated.PENDING
    rooms["grande"].save()
    tuesday = next_tuesday()
    assert "Grande salle" not in _names(service.search(start=at(tuesday, 19), end=at(tuesday, 21)))


def test_the_search_page_answers_errors_with_a_reason_and_keeps_the_values(client, rooms):
    response = client.get(
        reverse("sharing:rooms"), {"date": "2030-02-31", "start": "21:00", "end": "19:00", "capacity": "20"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="20"' in html and 'value="21:00"' in html
    assert 'class="error"' in html


def test_request_accept_and_the_booking_shows_in_both_accounts_and_the_feed(client, rooms, people, profiles):
    tuesday = next_tuesday()
    client.force_login(people["potager"])
    response = client.post(
        reverse("sharing:room_book", args=[rooms["grande"].pk]),
        {
            "requester_profile": profiles["potager"].pk,
            "date": tuesday.isoformat(),
            "start_time": "19:00",
            "end_time": "21:30",
            "attendees": "20",
            "purpose": "Assemblée générale",
        },
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.status == Booking.REQUESTED and booking.start == at(tuesday, 19)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people["manager"].email, people["manager_two"].email])
    assert "Assemblée générale" in mail.outbox[0].body

    client.force_login(people["manager"])
    mine = client.get(reverse("sharing:mine")).content.decode()
    assert "Assemblée générale" in mine and "Potager Collectif" in mine
    client.post(reverse("sharing:booking_decide", args=[booking.pk, "accept"]), {"message": "Clés chez la voisine"})
    booking.refresh_from_db()
    assert booking.status == Booking.ACCEPTED and booking.decided_by == people["manager"]
    assert mail.outbox[-1].to == [people["potager"].email]
    assert "Clés chez la voisine" in mail.outbox[-1].body

    client.force_login(people["potager"])
    mine = client.get(reverse("sharing:mine")).content.decode()
    assert "Grande salle" in mine and "Clés chez la voisine" in mine

    feed = client.get(reverse("sharing_room_calendar", args=[rooms["grande"].pk, rooms["grande"].feed_token]))
    assert feed["Content-Type"].startswith("text/calendar")
    [event] = Calendar.from_ical(feed.content).walk("VEVENT")
    assert event["SUMMARY"] == "Potager Collectif (20)"
    assert event.decoded("DTSTART") == at(tuesday, 19)
    assert event.decoded("DTEND") == at(tuesday, 21, 30)
    assert client.get(f"/sharing/rooms/{rooms['grande'].pk}/wrong-token.ics").status_code == 404


def test_the_feed_link_is_shown_to_the_managers_only(client, rooms, people):
    url = rooms["grande"].get_absolute_url()
    token = rooms["grande"].feed_token
    assert token not in client.get(url).content.decode()
    client.force_login(people["potager"])
    assert token not in client.get(url).content.decode()
    client.force_login(people["manager_two"])
    assert token in client.get(url).content.decode()


def test_no_double_booking_when_accepting(rooms, people, profiles):
    tuesday = next_tuesday()

    def request(user, profile, start, end):
        return service.request_booking(
            rooms["grande"], user, profile=profile, start=start, end=end, attendees=10, purpose="x"
        )

    first = request(people["potager"], profiles["potager"], at(tuesday, 19), at(tuesday, 21))
    second = request(people["atelier"], profiles["atelier"], at(tuesday, 20), at(tuesday, 22))
    touching = request(people["atelier"], profiles["atelier"], at(tuesday, 21), at(tuesday, 22))
    service.accept(first.pk, people["manager"])
    with pytest.raises(ValidationError):
        service.accept(second.pk, people["manager_two"])
    service.accept(touching.pk, people["manager_two"])  # 21:00 end and 21:00 start do not overlap
    assert Booking.objects.filter(status=Booking.ACCEPTED).count() == 2
    # Once accepted, the slot can no longer be requested.
    with pytest.raises(ValidationError):
        request(people["atelier"], profiles["atelier"], at(tuesday, 19, 30), at(tuesday, 20))


def test_booking_rules(rooms, people, profiles):
    tuesday = next_tuesday()
    grande = rooms["grande"]
    kwargs = {"profile": profiles["potager"], "attendees": 10, "purpose": "x"}
    with pytest.raises(PermissionDenied):
        service.request_booking(grande, people["signed_in"], start=at(tuesday, 19), end=at(tuesday, 20), **kwargs)
    with pytest.raises(PermissionDenied):  # on behalf of a collective that is not theirs
        service.request_booking(grande, people["atelier"], start=at(tuesday, 19), end=at(tuesday, 20), **kwargs)
    with pytest.raises(ValidationError):  # outside the weekly slot
        service.request_booking(grande, people["potager"], start=at(tuesday, 16), end=at(tuesday, 19), **kwargs)
    with pytest.raises(ValidationError):  # too many people
        service.request_booking(
            grande, people["potager"], start=at(tuesday, 19), end=at(tuesday, 20), **{**kwargs, "attendees": 41}
        )
    booking = service.request_booking(grande, people["potager"], start=at(tuesday, 19), end=at(tuesday, 20), **kwargs)
    with pytest.raises(PermissionDenied):  # only the place's managers answer
        service.accept(booking.pk, people["moderator"])
    with pytest.raises(ValidationError):  # declining needs a message
        service.decline(booking.pk, people["manager"], message="")
    service.decline(booking.pk, people["manager"], message="Déjà pris par nos activités")
    with pytest.raises(ValidationError):
        service.accept(booking.pk, people["manager"])
    with pytest.raises(PermissionDenied):
        service.cancel(booking.pk, people["atelier"])


def test_the_booking_form_keeps_what_was_typed_on_error(client, rooms, people, profiles):
    client.force_login(people["potager"])
    tuesday = next_tuesday()
    response = client.post(
        reverse("sharing:room_book", args=[rooms["grande"].pk]),
        {
            "requester_profile": profiles["potager"].pk,
            "date": tuesday.isoformat(),
            "start_time": "08:00",
            "end_time": "09:00",
            "attendees": "12",
            "purpose": "Atelier « réparation »",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Atelier « réparation »" in html and 'value="12"' in html
    assert "The room is not open at that time" in html or "pas ouverte" in html
    assert Booking.objects.count() == 0


def test_managers_describe_a_room_with_slots_and_it_waits_for_a_moderator(client, profiles, people):
    client.force_login(people["manager"])
    response = client.post(
        reverse("sharing:room_new", args=[profiles["maison"].pk]),
        {
            "name": "Salle du fond",
            "capacity": "25",
            "surface": "50",
            "step_free_access": "on",
            "equipment": "Tables",
            "price": "20 €",
            "solidarity_price": "Gratuit pour les collectifs",
            "house_rules": "Rendre la clé",
            "slots-TOTAL_FORMS": "2",
            "slots-INITIAL_FORMS": "0",
            "slots-0-weekday": "1",
            "slots-0-start_time": "18:00",
            "slots-0-end_time": "22:00",
            "slots-1-weekday": "",
            "slots-1-start_time": "",
            "slots-1-end_time": "",
            "closed-TOTAL_FORMS": "1",
            "closed-INITIAL_FORMS": "0",
            "closed-0-date": "",
            "closed-0-note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    room = Room.objects.get(name="Salle du fond")
    assert room.status == Moderated.PENDING
    assert [(s.weekday, s.start_time.hour, s.end_time.hour) for s in room.slots.all()] == [(1, 18, 22)]
    client.force_login(people["potager"])
    assert client.get(reverse("sharing:room_new", args=[profiles["maison"].pk])).status_code == 403
