"""The figures of the ecosystem page, computed from the database and stored in `FigureSnapshot`.

Each figure is a plain dict: `rows`, each with a language-independent `key`, a `label` per language and a list of
`values` (one per column of the figure, see `dashboard.FIGURES`), plus optional extras. A collective is counted once,
whatever the number of its translations (profiles are counted by `translation_key`).

Figures that need an app that is not installed (the agenda, the data-commons sources, comments) come out with
`available: False` and no rows, so the page says so instead of showing zeros.
"""

import datetime
import zoneinfo
from collections import Counter, defaultdict

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Min
from django.db.models.functions import TruncMonth
from django.utils import dateformat, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from incommon_cms.directory.freshness import stale_cutoff
from incommon_cms.directory.models import KIND_CHOICES, AlternativePage, Commune, GoodAddressPage, PlacePage
from incommon_cms.governance.log import approval_verbs
from incommon_cms.governance.models import Decision

PROFILE_TYPES = [
    ("alternative", AlternativePage),
    ("place", PlacePage),
    ("good_address", GoodAddressPage),
]

# Date fields an agenda event may use for its start, in order of preference.
EVENT_START_FIELDS = ("start", "start_date", "starts_at", "start_at", "dtstart")


def languages():
    return [code for code, _name in settings.LANGUAGES]


def translated(label):
    """The label (a lazy string or a callable taking no argument) rendered in every language."""
    result = {}
    for code in languages():
        with translation.override(code):
            result[code] = str(label() if callable(label) else label)
    return result


def _local_tz():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def month_start(day):
    return day.replace(day=1)


def add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_keys(first, count):
    """`count` month keys (`YYYY-MM`) from the month of `first`."""
    return [add_months(month_start(first), i).strftime("%Y-%m") for i in range(count)]


def month_row(key, values):
    day = datetime.date.fromisoformat(f"{key}-01")
    label, short = {}, {}
    for code in languages():
        with translation.override(code):
            label[code] = dateformat.format(day, "F Y")
            short[code] = dateformat.format(day, "M y" if day.month == 1 else "M")
    return {"key": key, "label": label, "short": short, "values": values}


def public_profiles():
    from incommon_cms.directory.models import ProfilePage

    return ProfilePage.objects.live().public()


def _count_by(queryset, field):
    return {
        row[field]: row["n"]
        for row in queryset.values(field).annotate(n=Count("translation_key", distinct=True)).order_by()
    }


def totals():
    content_types = ContentType.objects.get_for_models(*[model for _key, model in PROFILE_TYPES])
    counts = _count_by(public_profiles(), "content_type")
    rows = [
        {
            "key": key,
            "label": translated(lambda model=model: capfirst(model._meta.verbose_name_plural)),
            "values": [counts.get(content_types[model].pk, 0)],
        }
        for key, model in PROFILE_TYPES
    ]
    return {"available": True, "rows": rows, "total": sum(row["values"][0] for row in rows)}


def by_category():
    from incommon_cms.directory.models import Category

    counts = _count_by(public_profiles().filter(categories__isnull=False), "categories__slug")
    labels = defaultdict(dict)
    for category in Category.objects.select_related("locale"):
        labels[category.slug][category.locale.language_code] = category.name
    rows = []
    for slug, names in labels.items():
        fallback = names.get(settings.LANGUAGE_CODE) or next(iter(names.values()))
        rows.append(
            {
                "key": slug,
                "label": {code: names.get(code, fallback) for code in languages()},
                "values": [counts.get(slug, 0)],
            }
        )
    rows.sort(key=lambda row: (-row["values"][0], row["label"][settings.LANGUAGE_CODE].lower()))
    return {"available": True, "rows": rows}


