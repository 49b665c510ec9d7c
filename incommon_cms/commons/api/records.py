"""Public records of the directory for the open API and exports: one dict per profile, public fields only.

Private contact fields (e-mail, phone, street address flagged private) are never included, whoever asks; a
profile with a private address is placed at its postcode's centre, as on the public map.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from incommon_cms.core.translations import content_language
from incommon_cms.directory.models import DATA_LICENCE_CHOICES, DATA_LICENCE_URLS
from incommon_cms.directory.profile import map_point

from ..models import ImportedRecord

LICENCE_NAMES = dict(DATA_LICENCE_CHOICES)
PLACE_FIELDS = [
    "capacity",
    "wheelchair_accessible",
    "accessibility",
    "equipment",
    "booking_contact",
    "price_policy",
    "price_details",
]
GOOD_ADDRESS_FIELDS = ["offer", "conditions"]
# Flat columns of the CSV and XLSX exports, in order.
EXPORT_COLUMNS = [
    "id",
    "type",
    "title",
    "url",
    "language",
    "translated",
    "kind",
    "short_description",
    "categories",
    "tags",
    "street_address",
    "postcode",
    "city",
    "commune",
    "latitude",
    "longitude",
    "website",
    "email",
    "phone",
    "opening_hours",
    "languages",
    "founding_year",
    "legal_form",
    "company_number",
    "capacity",
    "wheelchair_accessible",
    "offer",
    "licence",
    "licence_url",
    "attribution",
    "last_modified",
]


def platform_attribution():
    return _("In Common contributors")


def source_attributions(profiles):
    """{translation_key: [attribution of each import source that fed the profile]}."""
    keys = {profile.translation_key for profile in profiles}
    result = {}
    records = ImportedRecord.objects.filter(profile__translation_key__in=keys).select_related("source", "profile")
    for record in records.order_by("source__name"):
        result.setdefault(record.profile.translation_key, []).append(record.source.attribution)
    return result


def profile_record(page, *, language, base_url="", sources=()):
    """The public record of one (specific) profile page."""
    contact = page.public_contact(can_see_private=False)
    point = map_point(page)
    attribution = "; ".join(dict.fromkeys([platform_attribution(), *sources]))
    record = {
        "id": page.pk,
        "type": page.profile_type,
        "title": page.title,
        "url": base_url + (page.url or "") if page.url and not page.url.startswith("http") else page.url or "",
        "language": content_language(page),
        "translated": content_language(page) == language,
        "translation_key": str(page.translation_key),
        "kind": page.kind,
        "short_description": page.short_description,
        "description": page.description,
        "categories": [{"slug": category.slug, "name": category.name} for category in page.categories.all()],
        "tags": sorted(tag.name for tag in page.tags.all()),
        "street_address": contact.get("street_address", ""),
        "postcode": page.postcode,
        "city": page.city,
        "commune": {"nis_code": page.commune.nis_code, "name": page.commune.name} if page.commune_id else None,
        "latitude": round(point[0], 5) if point else None,
        "longitude": round(point[1], 5) if point else None,
        "location_approximate": bool(point and point[2]),
        "website": page.website,
        "social_links": page.social_link_list,
        "email": contact.get("email", ""),
        "phone": contact.get("phone", ""),
        "opening_hours": page.opening_hours,
        "languages": list(page.languages or []),
        "founding_year": page.founding_year,
        "legal_form": page.legal_form,
        "company_number": page.company_number,
        "licence": {
            "code": page.data_licence,
            "name": LICENCE_NAMES.get(page.data_licence, page.data_licence),
            "url": DATA_LICENCE_URLS.get(page.data_licence, ""),
        },
        "attribution": attribution,
        "last_modified": page.last_published_at.isoformat() if page.last_published_at else None,
    }
    if page.profile_type == "place":
        record.update({name: getattr(page, name) for name in PLACE_FIELDS})
        record["equipment"] = page.equipment_list
    if page.profile_type == "good_address":
        record.update({name: getattr(page, name) for name in GOOD_ADDRESS_FIELDS})
    return record


def export_row(record):
    """A record flattened for spreadsheets."""
    row = {}
    for column in EXPORT_COLUMNS:
        value = record.get(column, "")
        if column == "categories":
            value = ", ".join(category["slug"] for category in value)
        elif column == "commune":
            value = value["name"] if value else ""
        elif column == "licence":
            value = record["licence"]["code"]
        elif column == "licence_url":
            value = record["licence"]["url"]
        elif isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        row[column] = "" if value is None else value
    return row


def geojson_feature(record):
    properties = {key: value for key, value in record.items() if key not in ("latitude", "longitude")}
    geometry = None
    if record["latitude"] is not None:
        geometry = {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]}
    return {"type": "Feature", "id": record["id"], "geometry": geometry, "properties": properties}


def site_base_url(request):
    return request.build_absolute_uri("/").rstrip("/") if request is not None else settings.WAGTAILADMIN_BASE_URL
