"""Rooms of shared places: when they are open, finding a free one, booking requests and the managers' decisions.

**No double booking.** Accepting a booking happens in one transaction that first locks the room's row
(`SELECT … FOR UPDATE` on PostgreSQL; SQLite transactions are opened `IMMEDIATE` by the settings, so they take the
database's write lock at once), then checks that no accepted booking of the room overlaps, then accepts. Two
managers accepting overlapping requests at the same moment are therefore serialised: the second one sees the
first acceptance and is refused. Requests themselves may overlap (managers choose among them).

A room is **open** for an interval when one of its weekly slots covers it entirely on that day (intervals within
one day, which a booking is) and the date is not one of its closed days.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incommon_cms.directory.models import PlacePage
from incommon_cms.governance.models import Membership

from . import access, moderation
from .mail import notify
from .models import Booking, Moderated, Room


def public_rooms():
    live_places = PlacePage.objects.live().public().values("pk")
    return Room.objects.filter(status=Moderated.PUBLISHED, place__in=live_places).select_related(
        "place", "place__commune"
    )


def visible_to(room, user):
    if room.status == Moderated.PUBLISHED and room.place.live:
        return True
    return access.manages_room(user, room) or access.may_moderate(user, room.place)


def is_open(room, start, end):
    """Whether the room's weekly slots cover [start, end) and the day is not closed."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    if start.date() != end.date() or room.closed_days.filter(date=start.date()).exists():
        return False
    return room.slots.filter(weekday=start.weekday(), start_time__lte=start.time(), end_time__gte=end.time()).exists()


def overlapping(room, start, end, statuses=(Booking.ACCEPTED,)):
    return Booking.objects.filter(room=room, status__in=statuses, start__lt=end, end__gt=start)


def is_free(room, start, end):
    return is_open(room, start, end) and not overlapping(room, start, end).exists()


def search(*, start, end, capacity=None, commune=None, step_free=False):
    """Published rooms open and not booked for [start, end), big enough, in the commune, step-free if asked."""
    rooms = public_rooms()
    if capacity:
        rooms = rooms.filter(capacity__gte=capacity)
    if commune is not None:
        rooms = rooms.filter(place__commune=commune)
    if step_free:
        rooms = rooms.filter(step_free_access=True)
    rooms = rooms.filter(slots__weekday=timezone.localtime(start).weekday()).distinct().order_by("capacity", "pk")
    return [room for room in rooms if is_free(room, start, end)]


def _check_interval(room, start, end):
    if end <= start:
        raise ValidationError(_("The end must come after the start."))
    if start < timezone.now():
        raise ValidationError(_("This time is already past."))
    if not is_open(room, start, end):
        raise ValidationError(_("The room is not open at that time: see its weekly availability."))


def request_booking(room, user, *, profile, start, end, attendees, purpose):
    """A member of any collective asks for the room; its managers get an e-mail."""
    if not access.is_network_member(user) or not access.manages(user, profile):
        raise PermissionDenied(_("Only members of a collective may book a room, on behalf of their collective."))
    if room.status != Moderated.PUBLISHED:
        raise PermissionDenied(_("This room is not open for bookings."))
    _check_interval(room, start, end)
    if attendees > room.capacity:
        raise ValidationError(_("The room holds at most %(capacity)s people.") % {"capacity": room.capacity})
    if overlapping(room, start, end).exists():
        raise ValidationError(_("The room is already booked at that time."))
    booking = Booking.objects.create(
        room=room,
        requester=user,
        requester_profile=profile,
        start=start,
        end=end,
        attendees=attendees,
        purpose=purpose,
    )
    notify(access.members_of(room.place), "booking_requested", booking=booking)
    return booking


def accept(booking_pk, user, *, message=""):
    """Accept a request, unless an accepted booking of the room overlaps it (see the module docstring). The
    requester is told by e-mail after the transaction, which holds the room's lock as briefly as possible."""
    booking = _accept(booking_pk, user, message)
    notify([booking.requester], "booking_decided", booking=booking)
    return booking


def decline(booking_pk, user, *, message):
    booking = _decline(booking_pk, user, message)
    notify([booking.requester], "booking_decided", booking=booking)
    return booking


@transaction.atomic
def _accept(booking_pk, user, message):
    room_id = Booking.objects.values_list("room_id", flat=True).get(pk=booking_pk)
    Room.objects.select_for_update().get(pk=room_id)
    booking = Booking.objects.select_related("room", "room__place").get(pk=booking_pk)
    if not access.manages_room(user, booking.room):
        raise PermissionDenied(_("Only the managers of this place may answer its booking requests."))
    if booking.status != Booking.REQUESTED:
        raise ValidationError(_("This request has already been answered."))
    if overlapping(booking.room, booking.start, booking.end).exists():
        raise ValidationError(_("Another booking was accepted for an overlapping time."))
    return _decide(booking, user, Booking.ACCEPTED, message)


@transaction.atomic
def _decline(booking_pk, user, message):
    booking = Booking.objects.select_for_update().select_related("room", "room__place").get(pk=booking_pk)
    if not access.manages_room(user, booking.room):
        raise PermissionDenied(_("Only the managers of this place may answer its booking requests."))
    if booking.status != Booking.REQUESTED:
        raise ValidationError(_("This request has already been answered."))
    if not message.strip():
        raise ValidationError(_("Tell the requester why: your message is sent to them."))
    return _decide(booking, user, Booking.DECLINED, message)


@transaction.atomic
def cancel(booking_pk, user):
    """The requester withdraws a request or an accepted booking that has not started."""
    booking = Booking.objects.select_for_update().get(pk=booking_pk)
    if booking.requester_id != user.pk:
        raise PermissionDenied(_("Only the person who asked may cancel this booking."))
    if booking.status not in (Booking.REQUESTED, Booking.ACCEPTED):
        raise ValidationError(_("This booking can no longer be cancelled."))
    booking.status = Booking.CANCELLED
    booking.save(update_fields=["status"])
    return booking


def _decide(booking, user, status, message):
    booking.status = status
    booking.answer = message.strip()
    booking.decided_by = user
    booking.decided_at = timezone.now()
    booking.save(update_fields=["status", "answer", "decided_by", "decided_at"])
    return booking


def bookings_requested_by(user):
    return Booking.objects.filter(requester=user).select_related("room", "room__place", "requester_profile")


def bookings_to_manage(user):
    keys = Membership.objects.filter(user=user).values("profile__translation_key")
    return Booking.objects.filter(room__place__translation_key__in=keys).select_related(
        "room", "room__place", "requester_profile"
    )


@transaction.atomic
def save_room(form, slots, closed_days, user):
    """Save a room with its weekly slots and closed days. A new room, or a changed description, awaits moderation;
    availability alone is the managers' business and changes at once."""
    room = form.save(commit=False)
    if not access.manages(user, room.place):
        raise PermissionDenied(_("Only the managers of this place may describe its rooms."))
    if room.pk is None or form.has_changed():
        moderation.submit(room)
    room.save()
    for formset in (slots, closed_days):
        formset.instance = room
        formset.save()
    return room
