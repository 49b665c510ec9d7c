"""Who may do what with shared things. Every view and service asks here; nothing else decides.

- A **member of the network** is a signed-in user who belongs to at least one collective: they answer offers and
  needs, request rooms and see the skills directory.
- The **managers** of a listing or a room are the members of the collective that owns it (the place, for a room).
- **Moderators** of another collective approve or reject what becomes public (no self-approval).
"""

from incommon_cms.core.roles import is_moderator
from incommon_cms.directory.models import ProfilePage
from incommon_cms.governance.models import Membership
from incommon_cms.governance.roles import is_member


def _signed_in(user):
    return bool(user and user.is_authenticated and user.is_active)


def collectives_of(user):
    """The collectives (profiles) `user` belongs to, in their own language version."""
    if not _signed_in(user):
        return ProfilePage.objects.none()
    ids = Membership.objects.filter(user=user).values("profile_id")
    return ProfilePage.objects.filter(pk__in=ids).order_by("title")


def is_network_member(user):
    return _signed_in(user) and Membership.objects.filter(user=user).exists()


def manages(user, profile):
    return is_member(user, profile)


def manages_listing(user, listing):
    return manages(user, listing.profile)


def manages_room(user, room):
    return manages(user, room.place)


def may_moderate(user, owner_profile):
    """A moderator who is not a member of the collective concerned."""
    return is_moderator(user) and not is_member(user, owner_profile)


def may_see_skills(user):
    return is_network_member(user)


def members_of(profile):
    """The active members of a collective (any language version of its profile): who gets its e-mails."""
    memberships = Membership.objects.filter(profile__translation_key=profile.translation_key, user__is_active=True)
    return [m.user for m in memberships.select_related("user").order_by("pk")]
