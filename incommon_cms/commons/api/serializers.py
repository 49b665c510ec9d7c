"""Serializers of the open API: each read record (profile, category, event, tool sheet, knowledge item) is declared
here field by field, in the order of the output, and drf-spectacular documents it from the same declarations. The
JSON answer is the serializer's data; GeoJSON, CSV and XLSX reshape that data (`renderers`), JSON-LD adds schema.org
terms to it. Private contact fields (e-mail, phone, a street address flagged private) are never read, whoever asks;
a profile with a private address is placed at its postcode's centre, as on the public map. Writes are validated by
the same code as imports (`engine.assign_values`).

Context of the read serializers: `language` (the language asked, for `translated`), `base_url` (for absolute
addresses), and for tool sheets and knowledge items `locale` (theme names); profiles also read `sources`
({translation key: [attribution of each import source that fed it]}, from `source_attributions`).
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.models import Page

from agenda.models import EventPage
from agenda.recurrence import TIMEZONE
from incommon_cms.core.translations import content_language
from incommon_cms.directory.models import (
    DATA_LICENCE_CHOICES,
    DATA_LICENCE_URLS,
    KIND_CHOICES,
    LANGUAGE_SPOKEN_CHOICES,
    Category,
    ProfilePage,
)
from incommon_cms.directory.profile import map_point
from incommon_cms.directory.service_area import check_point
from toolbox.models import LICENCE_CHOICES, LICENCE_URLS, KnowledgeItemPage, ToolPage, themes_by_slug

from ..models import ImportedRecord

LICENCE_NAMES = dict(DATA_LICENCE_CHOICES)
# Fields every record ends with, after its own.
TAIL_FIELDS = ("licence", "attribution", "last_modified")


def platform_attribution() -> str:
    return _("In Common contributors")


def site_base_url(request: HttpRequest | None) -> str:
    return request.build_absolute_uri("/").rstrip("/") if request is not None else settings.WAGTAILADMIN_BASE_URL


def absolute_url(page: Page, base_url: str) -> str:
    url = page.url or ""
    return base_url + url if url and not url.startswith("http") else url


def licence_of(code: str, names: dict | None = None, urls: dict | None = None) -> dict[str, str]:
    names = names if names is not None else LICENCE_NAMES
    urls = urls if urls is not None else DATA_LICENCE_URLS
    return {"code": code, "name": str(names.get(code, code)), "url": urls.get(code, "")}


def attribution_of(*credits: str) -> str:
    """The platform's contributors, then each credit once, in order."""
    return "; ".join(dict.fromkeys([platform_attribution(), *credits]))


def source_attributions(profiles: Iterable[ProfilePage]) -> dict[Any, list[str]]:
    """{translation_key: [attribution of each import source that fed the profile]}."""
    keys = {profile.translation_key for profile in profiles}
    result = {}
    records = ImportedRecord.objects.filter(profile__translation_key__in=keys).select_related("source", "profile")
    for record in records.order_by("source__name"):
        result.setdefault(record.profile.translation_key, []).append(record.source.attribution)
    return result


def live_profile_ref(profile: ProfilePage | None) -> dict[str, Any] | None:
    return {"id": profile.pk, "title": profile.title} if profile is not None and profile.live else None


def event_licence(event: EventPage) -> tuple[str, list[str]]:
    """(licence code, attributions) of an event: its import source's, else its first organiser's data licence.

    Only published organisers count (and are named): a draft never shows its title."""
    source = event.source if event.source_id else None
    organisers = [profile for profile in event.organisers.all() if profile.live]
    names = [profile.title for profile in organisers]
    if source is not None:
        return source.licence, [*names, source.attribution]
    code = organisers[0].data_licence if organisers else "CC-BY-SA-4.0"
    return code, names


def last_modified(page: Page) -> str | None:
    return page.last_published_at.isoformat() if page.last_published_at else None


class LicenceSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    url = serializers.URLField()


class CategoryRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class CommuneSerializer(serializers.Serializer):
    nis_code = serializers.CharField()
    name = serializers.CharField()


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class ThemeRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class RecordSerializer(serializers.Serializer):
    """Fields every page record of the open API carries: these first, the record's own, then `TAIL_FIELDS`."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    language = serializers.SerializerMethodField(help_text="Language of this version.")
    translated = serializers.SerializerMethodField(help_text="False when the requested language has no version yet.")
    translation_key = serializers.UUIDField()
    licence = serializers.SerializerMethodField()
    attribution = serializers.SerializerMethodField()
    last_modified = serializers.SerializerMethodField()

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        return {name: field for name, field in fields.items() if name not in TAIL_FIELDS} | {
            name: fields[name] for name in TAIL_FIELDS
        }

    def get_url(self, page: Page) -> str:
        return absolute_url(page, self.context.get("base_url", ""))

    def get_language(self, page: Page) -> str:
        return page.locale.language_code

    def get_translated(self, page: Page) -> bool:
        return self.get_language(page) == self.context["language"]

    @extend_schema_field(LicenceSerializer)
    def get_licence(self, page: Page) -> dict[str, str]:
        raise NotImplementedError

    def get_attribution(self, page: Page) -> str:
        raise NotImplementedError

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_last_modified(self, page: Page) -> str | None:
        return last_modified(page)


class ProfileSerializer(RecordSerializer):
    """A profile of the directory, public fields only; each profile type adds its own fields (`type_fields`)."""

    type = serializers.ChoiceField(source="profile_type", choices=["alternative", "place", "good_address"])
    kind = serializers.CharField()
    short_description = serializers.CharField()
    description = serializers.CharField(help_text="HTML.")
    categories = CategoryRefSerializer(many=True)
    tags = serializers.SerializerMethodField()
    street_address = serializers.SerializerMethodField(help_text="Empty when the address is private.")
    postcode = serializers.CharField()
    city = serializers.CharField()
    commune = CommuneSerializer(allow_null=True)
    latitude = serializers.SerializerMethodField()
    longitude = serializers.SerializerMethodField()
    location_approximate = serializers.SerializerMethodField()
    website = serializers.CharField()
    social_links = serializers.ListField(source="social_link_list", child=serializers.CharField())
    email = serializers.SerializerMethodField(help_text="Empty when private.")
    phone = serializers.SerializerMethodField(help_text="Empty when private.")
    opening_hours = serializers.CharField()
    languages = serializers.SerializerMethodField()
    founding_year = serializers.IntegerField(allow_null=True)
    legal_form = serializers.CharField()
    company_number = serializers.CharField()

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        order = ["id", "type", "title", "url", "language", "translated", "translation_key"]
        return {name: fields[name] for name in order} | {
            name: field for name, field in fields.items() if name not in order
        }

    def to_representation(self, page: ProfilePage) -> dict[str, Any]:
        data = super().to_representation(page)
        data.update({name: getattr(page, name) for name in type(page).type_fields})
        if page.profile_type == "place":
            data["equipment"] = page.equipment_list
        return data

    def get_language(self, page: ProfilePage) -> str:
        return content_language(page)

    def get_tags(self, page: ProfilePage) -> list[str]:
        return sorted(tag.name for tag in page.tags.all())

    def get_street_address(self, page: ProfilePage) -> str:
        return page.public_contact(can_see_private=False).get("street_address", "")

    def get_email(self, page: ProfilePage) -> str:
        return page.public_contact(can_see_private=False).get("email", "")

    def get_phone(self, page: ProfilePage) -> str:
        return page.public_contact(can_see_private=False).get("phone", "")

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_latitude(self, page: ProfilePage) -> float | None:
        point = map_point(page)
        return round(point[0], 5) if point else None

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_longitude(self, page: ProfilePage) -> float | None:
        point = map_point(page)
        return round(point[1], 5) if point else None

    def get_location_approximate(self, page: ProfilePage) -> bool:
        point = map_point(page)
        return bool(point and point[2])

    def get_languages(self, page: ProfilePage) -> list[str]:
        return list(page.languages or [])

    @extend_schema_field(LicenceSerializer)
    def get_licence(self, page: ProfilePage) -> dict[str, str]:
        return {
            "code": page.data_licence,
            "name": LICENCE_NAMES.get(page.data_licence, page.data_licence),
            "url": DATA_LICENCE_URLS.get(page.data_licence, ""),
        }

    def get_attribution(self, page: ProfilePage) -> str:
        return attribution_of(*self.context.get("sources", {}).get(page.translation_key, []))


class EventSerializer(RecordSerializer):
    """An event of the agenda, dated at its first occurrence (`EventOccurrenceSerializer`: at one occurrence)."""

    summary = serializers.CharField()
    description = serializers.CharField(help_text="HTML.")
    start = serializers.SerializerMethodField(help_text="Brussels time; with occurrences=true, the occurrence's start.")
    end = serializers.SerializerMethodField(help_text="Exclusive for occurrences.")
    all_day = serializers.BooleanField()
    status = serializers.ChoiceField(choices=["scheduled", "cancelled", "postponed", "full"])
    recurring = serializers.SerializerMethodField()
    rrule = serializers.CharField(help_text="RFC 5545 RRULE of a series, else empty.")
    exdates = serializers.SerializerMethodField()
    rdates = serializers.SerializerMethodField()
    place = serializers.SerializerMethodField(help_text="The place of the directory where it happens.")
    venue_name = serializers.CharField()
    location = serializers.CharField(source="location_text")
    street_address = serializers.SerializerMethodField(help_text="Empty when the place's address is private.")
    postcode = serializers.SerializerMethodField()
    city = serializers.SerializerMethodField()
    commune = CommuneSerializer(source="event_commune", allow_null=True)
    latitude = serializers.SerializerMethodField()
    longitude = serializers.SerializerMethodField()
    online_url = serializers.CharField()
    organisers = serializers.SerializerMethodField()
    categories = CategoryRefSerializer(many=True)
    audience = serializers.CharField()
    price_kind = serializers.CharField()
    price = serializers.CharField()
    registration_url = serializers.CharField()
    event_languages = serializers.SerializerMethodField()
    accessibility = serializers.SerializerMethodField()

    @extend_schema_field(serializers.DateTimeField())
    def get_start(self, event: EventPage) -> str:
        return event.start.astimezone(TIMEZONE).isoformat()

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_end(self, event: EventPage) -> str | None:
        return event.end.astimezone(TIMEZONE).isoformat() if event.end else None

    def get_recurring(self, event: EventPage) -> bool:
        return bool(event.rrule or event.rdates)

    def get_exdates(self, event: EventPage) -> list[str]:
        return [line for line in event.exdates.splitlines() if line.strip()]

    def get_rdates(self, event: EventPage) -> list[str]:
        return [line for line in event.rdates.splitlines() if line.strip()]

    @extend_schema_field(RefSerializer(allow_null=True))
    def get_place(self, event: EventPage) -> dict[str, Any] | None:
        return live_profile_ref(event.place if event.place_id else None)

    def address_from(self, event: EventPage) -> Any:
        """The place's address when the event happens at a place of the directory, else the event's own."""
        return event.place if event.place_id else event

    def get_street_address(self, event: EventPage) -> str:
        address_from = self.address_from(event)
        return "" if getattr(address_from, "address_private", False) else address_from.street_address

    def get_postcode(self, event: EventPage) -> str:
        return self.address_from(event).postcode

    def get_city(self, event: EventPage) -> str:
        return self.address_from(event).city

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_latitude(self, event: EventPage) -> float | None:
        point = event.point
        return round(point[0], 5) if point else None

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_longitude(self, event: EventPage) -> float | None:
        point = event.point
        return round(point[1], 5) if point else None

    @extend_schema_field(RefSerializer(many=True))
    def get_organisers(self, event: EventPage) -> list[dict[str, Any]]:
        return [{"id": profile.pk, "title": profile.title} for profile in event.organisers.all() if profile.live]

    def get_event_languages(self, event: EventPage) -> list[str]:
        return list(event.event_languages or [])

    def get_accessibility(self, event: EventPage) -> list[str]:
        return list(event.accessibility or [])

    @extend_schema_field(LicenceSerializer)
    def get_licence(self, event: EventPage) -> dict[str, str]:
        return licence_of(event_licence(event)[0])

    def get_attribution(self, event: EventPage) -> str:
        return attribution_of(*event_licence(event)[1])


class EventOccurrenceSerializer(EventSerializer):
    """One occurrence of an event (an `agenda.occurrences.Occurrence`): its event's record, dated at it."""

    def to_representation(self, occurrence: Any) -> dict[str, Any]:
        data = super().to_representation(occurrence.event)
        data["start"] = occurrence.start.astimezone(TIMEZONE).isoformat()
        data["end"] = occurrence.end.astimezone(TIMEZONE).isoformat() if occurrence.end else None
        return data


