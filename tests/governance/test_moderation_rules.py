"""The co-governance rules of `governance.moderation`, on real pages, revisions and workflow states."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import WorkflowState

from incommon_cms.directory.models import AlternativePage
from incommon_cms.governance import diffs, moderation
from incommon_cms.governance.models import Decision, Vote

pytestmark = pytest.mark.django_db


def live(page):
    return AlternativePage.objects.get(pk=page.pk)


def test_has_distinct_collectives_is_a_matching_not_a_union():
    assert not moderation.has_distinct_collectives([["a"], ["a"]])
    assert moderation.has_distinct_collectives([["a"], ["b"]])
    assert moderation.has_distinct_collectives([["a", "b"], ["a"]])
    # One moderator in two collectives is still one person.
    assert not moderation.has_distinct_collectives([["a", "b"]])
    # Moderators without a collective do not make the approval plural.
    assert not moderation.has_distinct_collectives([["a"], []])


def test_changed_fields_compares_the_live_page_with_the_proposal(profiles):
    page = profiles["communa"]
    proposed = live(page)
    proposed.opening_hours = "Mardi"
    proposed.title = "Communa asbl"
    assert diffs.changed_fields(page, proposed) == ["title", "opening_hours"]
    assert diffs.changed_fields(page, page) == []


def test_field_diff_masks_private_values_unless_allowed(profiles):
    page = profiles["communa"]
    proposed = live(page)
    proposed.email = "new-secret@communa.example"
    (row,) = diffs.field_diff(page, proposed)
    assert row.name == "email" and row.private
    assert (row.old.kind, row.old.text, row.new.text) == ("masked", "•••", "•••")
    (row,) = diffs.field_diff(page, proposed, show_private=True)
    assert (row.old.text, row.new.text) == ("contact-secret@communa.example", "new-secret@communa.example")


def test_a_members_edit_leaves_the_live_page_unchanged_until_approved(client, profiles, people, submit):
    page = profiles["communa"]
    state = submit(page, people["editor"], short_description="Un nouveau texte.")
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert live(page).short_description == "Occupations temporaires de bâtiments vides."
    assert "Un nouveau texte." not in client.get(page.url).content.decode()
    moderation.approve(state.current_task_state, people["moderator"])
    assert "Un nouveau texte." not in client.get(page.url).content.decode()
    moderation.approve(state.current_task_state, people["moderator_other"])
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert live(page).short_description == "Un nouveau texte."
    assert "Un nouveau texte." in client.get(page.url).content.decode()


def test_one_approval_is_not_enough_when_k_is_2(profiles, people, submit):
    state = submit(profiles["communa"], people["editor"], short_description="Texte")
    status = moderation.approve(state.current_task_state, people["moderator"])
    assert status == {"approved": False, "count": 1, "needed": 2, "distinct": False}
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not Decision.objects.filter(action=Decision.APPROVE).exists()


def test_k_is_read_from_the_task_configuration(task, profiles, people, submit):
    task.required_approvals = 3
    task.save()
    state = submit(profiles["communa"], people["editor"], short_description="Texte")
    moderation.approve(state.current_task_state, people["moderator"])
    moderation.approve(state.current_task_state, people["moderator_other"])
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    moderation.approve(state.current_task_state, people["moderator_same"])
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_two_moderators_of_the_same_collective_are_not_enough(profiles, people, submit):
    state = submit(profiles["communa"], people["editor"], short_description="Texte")
    moderation.approve(state.current_task_state, people["moderator"])
    status = moderation.approve(state.current_task_state, people["moderator_same"])
    assert status["count"] == 2 and not status["distinct"] and not status["approved"]
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert live(profiles["communa"]).short_description != "Texte"
    moderation.approve(state.current_task_state, people["moderator_other"])
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_without_the_distinct_rule_two_moderators_of_one_collective_suffice(task, profiles, people, submit):
    task.distinct_collectives = False
    task.save()
    state = submit(profiles["communa"], people["editor"], short_description="Texte")
    moderation.approve(state.current_task_state, people["moderator"])
    moderation.approve(state.current_task_state, people["moderator_same"])
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_a_moderator_cannot_approve_their_own_collectives_edit(task, profiles, people, submit):
    page = profiles["communa"]
    state = submit(page, people["editor"], short_description="Texte")
    assert task.get_actions(page, people["moderator_own"]) == []
    assert [name for name, *_ in task.get_actions(page, people["moderator"])] == ["reject", "approve", "approve"]
    with pytest.raises(PermissionDenied):
        moderation.approve(state.current_task_state, people["moderator_own"])
    with pytest.raises(PermissionDenied):
        moderation.reject(state.current_task_state, people["moderator_own"], comment="Non")
    assert not Vote.objects.exists()
    assert state.current_task_state not in task.get_task_states_user_can_moderate(people["moderator_own"])
    assert state.current_task_state in task.get_task_states_user_can_moderate(people["moderator"])


def test_a_moderator_votes_once_per_revision(profiles, people, submit):
    state = submit(profiles["communa"], people["editor"], short_description="Texte")
    moderation.approve(state.current_task_state, people["moderator"])
    with pytest.raises(PermissionDenied):
        moderation.approve(state.current_task_state, people["moderator"])
    assert Vote.objects.count() == 1


def test_a_newer_submission_replaces_the_pending_one_and_its_votes(profiles, people, submit):
    first = submit(profiles["communa"], people["editor"], short_description="Premier")
    moderation.approve(first.current_task_state, people["moderator"])
    second = submit(profiles["communa"], people["editor"], short_description="Second")
    first.refresh_from_db()
    assert first.status == WorkflowState.STATUS_CANCELLED
    moderation.approve(second.current_task_state, people["moderator_other"])
    second.refresh_from_db()
    assert second.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_rejection_needs_a_reason_and_returns_it_to_the_author(client, profiles, people, submit):
    page = profiles["communa"]
    state = submit(page, people["editor"], short_description="Texte douteux")
    with pytest.raises(ValidationError):
        moderation.reject(state.current_task_state, people["moderator"], comment="  ")
    moderation.reject(state.current_task_state, people["moderator"], comment="La source manque.")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert live(page).short_description == "Occupations temporaires de bâtiments vides."
    (message,) = [m for m in mail.outbox if m.subject.endswith("Modifications demandées sur Communa")]
    assert message.to == [people["editor"].email]
    assert "La source manque." in message.body
    assert "/fr/gouvernance/mes-collectifs/" in message.body
    client.force_login(people["editor"])
    html = client.get("/fr/gouvernance/mes-collectifs/").content.decode()
    assert "La source manque." in html
    assert "Amina" in html
    decision = Decision.objects.get(action=Decision.REJECT)
    assert decision.reason == "La source manque."
    assert decision.actor_collectives == "BRAL"


def test_a_minor_field_edit_is_auto_approved(client, task, profiles, people, submit):
    task.minor_fields = ["opening_hours", "phone"]
    task.save()
    page = profiles["communa"]
    state = submit(page, people["editor"], opening_hours="Mardi 10h–18h", phone="02 123 45 67")
    assert state.status == WorkflowState.STATUS_APPROVED
    assert live(page).opening_hours == "Mardi 10h–18h"
    decision = Decision.objects.get(action=Decision.AUTO_APPROVE)
    assert decision.details["fields"] == ["phone", "opening_hours"]
    assert decision.actor_name == "Karim"


def test_any_other_field_is_not_auto_approved(task, profiles, people, submit):
    task.minor_fields = ["opening_hours", "phone"]
    task.save()
    page = profiles["communa"]
    state = submit(page, people["editor"], opening_hours="Mardi", short_description="Autre chose")
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert live(page).opening_hours == "Lundi 9h–17h"
    assert not Decision.objects.filter(action=Decision.AUTO_APPROVE).exists()


def test_without_minor_fields_nothing_is_auto_approved(profiles, people, submit):
    state = submit(profiles["communa"], people["editor"], opening_hours="Mardi")
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_every_decision_is_in_the_public_log_with_reason_and_without_private_values(
    client, task, profiles, people, submit
):
    page = profiles["communa"]
    state = submit(page, people["editor"], email="new-secret@communa.example", short_description="Neuf")
    moderation.approve(state.current_task_state, people["moderator"], comment="Adresse vérifiée par téléphone.")
    moderation.approve(state.current_task_state, people["moderator_other"])
    state = submit(page, people["editor"], short_description="Encore")
    moderation.reject(state.current_task_state, people["moderator_other"], comment="Pas de source.")
    task.minor_fields = ["opening_hours"]
    task.save()
    submit(page, people["editor"], opening_hours="Mercredi")
    assert live(page).email == "new-secret@communa.example"

    html = client.get("/fr/gouvernance/journal/").content.decode()
    assert "Adresse vérifiée par téléphone." in html
    assert "Pas de source." in html
    assert "Amina (BRAL)" in html and "Pieter (Financité)" in html
    assert "Champs modifiés : description courte, e-mail" in html  # the changed fields are public...
    assert "secret" not in html  # ...its private value is not.
    for action in ("Modification approuvée", "Modification refusée", "Modification mineure approuvée automatiquement"):
        assert action in html
    assert list(Decision.objects.values_list("action", flat=True)) == [
        Decision.AUTO_APPROVE,
        Decision.REJECT,
        Decision.APPROVE,
    ]
    assert "secret" not in str(list(Decision.objects.values()))


def test_nobody_approves_their_own_submission(task, profiles, people, submit):
    page = profiles["financite"]
    state = submit(page, people["site_admin"], short_description="Proposé par un administrateur")
    page = live(page)
    assert task.get_actions(page, people["site_admin"]) == []
    assert [name for name, *_ in task.get_actions(page, people["moderator"])] == ["reject", "approve", "approve"]
    with pytest.raises(PermissionDenied):
        moderation.approve(state.current_task_state, people["site_admin"])
    moderation.approve(state.current_task_state, people["moderator"])
    assert not Vote.objects.filter(user=people["site_admin"]).exists()
