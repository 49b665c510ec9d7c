"""Demo import source: a neighbourhood network's spreadsheet that completes three demo profiles (opening hours,
website), run once so the run history and the provenance section have something to show."""

from pathlib import Path

from django.core.files.base import ContentFile

from incommon_cms.directory.models import ProfilePage

from .engine import run_source
from .models import ImportedRecord, ImportSource

ORDER = 60

CSV_FILE = Path(__file__).resolve().parent / "demo_data" / "reseau_quartiers.csv"
SOURCE_NAME = "Réseau des quartiers (CSV)"
# Rows of the spreadsheet that describe profiles already in the demo directory.
KNOWN_PROFILES = {"Q-017": "Repair Café Schaerbeek", "Q-042": "GASAP Ixelles", "Q-058": "Épicerie sociale du Midi"}
MAPPING = [
    {"source": "Nom", "field": "title"},
    {"source": "CP", "field": "postcode"},
    {"source": "Horaires", "field": "opening_hours"},
    {"source": "Site", "field": "website"},
]


def load(ctx):
    from incommon_cms.core.demo_utils import locale

    source = ImportSource.objects.filter(name=SOURCE_NAME).first()
    if source is None:
        source = ImportSource(
            name=SOURCE_NAME,
            kind=ImportSource.CSV,
            locale=locale("fr"),
            id_field="ref",
            mapping=MAPPING,
            licence="CC-BY-4.0",
            attribution="© Réseau des quartiers bruxellois",
            schedule=ImportSource.WEEKLY,
            conflict_policy=ImportSource.PROPOSE,
        )
        source.file.save("reseau_quartiers.csv", ContentFile(CSV_FILE.read_bytes()), save=False)
        source.save()
    if not source.runs.filter(dry_run=False).exists():
        for external_id, title in KNOWN_PROFILES.items():
            profile = ProfilePage.objects.filter(locale=source.locale, title=title).first()
            if profile is not None:
                ImportedRecord.objects.get_or_create(
                    source=source, external_id=external_id, defaults={"profile": profile, "content_hash": ""}
                )
        run = run_source(source, user=ctx.users.get("admin"))
        ctx.log(f"  commons: {source.name}: {run.updated} updated, {run.created} created ({run.get_status_display()})")
    ctx.log(f"  commons: {ImportSource.objects.count()} import source(s), {source.records.count()} imported records")
