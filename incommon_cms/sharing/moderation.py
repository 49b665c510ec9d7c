"""Moderating what the board and the rooms make public, under the co-governance rules that publish profiles.

Offers, needs and rooms are public once published, like profiles, and the same rule publishes them (ADR 7, "One door
to publication"): a new one, or a change to a published one (a new *submission*), waits for moderators who are not
members of the owning collective, nor its author. Each moderator's approval is a `ModerationVote`; the item is
published once the approvals meet the co-governance task that moderates the owning collective's profile
(`governance.workflows.co_governance_task`), counted by the same function as page revisions
(`governance.moderation.tally`: so many approvals, from distinct collectives when the task says so). One rejection,
with a reason, decides at once and is e-mailed to the owners, as a request for changes on a profile.

The outcome is recorded with `governance.decisions.record_decision` (*Change approved* with every approver and their
collectives, or *Change rejected* with the reason), so the public log shows it like any profile decision.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incommon_cms.governance.decisions import record_decision
from incommon_cms.governance.models import Decision
from incommon_cms.governance.moderation import collective_keys, collective_names, tally
from incommon_cms.governance.workflows import co_governance_task

from . import access
from .mail import notify
from .models import Listing, Moderated, ModerationVote, Room

APPROVE, REJECT = ModerationVote.APPROVE, ModerationVote.REJECT


def owner_profile(item):
    return item.place if isinstance(item, Room) else item.profile


def pending_listings():
    return Listing.objects.filter(status=Moderated.PENDING).select_related("profile", "category", "commune")


def pending_rooms():
    return Room.objects.filter(status=Moderated.PENDING).select_related("place")


def pending_count():
    return pending_listings().count() + pending_rooms().count()


def submit(item):
    """Send a new item, or a change to an existing one, to moderation: a new submission, on which nobody voted yet.
    The caller saves the item."""
    if item.pk is not None:
        item.submission += 1
    item.status = Moderated.PENDING
    item.moderation_reason = ""
    item.decided_at = None


def votes(item):
    """The votes on the item's current submission, oldest first."""
    return item.votes.filter(submission=item.submission).select_related("user")


def status(item):
    """Where the current submission stands against the co-governance rule (see `governance.moderation.tally`)."""
    approvals = [vote.collective_keys for vote in votes(item) if vote.vote == APPROVE]
    return tally(co_governance_task(owner_profile(item)), approvals)


def may_vote(user, item):
    """A moderator outside the owning collective, not its author, once per submission."""
    if not access.may_moderate(user, owner_profile(item)):
        return False
    if getattr(item, "created_by_id", None) == user.pk:
        return False
    return not item.votes.filter(submission=item.submission, user=user).exists()


def decide(item, user, *, action, reason=""):
    """Record a moderator's approval or rejection of a pending listing or room. Returns the item: still pending while
    approvals are missing; published or rejected once decided, and then the owners are told by e-mail."""
    item = _decide(item, user, action, reason)
    if item.status != Moderated.PENDING:
        notify(access.members_of(owner_profile(item)), "decided", item=item)
    return item


@transaction.atomic
def _decide(item, user, action, reason):
    item = type(item).objects.select_for_update().get(pk=item.pk)
    profile = owner_profile(item)
    if not access.may_moderate(user, profile) or getattr(item, "created_by_id", None) == user.pk:
        raise PermissionDenied(_("Only a moderator from another collective may decide on this."))
    if item.status != Moderated.PENDING:
        raise ValidationError(_("This has already been decided."))
    if action not in (APPROVE, REJECT):
        raise ValidationError(_("Unknown decision."))
    if action == REJECT and not reason.strip():
        raise ValidationError(_("Give a reason: it is sent to the collective and published in the log."))
    if item.votes.filter(submission=item.submission, user=user).exists():
        raise ValidationError(_("You have already voted on this version; another moderator decides next."))
    reason = reason.strip()
    ModerationVote.objects.create(
        **{"room" if isinstance(item, Room) else "listing": item},
        submission=item.submission,
        user=user,
        vote=action,
        collective_keys=collective_keys(user),
        collectives=collective_names(user),
        comment=reason,
    )
    if action == APPROVE and not status(item)["approved"]:
        return item
    item.status = Moderated.PUBLISHED if action == APPROVE else Moderated.REJECTED
    item.moderation_reason = reason
    item.decided_at = timezone.now()
    item.save(update_fields=["status", "moderation_reason", "decided_at", "updated_at"])
    if action == REJECT:
        record_decision(action=Decision.REJECT, actor=user, target=item, profile=profile, reason=reason)
        return item
    approvals = [vote for vote in votes(item) if vote.vote == APPROVE]
    record_decision(
        action=Decision.APPROVE,
        actor=user,
        target=item,
        profile=profile,
        reason="\n".join(vote.comment for vote in approvals if vote.comment),
        details={"approvers": [{"name": v.user.display_name, "collectives": v.collectives} for v in approvals]},
    )
    return item
