"""Moderating what the board and the rooms make public: approve or reject, in the public decision log.

Offers, needs and rooms are public once published, like profiles: a new one, or a change to a published one, waits
for a moderator who is not a member of the owning collective (no self-approval). Each decision is recorded with
`governance.decisions.record_decision` (*Change approved* / *Change rejected*, with the collective concerned), so
the public log shows it; a rejection needs a reason, which is e-mailed to the owners.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incommon_cms.governance.decisions import record_decision
from incommon_cms.governance.models import Decision

from . import access
from .mail import notify
from .models import Listing, Moderated, Room

APPROVE, REJECT = "approve", "reject"


def owner_profile(item):
    return item.place if isinstance(item, Room) else item.profile


def pending_listings():
    return Listing.objects.filter(status=Moderated.PENDING).select_related("profile", "category", "commune")


def pending_rooms():
    return Room.objects.filter(status=Moderated.PENDING).select_related("place")


def pending_count():
    return pending_listings().count() + pending_rooms().count()


def decide(item, user, *, action, reason=""):
    """Approve or reject a pending listing or room as a moderator of another collective; the owners are told by
    e-mail once the decision is stored."""
    item = _decide(item, user, action, reason)
    notify(access.members_of(owner_profile(item)), "decided", item=item)
    return item


@transaction.atomic
def _decide(item, user, action, reason):
    item = type(item).objects.select_for_update().get(pk=item.pk)
    profile = owner_profile(item)
    if not access.may_moderate(user, profile):
        raise PermissionDenied(_("Only a moderator from another collective may decide on this."))
    if item.status != Moderated.PENDING:
        raise ValidationError(_("This has already been decided."))
    if action == REJECT and not reason.strip():
        raise ValidationError(_("Give a reason: it is sent to the collective and published in the log."))
    if action not in (APPROVE, REJECT):
        raise ValidationError(_("Unknown decision."))
    item.status = Moderated.PUBLISHED if action == APPROVE else Moderated.REJECTED
    item.moderation_reason = reason.strip()
    item.decided_at = timezone.now()
    item.save(update_fields=["status", "moderation_reason", "decided_at", "updated_at"])
    record_decision(
        action=Decision.APPROVE if action == APPROVE else Decision.REJECT,
        actor=user,
        target=item,
        profile=profile,
        reason=item.moderation_reason,
    )
    return item
