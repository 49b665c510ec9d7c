"""The moderators' e-mail digest: what waits for their vote or decision, in each moderator's language."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import translation
from wagtail.models import Page

from incommon_cms.core.mail import send_templated_mail
from incommon_cms.core.roles import MODERATORS_GROUP

from .diffs import diff_for_task_state
from .links import absolute_url
from .models import Claim, Report
from .moderation import can_vote
from .submissions import pending_task_states


def moderators():
    User = get_user_model()
    return User.objects.filter(Q(groups__name=MODERATORS_GROUP) | Q(is_superuser=True), is_active=True).distinct()


def digest_for(user):
    """What this moderator may act on: changes they can still vote on (with their diff), open claims and reports."""
    changes = []
    for task_state in pending_task_states():
        page = Page.objects.filter(pk=task_state.workflow_state.object_id).first()
        if page is None:
            continue
        page = page.specific
        if can_vote(task_state.task.specific, page, user, task_state):
            # Field names only: e-mails travel further than the admin, private values stay out of them.
            fields = [row.label for row in diff_for_task_state(task_state)]
            changes.append({"page": page, "task_state": task_state, "fields": fields})
    return {
        "changes": changes,
        "claims": list(Claim.objects.filter(status=Claim.PENDING).select_related("profile")),
        "reports": list(Report.objects.filter(status=Report.OPEN).select_related("page")),
    }


def send_digests():
    """Send each moderator their digest if anything waits for them. Returns how many e-mails were sent."""

    sent = 0
    for user in moderators():
        if not user.email:
            continue
        with translation.override(user.language or settings.LANGUAGE_CODE):
            content = digest_for(user)
        if not any(content.values()):
            continue
        send_templated_mail(
            user,
            "governance/email/digest",
            {
                **content,
                "user": user,
                "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/",
                "queue_url": absolute_url("governance:queue", user),
            },
        )
        sent += 1
    return sent
