"""The import engine: read a source, map each record, and create or update directory profiles.

Each row is its own unit: it is mapped, repaired and checked (`cleaning.clean_row`), then written inside its own
savepoint, so a bad row (an impossible coordinate, a website that is no web address) is reported with its reason
and the other rows are imported; the run is then *partial* and its counters count what was written. A row in
error leaves no record, so the next run tries it again. A source set to *all or nothing* writes nothing when any
row fails; its report then says which rows would have been written, and counts none of them as written. A dry run
is rolled back at the end, so its report shows exactly what the real run will write. Upserts are keyed by
(source, external id) and a content hash of the mapped values skips unchanged rows without touching the page.

A new row that looks like an existing profile (same website or e-mail, or a similar name close by: the scoring of
`duplicates.py`) is not created as a second profile: the report names the profile it matches, and the source's
*create possible duplicates* option creates it anyway.

Changes to a claimed profile (one with members) follow the source's conflict policy: the source wins (publish),
local edits win (fields the collective changed since the last import are kept), or the change is proposed (a
revision submitted to the page's moderation workflow).

Records that leave the source are withdrawn, never deleted: an unclaimed profile fed by no other source is
unpublished, with the reason in its history; a claimed one stays published. A record that comes back is restored
(and republished if the synchronisation had unpublished it). A profile that moderators deleted leaves a tombstone
record, so it is not created again; one they unpublished is not published again.

Calendar sources (iCalendar) go through the agenda's importer: see `calendars.py`. Their runner is registered in
`RUNNERS` by the app's `ready()` (calendars.py builds on this module, so this module does not import it).
"""

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import nh3
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page, Revision
from wagtail.signals import page_published

from incommon_cms.core.slugs import unique_slug
from incommon_cms.core.text import text_to_html
from incommon_cms.directory.models import (
    AlternativePage,
    Category,
    DirectoryIndexPage,
    GoodAddressPage,
    PlacePage,
)
from incommon_cms.directory.service_area import check_point
from incommon_cms.governance import publishing
from incommon_cms.governance.decisions import record_decision
from incommon_cms.governance.models import Decision, Membership
from incommon_cms.governance.submissions import submit_revision

from .cleaning import RowError, clean_row, without_nul
from .duplicates import ExistingProfiles
from .mapping import apply_mapping, as_text, label_key, lookup
from .models import ImportedRecord, ImportRun, ImportSource
from .parsers import SourceError, read_records

logger = logging.getLogger("incommon.commons")

PROFILE_MODELS = {"alternative": AlternativePage, "place": PlacePage, "good_address": GoodAddressPage}
TRUE_WORDS = {"1", "true", "yes", "oui", "ja", "x", "y", "vrai", "waar"}
FALSE_WORDS = {"0", "false", "no", "non", "nee", "", "faux", "onwaar"}

CREATED = "created"
UPDATED = "updated"
PROPOSED = "proposed"
UNCHANGED = "unchanged"
SKIPPED = "skipped"
WITHDRAWN = "withdrawn"
ERROR = "error"
WRITTEN = {CREATED, UPDATED, PROPOSED, WITHDRAWN}
WITHDRAWN_ACTION = "commons.withdrawn"
RESTORED_ACTION = "commons.restored"


@dataclass
class RowReport:
    row: int
    external_id: str = ""
    title: str = ""
    status: str = ""
    reason: str = ""
    fields: list = field(default_factory=list)
    profile_id: int | None = None


def content_hash(values: dict, source: ImportSource) -> str:
    payload = json.dumps(
        {"values": values, "mapping": source.mapping, "type": source.profile_type}, sort_keys=True, default=str
    )
    return hashlib.sha256(payload.encode()).hexdigest()


# What the site's rich text editor makes (Wagtail's default features): imported HTML keeps its structure and its
# links; styles, spans, scripts and anything else are dropped.
RICH_TEXT_TAGS = {"p", "br", "h2", "h3", "h4", "b", "strong", "i", "em", "ul", "ol", "li", "a", "blockquote", "hr"}


