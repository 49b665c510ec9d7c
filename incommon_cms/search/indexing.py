"""Search index updates after the database commit, batched and run as a background task.

Wagtail (modelsearch) updates the index from `post_save` / `post_delete` signals, once per save and, for deletions,
synchronously. A page publication saves the page several times, so a save could wait for several index commits.
Instead, every change made inside a transaction is noted; when the transaction commits, one django-tasks task
(`update_search_index`) updates the index for all of them at once, each object being read again from the
database. Nothing is indexed for a transaction that rolls back. With the database task backend the task runs in
`manage.py db_worker`; with the immediate backend it runs in-process right after the commit.

The setting `SEARCH_INDEX_UPDATES` is `"on_commit"` (default) or `"immediate"`: the saved instance is then indexed
at once in the saving process, with its in-memory relations (the test settings use it: test cases never commit).
"""

import logging
from collections import defaultdict

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import router, transaction
from django.db.models.signals import post_delete, post_save
from django_tasks import task
from modelsearch import index
from modelsearch.backends import get_search_backends_with_name
from modelsearch.backends.base import get_model_root
from modelsearch.signal_handlers import post_delete_signal_handler, post_save_signal_handler

logger = logging.getLogger("incommon.search")

UPDATE = "update"
DELETE = "delete"


def _on_commit_mode():
    return getattr(settings, "SEARCH_INDEX_UPDATES", "on_commit") != "immediate"


class _Batch:
    """The changes of one transaction, queued as a single task when it commits."""

    def __init__(self):
        self.changes = {}
        self.done = False

    def add(self, instance, action):
        # One entry per object (a page's save sends signals for its class and its parent classes): the most
        # specific model and the latest action win.
        model = type(instance)
        key = (get_model_root(model)._meta.label_lower, str(instance.pk))
        previous = self.changes.get(key)
        if previous is not None and len(previous[0]._meta.get_parent_list()) > len(model._meta.get_parent_list()):
            model = previous[0]
        self.changes[key] = (model, action)

    def __call__(self):
        self.done = True
        changes = [_change(model, pk, action) for (_, pk), (model, action) in self.changes.items()]
        self.changes = {}
        if changes:
            update_search_index.enqueue(changes)


def _change(model, pk, action):
    return [model._meta.app_label, model._meta.model_name, str(pk), action]


def _indexed_names(model):
    """Names of the fields a save must touch to change `model`'s index entry; None when any may (methods...)."""
    names = set()
    for field in model.get_search_fields():
        try:
            db_field = model._meta.get_field(field.field_name)
        except FieldDoesNotExist:
            if field.field_name.endswith("_id"):
                names.add(field.field_name)
                continue
            return None
        names.update({db_field.name, getattr(db_field, "attname", db_field.name)})
    return names


def touches_index(instance, update_fields):
    """False for a save of only unindexed fields (e.g. Wagtail recording a new draft revision)."""
    if update_fields is None:
        return True
    names = _indexed_names(type(instance))
    return names is None or bool(names & set(update_fields))


def queue_change(instance, action=UPDATE, update_fields=None):
    """Note that `instance` changed; the index follows when the current transaction commits."""
    if not _on_commit_mode():
        if action == DELETE:
            index.remove_object(instance)
        elif update_fields is None:
            # A full save: the instance is what the database holds, plus its relations (modelcluster) that are
            # written just after this signal.
            index.insert_or_update_object(instance)
        else:
            update_search_index.call([_change(type(instance), instance.pk, action)])
        return
    using = instance._state.db or router.db_for_write(type(instance))
    connection = transaction.get_connection(using)
    batch = getattr(connection, "_incommon_search_batch", None)
    pending = (
        batch is not None
        and not batch.done
        and connection.in_atomic_block
        and any(callback is batch for _, callback, _ in connection.run_on_commit)
    )
    if not pending:
        batch = connection._incommon_search_batch = _Batch()
    batch.add(instance, action)
    if not pending:
        # Outside a transaction, on_commit runs the batch at once. Robust: a failure to queue is logged, the
        # committed data stays (`manage.py update_index` catches up).
        transaction.on_commit(batch, using=using, robust=True)


@task()
def update_search_index(changes):
    """Bring every search backend in line with the database for these [app_label, model_name, pk, action].

    Objects are read again: one that no longer exists (or is no longer indexable) is removed from the index.
    """
    updates, deletions = defaultdict(list), []
    for app_label, model_name, pk, action in changes:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        instance = model._default_manager.filter(pk=pk).first() if action == UPDATE else None
        indexed = index.get_indexed_instance(instance) if instance is not None else None
        if indexed is None:
            deletions.append(model(pk=pk) if instance is None else instance)
        else:
            updates[type(indexed)].append(indexed)
    for backend_name, backend in get_search_backends_with_name(with_auto_update=True):
        for model, objects in updates.items():
            _run(backend_name, backend, backend.add_bulk, model, objects)
        for obj in deletions:
            _run(backend_name, backend, backend.delete, obj)


def _run(backend_name, backend, method, *args):
    try:
        method(*args)
    except Exception:
        # As in Wagtail: an external service being down must not lose the saved data; a database backend's error
        # is raised so that the task is reported as failed.
        logger.exception("Could not update the '%s' search backend", backend_name)
        if not backend.catch_indexing_errors:
            raise


def _saved(instance, **kwargs):
    update_fields = kwargs.get("update_fields")
    if not kwargs.get("raw", False) and touches_index(instance, update_fields):
        queue_change(instance, UPDATE, update_fields=update_fields)


def _deleted(instance, **kwargs):
    queue_change(instance, DELETE)


def install_signal_handlers():
    """Replace Wagtail's per-save index updates by the batched, after-commit ones (for every indexed model)."""
    for model in index.get_indexed_models():
        if not getattr(model, "search_auto_update", True):
            continue
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_delete.disconnect(post_delete_signal_handler, sender=model)
        post_save.connect(_saved, sender=model, dispatch_uid=f"incommon_search_saved_{model._meta.label_lower}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"incommon_search_deleted_{model._meta.label_lower}")
