"""At the same moment (real threads, PostgreSQL): two managers accepting overlapping requests for the same room; two
moderators of distinct collectives giving the two approvals a listing needs."""

import pytest
from django.core.exceptions import ValidationError

from incommon_cms.governance.models import Decision
from incommon_cms.governance.workflows import co_governance_task
from incommon_cms.sharing import moderation
from incommon_cms.sharing import rooms as service
from incommon_cms.sharing.models import Booking, Listing, Moderated
from tests.concurrency import require_postgresql, run_together

from .conftest import at, next_tuesday

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql():
    require_postgresql()


def test_two_overlapping_requests_accepted_at_once_make_exactly_one_booking(rooms, people, profiles):
    tuesday = next_tuesday()
    room = rooms["grande"]
    first = service.request_booking(
        room,
        people["potager"],
        profile=profiles["potager"],
        start=at(tuesday, 19),
        end=at(tuesday, 21),
        attendees=20,
        purpose="AG",
    )
    second = service.request_booking(
        room,
        people["atelier"],
        profile=profiles["atelier"],
        start=at(tuesday, 20),
        end=at(tuesday, 22),
        attendees=15,
        purpose="Atelier",
    )

    results = run_together(
        lambda: service.accept(first.pk, people["manager"]), lambda: service.accept(second.pk, people["manager_two"])
    )

    errors = [r for r in results if isinstance(r, BaseException)]
    assert len(errors) == 1 and isinstance(errors[0], ValidationError), results
    assert Booking.objects.filter(room=room, status=Booking.ACCEPTED).count() == 1
    assert Booking.objects.filter(room=room, status=Booking.REQUESTED).count() == 1


def test_two_approvals_given_at_once_publish_the_listing_once(people, more_moderators, profiles, make_listing):
    co_governance_task(profiles["potager"])  # the workflow exists before the moderators meet
    listing = make_listing(profiles["potager"], "need", status=Moderated.PENDING)

    results = run_together(
        lambda: moderation.decide(listing, people["moderator"], action="approve"),
        lambda: moderation.decide(listing, more_moderators["elsewhere"], action="approve"),
    )

    assert not [r for r in results if isinstance(r, BaseException)], results
    assert Listing.objects.get(pk=listing.pk).status == Moderated.PUBLISHED
    decision = Decision.objects.get(target_type="sharing.listing")
    assert len(decision.details["approvers"]) == 2
