from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from . import roles
from .diffs import diff_for_task_state
from .models import Claim, Report
from .moderation import approval_status, can_vote
from .submissions import pending_task_states


class CoGovernanceQueuePanel(Component):
    """Changes waiting for co-governance votes, with the field-by-field diff against the published page."""

    name = "cogovernance_queue"
    order = 90
    template_name = "governance/admin/queue_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        items = []
        for task_state in pending_task_states():
            page = Page.objects.filter(pk=task_state.workflow_state.object_id).first()
            if page is None:
                continue
            page = page.specific
            task = task_state.task.specific
            items.append(
                {
                    "task_state": task_state,
                    "page": page,
                    "author": task_state.workflow_state.requested_by,
                    "diff": diff_for_task_state(task_state, user),
                    "status": approval_status(task, task_state),
                    "votes": list(task_state.votes.select_related("user")),
                    "can_vote": can_vote(task, page, user, task_state),
                    "own_collective": not roles.can_approve(user, page),
                    "own_submission": task_state.workflow_state.requested_by_id == user.pk,
                }
            )
        return {
            "items": items,
            "open_claims": Claim.objects.filter(status=Claim.PENDING).count(),
            "open_reports": Report.objects.filter(status=Report.OPEN).count(),
            "request": self.request,
            "csrf_token": get_token(self.request),
            "next_url": reverse("wagtailadmin_home"),
            "desk_url": reverse("governance:queue"),
        }


@hooks.register("construct_homepage_panels")
def add_cogovernance_panel(request, panels):
    if roles.is_moderator(request.user):
        panels.insert(0, CoGovernanceQueuePanel(request))


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return ModeratorMenuItem(
        _("Moderation desk"),
        reverse("governance:queue"),
        icon_name="warning",
        order=250,
    )
