"""The profile-page section for the collective's members and moderators: freshness, completeness, statistics."""

from incommon_cms.core.roles import is_moderator
from incommon_cms.directory.freshness import is_stale, reference_date
from incommon_cms.governance.roles import is_member

from .completeness import completeness


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
