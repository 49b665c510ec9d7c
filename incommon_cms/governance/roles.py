"""Who may do what. The single place where permissions of the co-governance are decided.

Site-wide roles (site admin, moderator, translator) are groups defined in `incommon_cms.core.roles`; this module adds
the roles inside a collective (member, collective admin) and decides each permission from both.

The permission matrix (see docs/governance.md):

=====================  =======  ===========  ============  =======  ==============  ========
role                   view     edit own     edit other    approve  private fields  see log
=====================  =======  ===========  ============  =======  ==============  ========
visitor                yes      –            no            no       no              yes
signed-in user         yes      –            no            no       no              yes
collective editor      yes      yes          no            no       own collective  yes
collective admin       yes      yes          no            no       own collective  yes
moderator              yes      if member    no            others'  yes             yes
site admin             yes      yes          yes           others'  yes             yes
=====================  =======  ===========  ============  =======  ==============  ========
"""

from incommon_cms.core.roles import is_authenticated, is_moderator, is_site_admin
from incommon_cms.directory.models import ProfilePage

from .models import Membership


def _memberships(user, profile):
    return Membership.objects.filter(user=user, profile__translation_key=profile.translation_key)


def is_member(user, profile):
    if not is_authenticated(user) or profile is None:
        return False
    return _memberships(user, profile).exists()


def is_collective_admin(user, profile):
    return is_authenticated(user) and _memberships(user, profile).filter(role=Membership.ADMIN).exists()


def as_profile(page):
    """The directory profile a page is, or None (the edited page may be any page under moderation)."""
    if page is None:
        return None
    if isinstance(page, ProfilePage):
        return page
    return ProfilePage.objects.filter(pk=page.pk).first()


def can_view(user, page):
    """Published pages are public; drafts only for those who may edit or moderate them."""
    if page.live:
        return True
    return can_edit_profile(user, page) or is_moderator(user)


def can_edit_profile(user, page):
    """Propose changes to a profile: its own members, and site admins."""
    profile = as_profile(page)
    if profile is None or not is_authenticated(user):
        return False
    return is_site_admin(user) or is_member(user, profile)


def can_manage_members(user, profile):
    """Invite, remove and change the role of members: the collective's admins and site admins."""
    return is_site_admin(user) or is_collective_admin(user, profile)


def can_approve(user, page):
    """Vote on a change: moderators who are not members of the collective concerned (no self-approval)."""
    if not is_moderator(user):
        return False
    profile = as_profile(page)
    return profile is None or not is_member(user, profile)


def can_see_private_fields(user, profile):
    """Private contact fields are for the profile's own members and for moderators."""
    return is_moderator(user) or is_member(user, profile)


def can_see_log(user):
    """The decision log is public: everyone sees it."""
    return True


def can_claim(user, profile):
    """A signed-in user may claim a profile nobody manages yet."""
    return (
        is_authenticated(user)
        and not Membership.objects.filter(profile__translation_key=profile.translation_key).exists()
    )


def can_propose_profile(user):
    return is_authenticated(user)


def can_handle_queue(user):
    """Decide on claims and reports."""
    return is_moderator(user)
