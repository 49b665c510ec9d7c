"""Filtering events from query parameters: one FilterSet (`EventFilterSet`) behind the agenda page, its month view,
its feeds (`/agenda/feed.ics`, the organiser's and category's feeds, the events' GeoJSON) and the open API.

The parameter names are the open API's, a public contract: `category` (slug), `organiser` (id of a published
profile; the events of any version of it), `commune` (NIS code; the event's own or its place's), `event_language`
(an event marked bilingual counts for fr and nl) and `free` (true/false). The agenda's own form (`forms.FilterForm`)
keeps its names and choices (commune by id, `language`), which its shared links and the feeds' links use:
`selectors.filter_events` maps its cleaned values onto these parameters, so both go through the same filters.
A refused value is an error with a translated reason (`filterset.errors`, which the API answers with a 400).

Events are filtered as a queryset of the candidate events' ids; the languages spoken (a list field) are read in
Python from those candidates.
"""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from incommon_cms.core.filtersets import ClosedChoiceFilter, FlagFilter
from incommon_cms.directory.models import Category, Commune, ProfilePage

from .models import EVENT_LANGUAGE_CHOICES, EventPage


class CategorySlugField(forms.CharField):
    default_error_messages = {"unknown": _("Unknown category.")}

    def clean(self, value: str | None) -> str:
        value = super().clean(value)  # first Django's checks, which refuse a NUL character before any query
        if value and not Category.objects.filter(slug=value).exists():
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        return value


class OrganiserField(forms.CharField):
    """The id of a published profile, as the profile."""

    default_error_messages = {"unknown": _("Unknown organiser: give the id of a profile.")}

    def to_python(self, value: str | None) -> ProfilePage | None:
        value = super().to_python(value)
        if not value:
            return None
        profile = ProfilePage.objects.live().filter(pk=int(value)).first() if value.isdigit() else None
        if profile is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        return profile


class CommuneCodeField(forms.CharField):
    """The NIS code of a commune, as the commune."""

    default_error_messages = {"unknown": _("Unknown commune: give its NIS code, e.g. 21004.")}

    def to_python(self, value: str | None) -> Commune | None:
        value = super().to_python(value)
        if not value or not value.isdigit():
            if value:
                raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
            return None
        commune = Commune.objects.filter(nis_code=value).first()
        if commune is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        return commune


class CategoryFilter(django_filters.CharFilter):
    field_class = CategorySlugField


@extend_schema_field({"type": "integer", "description": "Id of the organising profile."})
class OrganiserFilter(django_filters.Filter):
    field_class = OrganiserField


@extend_schema_field({"type": "string", "description": "NIS code of the commune, e.g. 21004."})
class CommuneFilter(django_filters.Filter):
    field_class = CommuneCodeField


@extend_schema_field({"type": "boolean", "description": "true: free events only."})
class FreeFilter(FlagFilter):
    pass


class EventFilterSet(django_filters.FilterSet):
    category = CategoryFilter(field_name="categories__slug", help_text="Category slug.")
    organiser = OrganiserFilter(method="filter_organiser")
    commune = CommuneFilter(method="filter_commune")
    event_language = ClosedChoiceFilter(
        choices=EVENT_LANGUAGE_CHOICES, method="filter_language", help_text="Language spoken at the event."
    )
    free = FreeFilter(method="filter_free")

    class Meta:
        model = EventPage
        fields = []

    def filter_organiser(self, queryset: QuerySet, name: str, profile: ProfilePage | None) -> QuerySet:
        return queryset.filter(organisers__translation_key=profile.translation_key) if profile else queryset

    def filter_commune(self, queryset: QuerySet, name: str, commune: Commune | None) -> QuerySet:
        return queryset.filter(Q(commune=commune) | Q(place__commune=commune)) if commune else queryset

    def filter_language(self, queryset: QuerySet, name: str, language: str) -> QuerySet:
        wanted = {language, "bilingual"} if language in ("fr", "nl") else {language}
        matching = [event.pk for event in queryset if wanted & set(event.event_languages or [])]
        return queryset.filter(pk__in=matching)

    def filter_free(self, queryset: QuerySet, name: str, free: bool) -> QuerySet:
        return queryset.filter(price_kind=EventPage.FREE) if free else queryset
