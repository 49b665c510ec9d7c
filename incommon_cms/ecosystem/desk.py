"""The ecosystem's section of the moderation desk (`governance.desk`): stale profiles nobody can confirm.

A profile not verified for `PROFILE_STALE_AFTER_DAYS` whose collective has no member gets no reminder e-mail, so
moderators check it: the desk links to the profile and marks it as still right in one click (`confirm_as_member`,
which accepts moderators). Registered from `EcosystemConfig.ready()`.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incommon_cms.directory.freshness import stale_profiles
from incommon_cms.governance.desk import register_desk_section
from incommon_cms.governance.models import Membership

from .reminders import unclaimed_stale_profiles

# The desk shows the oldest ones; the full, paginated list is `ecosystem:stale_profiles`.
DESK_LIMIT = 20


def stale_profile_items(request, bound):
    return [
        {"profile": profile.specific.localized}
        for profile in unclaimed_stale_profiles(timezone.localdate())[:DESK_LIMIT]
    ]


def count_stale_profiles(user):
    """One query: stale profiles of collectives without members, one per collective (all languages together)."""
    claimed = Membership.objects.values("profile__translation_key")
    return stale_profiles().exclude(translation_key__in=claimed).order_by().values("translation_key").distinct().count()


def register():
    register_desk_section(
        "stale_profiles",
        order=70,
        title=_("Profiles to check"),
        template="ecosystem/desk/stale_profiles.html",
        get_items=stale_profile_items,
        count=count_stale_profiles,
    )
