from django.contrib import messages
from django.middleware.csrf import get_token
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page

from incommon_cms.core.governed import is_governed
from incommon_cms.core.roles import can_see_translation_queue, is_moderator, is_site_admin

from . import admin_views, roles
from .diffs import diff_for_task_state
from .models import Claim, Report
from .moderation import approval_status, can_vote
from .publishing import refusal_message
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
    if is_moderator(request.user):
        panels.insert(0, CoGovernanceQueuePanel(request))


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return ModeratorMenuItem(
        _("Moderation desk"),
        reverse("governance:queue"),
        icon_name="warning",
        order=250,
    )


# --- One door to publication (see governance/publishing.py) ------------------------------------------------------


@hooks.register("register_admin_urls")
def register_emergency_url():
    return [
        path("governance/emergency/<int:page_id>/", admin_views.emergency, name="governance_emergency"),
        path(
            "governance/submit-translation/<int:page_id>/",
            admin_views.submit_translation,
            name="governance_submit_translation",
        ),
    ]


class SubmitTranslationItem(PageMenuItem):
    label = _("Send the translation to the moderators")
    icon_name = "globe"
    url_name = "governance_submit_translation"
    priority = 35

    def is_shown(self, user):
        return (
            is_governed(self.page)
            and can_see_translation_queue(user)
            and admin_views.translation_of(self.page) is not None
        )


@hooks.register("register_page_header_buttons")
def submit_translation_header_button(page, user, view_name, next_url=None):
    yield SubmitTranslationItem(page=page)


@hooks.register("register_page_listing_more_buttons")
def submit_translation_listing_button(page, user, next_url=None):
    yield SubmitTranslationItem(page=page)


class EmergencyMenuItem(ActionMenuItem):
    label = _("Emergency publication…")
    name = "action-emergency"
    icon_name = "warning"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and page is not None
            and is_governed(page)
            and is_site_admin(context["request"].user)
        )

    def get_url(self, parent_context):
        return reverse("governance_emergency", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_emergency_menu_item():
    return EmergencyMenuItem(order=60)


def _publish_refused(request, may_publish):
    """A Publish posted by someone only the workflow speaks for: Wagtail then saves a draft instead (nothing typed
    is lost); say why it was not published."""
    if request.method == "POST" and request.POST.get("action-publish") and not may_publish():
        messages.error(
            request, "{} {}".format(_("Your changes were saved as a draft, not published."), refusal_message())
        )


@hooks.register("before_edit_page")
def refuse_publish_in_editor(request, page):
    lock = page.get_lock()
    if is_governed(page) and not (lock and lock.for_user(request.user)):  # a locked page says so itself
        _publish_refused(request, page.permissions_for_user(request.user).can_publish)


@hooks.register("before_create_page")
def refuse_publish_on_create(request, parent_page, page_class):
    if getattr(page_class, "governed_content", False):
        _publish_refused(request, parent_page.permissions_for_user(request.user).can_publish_subpage)
