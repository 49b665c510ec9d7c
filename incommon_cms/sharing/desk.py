"""The sharing section of the moderation desk (`governance.desk`): offers, needs and rooms waiting for a decision,
with the approvals given so far against the co-governance rule. Registered from `SharingConfig.ready()`."""

from incommon_cms.governance.roles import is_member

from . import moderation


def items(request, bound):
    """Pending listings and rooms with their votes and quorum, each marked with whether this moderator may still vote
    (not their own collective, not their own post, not twice on the same version)."""
    rows = [
        {"kind": "listing", "item": listing, "profile": listing.profile} for listing in moderation.pending_listings()
    ]
    rows += [{"kind": "room", "item": room, "profile": room.place} for room in moderation.pending_rooms()]
    for row in rows:
        row["own"] = is_member(request.user, row["profile"])
        row["votes"] = list(moderation.votes(row["item"]))
        row["status"] = moderation.status(row["item"])
        row["voted"] = any(vote.user_id == request.user.pk for vote in row["votes"])
        row["may_vote"] = not row["own"] and moderation.may_vote(request.user, row["item"])
    return rows


def count(user):
    return moderation.pending_count()