def rich_text(value: Any) -> str:
    text = as_text(value)
    if not text:
        return ""
    if "<" in text and ">" in text:
        return nh3.clean(text, tags=RICH_TEXT_TAGS, attributes={"a": {"href"}})
    return text_to_html(text)


def current_value(page: Page, name: str) -> Any:
    """A profile's value for a field, in the shape the mapping produces, to compare with imported values."""
    if name == "categories":
        return sorted(category.slug for category in page.categories.all())
    if name == "tags":
        return sorted(tag.name for tag in page.tags.all())
    if name == "languages":
        return list(page.languages or [])
    value = getattr(page, name)
    if name == "description":
        return value
    return as_text(value)


def comparable(name: str, value: Any) -> Any:
    if name in ("categories", "tags"):
        return sorted(value or [])
    if name == "languages":
        return list(value or [])
    if name == "description":
        return rich_text(value)
    return as_text(value)


def to_python(model_field: models.Field, value: Any) -> Any:
    if isinstance(model_field, models.BooleanField):
        word = as_text(value).lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValidationError(_("“%(value)s” is not yes or no.") % {"value": value})
    if value in ("", None) and model_field.null:
        return None
    if value in ("", None):
        return "" if not isinstance(model_field, (models.IntegerField, models.FloatField)) else None
    return model_field.to_python(value)


def assign_values(page: Page, values: dict, categories: dict[str, Category]) -> None:
    """Set mapped values on a page and validate them as the model does; errors name the field.

    Shared by imports and the partners' write API, so both accept exactly the same data.
    """
    errors = {}
    for name, value in values.items():
        if name in ("categories", "tags", "latitude", "longitude"):
            continue
        model_field = page._meta.get_field(name)
        try:
            if name == "description":
                setattr(page, name, rich_text(value))
            elif name == "languages":
                setattr(page, name, [code.lower() for code in value])
            else:
                setattr(page, name, to_python(model_field, value))
        except ValidationError as error:
            errors[name] = error.messages
    if "latitude" in values or "longitude" in values:
        try:
            latitude = float(str(values.get("latitude", "")).replace(",", "."))
            longitude = float(str(values.get("longitude", "")).replace(",", "."))
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                raise ValueError
            check_point(latitude, longitude, capfirst(page._meta.get_field("latitude").verbose_name))
            page.set_point(latitude, longitude)
        except ValueError:
            if as_text(values.get("latitude")) or as_text(values.get("longitude")):
                errors["latitude"] = [_("Invalid coordinates.")]
        except ValidationError as error:
            errors["latitude"] = error.messages
    unknown = [slug for slug in values.get("categories", []) if slug not in categories]
    if unknown:
        errors["categories"] = [_("Unknown category “%(value)s”.") % {"value": ", ".join(unknown)}]
    if errors:
        raise ValidationError(errors)
    checked = [name for name in values if name not in ("categories", "tags", "latitude", "longitude")]
    page.clean_fields(exclude=[f.name for f in page._meta.fields if f.name not in [*checked, "title"]])
    if "categories" in values:
        page.categories = [categories[slug] for slug in values["categories"]]
    if "tags" in values:
        page.tags.set([tag[:100] for tag in values["tags"]])


