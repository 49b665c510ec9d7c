"""The co-governance rules: who may vote on a change, when a change is approved, what counts as a minor edit.

`CoGovernanceTask` (models.py) delegates here, so the rules can be read and tested in one place. What changed
between the published page and a proposal (and how moderators see it) is `governance.diffs`.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from wagtail.models import Page, TaskState

from incommon_cms.core.mail import send_templated_mail
from incommon_cms.core.roles import is_moderator
from incommon_cms.directory.models import ProfilePage

from . import roles
from .decisions import record_decision
from .diffs import changed_fields, field_labels, live_and_proposed
from .links import absolute_url
from .models import CoGovernanceTask, Decision, Membership, Vote

User = get_user_model()


def collective_keys(user: User) -> list[str]:
    """The collectives (by translation key, shared by every language version) a user belongs to."""
    if not getattr(user, "pk", None):
        return []
    keys = Membership.objects.filter(user=user).values_list("profile__translation_key", flat=True)
    return sorted({str(key) for key in keys})


def collective_names(user: User) -> str:
    names = Membership.objects.filter(user=user).values_list("profile__title", flat=True).order_by("profile__title")
    return ", ".join(dict.fromkeys(names))


# --- Votes -------------------------------------------------------------------------------------------------------


def can_vote(task: CoGovernanceTask, page: Page, user: User, task_state: TaskState | None = None) -> bool:
    """Moderators outside the edited collective, never on their own submission, once per revision."""
    if not roles.can_approve(user, page):
        return False
    if task_state is None:
        return True
    if task_state.workflow_state.requested_by_id == user.pk:
        return False
    return not Vote.objects.filter(task_state=task_state, user=user).exists()


def has_distinct_collectives(approver_keys: Iterable[Iterable[str]], needed: int = 2) -> bool:
    """True if `needed` approvers can each be counted for a different collective (a small matching)."""
    approver_keys = [set(keys) for keys in approver_keys if keys]

    def match(index, used):
        if len(used) >= needed:
            return True
        if index >= len(approver_keys):
            return False
        for key in approver_keys[index] - used:
            if match(index + 1, used | {key}):
                return True
        return match(index + 1, used)

    return match(0, frozenset())


def tally(task: CoGovernanceTask, approver_keys: Iterable[Iterable[str]]) -> dict[str, Any]:
    """The quorum rule of a co-governance task: (approved?, approvals so far, approvals needed, distinct collectives
    satisfied?) for approvals given by moderators belonging to these collectives (one list of keys per approval).

    Whatever is approved goes through here: page revisions (`approval_status`) and the offers, needs and rooms of
    the sharing app (`sharing.moderation`), so that one rule publishes every public thing.
    """
    approver_keys = [list(keys) for keys in approver_keys]
    distinct_ok = True
    if task.distinct_collectives:
        distinct_ok = has_distinct_collectives(approver_keys, min(2, task.required_approvals))
    approved = len(approver_keys) >= task.required_approvals and distinct_ok
    return {
        "approved": approved,
        "count": len(approver_keys),
        "needed": task.required_approvals,
        "distinct": distinct_ok,
    }


def approval_status(task: CoGovernanceTask, task_state: TaskState) -> dict[str, Any]:
    """(approved?, approvals so far, approvals needed, distinct collectives satisfied?) for one revision."""
    approvals = Vote.objects.filter(task_state=task_state, vote=Vote.APPROVE)
    return tally(task, [vote.collective_keys for vote in approvals])


def _author(task_state):
    return task_state.workflow_state.requested_by


@transaction.atomic
def approve(task_state: TaskState, user: User, comment: str = "") -> dict[str, Any]:
    """Count one moderator's approval; approve the task (and publish) once the rules are met."""
    task_state = TaskState.objects.select_for_update().get(pk=task_state.pk).specific
    task = task_state.task.specific
    page = Page.objects.get(pk=task_state.workflow_state.object_id).specific
    if task_state.status != TaskState.STATUS_IN_PROGRESS or not can_vote(task, page, user, task_state):
        raise PermissionDenied
    Vote.objects.create(
        task_state=task_state,
        user=user,
        vote=Vote.APPROVE,
        collective_keys=collective_keys(user),
        collectives=collective_names(user),
        comment=comment,
    )
    status = approval_status(task, task_state)
    if not status["approved"]:
        return status
    live, proposed = live_and_proposed(task_state)
    votes = task_state.votes.select_related("user")
    record_decision(
        action=Decision.APPROVE,
        actor=user,
        target=page,
        reason="\n".join(vote.comment for vote in votes if vote.comment),
        details={
            "fields": changed_fields(live, proposed),
            "approvers": [{"name": v.user.display_name, "collectives": v.collectives} for v in votes],
            "new": live is None,
        },
    )
    task_state.approve(user=user, comment=comment)
    return status


@transaction.atomic
def reject(task_state: TaskState, user: User, comment: str = "") -> None:
    """One moderator's rejection, with a written reason, sends the change back to its author."""
    if not (comment or "").strip():
        raise ValidationError(_("Please explain what needs to change."))
    task_state = TaskState.objects.select_for_update().get(pk=task_state.pk).specific
    task = task_state.task.specific
    page = Page.objects.get(pk=task_state.workflow_state.object_id).specific
    if task_state.status != TaskState.STATUS_IN_PROGRESS or not can_vote(task, page, user, task_state):
        raise PermissionDenied
    Vote.objects.create(
        task_state=task_state,
        user=user,
        vote=Vote.REJECT,
        collective_keys=collective_keys(user),
        collectives=collective_names(user),
        comment=comment,
    )
    live, proposed = live_and_proposed(task_state)
    record_decision(
        action=Decision.REJECT,
        actor=user,
        target=page,
        reason=comment,
        details={"fields": changed_fields(live, proposed), "new": live is None},
    )
    task_state.reject(user=user, comment=comment)
    author = _author(task_state)
    if author is not None and author.email:
        send_templated_mail(
            author,
            "governance/email/changes_requested",
            {
                "page": page,
                "reason": comment,
                "moderator": user,
                "url": absolute_url("governance:my_collectives", author),
            },
        )


def auto_approve_if_minor(task: CoGovernanceTask, task_state: TaskState, user: User | None) -> bool:
    """Publish at once a change touching only the fields the task lists as minor; log it."""
    if not task.minor_fields:
        return False
    live, proposed = live_and_proposed(task_state)
    if live is None:
        return False
    changed = changed_fields(live, proposed)
    if not changed or not set(changed) <= set(task.minor_fields):
        return False
    page = Page.objects.get(pk=task_state.workflow_state.object_id).specific
    task_state.approve(user=None, update=False, comment=_("Minor change approved automatically"))
    record_decision(
        action=Decision.AUTO_APPROVE,
        actor=user,
        target=page,
        reason=_("Only these fields changed: %(fields)s")
        % {"fields": ", ".join(field_labels(page._meta.label_lower, changed))},
        details={"fields": changed},
    )
    return True


def task_states_for_moderator(task: CoGovernanceTask, user: User) -> QuerySet[TaskState]:
    """In-progress task states of `task` this user may still vote on."""
    if not is_moderator(user):
        return TaskState.objects.none()
    states = (
        TaskState.objects.filter(task=task, status=TaskState.STATUS_IN_PROGRESS)
        .exclude(votes__user=user)
        .exclude(workflow_state__requested_by=user)
    )
    own = set(collective_keys(user))
    if own:
        own_pages = ProfilePage.objects.filter(translation_key__in=own).values_list("pk", flat=True)
        states = states.exclude(workflow_state__object_id__in=[str(pk) for pk in own_pages])
    return states
