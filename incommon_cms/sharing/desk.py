"""The sharing section of the moderation desk (`governance.desk`): offers, needs and rooms waiting for a decision.
Registered from `SharingConfig.ready()`."""

from incommon_cms.governance.roles import is_member

from . import moderation


def items(request, bound):
    """Pending listings and rooms, each marked with whether this moderator may decide (not their own collective)."""
    rows = [
        {"kind": "listing", "item": listing, "profile": listing.profile} for listing in moderation.pending_listings()
    ]
    rows += [{"kind": "room", "item": room, "profile": room.place} for room in moderation.pending_rooms()]
    for row in rows:
        row["own"] = is_member(request.user, row["profile"])
    return rows


def count(user):
    return moderation.pending_count()