def by_kind():
    counts = _count_by(public_profiles(), "kind")
    rows = [{"key": key, "label": translated(label), "values": [counts.get(key, 0)]} for key, label in KIND_CHOICES]
    not_given = counts.get("", 0)
    if not_given:
        rows.append({"key": "", "label": translated(lambda: _("Not given")), "values": [not_given]})
    return {"available": True, "rows": rows}


def by_commune():
    counts = _count_by(public_profiles(), "commune__nis_code")
    rows = []
    for commune in Commune.objects.filter(in_brussels_region=True).order_by("nis_code"):
        label = {code: commune.name_nl if code == "nl" else commune.name_fr for code in languages()}
        rows.append({"key": commune.nis_code, "label": label, "values": [counts.pop(commune.nis_code, 0)]})
    elsewhere = sum(counts.values())
    if elsewhere:
        rows.append(
            {"key": "elsewhere", "label": translated(lambda: _("Elsewhere or not given")), "values": [elsewhere]}
        )
    return {"available": True, "rows": rows}


def _event_model():
    try:
        return apps.get_model("agenda", "EventPage")
    except LookupError:
        return None


def event_starts(start, end):
    """Start dates of the events (every occurrence of recurring ones) between two dates, one per event and day.

    Uses the agenda's own expansion (`agenda.selectors.occurrences_between`, with its exceptions and extra dates)
    when the agenda provides it, else the event pages' start field. An event counts once whatever the number of
    its translations; cancelled events do not count.
    """
    try:
        from agenda import selectors
    except ImportError:
        selectors = None
    between = getattr(selectors, "occurrences_between", None)
    model = _event_model()
    if between is not None and model is not None:
        window = [timezone.make_aware(datetime.datetime.combine(day, datetime.time.min)) for day in (start, end)]
        events = list(model.objects.live().public().exclude(status="cancelled").order_by("pk"))
        narrow = getattr(selectors, "window_events", None)
        if narrow is not None:
            events = narrow(events, *window)
        seen = set()
        days = []
        for occurrence in between(events, *window):
            day = _as_date(occurrence.start)
            key = (occurrence.event.translation_key, day)
            if key not in seen and start <= day < end:
                seen.add(key)
                days.append(day)
        return days
    if model is None:
        return None
    names = {field.name for field in model._meta.get_fields()}
    field = next((name for name in EVENT_START_FIELDS if name in names), None)
    if field is None:
        return None
    start_value, end_value = start, end
    if model._meta.get_field(field).get_internal_type() == "DateTimeField":
        tz = _local_tz()
        start_value = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
        end_value = datetime.datetime.combine(end, datetime.time.min, tzinfo=tz)
    rows = (
        model.objects.live()
        .public()
        .filter(**{f"{field}__gte": start_value, f"{field}__lt": end_value})
        .values("translation_key")
        .annotate(first=Min(field))
        .order_by()
    )
    return [_as_date(row["first"]) for row in rows]


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value, _local_tz()).date() if timezone.is_aware(value) else value.date()
    return value


def events_per_month(today):
    first = add_months(month_start(today), -12)
    keys = month_keys(first, 24)
    starts = event_starts(first, add_months(first, 24))
    if starts is None:
        return {"available": False, "rows": []}
    counts = Counter(day.strftime("%Y-%m") for day in starts)
    current = month_start(today).strftime("%Y-%m")
    return {"available": True, "rows": [month_row(key, [counts.get(key, 0)]) for key in keys], "current": current}


def _per_month(queryset, field, since):
    rows = (
        queryset.filter(**{f"{field}__gte": since})
        .annotate(month=TruncMonth(field, tzinfo=_local_tz()))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["month"].strftime("%Y-%m"): row["n"] for row in rows}


