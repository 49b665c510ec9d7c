"""Demo builders of the ecosystem dashboard: profiles whose last verification is old (so reminders and the
moderators' list have work), a profile's audience (page views and inbound links) and the stored figures.

The content is in `demo_data/ecosystem.json`; see `incommon_cms.core.demo_loader` for the format. Dates are counted
back from today.
"""

import datetime

from django.utils import timezone

from incommon_cms.core.demo_loader import demo_builder

from .figures import store_all
from .models import InboundLinkCount, PageViewCount, ProfileVerification


def _profile(ctx, name):
    return ctx.shared.get("profiles", {}).get(name, {})


@demo_builder("ecosystem.stale_profile")
def stale_profile(ctx, *, profile, verified_days_ago):
    """Push back the last verification of a profile (all its translations) that nobody verified since."""
    source = _profile(ctx, profile).get("fr")
    if source is None or ProfileVerification.objects.filter(profile__translation_key=source.translation_key).exists():
        return
    type(source).objects.filter(translation_key=source.translation_key).update(
        last_verified=timezone.localdate() - datetime.timedelta(days=verified_days_ago)
    )


@demo_builder("ecosystem.page_views")
def page_views(ctx, *, profile, days, views_by_weekday):
    """Views per day of each translation of a profile over the last `days` days, by weekday (Monday first)."""
    today = timezone.localdate()
    for language, page in _profile(ctx, profile).items():
        for offset in range(days):
            day = today - datetime.timedelta(days=offset)
            PageViewCount.objects.get_or_create(
                page_id=page.pk, date=day, defaults={"count": views_by_weekday[language][day.weekday()]}
            )


@demo_builder("ecosystem.inbound_links")
def inbound_links(ctx, *, profile, host, channel, count, days_ago):
    """Links from `host` through `channel` to the French page of a profile, `count` on each of these days."""
    page = _profile(ctx, profile).get("fr")
    if page is None:
        return
    today = timezone.localdate()
    for offset in days_ago:
        InboundLinkCount.objects.get_or_create(
            date=today - datetime.timedelta(days=offset),
            host=host,
            channel=channel,
            page_id=page.pk,
            defaults={"count": count},
        )


@demo_builder("ecosystem.figures")
def figures(ctx):
    store_all()
