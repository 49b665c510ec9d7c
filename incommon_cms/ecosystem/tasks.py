"""Scheduled jobs (django-tasks): run them from cron through the management commands, or enqueue them."""

from django_tasks import task

from .figures import store_all
from .reminders import send_reminders


@task()
def compute_ecosystem_figures():
    return store_all().isoformat()


@task()
def send_freshness_reminders():
    report = send_reminders()
    return {"emails": report.emails, "profiles": report.profiles, "unclaimed": report.unclaimed}
