"""The profile-page section for the collective's members and moderators: freshness, completeness, statistics."""

from incommon_cms.governance.roles import is_member, is_moderator

from .completeness import completeness
from .freshness import is_stale, reference_date


def members_section(profile, request):
    user = getattr(request, "user", None)
    if not (is_moderator(user) or is_member(user, profile)):
        return None
    return {
        "profile": profile,
        "stale": is_stale(profile),
        "verified_on": reference_date(profile),
        "score": completeness(profile).score,
    }
