"""Which sources contributed which fields to a profile, with their licence and attribution."""

from django.utils.text import capfirst

from incommon_cms.directory.models import DATA_LICENCE_CHOICES, DATA_LICENCE_URLS, ProfilePage

from .models import ImportedRecord

LICENCE_NAMES = dict(DATA_LICENCE_CHOICES)


def field_label(model, name):
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def provenance_for(profile):
    """A list of {source, licence, licence_url, attribution, fields, last_changed_at}, one per contributing source.

    Records of every translation of the profile count, since sources feed one language and the others follow.
    """
    records = (
        ImportedRecord.objects.filter(profile__translation_key=profile.translation_key)
        .select_related("source")
        .order_by("source__name")
    )
    model = profile.specific_class or ProfilePage
    return [
        {
            "source": record.source.name,
            "licence": LICENCE_NAMES.get(record.source.licence, record.source.licence),
            "licence_code": record.source.licence,
            "licence_url": DATA_LICENCE_URLS.get(record.source.licence, ""),
            "attribution": record.source.attribution,
            "fields": [str(field_label(model, name)) for name in sorted(record.values)],
            "field_names": sorted(record.values),
            "last_changed_at": record.last_changed_at,
        }
        for record in records
    ]


def profile_section_context(profile, request):
    sources = provenance_for(profile)
    return {"sources": sources} if sources else None
