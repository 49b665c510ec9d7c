"""Figures for one collective: audience of its pages, inbound links, completeness and freshness."""

import datetime

from django.apps import apps
from django.db.models import ForeignKey, ManyToManyField, Q, Sum
from django.utils import timezone
from wagtail.models import Page

from incommon_cms.directory.freshness import is_stale, reference_date
from incommon_cms.directory.models import ProfilePage

from .completeness import completeness
from .models import InboundLinkCount, PageViewCount


def related_pages(profile):
    """Live pages of other apps linked to the collective (its events, tools…), found by their links to profiles."""
    pages = []
    for model in apps.get_models():
        if not issubclass(model, Page) or issubclass(model, ProfilePage):
            continue
        lookups = [
            field.name
            for field in model._meta.get_fields()
            if isinstance(field, ForeignKey | ManyToManyField)
            and field.model is model
            and field.related_model is not None
            and issubclass(field.related_model, ProfilePage)
        ]
        if not lookups:
            continue
        query = Q()
        for name in lookups:
            query |= Q(**{f"{name}__translation_key": profile.translation_key})
        pages.extend(model.objects.live().filter(query).distinct())
    return pages


def audience(profile, today=None, days=30):
    """Views of the collective's profile (all translations) and of its linked pages: per page and per month."""
    today = today or timezone.localdate()
    translations = list(ProfilePage.objects.filter(translation_key=profile.translation_key).select_related("locale"))
    pages = translations + related_pages(profile)
    ids = [page.pk for page in pages]
    since_recent = today - datetime.timedelta(days=days - 1)
    since_year = today.replace(day=1) - datetime.timedelta(days=335)
    since_year = since_year.replace(day=1)
    counts = PageViewCount.objects.filter(page_id__in=ids, date__gte=since_year)
    recent = dict(
        counts.filter(date__gte=since_recent).values("page_id").annotate(n=Sum("count")).values_list("page_id", "n")
    )
    year = dict(counts.values("page_id").annotate(n=Sum("count")).values_list("page_id", "n"))
    rows = [
        {
            "page": page,
            "title": page.title,
            "language": page.locale.language_code if hasattr(page, "locale") else "",
            "type": page.specific_class._meta.verbose_name if page.specific_class else "",
            "recent": recent.get(page.pk, 0),
            "year": year.get(page.pk, 0),
        }
        for page in pages
    ]
    monthly = {}
    for date, count in counts.values_list("date", "count"):
        key = date.strftime("%Y-%m")
        monthly[key] = monthly.get(key, 0) + count
    return {
        "rows": rows,
        "monthly": monthly,
        "since_year": since_year,
        "total_recent": sum(row["recent"] for row in rows),
        "total_year": sum(row["year"] for row in rows),
        "page_ids": ids,
    }


def inbound_links(page_ids, today=None):
    """Websites linking to the collective's data through the API or embeds, over the last 12 months."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=365)
    return list(
        InboundLinkCount.objects.filter(page_id__in=page_ids, date__gte=since)
        .values("host", "channel")
        .annotate(n=Sum("count"))
        .order_by("-n", "host")
    )


def collective_report(profile, today=None):
    today = today or timezone.localdate()
    views = audience(profile, today)
    return {
        "audience": views,
        "inbound": inbound_links(views["page_ids"], today),
        "completeness": completeness(profile),
        "stale": is_stale(profile, today),
        "verified_on": reference_date(profile),
    }
