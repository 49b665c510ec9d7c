"""A room's private iCalendar feed: its accepted bookings, for the place's managers (the URL carries a secret)."""

from django.utils import timezone
from icalendar import Calendar, Event

from .models import Booking


def room_feed(room, host):
    calendar = Calendar()
    calendar.add("prodid", "-//In Common//Shared rooms//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", room.title)
    for booking in room.bookings.filter(status=Booking.ACCEPTED).select_related("requester_profile"):
        event = Event()
        event.add("uid", f"booking-{booking.pk}@{host}")
        event.add("dtstamp", booking.decided_at or timezone.now())
        event.add("dtstart", booking.start)
        event.add("dtend", booking.end)
        event.add("summary", f"{booking.requester_profile.title} ({booking.attendees})")
        event.add("description", booking.purpose)
        event.add("location", f"{room.name}, {room.place.title}")
        calendar.add_component(event)
    return calendar.to_ical()
