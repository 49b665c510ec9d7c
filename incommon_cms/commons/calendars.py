"""Calendar sources: an iCalendar file or address whose events feed the agenda, the platform's one calendar pipeline.

Every calendar the platform reads is an `ImportSource` of kind `ical`: the ones administrators add in the admin and
the ones members subscribe to from the agenda ("Subscribed calendars", `subscribe`). They are synchronised like any
source: by its schedule (`manage.py sync_sources --due`), by hand, or as a dry run; each run is an `ImportRun`.

The parsing and the upsert of events by UID are `agenda.ics_import.import_calendar`'s; this module gives the run
the commons' shape: the source's bytes (file, or address through `core.fetch`), a dry run, one report row per
event (created, updated, unchanged, error, withdrawn), the same counts and the same all-or-nothing rule (an event
that cannot be read is an error, and nothing of the run is written). The run's messages are written in the
language of the source (for a subscribed calendar, its collective's).

Imported events point to their source (`EventPage.source`). The source's events are those in the agenda of the
source's language: their translations and untranslated copies in other languages carry the same UID and source,
and are never mistaken for them. An event that leaves the calendar before it has taken place is unpublished with
the reason in its history, in every language; past events that leave it are kept (many calendars drop them).
An event that comes back is published again, with the translations its withdrawal unpublished.
"""

import time

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from agenda.ics_import import (
    CalendarError,
    ParsedEvent,
    SkippedEvent,
    agenda_for,
    import_calendar,
    parse_calendar,
    read_events,
)
from agenda.models import AgendaIndexPage, EventPage
from incommon_cms.directory.models import ProfilePage

from .engine import (
    CREATED,
    ERROR,
    SKIPPED,
    UNCHANGED,
    UPDATED,
    WITHDRAWN,
    WITHDRAWN_ACTION,
    RowReport,
    fail_run,
    finish_run,
    new_run,
)
from .models import ImportRun, ImportSource
from .parsers import SourceError, source_bytes

NAME_LENGTH = ImportSource._meta.get_field("name").max_length


class CalendarEngine:
    def __init__(self, source: ImportSource, *, user: AbstractBaseUser | None = None) -> None:
        self.source = source
        self.user = user

    def index(self) -> AgendaIndexPage | None:
        """The agenda the events go to: the one in the source's language, else the organiser's."""
        index = AgendaIndexPage.objects.filter(locale_id=self.source.locale_id).first()
        return index or agenda_for(self.source.organiser)

    def snapshot(self, index: AgendaIndexPage) -> dict[str, EventPage]:
        """The source's events by UID, in the agenda it writes to (not their copies in other languages)."""
        events = EventPage.objects.child_of(index).filter(source=self.source)
        return {event.remote_uid: event for event in events.only("pk", "remote_uid", "remote_hash", "live", "title")}

    def run(self, *, dry_run: bool = False) -> ImportRun:
        with override(self.source.locale.language_code):
            return self._run(dry_run=dry_run)

    def _run(self, *, dry_run: bool) -> ImportRun:
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
        index = self.index()
        if index is None:
            return fail_run(run, _("There is no agenda page to import the events into."))
        reports, failure = [], ""
        with transaction.atomic():
            # Two runs of the same source never interleave (as in `Engine.run`).
            list(ImportSource.objects.select_for_update().filter(pk=self.source.pk).values_list("pk", flat=True))
            before = self.snapshot(index)
            result = import_calendar(
                data, organiser=organiser, source=self.source, index_page=index, user=self.user, remove_missing=False
            )
            if not result.ok:
                transaction.set_rollback(True)
                failure = result.reason
            else:
                reports = self.rows(parsed, skipped, before, self.snapshot(index), linked=result.linked)
            failed = bool(failure) or any(report.status == ERROR for report in reports)
            if dry_run or failed:
                transaction.set_rollback(True)
        if failure:
            return fail_run(run, failure)
        # import_calendar logs its own public decision for the events it changed.
        return finish_run(run, reports, started=started, user=self.user, record_import=False)

    def rows(
        self,
        parsed: dict[str, ParsedEvent],
        skipped: dict[str, SkippedEvent],
        before: dict[str, EventPage],
        after: dict[str, EventPage],
        *,
        linked: dict[str, int] | None = None,
    ) -> list[RowReport]:
        """One report row per event of the calendar, then the upcoming events withdrawn because they left it.

        An event already in the agenda under the same UID (born here, or from another calendar) is linked: its row
        is skipped with the reason, and it is neither duplicated nor withdrawn by this source."""
        reports, linked = [], linked or {}
        for number, (uid, item) in enumerate(parsed.items(), start=1):
            event, previous = after.get(uid), before.get(uid)
            report = RowReport(row=number, external_id=uid, title=item.values["title"], reason=item.cap_note)
            report.profile_id = event.pk if event else None
            if uid in linked:
                report.status, report.profile_id = SKIPPED, linked[uid]
                report.reason = _("Already in the agenda with the same UID: linked, not duplicated.")
            elif previous is None:
                report.status = CREATED
            elif previous.remote_hash != event.remote_hash or not previous.live:
                report.status = UPDATED
                if not previous.live:
                    self.restore_translations(event)
            else:
                report.status = UNCHANGED
            reports.append(report)
        for uid, event in sorted(skipped.items()):
            reports.append(
                RowReport(row=len(reports) + 1, external_id=uid, title=event.title, status=ERROR, reason=event.reason)
            )
        if not any(report.status == ERROR for report in reports):
            gone = [event for uid, event in after.items() if uid not in parsed and event.live]
            for event in gone:
                report = self.withdraw(event, len(reports) + 1)
                if report is not None:
                    reports.append(report)
        return reports

    def withdraw(self, event: EventPage, number: int) -> RowReport | None:
        """Unpublish an upcoming event that left the calendar, in every language; a past one stays as it is."""
        event = event.specific
        last = event.series_end if event.rrule else (event.end or event.start)
        if event.rrule and event.series_end is None:
            last = None  # a series without end
        if last is not None and last < timezone.now():
            return None
        reason = _("No longer in the calendar: unpublished.")
        translations = list(event.get_translations(inclusive=False).live().specific())
        for page in [event, *translations]:
            # Unpublishing the event unpublishes its untranslated copies (Wagtail aliases) with it.
            if not type(page).objects.filter(pk=page.pk, live=True).exists():
                continue
            page.unpublish(user=self.user, log_action=False)
            log(
                instance=page,
                action=WITHDRAWN_ACTION,
                user=self.user,
                data={"source": self.source.name, "reason": reason},
            )
        return RowReport(
            row=number,
            external_id=event.remote_uid,
            title=event.title,
            status=WITHDRAWN,
            reason=reason,
            profile_id=event.pk,
        )

    def restore_translations(self, event: EventPage) -> None:
        """The event is back in the calendar: publish again the translations its withdrawal unpublished."""
        for page in event.get_translations(inclusive=False).filter(live=False, alias_of__isnull=True).specific():
            last = PageLogEntry.objects.filter(page=page).order_by("-timestamp", "-pk").first()
            revision = page.get_latest_revision()
            if last is not None and last.action == WITHDRAWN_ACTION and revision is not None:
                revision.publish(user=self.user, log_action=False)


