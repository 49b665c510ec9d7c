"""Reads the data-commons provenance (which source feeds which profile) when the commons app provides it.

The commons app links a source's records to the profiles they feed (`commons.ImportedRecord`, with `source` and
`profile` foreign keys); without that model the sources figure is simply unavailable.
"""

from django.apps import apps
from django.db.models import Count

from incommon_cms.directory.models import ProfilePage


def record_model():
    try:
        return apps.get_model("commons", "ImportedRecord")
    except LookupError:
        return None


def profiles_per_source():
    """([(key, name, collectives fed)] for every source, number of collectives fed by any source), or None.

    Only live public profiles count, each collective once whatever its translations.
    """
    records = record_model()
    if records is None:
        return None
    source_model = records._meta.get_field("source").related_model
    live = ProfilePage.objects.live().public().values("pk")
    counts = dict(
        records.objects.filter(profile__in=live)
        .values("source")
        .annotate(n=Count("profile__translation_key", distinct=True))
        .values_list("source", "n")
    )
    fed = records.objects.filter(profile__in=live).values("profile__translation_key").distinct().count()
    return [(str(source.pk), str(source), counts.get(source.pk, 0)) for source in source_model.objects.all()], fed
