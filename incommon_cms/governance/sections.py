"""The governance section of every profile page: manage or claim it, and its latest decisions."""

from . import roles
from .models import Decision


def governance_section(profile, request):
    user = request.user
    decisions = Decision.objects.filter(profile__translation_key=profile.translation_key)[:5]
    return {
        "profile": profile,
        "can_edit": roles.can_edit_profile(user, profile),
        "can_claim": roles.can_claim(user, profile),
        "is_authenticated": user.is_authenticated,
        "decisions": decisions,
    }