class ToolboxRecordSerializer(RecordSerializer):
    """Shared by tool sheets and knowledge items: themes named in the context's `locale`."""

    @extend_schema_field(ThemeRefSerializer(many=True))
    def get_themes(self, page: ToolPage | KnowledgeItemPage) -> list[dict[str, str]]:
        themes = themes_by_slug(page.theme_slugs, self.context.get("locale"))
        return [{"slug": slug, "name": theme.name} for slug, theme in themes.items()]


class ToolSerializer(ToolboxRecordSerializer):
    """A tool sheet of the toolbox; its body as HTML."""

    summary = serializers.CharField()
    body = serializers.SerializerMethodField(help_text="HTML.")
    themes = serializers.SerializerMethodField()
    audience = serializers.SerializerMethodField()
    group_size = serializers.CharField()
    duration = serializers.CharField()
    difficulty = serializers.CharField()
    prerequisites = serializers.CharField()
    contributors = serializers.SerializerMethodField(help_text="Alternatives that wrote or use the tool.")

    def get_body(self, page: ToolPage) -> str:
        return str(page.body.render_as_block())

    def get_audience(self, page: ToolPage) -> list[str]:
        return list(page.audience or [])

    @extend_schema_field(RefSerializer(many=True))
    def get_contributors(self, page: ToolPage) -> list[dict[str, Any]]:
        contributors = [live_profile_ref(link.alternative) for link in page.contributors.all()]
        return [item for item in contributors if item]

    @extend_schema_field(LicenceSerializer)
    def get_licence(self, page: ToolPage) -> dict[str, str]:
        return licence_of(page.licence, dict(LICENCE_CHOICES), LICENCE_URLS)

    def get_attribution(self, page: ToolPage) -> str:
        credits = [page.source] if page.source else []
        return attribution_of(*credits, *(item["title"] for item in self.get_contributors(page)))