def unique_source_name(name: str, *, exclude: ImportSource | None = None) -> str:
    """`name` fitted to a source's name, numbered when another source has it (source names are unique)."""
    base = name.strip()[:NAME_LENGTH] or _("Calendar")
    others = ImportSource.objects.exclude(pk=exclude.pk) if exclude is not None else ImportSource.objects.all()
    candidate, number = base, 2
    while others.filter(name=candidate).exists():
        suffix = f" ({number})"
        candidate, number = base[: NAME_LENGTH - len(suffix)] + suffix, number + 1
    return candidate


def subscribe(
    *, name: str, organiser: ProfilePage, url: str = "", file=None, user: AbstractBaseUser | None = None
) -> ImportSource:
    """The calendar source a member subscribes from the agenda for their collective.

    An address is synchronised every day; an uploaded file is read when added and on demand. The events are the
    collective's, under the licence of its data, credited to it."""
    source = ImportSource(
        name=unique_source_name(name),
        kind=ImportSource.ICAL,
        locale_id=organiser.locale_id,
        url=url,
        organiser=organiser,
        licence=organiser.data_licence,
        attribution=organiser.title[:255],
        schedule=ImportSource.DAILY if url else ImportSource.MANUAL,
        created_by=user,
    )
    if file is not None:
        source.file = file
    source.full_clean()
    source.save()
    return source


def change_subscription(
    source: ImportSource, *, name: str, organiser: ProfilePage, url: str = "", file=None
) -> ImportSource:
    """Change a subscribed calendar from the agenda: an address replaces the file and is synchronised every day; a
    new file replaces the address. The next run reads the new calendar (events are still matched by UID)."""
    source.name = unique_source_name(name, exclude=source)
    source.organiser = organiser
    source.locale_id = organiser.locale_id
    source.attribution = organiser.title[:255]
    if url:
        source.url, source.file, source.schedule = url, None, ImportSource.DAILY
    elif file is not None:
        source.url, source.file, source.schedule = "", file, ImportSource.MANUAL
    source.full_clean()
    source.save()
    return source
