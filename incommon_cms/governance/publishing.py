"""One door to publication: the only ways common data goes live, changes or leaves the public site.

Wagtail asks the page's permission tester before it publishes, unpublishes, deletes, moves or copies a page, from
every path (the editor's Publish, bulk actions, revision revert, copy and move views, scheduled go-live set in the
editor, `Revision.publish(user=…)` in code). For the pages of the common data (`core.governed`) the tester below
answers *no* to everybody, site administrators and moderators included, unless the code asking acts under an
**authority** that records its decision:

- ``APPROVAL``: the co-governance workflow reached its quorum (`publish_approved`, Wagtail's finish action);
- ``IMPORT``: a data source the site administrators configured publishes records nobody has claimed (the commons
  engine logs each run); a claimed profile is proposed to the workflow instead;
- ``MERGE``: moderators merge two duplicate profiles (logged as a merge);
- ``EMERGENCY``: a site administrator publishes or withdraws a page with a written reason (`emergency`), which
  appears in the public log as such.

Code that publishes without a user (the scheduled publication of an approved revision, the demo) is not asked by
Wagtail; nothing of ours reachable from a request does that.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, PagePermissionTester

from incommon_cms.core.governed import is_governed
from incommon_cms.core.roles import is_site_admin

from .decisions import record_decision
from .diffs import changed_fields, published_version
from .models import Decision

APPROVAL = "approval"
IMPORT = "import"
MERGE = "merge"
EMERGENCY = "emergency"

_authority = ContextVar("publication_authority", default=None)


@contextmanager
def authority(kind):
    """Publish, unpublish or delete common data within this block, on behalf of a decision of this `kind`."""
    token = _authority.set(kind)
    try:
        yield kind
    finally:
        _authority.reset(token)


def current_authority():
    return _authority.get()


def refusal_message():
    return _(
        "This page belongs to the common data: it is published only when moderators of two other collectives "
        "approve it. Use “Submit for moderation”; a site administrator may publish in an emergency, with a reason "
        "written in the public log."
    )


class GovernedPagePermissionTester(PagePermissionTester):
    """Wagtail's tester, with publication of common data reserved to an authority (see the module docstring)."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.governed = is_governed(page)
        self.governs_children = bool(getattr(page.specific_class, "governed_children", False))
        if self.governed and hasattr(self, "permissions"):
            self.permissions.discard("publish")

    def _authorised(self):
        return self.user.is_active and current_authority() is not None

    def _has_live_common_data(self):
        governed_types = ContentType.objects.get_for_models(
            *[model for model in apps.get_models() if getattr(model, "governed_content", False)]
        ).values()
        return self.page.get_descendants().live().filter(content_type__in=list(governed_types)).exists()

    def can_publish(self):
        if not self.governed:
            return super().can_publish()
        return not self.page_is_root and self._authorised()

    def can_unpublish(self):
        if not self.governed:
            return super().can_unpublish()
        return self.page.live and not self.page_locked() and self._authorised()

    def can_publish_subpage(self):
        if not self.governs_children:
            return super().can_publish_subpage()
        return self._authorised() and super().can_publish_subpage()

    def can_delete(self, ignore_bulk=False):
        if (self.governed and self.page.live) or (self.governs_children and self._has_live_common_data()):
            return self._authorised() and super().can_delete(ignore_bulk=ignore_bulk)
        return super().can_delete(ignore_bulk=ignore_bulk)

    def can_move_to(self, destination):
        # A live page stays under an index of common data: elsewhere it would escape the workflow.
        escapes = not getattr(destination.specific_class, "governed_children", False)
        if self.governed and self.page.live and escapes and not self._authorised():
            return False
        return super().can_move_to(destination)


def _voted_revision(workflow_state):
    """The revision the moderators approved: the one of the last task, not a draft saved after the votes."""
    task_state = workflow_state.current_task_state
    revision = getattr(task_state, "revision", None)
    return revision or workflow_state.content_object.get_latest_revision()


def publish_approved(workflow_state, user=None):
    """What happens when a workflow is approved (through `governance.finish`): the approved revision goes live.

    The approval itself is the permission: moderators of other collectives need no publish right on the page, and a
    minor change is published for its author.
    """
    with authority(APPROVAL):
        _voted_revision(workflow_state).publish(user=user, skip_permission_checks=True)


@transaction.atomic
def emergency(page, user, *, action, reason):
    """A site administrator publishes the latest revision, or withdraws the page, outside the workflow.

    Refused to anyone but a site administrator and without a reason; recorded in the public log with the reason.
    """
    if not is_site_admin(user):
        raise PermissionDenied(_("Only a site administrator may publish in an emergency."))
    if not (reason or "").strip():
        raise ValidationError(_("Write why this cannot wait for the moderators: the reason is published in the log."))
    page = Page.objects.select_for_update().get(pk=page.pk).specific  # as stored, whatever the caller holds
    with authority(EMERGENCY):
        if action == "unpublish":
            if not page.live:
                raise ValidationError(_("This page is not published."))
            record_decision(action=Decision.EMERGENCY_UNPUBLISH, actor=user, target=page, reason=reason)
            for translation in page.get_translations(inclusive=True).live().specific():
                translation.unpublish(user=user)
            return page
        revision, was_live = page.get_latest_revision(), page.live
        if revision is None:
            raise ValidationError(_("This page has no version to publish."))
        fields = changed_fields(published_version(page), revision.as_object())
        revision.publish(user=user)
        page.refresh_from_db()
        record_decision(
            action=Decision.EMERGENCY_PUBLISH,
            actor=user,
            target=page,
            reason=reason,
            details={"fields": fields, "new": not was_live},
        )
    return page
