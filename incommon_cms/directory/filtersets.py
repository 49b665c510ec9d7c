"""Filtering profiles from query parameters: one FilterSet shared by the map page, its list, the GeoJSON feed,
embeds, the map's layers and the API.

    filterset = ProfileFilterSet(request.GET, queryset=public_profiles())
    if filterset.is_valid():
        profiles = filterset.qs
    else:
        filterset.reasons()        # {parameter: translated reason}: callers answer 400 with them

Unknown values of a closed vocabulary (kind, type, category, commune, tag) are errors rather than silently empty
results, so that a typo in a shared link or an embed is noticed. `filterset.cleaned()` gives the valid values as a
`ProfileFilters` (what the templates, the map's layers and the feed's cache key read), also when another parameter
is wrong.

Parameters: `kind`, `type` (alternative, place, good_address), `category` (slug, repeatable or comma-separated),
`commune` (NIS code), `tag` (slug or name), `q` (words found through the search backend in the profile's indexed
fields — name, descriptions, tags, categories — with the site search's stemming and accent folding; every word
must match), `freshness` (`fresh`: verified recently, `stale`: not verified for a long time, see
`directory.freshness`) and `bbox` (minlon,minlat,maxlon,maxlat in WGS84). Where a single value is expected, the
first of repeated or comma-separated values counts.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incommon_cms.search.service import matching_ids

from .freshness import stale_q
from .models import (
    KIND_CHOICES,
    AlternativePage,
    Category,
    Commune,
    GoodAddressPage,
    PlacePage,
    ProfilePage,
    ProfileTag,
)

FRESHNESS_VALUES = ("fresh", "stale")
PROFILE_TYPES = {"alternative": AlternativePage, "place": PlacePage, "good_address": GoodAddressPage}
MAX_QUERY_LENGTH = 200
MAX_CATEGORIES = 20

BBox = tuple[float, float, float, float]


@dataclass
class ProfileFilters:
    """The cleaned filter values; empty values mean "no filter"."""

    kind: str = ""
    type: str = ""
    categories: list[str] = field(default_factory=list)
    commune: str = ""
    tag: str = ""
    q: str = ""
    freshness: str = ""
    bbox: BBox | None = None

    def __bool__(self) -> bool:
        return any([self.kind, self.type, self.categories, self.commune, self.tag, self.q, self.freshness, self.bbox])

    def as_params(self, include_bbox: bool = True) -> list[tuple[str, str]]:
        """The filters as query parameters (a list of pairs, stable order), e.g. to build a shareable link."""
        params = []
        if self.q:
            params.append(("q", self.q))
        if self.type:
            params.append(("type", self.type))
        if self.kind:
            params.append(("kind", self.kind))
        params.extend(("category", slug) for slug in self.categories)
        if self.commune:
            params.append(("commune", self.commune))
        if self.tag:
            params.append(("tag", self.tag))
        if self.freshness:
            params.append(("freshness", self.freshness))
        if include_bbox and self.bbox:
            params.append(("bbox", ",".join(f"{value:g}" for value in self.bbox)))
        return params


def split_values(data: Mapping[str, Any], name: str) -> list[str]:
    """Every value of a parameter, repeated (`?a=1&a=2`) or comma-separated (`?a=1,2`), blanks dropped."""
    if hasattr(data, "getlist"):
        values = data.getlist(name)
    else:
        value = data.get(name)
        values = value if isinstance(value, list | tuple) else [value] if value else []
    items = []
    for value in values:
        items.extend(part.strip() for part in str(value).split(","))
    return [item for item in items if item]


class ValuesInput(forms.TextInput):
    """All the values of a parameter (see `split_values`)."""

    def value_from_datadict(self, data, files, name):
        return split_values(data, name)


class FirstValueInput(forms.TextInput):
    """The first value of a parameter (see `split_values`)."""

    def value_from_datadict(self, data, files, name):
        values = split_values(data, name)
        return values[0] if values else ""


class ValuesField(forms.Field):
    widget = ValuesInput

    def to_python(self, value):
        return list(dict.fromkeys(value or []))


class ValuesFilter(django_filters.Filter):
    field_class = ValuesField


def parse_bbox(value: str) -> BBox:
    """(minlon, minlat, maxlon, maxlat) from "minlon,minlat,maxlon,maxlat", or raise ValueError with a reason."""
    parts = [part.strip() for part in value.split(",")]
    if len(parts) != 4:
        raise ValueError(
            _("The bounding box needs four numbers: min longitude, min latitude, max longitude, max latitude.")
        )
    try:
        minlon, minlat, maxlon, maxlat = (float(part) for part in parts)
    except ValueError:
        raise ValueError(_("The bounding box must contain only numbers, separated by commas."))
    if any(number != number or number in (float("inf"), float("-inf")) for number in (minlon, minlat, maxlon, maxlat)):
        raise ValueError(_("The bounding box must contain only numbers, separated by commas."))
    if not (-180 <= minlon <= 180 and -180 <= maxlon <= 180 and -90 <= minlat <= 90 and -90 <= maxlat <= 90):
        raise ValueError(_("Longitudes must be between -180 and 180 and latitudes between -90 and 90."))
    if minlon > maxlon or minlat > maxlat:
        raise ValueError(_("The minimum longitude and latitude must come before the maximum ones."))
    return minlon, minlat, maxlon, maxlat


class ProfileFilterForm(forms.Form):
    """Checks each parameter against what exists, with a reason a reader can act on."""

    def clean_category(self) -> list[str]:
        slugs = self.cleaned_data["category"]
        if len(slugs) > MAX_CATEGORIES:
            raise forms.ValidationError(_("Choose at most %(count)d categories."), params={"count": MAX_CATEGORIES})
        known = set(Category.objects.filter(slug__in=slugs).values_list("slug", flat=True)) if slugs else set()
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            raise forms.ValidationError(_("Unknown category “%(value)s”."), params={"value": ", ".join(unknown)})
        return slugs

    def clean_commune(self) -> str:
        commune = self.cleaned_data["commune"]
        if commune and not Commune.objects.filter(nis_code=commune).exists():
            raise forms.ValidationError(
                _("Unknown commune “%(value)s”: use its NIS code, for example 21004."), params={"value": commune}
            )
        return commune

    def clean_tag(self) -> str:
        """The tag's slug, from its slug or its name."""
        tag = self.cleaned_data["tag"]
        if not tag:
            return ""
        slug = ProfileTag.objects.filter(Q(tag__slug=tag) | Q(tag__name__iexact=tag)).values_list(
            "tag__slug", flat=True
        )
        slug = slug.first()
        if not slug:
            raise forms.ValidationError(_("No profile has the tag “%(value)s”."), params={"value": tag})
        return slug

    def clean_q(self) -> str:
        q = self.cleaned_data["q"]
        if len(q) > MAX_QUERY_LENGTH:
            raise forms.ValidationError(
                _("The search text is too long (at most %(count)d characters)."), params={"count": MAX_QUERY_LENGTH}
            )
        return q

    def clean_bbox(self) -> BBox | None:
        bbox = self.cleaned_data["bbox"]
        if not bbox:
            return None
        try:
            return parse_bbox(bbox)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error


class ProfileFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=KIND_CHOICES,
        widget=FirstValueInput,
        error_messages={"invalid_choice": gettext_lazy("Unknown kind “%(value)s”.")},
        help_text="Kind of organisation.",
    )
    type = django_filters.ChoiceFilter(
        choices=[(key, key) for key in PROFILE_TYPES],
        method="filter_type",
        widget=FirstValueInput,
        error_messages={"invalid_choice": gettext_lazy("Unknown profile type “%(value)s”.")},
    )
    category = ValuesFilter(method="filter_categories", help_text="Category slug(s), comma-separated.")
    commune = django_filters.CharFilter(
        field_name="commune__nis_code", widget=FirstValueInput, help_text="NIS code of the commune, e.g. 21004."
    )
    tag = django_filters.CharFilter(method="filter_tag", widget=FirstValueInput, help_text="Tag slug or name.")
    q = django_filters.CharFilter(method="filter_q", help_text="Words to search for.")
    freshness = django_filters.ChoiceFilter(
        choices=[(value, value) for value in FRESHNESS_VALUES],
        method="filter_freshness",
        widget=FirstValueInput,
        error_messages={"invalid_choice": gettext_lazy("Unknown freshness “%(value)s”: use fresh or stale.")},
        help_text="fresh: verified recently; stale: not verified for a long time.",
    )
    bbox = django_filters.CharFilter(method="filter_bbox", help_text="minlon,minlat,maxlon,maxlat (WGS84).")

    class Meta:
        model = ProfilePage
        fields: list[str] = []
        form = ProfileFilterForm

    def reasons(self) -> dict[str, str]:
        """{parameter: translated reason} of the values refused."""
        return {name: str(errors[0]) for name, errors in self.errors.items()}

    def cleaned(self) -> ProfileFilters:
        """The values accepted (all of them when the filterset is valid)."""
        self.errors  # noqa: B018 (validates the form)
        data = self.form.cleaned_data
        return ProfileFilters(
            kind=data.get("kind") or "",
            type=data.get("type") or "",
            categories=data.get("category") or [],
            commune=data.get("commune") or "",
            tag=data.get("tag") or "",
            q=data.get("q") or "",
            freshness=data.get("freshness") or "",
            bbox=data.get("bbox"),
        )

    def filter_type(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(content_type=ContentType.objects.get_for_model(PROFILE_TYPES[value]))

    def filter_categories(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        through = AlternativePage.categories.through
        return queryset.filter(pk__in=through.objects.filter(category__slug__in=value).values("profilepage_id"))

    def filter_tag(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(pk__in=ProfileTag.objects.filter(tag__slug=value).values("content_object_id"))

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(pk__in=matching_ids(value, ProfilePage))

    def filter_freshness(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(stale_q()) if value == "stale" else queryset.exclude(stale_q())

    def filter_bbox(self, queryset: QuerySet, name: str, value: BBox) -> QuerySet:
        minlon, minlat, maxlon, maxlat = value
        return queryset.filter(longitude__gte=minlon, longitude__lte=maxlon, latitude__gte=minlat, latitude__lte=maxlat)
