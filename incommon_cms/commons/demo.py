"""Demo builder of the commons: an import source (a neighbourhood network's spreadsheet that completes demo
profiles), run once so the run history and the provenance section have something to show.

The content is in `demo_data/commons.json` (and the spreadsheet beside it); see `incommon_cms.core.demo_loader` for
the format.
"""

from pathlib import Path

from django.core.files.base import ContentFile

from incommon_cms.core.demo_loader import demo_builder
from incommon_cms.core.demo_utils import locale
from incommon_cms.directory.models import ProfilePage

from .engine import run_source
from .models import ImportedRecord, ImportSource

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"


@demo_builder("commons.import_source")
def import_source(ctx, *, name, file, fields, locale_code="fr", known_records=None, run_by=None):
    """The source `name` reading `file` (in this app's demo_data/), created once; its first run, once.

    `known_records` maps external ids of the file to titles of profiles already in the directory, so the run
    completes them instead of creating duplicates.
    """
    source = ImportSource.objects.filter(name=name).first()
    if source is None:
        source = ImportSource(name=name, locale=locale(locale_code), **fields)
        source.file.save(file, ContentFile((DEMO_DATA / file).read_bytes()), save=False)
        source.save()
    if not source.runs.filter(dry_run=False).exists():
        for external_id, title in (known_records or {}).items():
            profile = ProfilePage.objects.filter(locale=source.locale, title=title).first()
            if profile is not None:
                ImportedRecord.objects.get_or_create(
                    source=source, external_id=external_id, defaults={"profile": profile, "content_hash": ""}
                )
        run = run_source(source, user=ctx.users.get(run_by))
        ctx.log(f"  commons: {source.name}: {run.updated} updated, {run.created} created ({run.get_status_display()})")
