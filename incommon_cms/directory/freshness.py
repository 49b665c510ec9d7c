"""When a profile is stale: the one rule for the profile page, the map's `stale` flag and filters, and reminders.

A profile is stale when its `last_verified` date (or, if never verified, its first publication) is older than
`settings.PROFILE_STALE_AFTER_DAYS`. Freshness is a property of the directory's data: the directory shows it and
filters on it; the ecosystem app reminds members and records confirmations (`incommon_cms.ecosystem.reminders`) and
its dashboard counts stale profiles, both through this module.
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import ProfilePage


def stale_after_days():
    return int(getattr(settings, "PROFILE_STALE_AFTER_DAYS", 365))


def stale_cutoff(today=None):
    """Profiles last verified before this date are stale."""
    return (today or timezone.localdate()) - datetime.timedelta(days=stale_after_days())


def reference_date(profile):
    """The date freshness is measured from: the last verification, else the first publication."""
    if profile.last_verified:
        return profile.last_verified
    if profile.first_published_at:
        return timezone.localtime(profile.first_published_at).date()
    return None


def is_stale(profile, today=None):
    reference = reference_date(profile)
    return reference is not None and reference < stale_cutoff(today)


def stale_q(today=None):
    """A filter for stale profiles, for querysets of `ProfilePage` (the map can use it for a `stale` flag)."""
    cutoff = stale_cutoff(today)
    cutoff_start = datetime.datetime.combine(cutoff, datetime.time.min, tzinfo=timezone.get_current_timezone())
    return Q(last_verified__lt=cutoff) | Q(last_verified__isnull=True, first_published_at__lt=cutoff_start)


def stale_profiles(today=None):
    """Live stale profiles, every translation included."""
    return ProfilePage.objects.live().filter(stale_q(today)).select_related("locale")


def one_per_collective(pages, language=None):
    """One page per collective among `pages`: the one in `language` (default: the site's language) when it exists."""
    language = language or settings.LANGUAGE_CODE
    chosen = {}
    for page in pages:
        current = chosen.get(page.translation_key)
        if current is None or (page.locale.language_code == language and current.locale.language_code != language):
            chosen[page.translation_key] = page
    return list(chosen.values())
