"""Faceted listing of the toolbox and the knowledge repository.

Values of one facet combine with OR, facets combine with AND. Each value's count is the number of items it
would give when added to the other active facets (and the text search), so a reader sees before clicking what a
choice yields. Text search goes through Wagtail's search API, so it works with any configured search backend.

The listing itself is filtered by the app's django-filter FilterSets (`toolbox.filtersets`, the open API's filters),
one value at a time: a facet's values are OR-ed, its FilterSet parameter may be named differently from the page's
(`type` is the API's `item_type`). A value the FilterSet refuses, or that no listed item has, is left out of the
selection rather than failing the page, since the facets only ever offer values that exist. `compute()` is the pure
counting part (item values in, matches and counts out); `faceted_search()` feeds it from a page queryset and the
request's query string.
"""

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from .filtersets import KnowledgeFilterSet, ToolFilterSet
from .models import (
    AUDIENCE_CHOICES,
    DIFFICULTY_CHOICES,
    DOCUMENT_LANGUAGE_CHOICES,
    DURATION_CHOICES,
    KNOWLEDGE_TYPE_CHOICES,
    themes_by_slug,
)

PAGE_SIZE = 24


def compute(rows, selected):
    """Match items against the selected values and count each facet's values given the other facets.

    `rows` maps an item id to {facet key: set of values}; `selected` maps a facet key to the set of chosen
    values (empty or missing: the facet does not filter). Returns (ids that match every facet, {facet key:
    Counter of value -> number of items}).
    """
    active = {key: values for key, values in selected.items() if values}
    keys = {key for values in rows.values() for key in values} | set(selected)

    def passes(item_values, skip=None):
        return all(item_values.get(key, set()) & values for key, values in active.items() if key != skip)

    matching = {item_id for item_id, values in rows.items() if passes(values)}
    counts = {key: Counter() for key in keys}
    for values in rows.values():
        for key in keys:
            if passes(values, skip=key):
                counts[key].update(values.get(key, set()))
    return matching, counts


@dataclass(frozen=True)
class Facet:
    """A facet: URL parameter `key`, a legend, how to read each item's values (to count them) and how to label
    them, and the FilterSet (and its parameter, `key` unless named otherwise) that filters the listing on it."""

    key: str
    label: Any
    values: Any  # (queryset) -> {item id: set of values}
    options: Any  # (values seen, locale) -> [(value, label)] in display order
    filterset: Any  # the django-filter FilterSet class
    parameter: str = ""

    @property
    def filter_name(self):
        return self.parameter or self.key


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetGroup:
    key: str
    label: Any
    options: list


@dataclass
class ActiveFilter:
    key: str
    facet_label: Any
    label: str
    remove_query: str


@dataclass
class FacetResult:
    query: str
    selected: dict
    groups: list
    items: list
    page: Any
    active_filters: list = field(default_factory=list)
    clear_query: str = ""
    state_query: str = ""

    @property
    def total(self):
        return len(self.items)

    @property
    def is_filtered(self):
        return bool(self.query or any(self.selected.values()))


def field_values(lookup):
    """Values of a single-valued field, e.g. `difficulty`."""

    def read(queryset):
        values = defaultdict(set)
        for pk, value in queryset.values_list("pk", lookup):
            if value not in (None, ""):
                values[pk].add(str(value))
        return values

    return read


def list_values(lookup):
    """Values of a JSON list field, e.g. `audience`."""

    def read(queryset):
        values = defaultdict(set)
        for pk, value in queryset.values_list("pk", lookup):
            values[pk].update(str(item) for item in value or [])
        return values

    return read


def year_values(lookup):
    def read(queryset):
        values = defaultdict(set)
        for pk, value in queryset.values_list("pk", lookup):
            if value:
                values[pk].add(str(value.year))
        return values

    return read


def choice_options(choices):
    def options(seen, locale):
        return [(value, str(label)) for value, label in choices]

    return options


def year_options(seen, locale):
    return [(value, value) for value in sorted(seen, reverse=True)]


def theme_options(seen, locale):
    """Themes in the reader's locale, falling back to the default language for a theme not translated yet."""
    return [(slug, theme.name) for slug, theme in themes_by_slug(seen, locale).items()]


def _querystring(params):
    return "?" + urlencode(params, doseq=True) if params else "?"


def title_key(page):
    """Sort key for titles that ignores case and accents (É sorts with E)."""
    return unicodedata.normalize("NFKD", page.title).encode("ascii", "ignore").decode().casefold()


