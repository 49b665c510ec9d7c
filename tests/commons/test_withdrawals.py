"""Records that leave their source, and profiles moderators deleted or unpublished: what the next sync does."""

import pytest
from django.utils import translation
from wagtail.models import PageLogEntry

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.commons.engine import run_source
from incommon_cms.commons.models import ImportedRecord, ImportRun, ImportSource
from incommon_cms.directory.models import AlternativePage
from incommon_cms.governance.models import Membership

from .conftest import replace_file
from .test_imports import CSV_MAPPING, MESSY_CSV, messy_csv_bytes

pytestmark = pytest.mark.django_db

WITHOUT_A2 = MESSY_CSV.split("A2;")[0]


@pytest.fixture
def imported(make_source):
    source = make_source(ImportSource.CSV, CSV_MAPPING, content=messy_csv_bytes(), id_field="Identifiant")
    assert run_source(source).created == 2
    return source


def cafe():
    return AlternativePage.objects.get(title="Café Réparation Schaerbeek")


def test_a_record_that_leaves_the_source_is_unpublished_with_a_visible_reason_then_restored(imported, admin_client):
    replace_file(imported, messy_csv_bytes(WITHOUT_A2))

    dry = run_source(imported, dry_run=True)
    assert dry.withdrawn == 1 and cafe().live  # the dry run only reports it

    run = run_source(imported)

    assert run.status == ImportRun.SUCCESS and (run.withdrawn, run.unchanged) == (1, 1)
    row = next(row for row in run.report if row["status"] == "withdrawn")
    assert row["external_id"] == "A2" and row["reason"] == "No longer in the source: unpublished."
    page = cafe()  # never deleted
    assert not page.live
    record = ImportedRecord.objects.get(external_id="A2")
    assert record.state == ImportedRecord.WITHDRAWN and record.unpublished_pages == [page.pk]
    entry = PageLogEntry.objects.get(page=page, action="commons.withdrawn")
    assert entry.message == "Withdrawn by the source “csv source”: No longer in the source: unpublished."
    history = admin_client.get(f"/admin/commons/sources/{imported.pk}/history/").content.decode()
    assert 'class="record-withdrawn"' in history and "No longer in the source: unpublished." in history
    translation.activate("en")  # the admin request switched to the admin's language
    assert run_source(imported).withdrawn == 0  # withdrawn once

    replace_file(imported, messy_csv_bytes())
    back = run_source(imported)

    assert back.updated == 1 and back.withdrawn == 0
    row = next(row for row in back.report if row["external_id"] == "A2")
    assert row["reason"] == "Back in the source: published again."
    assert cafe().live
    assert ImportedRecord.objects.get(external_id="A2").state == ImportedRecord.ACTIVE
    assert run_source(imported).unchanged == 2


def test_a_claimed_profile_that_leaves_the_source_stays_published(imported):
    Membership.objects.create(user=UserFactory(), profile=cafe(), role=Membership.ADMIN)
    replace_file(imported, messy_csv_bytes(WITHOUT_A2))

    run = run_source(imported)

    row = next(row for row in run.report if row["status"] == "withdrawn")
    assert "kept published because its collective has claimed it" in row["reason"]
    assert cafe().live
    assert ImportedRecord.objects.get(external_id="A2").state == ImportedRecord.WITHDRAWN


def test_a_profile_deleted_by_moderators_is_not_recreated(imported):
    cafe().delete()

    run = run_source(imported)

    assert run.status == ImportRun.SUCCESS and run.created == 0 and run.skipped == 1
    row = next(row for row in run.report if row["external_id"] == "A2")
    assert row["status"] == "skipped" and "deleted on the platform" in row["reason"]
    assert row["title"] == "Café Réparation Schaerbeek"
    assert not AlternativePage.objects.filter(title="Café Réparation Schaerbeek").exists()
    tombstone = ImportedRecord.objects.get(external_id="A2")
    assert tombstone.profile is None and tombstone.state == ImportedRecord.DELETED and tombstone.state_changed_at

    replace_file(imported, messy_csv_bytes(MESSY_CSV.replace("On répare tout", "On répare presque tout")))
    assert run_source(imported).created == 0
    assert not AlternativePage.objects.filter(title="Café Réparation Schaerbeek").exists()


def test_a_profile_unpublished_by_moderators_is_not_published_again(imported):
    cafe().unpublish()
    replace_file(imported, messy_csv_bytes(MESSY_CSV.replace("On répare tout", "On répare presque tout")))

    run = run_source(imported)

    row = next(row for row in run.report if row["external_id"] == "A2")
    assert row["status"] == "skipped" and "unpublished on the platform" in row["reason"]
    assert not cafe().live and cafe().short_description == "On répare tout"


def test_a_source_that_suddenly_gives_nothing_withdraws_nothing(imported):
    replace_file(imported, messy_csv_bytes(MESSY_CSV.split("\r\n")[0] + "\r\n"))

    run = run_source(imported)

    assert run.status == ImportRun.FAILED and "gave no records at all" in run.message
    assert AlternativePage.objects.live().count() == 2
