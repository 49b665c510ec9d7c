"""Governance's sections of the moderation desk: changes waiting for votes, claims, reports.

Registered from `GovernanceConfig.ready()`; see `governance.desk` for the contract of a section.
"""

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from incommon_cms.core.roles import is_moderator

from . import roles
from .desk import register_desk_section
from .diffs import diff_for_task_state
from .forms import DecisionForm, ReportDecisionForm
from .models import Claim, Report, Vote
from .moderation import approval_status, can_vote, collective_names
from .submissions import pending_task_states


def vote_refusal(task, page, user, task_state):
    """Why `user` may not vote on this change, in words for the desk; an empty string when they may.

    The rules are those of `moderation.can_vote`; this only names the one that applies, so that the desk says
    why instead of showing buttons, and explains a refused vote.
    """
    if task_state.workflow_state.requested_by_id == user.pk:
        return _("You sent this change: other moderators decide.")
    if not is_moderator(user):
        return _("Only moderators can do this.")
    if not roles.can_approve(user, page):
        return _("You are a member of this collective: other moderators decide.")
    if Vote.objects.filter(task_state=task_state, user=user).exists():
        return _("You have already voted on this change.")
    if not can_vote(task, page, user, task_state):
        return _("You may not vote on this change.")
    return ""


def change_items(request, bound):
    """Every change waiting for votes, with its diff, its votes, the quorum and what this moderator may do."""
    user = request.user
    items = []
    for task_state in pending_task_states():
        page = Page.objects.filter(pk=task_state.workflow_state.object_id).first()
        if page is None:
            continue
        page = page.specific
        task = task_state.task.specific
        author = task_state.workflow_state.requested_by
        items.append(
            {
                "task_state": task_state,
                "page": page,
                "new": not page.live,
                "author": author,
                "author_collectives": collective_names(author) if author else "",
                "kind": capfirst(page._meta.verbose_name),
                "diff": diff_for_task_state(task_state, user),
                "status": approval_status(task, task_state),
                "votes": list(task_state.votes.select_related("user")),
                "refusal": vote_refusal(task, page, user, task_state),
                "editor_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                "typed": bound.get(("change", task_state.pk), {}),
            }
        )
    return items


def count_changes(user):
    return pending_task_states().count()


def claim_items(request, bound):
    claims = Claim.objects.filter(status=Claim.PENDING).select_related("profile", "user")
    return [
        {"claim": claim, "form": bound.get(("claim", claim.pk)) or DecisionForm(prefix=f"claim-{claim.pk}")}
        for claim in claims
    ]


def count_claims(user):
    return Claim.objects.filter(status=Claim.PENDING).count()


def report_items(request, bound):
    reports = Report.objects.filter(status=Report.OPEN).select_related("page", "reporter")
    return [
        {
            "report": report,
            "form": bound.get(("report", report.pk)) or ReportDecisionForm(prefix=f"report-{report.pk}"),
        }
        for report in reports
    ]


def count_reports(user):
    return Report.objects.filter(status=Report.OPEN).count()


def register():
    register_desk_section(
        "changes",
        order=10,
        title=gettext_lazy("Co-governance: changes waiting for votes"),
        template="governance/desk/changes.html",
        get_items=change_items,
        count=count_changes,
    )
    register_desk_section(
        "claims",
        order=20,
        title=gettext_lazy("Claims"),
        template="governance/desk/claims.html",
        get_items=claim_items,
        count=count_claims,
    )
    register_desk_section(
        "reports",
        order=30,
        title=gettext_lazy("Reports"),
        template="governance/desk/reports.html",
        get_items=report_items,
        count=count_reports,
    )