class Engine:
    def __init__(self, source: ImportSource, *, user: AbstractBaseUser | None = None) -> None:
        self.source = source
        self.user = user
        self.model = PROFILE_MODELS[source.profile_type]
        self.index = DirectoryIndexPage.objects.filter(locale_id=source.locale_id).first()
        self.categories = {category.slug: category for category in Category.objects.filter(locale_id=source.locale_id)}
        self.records = {}
        self.existing = None
        # Category names in every language lead to the slug (the same in every language) of this language's one.
        self.category_labels = {
            label_key(label): slug
            for slug, name in Category.objects.filter(slug__in=self.categories).values_list("slug", "name")
            for label in (name, slug)
        }

    def possible_duplicates(self, page: Page) -> list:
        """Profiles from elsewhere (not fed by this source, which keeps its records apart by their identifier) that
        the new page looks like, as they were when the run started."""
        if self.existing is None:
            own = [record.profile_id for record in self.records.values() if record.profile_id]
            self.existing = ExistingProfiles(self.source.locale_id, exclude_pks=own)
        return self.existing.matches(page)

    def load_records(self) -> None:
        """The source's records, read once the run holds the source's lock (see `run`)."""
        self.records = {record.external_id: record for record in self.source.records.all()}

    def assign(self, page: Page, values: dict) -> None:
        assign_values(page, values, self.categories)

    def reset_location_if_moved(self, page: Page, values: dict, changed: list[str]) -> None:
        """When a source without coordinates changes the postcode, let the geocoder place the profile again."""
        if "postcode" in changed and "latitude" not in values:
            page.location, page.latitude, page.longitude, page.commune = "", None, None, None

    def create(self, report: RowReport, values: dict, digest: str) -> None:
        if self.index is None:
            raise RowError(_("There is no directory page in this language yet."))
        page = self.model(locale_id=self.source.locale_id, data_licence=self.source.licence)
        self.assign(page, values)
        if not self.source.create_possible_duplicates:
            matches = self.possible_duplicates(page)
            if matches:
                existing, reasons = matches[0]
                report.status, report.profile_id = SKIPPED, existing.pk
                report.reason = " ".join(
                    part
                    for part in [
                        report.reason,
                        _(
                            "Possible duplicate of “%(title)s” (%(reasons)s): not created. To create it anyway, "
                            "tick “create possible duplicates” on the source."
                        )
                        % {"title": existing.title, "reasons": ", ".join(reasons)},
                    ]
                    if part
                )
                return
        page.slug = unique_slug(self.index, page.title, fallback="profile")
        # Created live with its first revision as the live one: what publishing does, in one save instead of three.
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = timezone.now()
        self.index.add_child(instance=page)
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            user=self.user,
            content=page.serializable_data(),
            object_str=str(page),
        )
        type(page).objects.filter(pk=page.pk).update(
            live_revision=revision,
            latest_revision=revision,
            latest_revision_created_at=revision.created_at,
            draft_title=page.title,
        )
        page.live_revision = page.latest_revision = revision
        page_published.send(sender=type(page), instance=page, revision=revision)
        ImportedRecord.objects.create(
            source=self.source,
            external_id=report.external_id,
            profile=page,
            title=page.title[:255],
            content_hash=digest,
            values=values,
        )
        report.status, report.profile_id, report.fields = CREATED, page.pk, sorted(values)

    def update(self, report: RowReport, record: ImportedRecord, values: dict, digest: str) -> None:
        # Read the profile under a row lock: an edit published while the sync runs is either committed before
        # (and seen here) or waits until this run commits; it is never overwritten by a stale copy.
        page = Page.objects.select_for_update().get(pk=record.profile_id).specific
        report.profile_id = page.pk
        if not page.live:
            report.status = SKIPPED
            report.reason = _("The profile was unpublished on the platform: the source does not publish it again.")
            return
        previous = record.values or {}
        changed = [name for name in values if comparable(name, values[name]) != comparable(name, previous.get(name))]
        claimed = Membership.objects.filter(profile__translation_key=page.translation_key).exists()
        policy = self.source.conflict_policy if claimed else ImportSource.SOURCE_WINS
        kept = []
        if policy == ImportSource.LOCAL_WINS:
            kept = [name for name in changed if current_value(page, name) != comparable(name, previous.get(name))]
            changed = [name for name in changed if name not in kept]
        if claimed:
            # A collective's own profile changes only through its moderators' approval, whatever the source says.
            policy = ImportSource.PROPOSE
            page = page.get_latest_revision_as_object()
        to_apply = {name: values[name] for name in changed}
        if "latitude" in to_apply or "longitude" in to_apply:
            to_apply.update({name: values.get(name, "") for name in ("latitude", "longitude")})
        self.reset_location_if_moved(page, values, changed)
        self.assign(page, to_apply)
        if changed and policy == ImportSource.PROPOSE:
            submit_revision(page, self.user)
            report.status = PROPOSED
            report.reason = _("The profile is claimed: the change waits for moderation.")
        elif changed:
            page.save_revision(user=self.user, log_action=False).publish(user=self.user, log_action=False)
            report.status = UPDATED
        else:
            report.status = SKIPPED
        if kept:
            report.reason = _("Kept the collective's own edits of: %(fields)s.") % {"fields": ", ".join(kept)}
        record.values, record.content_hash, record.last_changed_at = values, digest, timezone.now()
        record.title = page.title[:255]
        record.save(update_fields=["values", "content_hash", "last_changed_at", "title"])
        report.fields = sorted(changed)

    def restore(self, report: RowReport, record: ImportedRecord, values: dict, digest: str) -> None:
        """A withdrawn record is back in the source: republish what its withdrawal unpublished, then update."""
        republished = []
        for page in Page.objects.filter(pk__in=record.unpublished_pages, live=False).specific():
            revision = page.get_latest_revision()
            if revision is not None:
                revision.publish(user=self.user, log_action=False)
                log(instance=page, action=RESTORED_ACTION, user=self.user, data={"source": self.source.name})
                republished.append(page.pk)
        record.state, record.state_reason, record.state_changed_at = ImportedRecord.ACTIVE, "", timezone.now()
        record.unpublished_pages = []
        record.save(update_fields=["state", "state_reason", "state_changed_at", "unpublished_pages"])
        report.profile_id = record.profile_id
        if record.content_hash != digest:
            self.update(report, record, values, digest)
        else:
            report.status = UPDATED
        back = _("Back in the source: published again.") if republished else _("Back in the source.")
        report.reason = " ".join(part for part in [back, report.reason] if part)

    def withdraw(self, number: int, record: ImportedRecord) -> RowReport:
        """The record is no longer in the source: unpublish its profile unless someone else still stands for it."""
        page = record.profile.specific
        report = RowReport(row=number, external_id=record.external_id, title=page.title, status=WITHDRAWN)
        report.profile_id = page.pk
        others = sorted(
            set(
                ImportedRecord.objects.filter(
                    profile__translation_key=page.translation_key, state=ImportedRecord.ACTIVE
                )
                .exclude(pk=record.pk)
                .values_list("source__name", flat=True)
            )
        )
        claimed = Membership.objects.filter(profile__translation_key=page.translation_key).exists()
        unpublished = []
        if others:
            report.reason = _("No longer in the source; kept published, still provided by: %(sources)s.") % {
                "sources": ", ".join(others)
            }
        elif claimed:
            report.reason = _("No longer in the source; kept published because its collective has claimed it.")
        else:
            report.reason = _("No longer in the source: unpublished.")
            for translation in page.get_translations(inclusive=True).live().specific():
                translation.unpublish(user=self.user, log_action=False)
                log(
                    instance=translation,
                    action=WITHDRAWN_ACTION,
                    user=self.user,
                    data={"source": self.source.name, "reason": report.reason},
                )
                unpublished.append(translation.pk)
        record.state, record.state_reason, record.state_changed_at = (
            ImportedRecord.WITHDRAWN,
            report.reason,
            timezone.now(),
        )
        record.unpublished_pages = unpublished
        record.title = page.title[:255]
        record.save(update_fields=["state", "state_reason", "state_changed_at", "unpublished_pages", "title"])
        return report

    def process(self, number: int, raw: dict, seen: set[str]) -> RowReport:
        report = RowReport(row=number)
        raw = without_nul(raw)
        report.external_id = as_text(lookup(raw, self.source.id_field))
        if raw.get("_skip"):
            report.status, report.reason = SKIPPED, raw["_skip"]
            return report
        if not report.external_id:
            report.status = SKIPPED
            if lookup(raw, self.source.id_field) is None:
                columns = ", ".join(str(name) for name in raw if not str(name).startswith("_"))
                report.reason = _(
                    "There is no column “%(column)s” for the identifier: choose the source's identifier column among "
                    "%(columns)s."
                ) % {"column": self.source.id_field, "columns": columns}
            else:
                report.reason = _("No identifier in column “%(column)s”.") % {"column": self.source.id_field}
            return report
        if report.external_id in seen:
            report.status = SKIPPED
            report.reason = _("The identifier appears more than once; only the first row was used.")
            return report
        seen.add(report.external_id)
        record = self.records.get(report.external_id)
        if record is not None and (record.state == ImportedRecord.DELETED or record.profile_id is None):
            report.status, report.title = SKIPPED, record.title
            when = date_format(
                timezone.localtime(record.state_changed_at or record.last_changed_at), "SHORT_DATE_FORMAT"
            )
            report.reason = _("The profile was deleted on the platform on %(date)s; it is not created again.") % {
                "date": when
            }
            return report
        values, warnings = apply_mapping(raw, self.source.mapping, self.category_labels)
        report.title = as_text(values.get("title"))[:255]
        try:
            values, repairs = clean_row(self.model, values)
        except RowError as error:
            report.status, report.reason = ERROR, " ".join([*warnings, str(error)])
            return report
        report.title = as_text(values.get("title"))[:255]
        report.reason = " ".join(warnings + repairs)
        digest = content_hash(values, self.source)
        if record is not None and record.content_hash == digest and record.state == ImportedRecord.ACTIVE:
            report.status, report.profile_id = UNCHANGED, record.profile_id
            return report
        try:
            with transaction.atomic():
                if record is None:
                    self.create(report, values, digest)
                elif record.state == ImportedRecord.WITHDRAWN:
                    self.restore(report, record, values, digest)
                else:
                    self.update(report, record, values, digest)
        except ValidationError as error:
            report.status = ERROR
            report.reason = " ".join(part for part in [report.reason, describe(error, self.model)] if part)
        except RowError as error:
            report.status = ERROR
            report.reason = " ".join(part for part in [report.reason, str(error)] if part)
        if report.status == ERROR:
            report.fields, report.profile_id = [], record.profile_id if record is not None else None
        return report

    def missing_records(self, seen: set[str]) -> list[ImportedRecord]:
        """Active records this run did not see: withdrawn once every row went through. API-made ones stay."""
        return [
            record
            for record in self.records.values()
            if record.state == ImportedRecord.ACTIVE
            and record.profile_id is not None
            and record.external_id not in seen
            and not record.external_id.startswith("api:")
        ]

    def run(self, *, dry_run: bool = False) -> ImportRun:
        run = new_run(self.source, self.user, dry_run)
        started = time.monotonic()
        try:
            raw_records = read_records(self.source)
        except SourceError as error:
            return fail_run(run, str(error))
        if not raw_records and self.source.records.filter(state=ImportedRecord.ACTIVE).exists():
            return fail_run(
                run,
                _(
                    "The source gave no records at all: nothing was changed nor withdrawn. If it is really empty "
                    "now, deactivate it instead."
                ),
            )
        reports, seen = [], set()
        with transaction.atomic():
            # Two runs of the same source (a scheduled sync and a click on "Apply") never interleave: the second
            # waits for the first to commit, then sees its records and finds the rows unchanged.
            list(ImportSource.objects.select_for_update().filter(pk=self.source.pk).values_list("pk", flat=True))
            self.load_records()
            for number, raw in enumerate(raw_records, start=1):
                reports.append(self.process(number, raw, seen))
            failed = any(report.status == ERROR for report in reports)
            all_or_nothing = self.source.all_or_nothing
            # A row in error is in `seen`: its profile is not withdrawn because one run could not read it.
            for number, record in enumerate(self.missing_records(seen), start=len(reports) + 1):
                reports.append(self.withdraw(number, record))
            if dry_run or (failed and all_or_nothing):
                transaction.set_rollback(True)
        if failed and all_or_nothing and not dry_run:
            not_written(reports)
        return finish_run(run, reports, started=started, user=self.user, partial=not all_or_nothing)


