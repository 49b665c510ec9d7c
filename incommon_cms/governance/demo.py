"""Demo builders of the governance: memberships, the co-governance workflow, submitted changes and the moderators'
reviews (so the decision log shows approvals, rejections and automatic approvals), claims and reports.

The content is in `demo_data/governance.json`; see `incommon_cms.core.demo_loader` for the format. Records naming a
profile the directory did not make are skipped, so an app's data can be loaded on its own.
"""

from wagtail.models import WorkflowState

from incommon_cms.core.demo_loader import demo_builder

from .models import Claim, Membership, Report
from .moderation import approve, reject
from .submissions import submit_revision
from .workflows import default_workflow, ensure_default_workflow

REVIEWS = {"approve": approve, "reject": reject}


def _profile(ctx, name):
    return ctx.shared.get("profiles", {}).get(name, {}).get("fr")


@demo_builder("governance.membership")
def membership(ctx, *, user, profile, role):
    page = _profile(ctx, profile)
    if page is not None:
        Membership.objects.get_or_create(user=ctx.users[user], profile=page, defaults={"role": role})


@demo_builder("governance.workflow")
def workflow(ctx):
    ensure_default_workflow()


@demo_builder("governance.minor_fields")
def minor_fields(ctx, *, fields):
    """The fields whose change the default workflow's task publishes at once."""
    task = default_workflow().tasks.first().specific
    task.minor_fields = list(fields)
    task.save(update_fields=["minor_fields"])


@demo_builder("governance.submission")
def submission(ctx, *, profile, author, changes, reviews=(), move=None):
    """A change of a profile submitted by `author`, then reviewed in order (`{"decision", "by", "comment"}`).

    `move` shifts the proposed location by `{"latitude", "longitude"}` degrees. A profile that already went through
    a workflow is left alone.
    """
    page = _profile(ctx, profile)
    if (
        page is None
        or WorkflowState.objects.filter(base_content_type=page.get_base_content_type(), object_id=str(page.pk)).exists()
    ):
        return
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    if move and page.latitude is not None and page.longitude is not None:
        latitude, longitude = page.latitude + move["latitude"], page.longitude + move["longitude"]
        draft.location = f"SRID=4326;POINT({longitude:.6f} {latitude:.6f})"
    state = submit_revision(draft, ctx.users[author])
    for review in reviews:
        REVIEWS[review["decision"]](
            state.current_task_state, ctx.users[review["by"]], comment=review.get("comment", "")
        )


@demo_builder("governance.claim")
def claim(ctx, *, profile, user, message):
    page = _profile(ctx, profile)
    if page is not None and not Claim.objects.filter(profile=page).exists():
        Claim.objects.create(profile=page, user=ctx.users[user], message=message)


@demo_builder("governance.report")
def report(ctx, *, profile, report_kind, message):
    page = _profile(ctx, profile)
    if page is not None and not Report.objects.filter(page=page.page_ptr).exists():
        Report.objects.create(page=page.page_ptr, url=page.url or "", kind=report_kind, message=message)
