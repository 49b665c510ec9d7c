"""What the ecosystem adds for a collective's members: a profile-page section (freshness, completeness) and a link to
the collective's statistics on their "My collectives" page."""

from django.urls import reverse
from django.utils.translation import gettext as _

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


def statistics_link(profile, user):
    """The collective's statistics, for its members, on "My collectives" (governance.collective_links)."""
    if not profile.live or not (is_moderator(user) or is_member(user, profile)):
        return None
    return _("Statistics and freshness of the profile"), reverse("ecosystem:collective_dashboard", args=[profile.pk])
