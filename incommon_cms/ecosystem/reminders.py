"""Keeping the data fresh: the monthly reminder to members of stale profiles and its one-click confirmation link.

Which profiles are stale is decided by `incommon_cms.directory.freshness`. The confirmation link carries a signed
token naming one profile (by translation key, so every translation is confirmed at once) and the `last_verified`
date it was issued for: once the profile is confirmed that date changes, so the same link cannot be used again.
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from incommon_cms.core.mail import send_templated_mail
from incommon_cms.directory import geojson
from incommon_cms.directory.freshness import one_per_collective, stale_after_days, stale_profiles
from incommon_cms.directory.models import ProfilePage
from incommon_cms.governance.models import Membership

from .models import FreshnessReminder, ProfileVerification

logger = logging.getLogger("incommon.ecosystem")

TOKEN_SALT = "incommon.ecosystem.still-right"  # noqa: S105 - a signing namespace, not a secret


def link_max_age_days():
    return int(getattr(settings, "ECOSYSTEM_CONFIRM_LINK_MAX_AGE_DAYS", 60))


def unclaimed_stale_profiles(today=None):
    """Stale profiles of collectives without any member: nobody receives their reminder, moderators check them.

    One page per collective (the one in the default language when it exists).
    """
    claimed = Membership.objects.values("profile__translation_key")
    pages = stale_profiles(today).exclude(translation_key__in=claimed).order_by("last_verified", "title")
    return one_per_collective(pages)


# The one-click confirmation link


class ConfirmationError(Exception):
    """Why a confirmation link cannot be used; `message` is shown to the visitor."""

    def __init__(self, message, profile=None):
        super().__init__(str(message))
        self.message = message
        self.profile = profile


def make_token(profile):
    payload = {
        "k": str(profile.translation_key),
        "v": profile.last_verified.isoformat() if profile.last_verified else "",
    }
    return signing.TimestampSigner(salt=TOKEN_SALT).sign_object(payload, compress=True)


def profile_for_token(token):
    """The profile the token confirms, if the token is genuine, not expired and not used yet."""
    try:
        payload = signing.TimestampSigner(salt=TOKEN_SALT).unsign_object(
            token, max_age=datetime.timedelta(days=link_max_age_days())
        )
    except signing.SignatureExpired as error:
        raise ConfirmationError(_("This link has expired. Log in to confirm the profile from its page.")) from error
    except (signing.BadSignature, ValueError) as error:
        raise ConfirmationError(_("This link is not valid. Check that you copied it entirely.")) from error
    pages = ProfilePage.objects.live().filter(translation_key=payload.get("k")).select_related("locale")
    profile = one_per_collective(pages, translation.get_language())
    if not profile:
        raise ConfirmationError(_("This profile no longer exists."))
    profile = profile[0]
    current = max((page.last_verified for page in pages if page.last_verified), default=None)
    if (current.isoformat() if current else "") != payload.get("v"):
        raise ConfirmationError(_("This link has already been used: the profile was confirmed since."), profile)
    return profile


def confirm_with_token(token, today=None):
    """Verify the token's profile; raises ConfirmationError. The whole check-and-update is one transaction."""
    with transaction.atomic():
        profile = profile_for_token(token)
        # Lock the rows so that two simultaneous clicks cannot both pass the "not used yet" check.
        list(ProfilePage.objects.select_for_update().filter(translation_key=profile.translation_key))
        profile = profile_for_token(token)
        return mark_verified(profile, method="reminder_link", today=today)


def mark_verified(profile, method, user=None, today=None):
    """Record that the profile (all its translations) is still right as of today."""
    today = today or timezone.localdate()
    pages = ProfilePage.objects.filter(translation_key=profile.translation_key)
    previous = max((day for day in pages.values_list("last_verified", flat=True) if day), default=None)
    pages.update(last_verified=today)
    # Keep the latest revisions in step, so that publishing a draft made earlier does not bring the old date back.
    for page in pages.select_related("latest_revision"):
        revision = page.latest_revision
        if revision is not None and isinstance(revision.content, dict):
            revision.content["last_verified"] = today.isoformat()
            revision.save(update_fields=["content"])
    profile.last_verified = today
    ProfileVerification.objects.create(
        profile=profile, verified_on=today, previous_date=previous, method=method, user=user
    )
    # The map's `stale` flags come from the cached feed: forget it.
    transaction.on_commit(geojson.invalidate)
    logger.info("Profile %s verified (%s)", profile.pk, method)
    return profile


# The monthly reminder


@dataclass
class ReminderReport:
    emails: int = 0
    profiles: int = 0
    unclaimed: int = 0
    recipients: list = field(default_factory=list)


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def confirm_url(profile, language):
    with translation.override(language):
        return absolute(reverse("ecosystem:confirm_profile", kwargs={"token": make_token(profile)}))


def send_reminders(today=None):
    """E-mail each member of a collective with stale profiles, in the member's language, once per run.

    Members who received a reminder for the same profile in the last 25 days are skipped, so running the
    command twice in a month does not send twice.
    """

    today = today or timezone.localdate()
    stale = list(stale_profiles(today))
    by_key = defaultdict(list)
    for page in stale:
        by_key[page.translation_key].append(page)
    report = ReminderReport(unclaimed=len(unclaimed_stale_profiles(today)))
    recent = today - datetime.timedelta(days=25)
    already = set(FreshnessReminder.objects.filter(sent_on__gt=recent).values_list("user_id", "translation_key"))
    memberships = (
        Membership.objects.filter(profile__translation_key__in=list(by_key), user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "profile")
    )
    per_user = defaultdict(dict)
    for membership in memberships:
        key = membership.profile.translation_key
        if (membership.user_id, key) not in already:
            per_user[membership.user][key] = by_key[key]
    for user, collectives in per_user.items():
        language = user.language or settings.LANGUAGE_CODE
        items = []
        for pages in collectives.values():
            page = one_per_collective(pages, language)[0]
            items.append(
                {
                    "title": page.title,
                    "url": absolute(page.url or ""),
                    "last_verified": page.last_verified,
                    "confirm_url": confirm_url(page, language),
                }
            )
        send_templated_mail(
            user,
            "ecosystem/email/freshness_reminder",
            {"user": user, "items": items, "stale_after_days": stale_after_days()},
            language=language,
        )
        FreshnessReminder.objects.bulk_create(
            [FreshnessReminder(user=user, translation_key=key, sent_on=today) for key in collectives]
        )
        report.emails += 1
        report.recipients.append(user.email)
    report.profiles = len({key for collectives in per_user.values() for key in collectives})
    return report
