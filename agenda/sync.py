"""Synchronising subscribed calendars: fetch (URL or uploaded file), import, keep the run report."""

import logging

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from incommon_cms.commons import fetch as fetching
from incommon_cms.core.limits import TooLarge, read_file

from .ics_import import RunReport, import_calendar
from .models import CalendarFeed, CalendarSyncRun

logger = logging.getLogger("incommon.agenda.sync")


class FetchError(Exception):
    pass


def fetch(url):
    """The bytes at `url`, by the platform's one downloader (`commons.fetch`). Raises FetchError."""
    try:
        return fetching.fetch(url, "calendar")[1]
    except fetching.FetchError as error:
        if isinstance(error.__cause__, TooLarge):
            raise FetchError(str(error)) from error
        raise FetchError(_("The calendar could not be reached: %(error)s") % {"error": error}) from error


def read_source(feed):
    if feed.url:
        return fetch(feed.url)
    if feed.file:
        try:
            return read_file(feed.file, "calendar")
        except TooLarge as error:
            raise FetchError(str(error)) from error
    raise FetchError(_("This calendar has neither an address nor a file."))


def sync_feed(feed, user=None):
    """Run one synchronisation of `feed` and keep its report (a CalendarSyncRun)."""
    started = timezone.now()
    with override(feed.organiser.locale.language_code):
        try:
            report = import_calendar(read_source(feed), organiser=feed.organiser, feed=feed, user=user)
        except FetchError as error:
            report = RunReport(ok=False, reason=str(error))
    run = CalendarSyncRun.objects.create(
        feed=feed,
        started_at=started,
        finished_at=timezone.now(),
        ok=report.ok,
        created=report.created,
        updated=report.updated,
        removed=report.removed,
        unchanged=report.unchanged,
        reason=report.reason,
        errors=report.errors,
    )
    CalendarFeed.objects.filter(pk=feed.pk).update(last_run_at=run.finished_at, last_run_ok=run.ok)
    feed.last_run_at, feed.last_run_ok = run.finished_at, run.ok
    if not report.ok:
        logger.warning("Calendar %s not synchronised: %s", feed.pk, report.reason)
    return run


def sync_all(feeds=None):
    """Synchronise every active subscribed calendar; one failure never stops the others."""
    runs = []
    for feed in feeds if feeds is not None else CalendarFeed.objects.filter(active=True).select_related("organiser"):
        runs.append(sync_feed(feed))
    return runs
