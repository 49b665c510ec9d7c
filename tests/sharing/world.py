"""The sharing app's part of the security tests' world (tests/security/conftest.py), created on first use."""

import datetime

from django.utils import timezone

from incommon_cms.directory.factories import PlacePageFactory
from incommon_cms.governance.models import Membership
from incommon_cms.sharing.models import Answer, Booking, Listing, Moderated, Room, SkillCard, WeeklySlot

SECRET_SKILL = "Xylophone-therapy-secret"


def sharing(world):
    """A place of collective A's members, listings, rooms, a booking request and a skills card."""
    if hasattr(world, "sharing"):
        return world.sharing
    users = world.users
    place = PlacePageFactory(parent=world.directory, title="Lieu A", slug="lieu-a")
    place.save_revision().publish()
    for role in ("editor", "collective_admin"):
        Membership.objects.create(user=users[role], profile=place, role=Membership.EDITOR)
    expires = timezone.localdate() + datetime.timedelta(days=30)

    def listing(title, status=Moderated.PUBLISHED):
        return Listing.objects.create(
            profile=world.a, kind=Listing.NEED, category=world.theme, title_fr=title, expires_on=expires, status=status
        )

    room = Room.objects.create(place=place, name="Salle publique", capacity=20, status=Moderated.PUBLISHED)
    WeeklySlot.objects.create(room=room, weekday=1, start_time=datetime.time(18), end_time=datetime.time(22))
    tuesday = timezone.localdate() + datetime.timedelta(days=(1 - timezone.localdate().weekday()) % 7 or 7)
    zone = timezone.get_current_timezone()
    published = listing("Besoin public")
    world.sharing = type(world)(
        place=place,
        listing=published,
        closable=listing("Besoin à fermer"),
        pending_listing=listing("Besoin en attente", Moderated.PENDING),
        answer=Answer.objects.create(listing=published, author=users["moderator"], author_profile=world.b, body="Oui"),
        room=room,
        pending_room=Room.objects.create(place=place, name="Salle en attente", capacity=5),
        booking=Booking.objects.create(
            room=room,
            requester=users["moderator"],
            requester_profile=world.b,
            start=datetime.datetime.combine(tuesday, datetime.time(19), tzinfo=zone),
            end=datetime.datetime.combine(tuesday, datetime.time(21), tzinfo=zone),
            attendees=10,
            purpose="Réunion",
        ),
        skill_card=SkillCard.objects.create(user=users["editor"], note=SECRET_SKILL),
    )
    return world.sharing