def filter_facets(queryset, facets, selected):
    """`queryset` narrowed through the facets' FilterSets to the items having one of the selected values of every
    facet; `selected` loses the values a FilterSet refuses."""
    for facet in facets:
        matching = set()
        accepted = []
        for value in selected[facet.key]:
            filterset = facet.filterset({facet.filter_name: value}, queryset=queryset)
            if filterset.is_valid():
                accepted.append(value)
                matching.update(filterset.qs.values_list("pk", flat=True))
        selected[facet.key] = accepted
        if accepted:
            queryset = queryset.filter(pk__in=matching)
    return queryset


def faceted_search(queryset, facets, params, page_size=PAGE_SIZE, sort_key=None):
    """Filter `queryset` by the text search (`q`) and, through the facets' FilterSets, the facet values in `params`
    (a QueryDict), count the facets and paginate (`page`). Unknown facet values are ignored. Results keep the
    queryset's order (or `sort_key`'s), or the search relevance when there is a text search."""
    query = (params.get("q") or "").strip()[:200]
    ordered_ids = None
    if query:
        ordered_ids = [item.pk for item in queryset.search(query)]
        queryset = queryset.filter(pk__in=ordered_ids)

    rows = {pk: {} for pk in queryset.values_list("pk", flat=True)}
    for facet in facets:
        for pk, values in facet.values(queryset).items():
            rows[pk][facet.key] = values

    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = None
    choices = {}
    for facet in facets:
        seen = {value for values in rows.values() for value in values.get(facet.key, ())}
        choices[facet.key] = facet.options(seen, locale)

    selected = {}
    for facet in facets:
        allowed = {value for value, _label in choices[facet.key]}
        selected[facet.key] = [value for value in dict.fromkeys(params.getlist(facet.key)) if value in allowed]

    items = list(filter_facets(queryset, facets, selected))
    _matching, counts = compute(rows, {key: set(values) for key, values in selected.items()})

    if ordered_ids is not None:
        rank = {pk: position for position, pk in enumerate(ordered_ids)}
        items.sort(key=lambda item: rank.get(item.pk, len(rank)))
    elif sort_key is not None:
        items.sort(key=sort_key)

    groups = []
    for facet in facets:
        options = [
            FacetOption(value, label, counts.get(facet.key, Counter())[value], value in selected[facet.key])
            for value, label in choices[facet.key]
        ]
        options = [option for option in options if option.count or option.selected]
        if options:
            groups.append(FacetGroup(facet.key, facet.label, options))

    state = {"q": query} if query else {}
    state.update({key: values for key, values in selected.items() if values})
    active_filters = []
    for facet in facets:
        labels = dict(choices[facet.key])
        for value in selected[facet.key]:
            remaining = {**state, facet.key: [other for other in selected[facet.key] if other != value]}
            active_filters.append(
                ActiveFilter(
                    facet.key, facet.label, labels[value], _querystring({k: v for k, v in remaining.items() if v})
                )
            )

    return FacetResult(
        query=query,
        selected=selected,
        groups=groups,
        items=items,
        page=Paginator(items, page_size).get_page(params.get("page")),
        active_filters=active_filters,
        clear_query=_querystring({"q": query} if query else {}),
        state_query=urlencode(state, doseq=True),
    )


def group_by_theme(items, locale):
    """Items grouped under their themes (an item with several themes is in several groups); themes in order."""
    by_slug = defaultdict(list)
    without = []
    for item in items:
        slugs = item.theme_slugs
        for slug in slugs:
            by_slug[slug].append(item)
        if not slugs:
            without.append(item)
    groups = [
        {"slug": slug, "theme": theme, "items": by_slug[slug]}
        for slug, theme in themes_by_slug(by_slug, locale).items()
    ]
    if without:
        groups.append({"slug": "", "theme": None, "items": without})
    return groups


TOOL_FACETS = [
    Facet("theme", _("Theme"), field_values("themes__slug"), theme_options, ToolFilterSet),
    Facet("audience", _("Audience"), list_values("audience"), choice_options(AUDIENCE_CHOICES), ToolFilterSet),
    Facet("duration", _("Duration"), field_values("duration"), choice_options(DURATION_CHOICES), ToolFilterSet),
    Facet("difficulty", _("Difficulty"), field_values("difficulty"), choice_options(DIFFICULTY_CHOICES), ToolFilterSet),
]

KNOWLEDGE_FACETS = [
    Facet(
        "type",
        _("Type"),
        field_values("item_type"),
        choice_options(KNOWLEDGE_TYPE_CHOICES),
        KnowledgeFilterSet,
        "item_type",
    ),
    Facet("theme", _("Theme"), field_values("themes__slug"), theme_options, KnowledgeFilterSet),
    Facet("year", _("Year"), year_values("date"), year_options, KnowledgeFilterSet),
    Facet(
        "language",
        _("Language"),
        field_values("language"),
        choice_options(DOCUMENT_LANGUAGE_CHOICES),
        KnowledgeFilterSet,
        "document_language",
    ),
]
