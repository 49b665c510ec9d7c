"""Moderators acting on the same proposal at the same moment (real threads, PostgreSQL row locks)."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import Revision, TaskState, WorkflowState

from incommon_cms.directory.models import AlternativePage
from incommon_cms.governance import moderation
from incommon_cms.governance.models import Decision, Vote
from tests.concurrency import require_postgresql, run_together

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql():
    require_postgresql()


def _approve(task_state_pk, user):
    def call():
        return moderation.approve(TaskState.objects.get(pk=task_state_pk), user)

    return call


def test_two_moderators_giving_the_last_two_approvals_at_once_publish_once(profiles, people, submit):
    page = profiles["communa"]
    state = submit(page, people["editor"], short_description="Texte approuvé à deux.")
    task_state_pk = state.current_task_state.pk

    results = run_together(
        _approve(task_state_pk, people["moderator"]), _approve(task_state_pk, people["moderator_other"])
    )

    assert not [r for r in results if isinstance(r, BaseException)], results
    # Each saw the other's vote or not, but never both "1 of 2": the second counted two approvals and published.
    assert sorted(r["count"] for r in results) == [1, 2]
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert Vote.objects.filter(task_state_id=task_state_pk).count() == 2
    assert Decision.objects.filter(action=Decision.APPROVE).count() == 1
    live = AlternativePage.objects.get(pk=page.pk)
    assert live.short_description == "Texte approuvé à deux."
    assert live.live_revision.content["short_description"] == "Texte approuvé à deux."


def test_a_decisive_approval_and_a_late_one_at_once_count_once(task, profiles, people, submit):
    task.required_approvals = 1
    task.distinct_collectives = False
    task.save()
    page = profiles["communa"]
    state = submit(page, people["editor"], short_description="Une seule approbation suffit.")
    task_state_pk = state.current_task_state.pk
    revisions_before = Revision.objects.count()

    results = run_together(
        _approve(task_state_pk, people["moderator"]), _approve(task_state_pk, people["moderator_other"])
    )

    approved = [r for r in results if isinstance(r, dict)]
    refused = [r for r in results if isinstance(r, PermissionDenied)]
    assert len(approved) == 1 and len(refused) == 1, results
    assert Vote.objects.filter(task_state_id=task_state_pk).count() == 1
    assert Decision.objects.filter(action=Decision.APPROVE).count() == 1
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert Revision.objects.count() == revisions_before  # published the proposed revision, no extra copy
    assert AlternativePage.objects.get(pk=page.pk).short_description == "Une seule approbation suffit."


def test_the_same_moderator_clicking_twice_votes_once(profiles, people, submit):
    state = submit(profiles["communa"], people["editor"], short_description="Double clic.")
    task_state_pk = state.current_task_state.pk

    results = run_together(_approve(task_state_pk, people["moderator"]), _approve(task_state_pk, people["moderator"]))

    assert sorted(type(r).__name__ for r in results) == ["PermissionDenied", "dict"], results
    assert Vote.objects.filter(task_state_id=task_state_pk).count() == 1
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
