"""Offers, needs and rooms are published by the co-governance rule that publishes profiles: approvals of moderators
of distinct collectives, as many as the co-governance task asks, read from the task; one rejection with a reason
decides at once; every decision in the public log, with its approvers, in French and in Dutch."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext, override

from incommon_cms.accounts.gdpr import delete_account, export_user_data
from incommon_cms.governance.models import Decision
from incommon_cms.governance.workflows import co_governance_task
from incommon_cms.sharing import board, moderation
from incommon_cms.sharing.models import Moderated, ModerationVote

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(profiles, make_listing):
    return make_listing(profiles["potager"], "need", status=Moderated.PENDING, title_fr="Besoin de vélos cargo")


def _on_board(client):
    return "Besoin de vélos cargo" in client.get(reverse("sharing:board")).content.decode()


def test_one_approval_or_two_from_the_same_collective_do_not_publish(
    client, people, more_moderators, profiles, pending
):
    task = co_governance_task(profiles["potager"])
    assert task.required_approvals == 2 and task.distinct_collectives

    moderation.decide(pending, people["moderator"], action="approve", reason="Utile")
    pending.refresh_from_db()
    assert pending.status == Moderated.PENDING and not _on_board(client)
    assert client.get(pending.get_absolute_url()).status_code == 404

    moderation.decide(pending, more_moderators["same"], action="approve")
    pending.refresh_from_db()
    assert pending.status == Moderated.PENDING and not _on_board(client)
    assert moderation.status(pending) == {"approved": False, "count": 2, "needed": 2, "distinct": False}
    assert not Decision.objects.exists() and not mail.outbox

    moderation.decide(pending, more_moderators["elsewhere"], action="approve")
    pending.refresh_from_db()
    assert pending.status == Moderated.PUBLISHED and _on_board(client)
    assert client.get(pending.get_absolute_url()).status_code == 200
    decision = Decision.objects.get()
    assert decision.action == Decision.APPROVE and decision.actor == more_moderators["elsewhere"]
    assert decision.reason == "Utile"
    assert [approver["collectives"] for approver in decision.details["approvers"]] == [
        "Radio Panik",
        "Radio Panik",
        "Salle Saint-Gilles",
    ]
    assert {m.to[0] for m in mail.outbox} == {people["potager"].email, people["moderator_own"].email}


def test_the_rule_is_read_from_the_co_governance_task(people, more_moderators, profiles, make_listing, pending):
    task = co_governance_task(profiles["potager"])
    task.distinct_collectives = False
    task.save()
    moderation.decide(pending, people["moderator"], action="approve")
    pending.refresh_from_db()
    assert pending.status == Moderated.PENDING
    moderation.decide(pending, more_moderators["same"], action="approve")
    pending.refresh_from_db()
    assert pending.status == Moderated.PUBLISHED

    task.required_approvals = 1
    task.save()
    single = make_listing(profiles["atelier"], "offer", status=Moderated.PENDING)
    moderation.decide(single, more_moderators["elsewhere"], action="approve")
    single.refresh_from_db()
    assert single.status == Moderated.PUBLISHED


def test_a_moderator_votes_once_and_never_on_their_own_post(people, profiles, make_listing, pending):
    moderation.decide(pending, people["moderator"], action="approve")
    with pytest.raises(ValidationError):
        moderation.decide(pending, people["moderator"], action="approve")
    with pytest.raises(ValidationError):
        moderation.decide(pending, people["moderator"], action="reject", reason="Finalement non")
    assert ModerationVote.objects.filter(listing=pending).count() == 1
    with pytest.raises(PermissionDenied):
        moderation.decide(pending, people["moderator_own"], action="approve")

    own = make_listing(profiles["potager"], "offer", status=Moderated.PENDING, created_by=people["moderator"])
    with pytest.raises(PermissionDenied):
        moderation.decide(own, people["moderator"], action="approve")
    assert not moderation.may_vote(people["moderator"], own)


def test_one_rejection_with_a_reason_decides_at_once_even_after_an_approval(client, people, more_moderators, pending):
    moderation.decide(pending, people["moderator"], action="approve")
    moderation.decide(pending, more_moderators["elsewhere"], action="reject", reason="Pas un besoin partagé")
    pending.refresh_from_db()
    assert pending.status == Moderated.REJECTED and not _on_board(client)
    decision = Decision.objects.get()
    assert decision.action == Decision.REJECT and decision.reason == "Pas un besoin partagé"
    with pytest.raises(ValidationError):
        moderation.decide(pending, more_moderators["same"], action="approve")


def test_a_change_is_a_new_submission_and_earlier_votes_do_not_count(people, more_moderators, pending):
    moderation.decide(pending, people["moderator"], action="approve")
    moderation.decide(pending, more_moderators["elsewhere"], action="approve")
    pending.refresh_from_db()
    assert pending.status == Moderated.PUBLISHED and pending.submission == 1

    pending.title_fr = "Besoin de vélos cargo et de remorques"
    board.save_listing(pending, people["potager"])
    pending.refresh_from_db()
    assert pending.status == Moderated.PENDING and pending.submission == 2
    assert moderation.status(pending)["count"] == 0
    moderation.decide(pending, people["moderator"], action="approve")
    pending.refresh_from_db()
    assert pending.status == Moderated.PENDING


def test_rooms_follow_the_same_rule(client, people, more_moderators, rooms):
    room = rooms["petite"]
    room.status = Moderated.PENDING
    room.save()
    moderation.decide(room, people["moderator"], action="approve")
    moderation.decide(room, more_moderators["same"], action="approve")
    room.refresh_from_db()
    assert room.status == Moderated.PENDING
    assert client.get(room.get_absolute_url()).status_code == 404
    moderation.decide(room, more_moderators["elsewhere"], action="approve")
    room.refresh_from_db()
    assert room.status == Moderated.PUBLISHED
    assert client.get(room.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_public_log_shows_the_approvers_and_the_decision(
    client, people, more_moderators, pending, make_listing, profiles, language
):
    moderation.decide(pending, people["moderator"], action="approve")
    moderation.decide(pending, more_moderators["elsewhere"], action="approve")
    other = make_listing(profiles["potager"], "offer", status=Moderated.PENDING, title_fr="Offre de compost")
    moderation.decide(other, more_moderators["same"], action="reject", reason="Doublon")
    with override(language):
        html = client.get(reverse("governance:log")).content.decode()
        approved, rejected, approved_by = (
            gettext("Change approved"),
            gettext("Change rejected"),
            gettext("Approved by:"),
        )
    assert approved != "Change approved" and approved_by != "Approved by:"  # really translated
    assert approved in html and rejected in html and approved_by in html
    assert "Besoin de vélos cargo" in html and "Offre de compost" in html and "Doublon" in html
    assert f"{people['moderator'].display_name} (Radio Panik)" in html
    assert f"{more_moderators['elsewhere'].display_name} (Salle Saint-Gilles)" in html


def test_a_moderators_votes_are_in_their_export_and_leave_with_the_account(people, pending):
    moderation.decide(pending, people["moderator"], action="approve", reason="Bonne idée")
    export = export_user_data(people["moderator"])["sharing"]["moderation_votes"]
    assert [(v["on"], v["vote"], v["comment"]) for v in export] == [("Besoin de vélos cargo", "approve", "Bonne idée")]
    delete_account(people["moderator"])
    assert not ModerationVote.objects.exists()
