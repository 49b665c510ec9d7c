"""The demo site shows the sharing app: offers and needs, two places with rooms and slots, one booking."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from incommon_cms.sharing.models import Booking, Listing, Room, SkillCard, WeeklySlot

pytestmark = pytest.mark.django_db


def test_the_demo_shows_offers_needs_rooms_and_a_booking(client, locales):
    call_command("load_demo", stdout=io.StringIO())
    counts = (Listing.objects.count(), Room.objects.count(), Booking.objects.count(), SkillCard.objects.count())
    assert counts == (5, 3, 1, 1)
    assert Room.objects.values("place").distinct().count() == 2
    assert WeeklySlot.objects.count() == 7
    assert Booking.objects.get().status == Booking.ACCEPTED
    board = client.get(reverse("sharing:board")).content.decode()
    assert "Vélo cargo à prêter le week-end" in board
    assert "Des bras pour un déménagement" not in board  # closed: only in Communa's history
