"""Background jobs (django-tasks): run one source, or every source whose schedule is due.

`sync_due_sources` is meant to be enqueued regularly (e.g. hourly by cron: `manage.py sync_sources --due`);
the database backend's worker (`manage.py db_worker`) or a Redis/RQ backend runs it. See docs/commons.md.
"""

from django.contrib.auth import get_user_model
from django_tasks import task

from .engine import run_source
from .models import ImportSource


@task()
def sync_source(source_id, dry_run=False, user_id=None):
    source = ImportSource.objects.get(pk=source_id)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return run_source(source, dry_run=dry_run, user=user).pk


@task()
def sync_due_sources():
    return [run_source(source).pk for source in ImportSource.objects.filter(is_active=True) if source.is_due()]