def contributions_per_month(today):
    """Edits (revisions of profiles), approvals (decision log), new profiles and comments, per month."""
    from wagtail.models import Revision

    first = add_months(month_start(today), -11)
    since = datetime.datetime.combine(first, datetime.time.min, tzinfo=_local_tz())
    keys = month_keys(first, 12)
    content_types = ContentType.objects.get_for_models(*[model for _key, model in PROFILE_TYPES]).values()
    edits = _per_month(Revision.objects.filter(content_type__in=list(content_types)), "created_at", since)
    approvals = _per_month(Decision.objects.filter(action__in=approval_verbs()), "created_at", since)
    new_profiles = Counter(
        timezone.localtime(row["first"], _local_tz()).strftime("%Y-%m")
        for row in public_profiles()
        .values("translation_key")
        .annotate(first=Min("first_published_at"))
        .filter(first__gte=since)
        .order_by()
    )
    comments = {}
    try:
        comment_model = apps.get_model("django_comments_xtd", "XtdComment")
    except LookupError:
        comment_model = None
    if comment_model is not None:
        comments = _per_month(comment_model.objects.filter(is_public=True, is_removed=False), "submit_date", since)
    rows = [
        month_row(key, [edits.get(key, 0), approvals.get(key, 0), new_profiles.get(key, 0), comments.get(key, 0)])
        for key in keys
    ]
    return {"available": True, "rows": rows}


def freshness(today):
    """Profiles verified within the freshness period, verified longer ago, and never verified."""
    cutoff = stale_cutoff(today)
    verified = [
        row["verified"]
        for row in public_profiles().values("translation_key").annotate(verified=Max("last_verified")).order_by()
    ]
    recent = sum(1 for day in verified if day is not None and day >= cutoff)
    old = sum(1 for day in verified if day is not None and day < cutoff)
    never = sum(1 for day in verified if day is None)
    total = len(verified)
    rows = [
        {"key": "recent", "label": translated(lambda: _("Verified in the last 12 months")), "values": [recent]},
        {"key": "old", "label": translated(lambda: _("Verified longer ago")), "values": [old]},
        {"key": "never", "label": translated(lambda: _("Never verified")), "values": [never]},
    ]
    share = round(100 * recent / total, 1) if total else 0.0
    return {"available": True, "rows": rows, "total": total, "share_verified": share}


def sources():
    """The data-commons sources and the share of the profiles each one feeds; the rest was entered here.

    A collective fed by two sources counts for both, so the shares of the sources may add up to more than 100 %.
    """
    from . import commons_bridge

    provenance = commons_bridge.profiles_per_source()
    if provenance is None:
        return {"available": False, "rows": []}
    counts, fed = provenance
    total = public_profiles().values("translation_key").distinct().count()
    rows = []
    for key, name, count in counts:
        share = round(100 * count / total, 1) if total else 0.0
        rows.append({"key": key, "label": dict.fromkeys(languages(), name), "values": [count, share]})
    rows.sort(key=lambda row: -row["values"][0])
    direct = max(total - fed, 0)
    rows.append(
        {
            "key": "platform",
            "label": translated(lambda: _("Entered on In Common")),
            "values": [direct, round(100 * direct / total, 1) if total else 0.0],
        }
    )
    return {"available": True, "rows": rows, "total": total}


def compute_all(today=None):
    """Every figure of the ecosystem page, as `{key: data}`."""
    today = today or timezone.localdate()
    return {
        "totals": totals(),
        "by_category": by_category(),
        "by_kind": by_kind(),
        "by_commune": by_commune(),
        "events_per_month": events_per_month(today),
        "contributions_per_month": contributions_per_month(today),
        "freshness": freshness(today),
        "sources": sources(),
    }


def store_all(today=None):
    """Compute every figure and replace the stored snapshots; returns the computation time."""
    from django.db import transaction

    from .models import FigureSnapshot

    figures = compute_all(today)
    computed_at = timezone.now()
    with transaction.atomic():
        for key, data in figures.items():
            FigureSnapshot.objects.update_or_create(key=key, defaults={"data": data, "computed_at": computed_at})
        FigureSnapshot.objects.exclude(key__in=figures).delete()
    return computed_at
