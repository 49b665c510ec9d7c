"""Filtering profiles from query parameters, shared by the map page, its list, the GeoJSON feed, embeds and the API.

    queryset, errors = filter_profiles(public_profiles(), request.GET)

`errors` maps a parameter name to a translated reason; callers answer 400 with it. Unknown values of a closed
vocabulary (kind, type, category, commune, tag) are errors rather than silently empty results, so that a typo in
a shared link or an embed is noticed.

Parameters: `kind`, `type` (alternative, place, good_address), `category` (slug, repeatable or comma-separated),
`commune` (NIS code), `tag` (slug or name), `q` (words found through the search backend in the profile's indexed
fields — name, descriptions, tags, categories — with the site search's stemming and accent folding; every word
must match), `freshness` (`fresh`: verified recently, `stale`: not verified for a long time, see
`directory.freshness`) and `bbox` (minlon,minlat,maxlon,maxlat in WGS84).
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext as _

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

FILTER_PARAMS = ("kind", "type", "category", "commune", "tag", "q", "freshness", "bbox")
FRESHNESS_VALUES = ("fresh", "stale")
PROFILE_TYPES = {"alternative": AlternativePage, "place": PlacePage, "good_address": GoodAddressPage}
MAX_QUERY_LENGTH = 200
MAX_CATEGORIES = 20


@dataclass
class ProfileFilters:
    """The cleaned filter values; empty values mean "no filter"."""

    kind: str = ""
    type: str = ""
    categories: list = field(default_factory=list)
    commune: str = ""
    tag: str = ""
    q: str = ""
    freshness: str = ""
    bbox: tuple | None = None

    def __bool__(self):
        return any([self.kind, self.type, self.categories, self.commune, self.tag, self.q, self.freshness, self.bbox])

    def as_params(self, include_bbox=True):
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


def _get_list(params, name):
    if hasattr(params, "getlist"):
        values = params.getlist(name)
    else:
        value = params.get(name)
        values = value if isinstance(value, list | tuple) else [value] if value else []
    items = []
    for value in values:
        items.extend(part.strip() for part in str(value).split(","))
    return [item for item in items if item]


def _get(params, name):
    values = _get_list(params, name) if name != "q" else [str(params.get("q") or "").strip()]
    return values[0] if values and values[0] else ""


def parse_bbox(value):
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


def clean_filters(params):
    """Validate query parameters. Returns (ProfileFilters, errors) where errors maps a parameter to its reason."""
    cleaned = ProfileFilters()
    errors = {}

    kind = _get(params, "kind")
    if kind:
        if kind in dict(KIND_CHOICES):
            cleaned.kind = kind
        else:
            errors["kind"] = _("Unknown kind “%(value)s”.") % {"value": kind}

    profile_type = _get(params, "type")
    if profile_type:
        if profile_type in PROFILE_TYPES:
            cleaned.type = profile_type
        else:
            errors["type"] = _("Unknown profile type “%(value)s”.") % {"value": profile_type}

    slugs = list(dict.fromkeys(_get_list(params, "category")))
    if len(slugs) > MAX_CATEGORIES:
        errors["category"] = _("Choose at most %(count)d categories.") % {"count": MAX_CATEGORIES}
    elif slugs:
        known = set(Category.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            errors["category"] = _("Unknown category “%(value)s”.") % {"value": ", ".join(unknown)}
        else:
            cleaned.categories = slugs

    commune = _get(params, "commune")
    if commune:
        if Commune.objects.filter(nis_code=commune).exists():
            cleaned.commune = commune
        else:
            errors["commune"] = _("Unknown commune “%(value)s”: use its NIS code, for example 21004.") % {
                "value": commune
            }

    tag = _get(params, "tag")
    if tag:
        tag_filter = Q(tag__slug=tag) | Q(tag__name__iexact=tag)
        slug = ProfileTag.objects.filter(tag_filter).values_list("tag__slug", flat=True).first()
        if slug:
            cleaned.tag = slug
        else:
            errors["tag"] = _("No profile has the tag “%(value)s”.") % {"value": tag}

    q = _get(params, "q")
    if len(q) > MAX_QUERY_LENGTH:
        errors["q"] = _("The search text is too long (at most %(count)d characters).") % {"count": MAX_QUERY_LENGTH}
    else:
        cleaned.q = q

    freshness = _get(params, "freshness")
    if freshness:
        if freshness in FRESHNESS_VALUES:
            cleaned.freshness = freshness
        else:
            errors["freshness"] = _("Unknown freshness “%(value)s”: use fresh or stale.") % {"value": freshness}

    bbox = str(params.get("bbox") or "").strip()
    if bbox:
        try:
            cleaned.bbox = parse_bbox(bbox)
        except ValueError as error:
            errors["bbox"] = str(error)

    return cleaned, errors


def apply_filters(queryset, filters):
    """Narrow a ProfilePage queryset with already cleaned filters."""
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.type:
        queryset = queryset.filter(content_type=ContentType.objects.get_for_model(PROFILE_TYPES[filters.type]))
    if filters.categories:
        queryset = queryset.filter(pk__in=_ids_with_categories(filters.categories))
    if filters.commune:
        queryset = queryset.filter(commune__nis_code=filters.commune)
    if filters.tag:
        queryset = queryset.filter(pk__in=ProfileTag.objects.filter(tag__slug=filters.tag).values("content_object_id"))
    if filters.q:
        queryset = queryset.filter(pk__in=matching_ids(filters.q, ProfilePage))
    if filters.freshness:
        queryset = queryset.filter(stale_q()) if filters.freshness == "stale" else queryset.exclude(stale_q())
    if filters.bbox:
        minlon, minlat, maxlon, maxlat = filters.bbox
        queryset = queryset.filter(
            longitude__gte=minlon, longitude__lte=maxlon, latitude__gte=minlat, latitude__lte=maxlat
        )
    return queryset


def _ids_with_categories(slugs):
    through = AlternativePage.categories.through
    return through.objects.filter(category__slug__in=slugs).values("profilepage_id")


def filter_profiles(queryset, params):
    """Apply the filters found in `params` (a QueryDict or dict). Returns (queryset, errors).

    When there are errors the queryset is returned unfiltered; callers should answer 400 with the reasons.
    """
    filters, errors = clean_filters(params)
    if errors:
        return queryset, errors
    return apply_filters(queryset, filters), errors
