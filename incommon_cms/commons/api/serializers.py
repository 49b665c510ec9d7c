"""Serializers of the open API. Read records are built by `records.profile_record`; the fields declared here
document them in the OpenAPI schema. Writes are validated by the same code as imports (`engine.assign_values`)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from incommon_cms.directory.models import DATA_LICENCE_URLS, KIND_CHOICES, LANGUAGE_SPOKEN_CHOICES, Category
from incommon_cms.directory.service_area import check_point

from .records import platform_attribution


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


class ProfileSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.ChoiceField(choices=["alternative", "place", "good_address"])
    title = serializers.CharField()
    url = serializers.CharField()
    language = serializers.CharField(help_text="Language of this version.")
    translated = serializers.BooleanField(help_text="False when the requested language has no version yet.")
    translation_key = serializers.UUIDField()
    kind = serializers.CharField()
    short_description = serializers.CharField()
    description = serializers.CharField(help_text="HTML.")
    categories = CategoryRefSerializer(many=True)
    tags = serializers.ListField(child=serializers.CharField())
    street_address = serializers.CharField(help_text="Empty when the address is private.")
    postcode = serializers.CharField()
    city = serializers.CharField()
    commune = CommuneSerializer(allow_null=True)
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    location_approximate = serializers.BooleanField()
    website = serializers.CharField()
    social_links = serializers.ListField(child=serializers.CharField())
    email = serializers.CharField(help_text="Empty when private.")
    phone = serializers.CharField(help_text="Empty when private.")
    opening_hours = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    founding_year = serializers.IntegerField(allow_null=True)
    legal_form = serializers.CharField()
    company_number = serializers.CharField()
    licence = LicenceSerializer()
    attribution = serializers.CharField()
    last_modified = serializers.DateTimeField(allow_null=True)

    def to_representation(self, instance):
        return instance


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


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class RecordSerializer(serializers.Serializer):
    """Fields every record of the open API carries."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    language = serializers.CharField(help_text="Language of this version.")
    translated = serializers.BooleanField(help_text="False when the requested language has no version yet.")
    translation_key = serializers.UUIDField()
    licence = LicenceSerializer()
    attribution = serializers.CharField()
    last_modified = serializers.DateTimeField(allow_null=True)

    def to_representation(self, instance):
        return instance


class EventSerializer(RecordSerializer):
    summary = serializers.CharField()
    description = serializers.CharField(help_text="HTML.")
    start = serializers.DateTimeField(help_text="Brussels time; with occurrences=true, the occurrence's start.")
    end = serializers.DateTimeField(allow_null=True, help_text="Exclusive for occurrences.")
    all_day = serializers.BooleanField()
    status = serializers.ChoiceField(choices=["scheduled", "cancelled", "postponed", "full"])
    recurring = serializers.BooleanField()
    rrule = serializers.CharField(help_text="RFC 5545 RRULE of a series, else empty.")
    exdates = serializers.ListField(child=serializers.CharField())
    rdates = serializers.ListField(child=serializers.CharField())
    place = RefSerializer(allow_null=True, help_text="The place of the directory where it happens.")
    venue_name = serializers.CharField()
    location = serializers.CharField()
    street_address = serializers.CharField(help_text="Empty when the place's address is private.")
    postcode = serializers.CharField()
    city = serializers.CharField()
    commune = CommuneSerializer(allow_null=True)
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    online_url = serializers.CharField()
    organisers = RefSerializer(many=True)
    categories = CategoryRefSerializer(many=True)
    audience = serializers.CharField()
    price_kind = serializers.CharField()
    price = serializers.CharField()
    registration_url = serializers.CharField()
    event_languages = serializers.ListField(child=serializers.CharField())
    accessibility = serializers.ListField(child=serializers.CharField())


class ThemeRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class ToolSerializer(RecordSerializer):
    summary = serializers.CharField()
    body = serializers.CharField(help_text="HTML.")
    themes = ThemeRefSerializer(many=True)
    audience = serializers.ListField(child=serializers.CharField())
    group_size = serializers.CharField()
    duration = serializers.CharField()
    difficulty = serializers.CharField()
    prerequisites = serializers.CharField()
    contributors = RefSerializer(many=True, help_text="Alternatives that wrote or use the tool.")


class AuthorSerializer(serializers.Serializer):
    name = serializers.CharField()
    profile = RefSerializer(allow_null=True)


class AttachmentSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    file_extension = serializers.CharField()
    description = serializers.CharField()
    licence = LicenceSerializer()


class KnowledgeSerializer(RecordSerializer):
    item_type = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    document_language = serializers.CharField()
    abstract = serializers.CharField()
    doi = serializers.CharField()
    doi_url = serializers.CharField()
    source_url = serializers.CharField()
    themes = ThemeRefSerializer(many=True)
    authors = AuthorSerializer(many=True)
    attachments = AttachmentSerializer(many=True, help_text="Each file with its own licence.")
