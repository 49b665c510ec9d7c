"""Public records of the directory for the open API and exports: one dict per profile, public fields only.

Private contact fields (e-mail, phone, street address flagged private) are never included, whoever asks; a
profile with a private address is placed at its postcode's centre, as on the public map.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from agenda.recurrence import TIMEZONE
from incommon_cms.core.translations import content_language
from incommon_cms.directory.models import DATA_LICENCE_CHOICES, DATA_LICENCE_URLS
from incommon_cms.directory.profile import map_point
from toolbox.models import LICENCE_CHOICES, LICENCE_URLS, themes_by_slug

from ..models import ImportedRecord

LICENCE_NAMES = dict(DATA_LICENCE_CHOICES)
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
    record.update({name: getattr(page, name) for name in type(page).type_fields})
    if page.profile_type == "place":
        record["equipment"] = page.equipment_list
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


def absolute_url(page, base_url):
    url = page.url or ""
    return base_url + url if url and not url.startswith("http") else url


def licence_of(code, names=None, urls=None):
    names = names if names is not None else LICENCE_NAMES
    urls = urls if urls is not None else DATA_LICENCE_URLS
    return {"code": code, "name": str(names.get(code, code)), "url": urls.get(code, "")}


def event_licence(event):
    """(licence code, attributions) of an event: its import source's, else its first organiser's data licence.

    Only published organisers count (and are named): a draft never shows its title."""
    source = event.source if event.source_id else None
    organisers = [profile for profile in event.organisers.all() if profile.live]
    names = [profile.title for profile in organisers]
    if source is not None:
        return source.licence, [*names, source.attribution]
    code = organisers[0].data_licence if organisers else "CC-BY-SA-4.0"
    return code, names


def event_record(event, *, language, base_url="", occurrence=None):
    """The public record of one event; with `occurrence`, dated at that occurrence."""
    place = event.place if event.place_id else None
    address_from = place or event
    private = bool(getattr(address_from, "address_private", False))
    point = event.point
    commune = event.event_commune
    start = occurrence.start if occurrence else event.start
    end = occurrence.end if occurrence else event.end
    code, attributions = event_licence(event)
    return {
        "id": event.pk,
        "title": event.title,
        "url": absolute_url(event, base_url),
        "language": event.locale.language_code,
        "translated": event.locale.language_code == language,
        "translation_key": str(event.translation_key),
        "summary": event.summary,
        "description": event.description,
        "start": start.astimezone(TIMEZONE).isoformat(),
        "end": end.astimezone(TIMEZONE).isoformat() if end else None,
        "all_day": event.all_day,
        "status": event.status,
        "recurring": bool(event.rrule or event.rdates),
        "rrule": event.rrule,
        "exdates": [line for line in event.exdates.splitlines() if line.strip()],
        "rdates": [line for line in event.rdates.splitlines() if line.strip()],
        "place": {"id": place.pk, "title": place.title} if place and place.live else None,
        "venue_name": event.venue_name,
        "location": event.location_text,
        "street_address": "" if private else address_from.street_address,
        "postcode": address_from.postcode,
        "city": address_from.city,
        "commune": {"nis_code": commune.nis_code, "name": commune.name} if commune else None,
        "latitude": round(point[0], 5) if point else None,
        "longitude": round(point[1], 5) if point else None,
        "online_url": event.online_url,
        "organisers": [
            {"id": profile.pk, "title": profile.title} for profile in event.organisers.all() if profile.live
        ],
        "categories": [{"slug": category.slug, "name": category.name} for category in event.categories.all()],
        "audience": event.audience,
        "price_kind": event.price_kind,
        "price": event.price,
        "registration_url": event.registration_url,
        "event_languages": list(event.event_languages or []),
        "accessibility": list(event.accessibility or []),
        "licence": licence_of(code),
        "attribution": "; ".join(dict.fromkeys([platform_attribution(), *attributions])),
        "last_modified": event.last_published_at.isoformat() if event.last_published_at else None,
    }


def theme_refs(page, locale):
    return [{"slug": slug, "name": theme.name} for slug, theme in themes_by_slug(page.theme_slugs, locale).items()]


def live_profile_ref(profile):
    return {"id": profile.pk, "title": profile.title} if profile is not None and profile.live else None


def tool_record(page, *, language, locale=None, base_url=""):
    """The public record of one tool sheet; its body as HTML."""
    contributors = [live_profile_ref(link.alternative) for link in page.contributors.all()]
    contributors = [item for item in contributors if item]
    credits = [page.source] if page.source else []
    return {
        "id": page.pk,
        "title": page.title,
        "url": absolute_url(page, base_url),
        "language": page.locale.language_code,
        "translated": page.locale.language_code == language,
        "translation_key": str(page.translation_key),
        "summary": page.summary,
        "body": str(page.body.render_as_block()),
        "themes": theme_refs(page, locale),
        "audience": list(page.audience or []),
        "group_size": page.group_size,
        "duration": page.duration,
        "difficulty": page.difficulty,
        "prerequisites": page.prerequisites,
        "contributors": contributors,
        "licence": licence_of(page.licence, dict(LICENCE_CHOICES), LICENCE_URLS),
        "attribution": "; ".join(
            dict.fromkeys([platform_attribution(), *credits, *(item["title"] for item in contributors)])
        ),
        "last_modified": page.last_published_at.isoformat() if page.last_published_at else None,
    }


def knowledge_record(page, *, language, locale=None, base_url=""):
    """The public record of one knowledge item. Its description is CC0 (as a library catalogue's); each file has
    its own licence."""
    authors = []
    for author in page.authors.all():
        profile = live_profile_ref(author.alternative) if author.alternative_id else None
        name = author.name or (profile["title"] if profile else "")
        if name:
            authors.append({"name": name, "profile": profile})
    attachments = [
        {
            "title": attachment.document.title,
            "url": base_url + attachment.document.url
            if not attachment.document.url.startswith("http")
            else attachment.document.url,
            "file_extension": attachment.document.file_extension,
            "description": attachment.description,
            "licence": licence_of(attachment.licence, dict(LICENCE_CHOICES), LICENCE_URLS),
        }
        for attachment in page.attachments.select_related("document")
    ]
    return {
        "id": page.pk,
        "title": page.title,
        "url": absolute_url(page, base_url),
        "language": page.locale.language_code,
        "translated": page.locale.language_code == language,
        "translation_key": str(page.translation_key),
        "item_type": page.item_type,
        "date": page.date.isoformat() if page.date else None,
        "document_language": page.language,
        "abstract": page.abstract,
        "doi": page.doi,
        "doi_url": page.doi_url,
        "source_url": page.source_url,
        "themes": theme_refs(page, locale),
        "authors": authors,
        "attachments": attachments,
        "licence": licence_of("CC0-1.0"),
        "attribution": "; ".join(dict.fromkeys([platform_attribution(), *(author["name"] for author in authors)])),
        "last_modified": page.last_published_at.isoformat() if page.last_published_at else None,
    }
