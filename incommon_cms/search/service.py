"""The public search: one query over every live, public, indexed page type, whatever the search backend.

Pages are found through Wagtail's search API, then grouped by translation: the reader sees the version in their
language when one exists, and pages only available in another language come after, labelled.
"""

import datetime
import difflib
import html
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from incommon_cms.core.translations import content_language

from .analysis import analyse, fold

MAX_HITS = 300
MAX_FILTER_HITS = 5000
SNIPPET_LENGTH = 220
DATE_FACETS = {
    "upcoming": _("Upcoming"),
    "month": _("Last 30 days"),
    "year": _("Last 12 months"),
    "older": _("Older"),
}
FACET_TITLES = {
    "type": _("Type"),
    "category": _("Category"),
    "commune": _("Commune"),
    "date": _("Date"),
}
SNIPPET_FIELDS = ("search_description", "short_description", "intro", "summary", "description", "body", "text")


@dataclass
class Result:
    page: Page
    type_label: str
    type_key: str
    language: str
    other_language: bool
    snippet: str
    date: object = None
    upcoming: bool = False


@dataclass
class SearchOutcome:
    query: str
    results: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    suggestions: list = field(default_factory=list)
    total: int = 0


def public_pages():
    """Live, public pages below a site root (not the tree root)."""
    return Page.objects.live().public().filter(depth__gt=1)


def type_key(model):
    return model._meta.label_lower


def result_date(page):
    """The date a result is filed under: an event's start, else its publication date."""
    for name in ("start", "start_date", "starts_at", "date"):
        value = getattr(page, name, None)
        if callable(value):
            value = value()
        if isinstance(value, datetime.datetime | datetime.date):
            return value
    return page.first_published_at


def _as_datetime(value):
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time.min)
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def date_bucket(value, now):
    value = _as_datetime(value)
    if value is None:
        return None
    if value >= now:
        return "upcoming"
    if value >= now - datetime.timedelta(days=30):
        return "month"
    if value >= now - datetime.timedelta(days=365):
        return "year"
    return "older"


