"""The offers and needs board: posting, what the public sees, matching suggestions, answers and closing.

- A collective's members post an offer or a need; it waits for moderators of other collectives (`sharing.moderation`) and any later
  change sends it back to the moderators, so the public sees only what was approved.
- The public sees published, open, unexpired listings of published collectives.
- Suggestions for a listing: the public listings of the other kind in the same category, from another collective,
  in the same commune or where either side says "anywhere in Brussels".
- Answers are relayed by e-mail to the owners (and replies to the author); no address is ever shown.
- Closed listings stay in the collective's history ("what we shared"); `met` counts the needs met.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from incommon_cms.directory.models import ProfilePage

from . import access, moderation
from .mail import notify
from .models import Answer, Listing, Moderated

REMIND_DAYS_BEFORE = 7
MAX_SUGGESTIONS = 5


def public_listings():
    live_profiles = ProfilePage.objects.live().public().values("pk")
    return (
        Listing.objects.filter(
            status=Moderated.PUBLISHED,
            state=Listing.OPEN,
            expires_on__gte=timezone.localdate(),
            profile__in=live_profiles,
        )
        .select_related("profile", "category", "commune")
        .order_by("expires_on", "pk")
    )


def history(profile):
    """A collective's listings as the public may see them: open ones and closed ones ("what we shared")."""
    return (
        Listing.objects.filter(profile__translation_key=profile.translation_key, status=Moderated.PUBLISHED)
        .select_related("category", "commune")
        .order_by("-state", "-closed_at", "expires_on")
    )


def visible_to(listing, user):
    if listing.profile.live and listing.status == Moderated.PUBLISHED:
        return True
    return access.manages_listing(user, listing) or access.may_moderate(user, listing.profile)


def suggestions(listing, limit=MAX_SUGGESTIONS):
    """Open listings of the other kind that could answer this one."""
    other = Listing.NEED if listing.kind == Listing.OFFER else Listing.OFFER
    same_theme = Q(category__translation_key=listing.category.translation_key)
    place = Q(commune_id=listing.commune_id) | Q(commune__isnull=True) if listing.commune_id else Q()
    return list(
        public_listings()
        .filter(same_theme & place, kind=other)
        .exclude(profile__translation_key=listing.profile.translation_key)[:limit]
    )


@transaction.atomic
def save_listing(listing, user):
    """Create or change a listing as one of its collective's members: it (re)enters moderation."""
    if not access.manages(user, listing.profile):
        raise PermissionDenied(_("Only the members of this collective may post or change its offers and needs."))
    if listing.pk is None:
        listing.created_by = user
    moderation.submit(listing)
    listing.save()
    return listing


@transaction.atomic
def close_listing(listing, user, *, met):
    if not access.manages_listing(user, listing):
        raise PermissionDenied(_("Only the members of this collective may close its offers and needs."))
    listing.state = Listing.CLOSED
    listing.met = bool(met)
    listing.closed_at = timezone.now()
    listing.save(update_fields=["state", "met", "closed_at", "updated_at"])
    return listing


@transaction.atomic
def renew_listing(listing, user, *, until):
    if not access.manages_listing(user, listing):
        raise PermissionDenied(_("Only the members of this collective may renew its offers and needs."))
    listing.expires_on = until
    listing.reminded_at = None
    listing.save(update_fields=["expires_on", "reminded_at", "updated_at"])
    return listing


def may_answer(listing, user):
    return (
        access.is_network_member(user)
        and not access.manages_listing(user, listing)
        and listing.status == Moderated.PUBLISHED
        and listing.state == Listing.OPEN
    )


def answer(listing, user, *, body, profile=None):
    """A member answers an offer or a need; the collective's members get the message by e-mail once it is stored."""
    if not may_answer(listing, user):
        raise PermissionDenied(_("Only members of another collective may answer an open offer or need."))
    if profile is not None and not access.manages(user, profile):
        raise PermissionDenied(_("You may answer only on behalf of your own collectives."))
    message = Answer.objects.create(listing=listing, author=user, author_profile=profile, body=body)
    notify(access.members_of(listing.profile), "answer", listing=listing, answer=message)
    return message


def reply(answer_to, user, *, body):
    """A member of the owning collective replies to an answer; its author gets the reply by e-mail."""
    if not access.manages_listing(user, answer_to.listing):
        raise PermissionDenied(_("Only the members of this collective may reply to its answers."))
    message = Answer.objects.create(
        listing=answer_to.listing, parent=answer_to, author=user, author_profile=answer_to.listing.profile, body=body
    )
    notify([answer_to.author], "reply", listing=answer_to.listing, answer=message)
    return message


def conversations_for(listing, user):
    """The answers `user` may read: all of them for the owners, their own (with the replies) for an author."""
    answers = listing.answers.filter(parent__isnull=True).select_related("author", "author_profile")
    if not access.manages_listing(user, listing):
        answers = answers.filter(author=user) if user.is_authenticated else answers.none()
    return [{"answer": a, "replies": list(a.replies.select_related("author"))} for a in answers]


def remind_expiring(today=None):
    """E-mail the owners of listings that expire within `REMIND_DAYS_BEFORE` days, once; returns how many."""
    today = today or timezone.localdate()
    due = Listing.objects.filter(
        state=Listing.OPEN,
        status=Moderated.PUBLISHED,
        reminded_at__isnull=True,
        expires_on__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
    ).select_related("profile")
    count = 0
    for listing in due:
        notify(access.members_of(listing.profile), "expiring", listing=listing)
        listing.reminded_at = timezone.now()
        listing.save(update_fields=["reminded_at"])
        count += 1
    return count


def needs_met_by_theme():
    """Impact figures: closed needs marked as met, counted per category slug."""
    rows = {}
    for slug in Listing.objects.filter(kind=Listing.NEED, state=Listing.CLOSED, met=True).values_list(
        "category__slug", flat=True
    ):
        rows[slug] = rows.get(slug, 0) + 1
    return rows