def new_run(source: ImportSource, user: AbstractBaseUser | None, dry_run: bool) -> ImportRun:
    return ImportRun(source=source, dry_run=dry_run, triggered_by=user if user else None)


def fail_run(run: ImportRun, message: str) -> ImportRun:
    run.status, run.message, run.finished_at = ImportRun.FAILED, message, timezone.now()
    run.save()
    return run


def not_written(reports: list[RowReport]) -> None:
    """An all-or-nothing run was rolled back: the rows it had written are reported as not written."""
    for report in reports:
        if report.status in WRITTEN:
            report.status = SKIPPED
            report.reason = " ".join(
                part
                for part in [report.reason, _("Not written: the source is all or nothing and another row failed.")]
                if part
            )


def finish_run(
    run: ImportRun,
    reports: list[RowReport],
    *,
    started: float,
    user: AbstractBaseUser | None,
    record_import: bool = True,
    partial: bool = False,
) -> ImportRun:
    """Count the row reports into the run, save it, and log a public decision for a real run that changed data.

    With `partial`, the rows without error were written and a run with errors is *partial*; otherwise a run with
    errors was rolled back and is *failed*."""
    for report in reports:
        counter = "errors" if report.status == ERROR else report.status
        setattr(run, counter, getattr(run, counter) + 1)
    run.report = [asdict(report) for report in reports]
    run.status = ImportRun.SUCCESS
    if run.errors and partial:
        run.status = ImportRun.PARTIAL
        written = run.created + run.updated + run.proposed + run.withdrawn
        if run.dry_run:
            message = _("%(count)s row(s) have errors and will not be imported; the other rows will be.")
        elif written:
            message = _("%(count)s row(s) could not be imported; the other rows were imported.")
        else:
            message = _("%(count)s row(s) could not be imported; no other row needed a change.")
        run.message = message % {"count": run.errors}
    elif run.errors:
        run.status = ImportRun.FAILED
        run.message = _("%(count)s row(s) could not be imported: nothing of this run was written.") % {
            "count": run.errors
        }
    run.finished_at = timezone.now()
    run.save()
    logger.info(
        "Import %s (%s): %s in %.1fs",
        run.source,
        "dry run" if run.dry_run else "run",
        run.status,
        time.monotonic() - started,
    )
    changed = run.created or run.updated or run.proposed or run.withdrawn
    if record_import and not run.dry_run and run.status != ImportRun.FAILED and changed:
        record_decision(
            action=Decision.IMPORT,
            actor=user,
            target=run.source,
            details={key: getattr(run, key) for key in ("created", "updated", "proposed", "withdrawn")},
        )
    return run


def describe(error: ValidationError, model: type[models.Model]) -> str:
    """One readable sentence from a validation error, naming fields by their label."""
    if not hasattr(error, "message_dict"):
        return " ".join(error.messages)
    parts = []
    for name, messages in error.message_dict.items():
        try:
            label = model._meta.get_field(name).verbose_name
        except Exception:
            label = name
        parts.append(f"{label}: {' '.join(messages)}")
    return " ".join(parts)


# Runners of the kinds of source that do not make directory profiles, by kind: `runner(source, user=...)` has a
# `run(dry_run=...)` giving the ImportRun. Filled by CommonsConfig.ready() (calendars.py).
RUNNERS: dict[str, Callable[..., Any]] = {}


def run_source(source: ImportSource, *, dry_run: bool = False, user: AbstractBaseUser | None = None) -> ImportRun:
    """Run (or dry-run) one import source and return its `ImportRun` with the per-row report.

    The run publishes and withdraws records nobody claimed under the import authority (its run is logged); a claimed
    profile's change is proposed to the co-governance workflow instead (`Engine.update`).
    """
    with publishing.authority(publishing.IMPORT):
        runner = RUNNERS.get(source.kind, Engine)
        return runner(source, user=user).run(dry_run=dry_run)
