"""Changes proposed by members: draft revisions submitted to the page's workflow, and their status."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from wagtail.models import Page, TaskState, WorkflowState

from incommon_cms.core.slugs import unique_slug

from .models import CoGovernanceTask, Membership, Vote

User = get_user_model()


@transaction.atomic
def submit_revision(page: Page, user: User | None) -> WorkflowState | None:
    """Save `page` (already holding the proposed values) as a draft revision and submit it for approval.

    The live page is not touched. A change still waiting for approval is replaced by this newer one.
    Returns the workflow state, or None when the page has no workflow (the revision is then only a draft).
    """
    for state in WorkflowState.objects.active().filter(
        base_content_type=page.get_base_content_type(), object_id=str(page.pk)
    ):
        state.cancel(user=user)
    revision = page.save_revision(user=user, log_action=True)
    workflow = page.get_workflow()
    if workflow is None:
        return None
    state = workflow.start(page, user)
    state.revision_submitted = revision
    return state


@transaction.atomic
def propose_profile(parent: Page, model: type[Page], user: User, form: ModelForm) -> Page:
    """A new profile as an unpublished page under `parent`, its author as the collective's admin, submitted."""
    page = form.save(commit=False)
    page.slug = unique_slug(parent, page.title, fallback="profile")
    page.live = False
    page.owner = user
    page.locale = parent.locale
    parent.add_child(instance=page)
    Membership.objects.get_or_create(user=user, profile=page, defaults={"role": Membership.ADMIN})
    submit_revision(page, user)
    return page


def submissions_for(page: Page, limit: int = 10) -> list[dict[str, Any]]:
    """The latest submissions of a page, newest first, each with its status and the moderators' votes."""
    states = (
        WorkflowState.objects.filter(base_content_type=page.get_base_content_type(), object_id=str(page.pk))
        .select_related("requested_by", "current_task_state")
        .order_by("-created_at")[:limit]
    )
    submissions = []
    for state in states:
        task_states = TaskState.objects.filter(workflow_state=state)
        votes = Vote.objects.filter(task_state__in=task_states).select_related("user")
        comments = [ts.comment for ts in task_states if ts.comment and ts.finished_by_id]
        submissions.append(
            {
                "state": state,
                "status": state.status,
                "status_label": state.get_status_display(),
                "created_at": state.created_at,
                "requested_by": state.requested_by,
                "votes": list(votes),
                "comments": comments,
            }
        )
    return submissions


def pending_task_states() -> QuerySet[TaskState]:
    """Every co-governance task state waiting for votes."""
    return (
        TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, task__in=CoGovernanceTask.objects.all())
        .select_related("workflow_state", "revision", "workflow_state__requested_by")
        .order_by("started_at")
    )
