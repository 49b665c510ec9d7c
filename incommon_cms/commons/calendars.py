"""Calendar sources: an iCalendar file or URL whose events feed the agenda, through the agenda's own importer.

The parsing and the upsert of events by UID are `agenda.ics_import.import_calendar`'s; this module only gives
the run the commons' shape: the source's bytes (file or URL), a dry run, one report row per event (created,
updated, unchanged, error, withdrawn), the same counts and the same all-or-nothing rule (an event that cannot be
read is an error, and nothing of the run is written).

Each calendar source has an agenda `CalendarFeed` (created on its first run, not synchronised by the agenda
itself) that its events point to, so they are told apart from the organiser's other calendars. An event that
leaves the calendar before it has taken place is unpublished with the reason in its history; past events that
leave it are kept (many calendars drop them).
"""

import time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.log_actions import log

from agenda.ics_import import CalendarError, import_calendar, parse_calendar, read_events
from agenda.models import AgendaIndexPage, CalendarFeed, EventPage

from .engine import (
    CREATED,
    ERROR,
    UNCHANGED,
    UPDATED,
    WITHDRAWN,
    WITHDRAWN_ACTION,
    RowReport,
    fail_run,
    finish_run,
    new_run,
)
from .parsers import SourceError, source_bytes


class CalendarEngine:
    def __init__(self, source, *, user=None):
        self.source = source
        self.user = user

    def feed(self):
        """The agenda's record of this calendar, kept in step with the source."""
        feed = self.source.calendar_feed
        if feed is None:
            feed = CalendarFeed(created_by=self.user)
        feed.name = self.source.name[:200]
        feed.organiser = self.source.organiser
        feed.url = self.source.url
        feed.file = self.source.file.name if self.source.file else ""
        feed.active = False  # the source's schedule synchronises it, not the agenda's daily run
        feed.save()
        if self.source.calendar_feed_id != feed.pk:
            self.source.calendar_feed = feed
            type(self.source).objects.filter(pk=self.source.pk).update(calendar_feed=feed)
        return feed

    def snapshot(self, feed):
        return {
            event.remote_uid: event
            for event in EventPage.objects.filter(feed=feed).only("pk", "remote_uid", "remote_hash", "live", "title")
        }

    def run(self, *, dry_run=False):
        run = new_run(self.source, self.user, dry_run)
        started = time.monotonic()
        organiser = self.source.organiser
        if organiser is None:
            return fail_run(run, _("Choose the collective whose events the calendar holds."))
        try:
            data = source_bytes(self.source)
            parsed, skipped = read_events(parse_calendar(data))
        except (SourceError, CalendarError) as error:
            return fail_run(run, str(error))
        index = AgendaIndexPage.objects.filter(locale_id=self.source.locale_id).first()
        reports, failure = [], ""
        with transaction.atomic():
            feed = self.feed()
            before = self.snapshot(feed)
            with override(self.source.locale.language_code):
                result = import_calendar(
                    data, organiser=organiser, feed=feed, index_page=index, user=self.user, remove_missing=False
                )
            if not result.ok:
                transaction.set_rollback(True)
                failure = result.reason
            else:
                reports = self.rows(parsed, skipped, before, self.snapshot(feed))
            failed = bool(failure) or any(report.status == ERROR for report in reports)
            if dry_run or failed:
                transaction.set_rollback(True)
        if dry_run or failed:
            self.source.refresh_from_db(fields=["calendar_feed"])  # the feed made by this run was rolled back
        if failure:
            return fail_run(run, failure)
        # import_calendar logs its own public decision for the events it changed.
        return finish_run(run, reports, started=started, user=self.user, record_import=False)

    def rows(self, parsed, skipped, before, after):
        """One report row per event of the calendar, then the upcoming events withdrawn because they left it."""
        reports = []
        for number, (uid, item) in enumerate(parsed.items(), start=1):
            event, previous = after.get(uid), before.get(uid)
            report = RowReport(row=number, external_id=uid, title=item.values["title"])
            report.profile_id = event.pk if event else None
            if previous is None:
                report.status = CREATED
            elif previous.remote_hash != event.remote_hash or not previous.live:
                report.status = UPDATED
            else:
                report.status = UNCHANGED
            reports.append(report)
        for uid, reason in sorted(skipped.items()):
            reports.append(RowReport(row=len(reports) + 1, external_id=uid, status=ERROR, reason=reason))
        if not any(report.status == ERROR for report in reports):
            gone = [event for uid, event in after.items() if uid not in parsed and event.live]
            for event in gone:
                report = self.withdraw(event, len(reports) + 1)
                if report is not None:
                    reports.append(report)
        return reports

    def withdraw(self, event, number):
        """Unpublish an upcoming event that left the calendar; a past one stays as it is."""
        event = event.specific
        last = event.series_end if event.rrule else (event.end or event.start)
        if event.rrule and event.series_end is None:
            last = None  # a series without end
        if last is not None and last < timezone.now():
            return None
        reason = _("No longer in the calendar: unpublished.")
        event.unpublish(user=self.user, log_action=False)
        log(
            instance=event, action=WITHDRAWN_ACTION, user=self.user, data={"source": self.source.name, "reason": reason}
        )
        return RowReport(
            row=number,
            external_id=event.remote_uid,
            title=event.title,
            status=WITHDRAWN,
            reason=reason,
            profile_id=event.pk,
        )
