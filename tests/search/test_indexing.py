"""Index updates wait for the commit and go as one background task per transaction."""

import pytest
from django.db import transaction
from django_tasks.signals import task_enqueued
from wagtail.models import Page

from incommon_cms.directory.factories import AlternativePageFactory, DirectoryIndexPageFactory
from incommon_cms.directory.models import AlternativePage
from incommon_cms.search.indexing import update_search_index


def titles(query):
    return {page.title for page in Page.objects.live().search(query)}


def indexed_keys(backend):
    with backend.store.searcher("fr") as searcher:
        return {doc["key"] for doc in searcher.documents()}


@pytest.fixture
def enqueued():
    """The search index tasks enqueued during the test: [(task name, args)]."""
    seen = []

    def receiver(sender, task_result, **kwargs):
        if task_result.task.module_path == update_search_index.module_path:
            seen.append((task_result.task.name, task_result.args))

    task_enqueued.connect(receiver)
    yield seen
    task_enqueued.disconnect(receiver)


@pytest.fixture
def after_commit(settings, search_index):
    settings.SEARCH_INDEX_UPDATES = "on_commit"
    return search_index


@pytest.mark.django_db
def test_a_publication_is_indexed_once_after_the_commit(
    after_commit, home_fr, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        directory = DirectoryIndexPageFactory(parent=home_fr)
        page = AlternativePageFactory(parent=directory, title="Coopérative d'énergie", short_description="Solaire.")
        page.short_description = "Des panneaux solaires partagés."
        page.save_revision().publish()
    # Saved and published several times, but nothing is written to the index before the commit.
    assert enqueued == []
    assert titles("panneaux") == set()

    for callback in callbacks:
        callback()
    assert len(enqueued) == 1, "one task for the whole transaction"
    name, (changes,) = enqueued[0]
    assert name == update_search_index.name
    # One entry per object, under its most specific model.
    assert sorted(change[:2] for change in changes) == [
        ["directory", "alternativepage"],
        ["directory", "directoryindexpage"],
    ]
    assert titles("panneaux") == {"Coopérative d'énergie"}
    assert titles("energie") == {"Coopérative d'énergie"}


@pytest.mark.django_db
def test_a_deletion_leaves_the_index_after_the_commit(after_commit, home_fr, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        directory = DirectoryIndexPageFactory(parent=home_fr)
        page = AlternativePageFactory(parent=directory, title="Potagers de Forest")
    assert titles("potager") == {"Potagers de Forest"}
    with django_capture_on_commit_callbacks() as callbacks:
        page.delete()
    key = f"wagtailcore.page:{page.pk}"
    assert key in indexed_keys(after_commit), "still in the index until the commit"
    for callback in callbacks:
        callback()
    assert key not in indexed_keys(after_commit)
    assert list(Page.objects.search("potager")) == []


@pytest.mark.django_db(transaction=True)
def test_real_commits_and_rollbacks(after_commit, home_fr, enqueued):
    directory = DirectoryIndexPageFactory(parent=home_fr)
    with pytest.raises(RuntimeError), transaction.atomic():
        AlternativePageFactory(parent=directory, title="Potager annulé")
        raise RuntimeError("rolled back")
    assert titles("potager") == set()
    assert not any("Potager" in str(args) for _, args in enqueued)

    with transaction.atomic():
        page = AlternativePageFactory(parent=directory, title="Potager de Forest")
        with transaction.atomic():
            page.save_revision().publish()
        assert titles("potager") == set()
    assert titles("potager") == {"Potager de Forest"}

    # Outside any transaction (autocommit) each change is indexed straight away.
    page.title = "Potagers partagés de Forest"
    page.save()
    assert titles("potager") == {"Potagers partagés de Forest"}


@pytest.mark.django_db
def test_the_task_reads_objects_again(after_commit, home_fr, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        directory = DirectoryIndexPageFactory(parent=home_fr)
        kept = AlternativePageFactory(parent=directory, title="Fietsatelier")
        gone = AlternativePageFactory(parent=directory, title="Fietsherstel")
    assert {p.title for p in Page.objects.live().search("fietsatelier fietsherstel", operator="or")} == {
        "Fietsatelier",
        "Fietsherstel",
    }
    # Changed without signals, and deleted with its task never run (e.g. a worker that was down).
    AlternativePage.objects.filter(pk=kept.pk).update(live=False)
    with django_capture_on_commit_callbacks():
        gone.delete()
    update_search_index.call(
        [
            ["directory", "alternativepage", str(kept.pk), "update"],
            ["directory", "alternativepage", str(gone.pk), "update"],
        ]
    )
    assert list(Page.objects.live().search("fietsatelier")) == []
    assert list(Page.objects.search("fietsherstel")) == []
