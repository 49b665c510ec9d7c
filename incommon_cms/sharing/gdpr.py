"""What the sharing app stores about a member, registered with `accounts.gdpr` from `SharingConfig.ready()`.

Deleting the account deletes all of it (skills card, answers, booking requests, moderators' votes: their foreign
keys to the user cascade; the public log keeps its own record of each decision), so there is nothing to erase beforehand; offers and needs belong to the collective and stay.
"""

from .models import Answer, Booking, ModerationVote
from .skills import export as export_skills


def _date(value):
    return value.isoformat() if value else None


def export_sharing(user):
    return {"sharing": _sharing(user)}


def _sharing(user):
    return {
        "skills_card": export_skills(user),
        "answers": [
            {"listing": a.listing.title, "message": a.body, "sent_at": _date(a.created_at)}
            for a in Answer.objects.filter(author=user).select_related("listing").order_by("pk")
        ],
        "room_bookings": [
            {
                "room": b.room.title,
                "collective": b.requester_profile.title,
                "start": _date(b.start),
                "end": _date(b.end),
                "purpose": b.purpose,
                "status": b.status,
            }
            for b in Booking.objects.filter(requester=user).select_related("room", "room__place", "requester_profile")
        ],
        "moderation_votes": [
            {
                "on": (v.listing or v.room).title,
                "vote": v.vote,
                "comment": v.comment,
                "created_at": _date(v.created_at),
            }
            for v in ModerationVote.objects.filter(user=user).select_related("listing", "room", "room__place")
        ],
    }