class AuthorSerializer(serializers.Serializer):
    name = serializers.CharField()
    profile = RefSerializer(allow_null=True)


class AttachmentSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    file_extension = serializers.CharField()
    description = serializers.CharField()
    licence = LicenceSerializer()


class KnowledgeSerializer(ToolboxRecordSerializer):
    """An item of the knowledge repository. Its description is CC0 (as a library catalogue's); each file has its own
    licence."""

    item_type = serializers.CharField()
    date = serializers.SerializerMethodField()
    document_language = serializers.CharField(source="language")
    abstract = serializers.CharField()
    doi = serializers.CharField()
    doi_url = serializers.CharField()
    source_url = serializers.CharField()
    themes = serializers.SerializerMethodField()
    authors = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField(help_text="Each file with its own licence.")

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_date(self, page: KnowledgeItemPage) -> str | None:
        return page.date.isoformat() if page.date else None

    @extend_schema_field(AuthorSerializer(many=True))
    def get_authors(self, page: KnowledgeItemPage) -> list[dict[str, Any]]:
        authors = []
        for author in page.authors.all():
            profile = live_profile_ref(author.alternative) if author.alternative_id else None
            name = author.name or (profile["title"] if profile else "")
            if name:
                authors.append({"name": name, "profile": profile})
        return authors

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, page: KnowledgeItemPage) -> list[dict[str, Any]]:
        base_url = self.context.get("base_url", "")
        return [
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

    @extend_schema_field(LicenceSerializer)
    def get_licence(self, page: KnowledgeItemPage) -> dict[str, str]:
        return licence_of("CC0-1.0")

    def get_attribution(self, page: KnowledgeItemPage) -> str:
        return attribution_of(*(author["name"] for author in self.get_authors(page)))


class CategorySerializer(serializers.ModelSerializer):
    """A theme of the directory, in the version for the language asked (`language` in the context). Categories are
    the platform's own vocabulary: CC0, no date of change."""

    language = serializers.CharField(source="locale.language_code", help_text="Language of this version.")
    translated = serializers.SerializerMethodField(help_text="False when the requested language has no version yet.")
    licence = serializers.SerializerMethodField()
    attribution = serializers.SerializerMethodField()
    last_modified = serializers.SerializerMethodField()

    class Meta:
        model = Category
        fields = [
            "id",
            "slug",
            "name",
            "color",
            "description",
            "language",
            "translated",
            "licence",
            "attribution",
            "last_modified",
        ]

    def get_translated(self, category: Category) -> bool:
        return category.locale.language_code == self.context["language"]

    @extend_schema_field(LicenceSerializer)
    def get_licence(self, category: Category) -> dict[str, str]:
        return {"code": "CC0-1.0", "name": "CC0 1.0", "url": DATA_LICENCE_URLS["CC0-1.0"]}

    def get_attribution(self, category: Category) -> str:
        return platform_attribution()

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_last_modified(self, category: Category) -> None:
        return None


class ProfileWriteSerializer(serializers.Serializer):
    """What a partner may send. Only the fields given are changed."""

    title = serializers.CharField(max_length=255, required=False)
    short_description = serializers.CharField(max_length=280, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True, help_text="Plain text or simple HTML.")
    kind = serializers.ChoiceField(choices=[code for code, _label in KIND_CHOICES], required=False, allow_blank=True)
    categories = serializers.ListField(child=serializers.SlugField(), required=False, max_length=20)
    tags = serializers.ListField(child=serializers.CharField(max_length=100), required=False, max_length=30)
    street_address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    latitude = serializers.FloatField(required=False, min_value=-90, max_value=90)
    longitude = serializers.FloatField(required=False, min_value=-180, max_value=180)
    website = serializers.URLField(required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    email_private = serializers.BooleanField(required=False)
    phone_private = serializers.BooleanField(required=False)
    address_private = serializers.BooleanField(required=False)
    opening_hours = serializers.CharField(required=False, allow_blank=True)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=[code for code, _label in LANGUAGE_SPOKEN_CHOICES]), required=False
    )
    founding_year = serializers.IntegerField(required=False, allow_null=True, min_value=1800, max_value=2100)
    legal_form = serializers.CharField(max_length=100, required=False, allow_blank=True)
    company_number = serializers.CharField(max_length=20, required=False, allow_blank=True)

    def to_internal_value(self, data):
        unknown = sorted(set(data) - set(self.fields)) if isinstance(data, dict) else []
        errors = {name: [_("Unknown field.")] for name in unknown}
        try:
            values = super().to_internal_value(data)
        except serializers.ValidationError as error:
            raise serializers.ValidationError({**errors, **error.detail}) from error
        if errors:
            raise serializers.ValidationError(errors)
        return values

    def validate(self, attrs):
        if ("latitude" in attrs) != ("longitude" in attrs):
            raise serializers.ValidationError({"longitude": [_("Give both latitude and longitude.")]})
        if "latitude" in attrs:
            try:
                check_point(attrs["latitude"], attrs["longitude"], _("Latitude"))
            except DjangoValidationError as error:
                raise serializers.ValidationError({"latitude": error.messages}) from error
        return attrs


class WriteResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    detail = serializers.CharField()