def page_text(page):
    parts = []
    for name in SNIPPET_FIELDS:
        value = getattr(page, name, None)
        if isinstance(value, str) and value.strip():
            parts.append(html.unescape(strip_tags(value)))
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def highlight(text, query, language, length=SNIPPET_LENGTH):
    """An escaped extract of `text` around the first match, with every matching word wrapped in <mark>."""
    wanted = set(analyse(query, language)) | set(fold(query).split())
    words = list(re.finditer(r"\w+", text))

    def matches(word):
        terms = analyse(word, language)
        return bool(wanted & set(terms)) or fold(word) in wanted

    hits = [m for m in words if matches(m.group())]
    start = 0
    if hits and hits[0].start() > length // 3:
        start = text.rfind(" ", 0, hits[0].start() - length // 3) + 1
    end = min(len(text), start + length)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    out, cursor = [], start
    for m in hits:
        if m.start() < start or m.end() > end:
            continue
        out.append(html.escape(text[cursor : m.start()]))
        out.append(f"<mark>{html.escape(m.group())}</mark>")
        cursor = m.end()
    out.append(html.escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - every piece is escaped above


def _categories(page):
    manager = getattr(page, "categories", None)
    if manager is None or not hasattr(manager, "all"):
        return []
    return list(manager.all())


def search(query, language, filters=None, backend=None, now=None):
    """Search every public page; `filters` may hold `type`, `category` (slug), `commune` (id) and `date`."""
    query = (query or "").strip()
    outcome = SearchOutcome(query=query)
    if not query:
        return outcome
    filters = filters or {}
    now = now or timezone.now()
    backend = backend or get_search_backend()
    hits = list(backend.search(query, public_pages(), operator="and")[:MAX_HITS])
    if not hits:
        hits = list(backend.search(query, public_pages(), operator="or")[:MAX_HITS])
    reader_locale = Locale.objects.filter(language_code=language).first()

    # One result per translation group, in the reader's language when it exists.
    groups = {}
    for rank, page in enumerate(hits):
        groups.setdefault(page.translation_key, (rank, page))
    keys = list(groups)
    localized = {}
    if reader_locale is not None:
        for page in public_pages().filter(translation_key__in=keys, locale=reader_locale):
            localized[page.translation_key] = page
    chosen = []
    for key in keys:
        rank, page = groups[key]
        chosen.append((rank, localized.get(key, page)))
    specific = {p.pk: p for p in Page.objects.filter(pk__in=[p.pk for _, p in chosen]).specific()}
    locales = {loc.pk: loc.language_code for loc in Locale.objects.all()}

    results = []
    for rank, page in chosen:
        page = specific.get(page.pk, page)
        page_language = content_language(page) if page.alias_of_id else locales.get(page.locale_id, language)
        date = result_date(page)
        result = Result(
            page=page,
            type_label=str(page._meta.verbose_name).capitalize(),
            type_key=type_key(type(page)),
            language=page_language,
            other_language=page_language != language,
            snippet=highlight(page_text(page), query, page_language),
            date=date,
            upcoming=date_bucket(date, now) == "upcoming" and date != page.first_published_at,
        )
        result.rank = rank
        result.categories = _categories(page)
        result.commune = getattr(page, "commune", None)
        result.date_bucket = date_bucket(date, now)
        results.append(result)

    outcome.facets = build_facets(results, filters, language)
    results = [r for r in results if _keep(r, filters)]
    # Reader's language first; within it, upcoming events before the rest, then relevance.
    results.sort(key=lambda r: (r.other_language, not r.upcoming, r.rank))
    outcome.results = results
    outcome.total = len(results)
    if not results:
        outcome.suggestions = suggest(query, language, backend)
    return outcome


def _keep(result, filters, ignore=None):
    if filters.get("type") and ignore != "type" and result.type_key != filters["type"]:
        return False
    wanted_category = filters.get("category") if ignore != "category" else None
    if wanted_category and wanted_category not in {c.slug for c in result.categories}:
        return False
    wanted_commune = filters.get("commune") if ignore != "commune" else None
    if wanted_commune and (not result.commune or str(result.commune.pk) != str(wanted_commune)):
        return False
    return not (filters.get("date") and ignore != "date" and result.date_bucket != filters["date"])


def build_facets(results, filters, language):
    """Counts per content type, category, commune and date; each facet counts under the other active filters."""
    facets = {"type": {}, "category": {}, "commune": {}, "date": {}}
    for r in results:
        if _keep(r, filters, ignore="type"):
            _count(facets["type"], r.type_key, r.type_label)
        if _keep(r, filters, ignore="category"):
            for category in r.categories:
                _count(facets["category"], category.slug, category.name)
        if _keep(r, filters, ignore="commune") and r.commune:
            _count(facets["commune"], str(r.commune.pk), r.commune.name)
        if _keep(r, filters, ignore="date") and r.date_bucket:
            _count(facets["date"], r.date_bucket, DATE_FACETS[r.date_bucket])
    ordered = {}
    for name, values in facets.items():
        items = [
            {"value": value, "label": label, "count": count, "selected": str(filters.get(name) or "") == value}
            for value, (label, count) in values.items()
        ]
        if name == "date":
            order = list(DATE_FACETS)
            items.sort(key=lambda item: order.index(item["value"]))
        else:
            items.sort(key=lambda item: (-item["count"], str(item["label"])))
        ordered[name] = items
    return ordered


def _count(bucket, value, label):
    current = bucket.get(value)
    bucket[value] = (current[0] if current else label, (current[1] if current else 0) + 1)


def suggest(query, language, backend=None, limit=3):
    """ "Did you mean" queries: from the backend's vocabulary, or from public page titles with any other backend."""
    backend = backend or get_search_backend()
    if hasattr(backend, "suggest"):
        languages = [language] + [code for code in ("fr", "nl", "en") if code != language]
        return backend.suggest(query, languages=languages, limit=limit)
    vocabulary = set()
    for title in public_pages().values_list("title", flat=True)[:5000]:
        vocabulary.update(fold(title).split())
    corrected, changed = [], False
    for word in fold(query).split():
        if word in vocabulary:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
        corrected.append(close[0] if close else word)
        changed = changed or bool(close)
    return [" ".join(corrected)] if changed else []


def autocomplete(query, language, limit=8):
    """Titles completing `query`, the reader's language first: [{"title", "url", "type", "language"}]."""
    query = (query or "").strip()
    if len(query) < 2:
        return []
    backend = get_search_backend()
    pages = list(backend.autocomplete(query, public_pages())[: limit * 3])
    pages.sort(key=lambda page: page.locale.language_code != language)
    seen, items = set(), []
    for page in pages:
        if page.translation_key in seen:
            continue
        seen.add(page.translation_key)
        specific_class = page.specific_class or type(page)
        items.append(
            {
                "title": page.title,
                "url": page.get_url(),
                "type": str(specific_class._meta.verbose_name).capitalize(),
                "language": page.locale.language_code,
            }
        )
        if len(items) >= limit:
            break
    return items


def matching_ids(query, model, limit=MAX_FILTER_HITS):
    """Primary keys of the `model` objects matching every word of `query`, for a text filter combined with others.

    The words are analysed as in the site search (stemming, accent and case folding in the object's language); the
    last word also matches as a prefix of an autocompleted field (a title being typed).
    """
    query = (query or "").strip()
    if not query:
        return []
    backend = get_search_backend()
    objects = model._default_manager.all()
    ids = {obj.pk for obj in backend.search(query, objects, operator="and", order_by_relevance=False)[:limit]}
    if len(query) >= 2:
        ids.update(obj.pk for obj in backend.autocomplete(query, objects, order_by_relevance=False)[:limit])
    return list(ids)[:limit]
