"""Syncs racing each other and a collective's edit (real threads, PostgreSQL row locks)."""

import threading
import time

import pytest
from django.db import transaction
from wagtail.models import Page

from incommon_cms.commons.engine import run_source
from incommon_cms.commons.models import ImportedRecord, ImportRun, ImportSource
from incommon_cms.directory.models import AlternativePage
from tests.concurrency import require_postgresql, run_together

from .conftest import replace_file
from .test_imports import CSV_MAPPING, MESSY_CSV, messy_csv_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql():
    require_postgresql()


@pytest.fixture
def source(make_source):
    return make_source(ImportSource.CSV, CSV_MAPPING, content=messy_csv_bytes(), id_field="Identifiant")


def _sync(source_pk):
    return lambda: run_source(ImportSource.objects.get(pk=source_pk))


def test_two_syncs_of_the_same_source_at_once_create_each_profile_once(source):
    first, second = run_together(_sync(source.pk), _sync(source.pk))

    assert isinstance(first, ImportRun) and isinstance(second, ImportRun), (first, second)
    assert {first.status, second.status} == {ImportRun.SUCCESS}
    # One run created both profiles; the other waited for it and found them unchanged.
    assert sorted([(first.created, first.unchanged), (second.created, second.unchanged)]) == [(0, 2), (2, 0)]
    assert AlternativePage.objects.count() == 2
    assert ImportedRecord.objects.filter(source=source).count() == 2
    assert sorted(AlternativePage.objects.values_list("slug", flat=True)) == [
        "cafe-reparation-schaerbeek",
        "epicerie-zero-dechet",
    ]


def test_two_syncs_updating_at_once_leave_one_consistent_version(source):
    run_source(source)
    replace_file(source, messy_csv_bytes(MESSY_CSV.replace("Vrac et local", "Vrac, local et de saison")))

    first, second = run_together(_sync(source.pk), _sync(source.pk))

    assert sorted([(first.updated, first.unchanged), (second.updated, second.unchanged)]) == [(0, 2), (1, 1)]
    shop = AlternativePage.objects.get(slug="epicerie-zero-dechet")
    assert shop.short_description == "Vrac, local et de saison"
    assert shop.live_revision.content["short_description"] == "Vrac, local et de saison"
    assert shop.latest_revision_id == shop.live_revision_id


def test_an_edit_published_during_a_sync_is_kept_with_the_synced_change(source):
    run_source(source)
    shop_pk = AlternativePage.objects.get(slug="epicerie-zero-dechet").pk
    replace_file(source, messy_csv_bytes(MESSY_CSV.replace("Vrac et local", "Vrac, local et de saison")))
    editing = threading.Event()

    def edit():
        # A collective's editor publishes the profile while the sync is running.
        with transaction.atomic():
            page = Page.objects.select_for_update().get(pk=shop_pk).specific
            editing.set()
            time.sleep(1.5)  # the sync starts meanwhile and reaches this profile
            page.opening_hours = "Mardi–samedi 10h–18h"
            page.save_revision().publish()
        return "edited"

    def sync():
        assert editing.wait(30)
        return run_source(ImportSource.objects.get(pk=source.pk))

    edited, run = run_together(edit, sync)

    assert edited == "edited" and isinstance(run, ImportRun), (edited, run)
    assert (run.status, run.updated) == (ImportRun.SUCCESS, 1)
    shop = AlternativePage.objects.get(pk=shop_pk)
    assert shop.opening_hours == "Mardi–samedi 10h–18h"
    assert shop.short_description == "Vrac, local et de saison"
    live = shop.live_revision.content
    assert (live["opening_hours"], live["short_description"]) == ("Mardi–samedi 10h–18h", "Vrac, local et de saison")
    assert shop.latest_revision_id == shop.live_revision_id and not shop.has_unpublished_changes
