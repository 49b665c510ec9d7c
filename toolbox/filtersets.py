"""Filtering tool sheets and knowledge items from query parameters, as django-filter FilterSets: the open API reads
them through `DjangoFilterBackend` (`commons.api.filtersets` adds `updated_since`), and drf-spectacular documents
the parameters from the same declarations.

Unknown values of a closed vocabulary (a theme, an audience, a type...) are errors with a translated reason rather
than silently empty results, so that a typo in a reuser's query is noticed: `filterset.errors` is
{parameter: [reason]}, which the API answers with a 400.

Tool sheets: `theme` (slug), `audience`, `group_size`, `duration`, `difficulty`. Knowledge items: `theme`,
`item_type`, `document_language` (the language of the document itself), `year`. The toolbox's own pages filter
through the same FilterSets (`toolbox.facets` OR-s several values of a facet and counts them).
"""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from incommon_cms.core.filtersets import ClosedChoiceFilter

from .models import (
    AUDIENCE_CHOICES,
    DIFFICULTY_CHOICES,
    DOCUMENT_LANGUAGE_CHOICES,
    DURATION_CHOICES,
    GROUP_SIZE_CHOICES,
    KNOWLEDGE_TYPE_CHOICES,
    KnowledgeItemPage,
    ToolPage,
    ToolTheme,
)


class ThemeField(forms.CharField):
    """The slug of a theme of the toolbox (the same in every language)."""

    default_error_messages = {"unknown": _("Unknown theme.")}

    def clean(self, value: str | None) -> str:
        value = super().clean(value)  # first Django's checks, which refuse a NUL character before any query
        if value and not ToolTheme.objects.filter(slug=value).exists():
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        return value


class ThemeFilter(django_filters.CharFilter):
    field_class = ThemeField

    def __init__(self, **kwargs):
        kwargs.setdefault("field_name", "themes__slug")
        kwargs.setdefault("distinct", True)
        kwargs.setdefault("help_text", "Theme slug.")
        super().__init__(**kwargs)


class YearFilter(django_filters.Filter):
    """A whole year (1 to 9999) matched against a date field."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        kwargs.setdefault("lookup_expr", "year")
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(**kwargs)


class ToolFilterSet(django_filters.FilterSet):
    theme = ThemeFilter()
    audience = ClosedChoiceFilter(choices=AUDIENCE_CHOICES, method="filter_audience")
    group_size = ClosedChoiceFilter(choices=GROUP_SIZE_CHOICES)
    duration = ClosedChoiceFilter(choices=DURATION_CHOICES)
    difficulty = ClosedChoiceFilter(choices=DIFFICULTY_CHOICES)

    class Meta:
        model = ToolPage
        fields = []

    def filter_audience(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Sheets whose audience list holds the value (a list field: read in Python, the sheets are few)."""
        return queryset.filter(pk__in=[page.pk for page in queryset if value in (page.audience or [])])


class KnowledgeFilterSet(django_filters.FilterSet):
    theme = ThemeFilter()
    item_type = ClosedChoiceFilter(choices=KNOWLEDGE_TYPE_CHOICES)
    document_language = ClosedChoiceFilter(
        field_name="language", choices=DOCUMENT_LANGUAGE_CHOICES, help_text="Language of the document itself."
    )
    year = YearFilter(field_name="date", help_text="Year of the document.")

    class Meta:
        model = KnowledgeItemPage
        fields = []
