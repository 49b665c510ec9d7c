"""Import sources, their runs, what they contributed to each profile, and partner API tokens.

The work (parsing, mapping, upserting, merging) lives in the service modules next to this one.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from incommon_cms.directory.models import DATA_LICENCE_CHOICES


class ImportSource(models.Model):
    """Where pooled data comes from, how its columns map onto profiles and how often it is synchronised."""

    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    GEOJSON = "geojson"
    SQL = "sql"
    API = "api"
    GOGOCARTO = "gogocarto"
    ICAL = "ical"
    KIND_CHOICES = [
        (CSV, _("CSV file")),
        (XLSX, _("Excel spreadsheet (XLSX)")),
        (JSON, _("JSON file")),
        (GEOJSON, _("GeoJSON file")),
        (SQL, _("SQL database (MySQL/MariaDB or PostgreSQL)")),
        (API, _("Remote JSON API")),
        (GOGOCARTO, _("GoGoCarto map (JSON export)")),
        (ICAL, _("Calendar (iCalendar): events for the agenda")),
    ]

    MANUAL = "manual"
    DAILY = "daily"
    WEEKLY = "weekly"
    SCHEDULE_CHOICES = [(MANUAL, _("Manual only")), (DAILY, _("Every day")), (WEEKLY, _("Every week"))]
    SCHEDULE_PERIODS = {DAILY: timedelta(days=1), WEEKLY: timedelta(days=7)}

    SOURCE_WINS = "source_wins"
    LOCAL_WINS = "local_wins"
    PROPOSE = "propose"
    CONFLICT_CHOICES = [
        (SOURCE_WINS, _("The source wins: publish the imported values")),
        (LOCAL_WINS, _("Local edits win: keep the fields the collective changed")),
        (PROPOSE, _("Propose: submit the change to moderation")),
    ]

    PROFILE_TYPE_CHOICES = [
        ("alternative", _("Alternatives")),
        ("place", _("Places")),
        ("good_address", _("Good addresses")),
    ]
    ENCODING_CHOICES = [("", _("Detect automatically")), ("utf-8", "UTF-8"), ("latin-1", "Latin-1 (ISO-8859-1)")]

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind of source"), max_length=20, choices=KIND_CHOICES)
    profile_type = models.CharField(_("creates"), max_length=20, choices=PROFILE_TYPE_CHOICES, default="alternative")
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("language of the data"),
    )
    file = models.FileField(_("file"), upload_to="imports/", blank=True)
    url = models.URLField(_("address (URL)"), max_length=500, blank=True, help_text=_("For remote files and APIs."))
    database_url = models.CharField(
        _("database URL"),
        max_length=500,
        blank=True,
        help_text=_("For example mysql://reader:secret@db.example.org:3306/members or postgres://…"),
    )
    query = models.TextField(_("SQL query"), blank=True, help_text=_("A read-only SELECT query."))
    delimiter = models.CharField(
        _("CSV delimiter"), max_length=2, blank=True, help_text=_("Leave empty to detect it (, ; tab |).")
    )
    encoding = models.CharField(_("encoding"), max_length=10, blank=True, choices=ENCODING_CHOICES)
    records_path = models.CharField(
        _("path to the records"),
        max_length=200,
        blank=True,
        help_text=_("Dotted path to the list of records inside a JSON document, for example data.items."),
    )
    next_page_path = models.CharField(
        _("path to the next page"),
        max_length=200,
        blank=True,
        help_text=_("Dotted path to the URL of the next page in an API answer, for example links.next."),
    )
    id_field = models.CharField(
        _("identifier column"), max_length=100, default="id", help_text=_("The column that identifies a record.")
    )
    mapping = models.JSONField(
        _("field mapping"),
        default=list,
        blank=True,
        help_text=_(
            'A list of rules such as {"source": "Nom", "field": "title", "transform": "trim"}. '
            "Transforms: trim, split, categories (with values), combine (with parts), lower, upper."
        ),
    )
    licence = models.CharField(_("licence of the data"), max_length=20, choices=DATA_LICENCE_CHOICES)
    attribution = models.CharField(
        _("attribution"), max_length=255, help_text=_("How the source must be credited, e.g. © Réseau X.")
    )
    schedule = models.CharField(_("synchronisation"), max_length=10, choices=SCHEDULE_CHOICES, default=MANUAL)
    conflict_policy = models.CharField(
        _("conflicts with claimed profiles"), max_length=20, choices=CONFLICT_CHOICES, default=PROPOSE
    )
    organiser = models.ForeignKey(
        "directory.ProfilePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organiser of the events"),
        help_text=_("For calendars: the collective whose events these are."),
    )
    all_or_nothing = models.BooleanField(
        _("all or nothing"),
        default=False,
        help_text=_(
            "Write nothing when any row has an error. By default the good rows are imported and the rows in "
            "error are listed in the report, to be fixed in the source."
        ),
    )
    create_possible_duplicates = models.BooleanField(
        _("create possible duplicates"),
        default=False,
        help_text=_(
            "Create a new profile even when a row looks like an existing profile (same website or e-mail, "
            "or a similar name close by). By default such a row is not created and the report names the "
            "profile it matches."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The member who subscribed the calendar, for calendars added from the agenda.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("profile_type"), FieldPanel("locale")]),
                FieldPanel("is_active"),
            ],
            heading=_("Source"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("file"),
                FieldPanel("url"),
                FieldRowPanel([FieldPanel("delimiter"), FieldPanel("encoding")]),
                FieldPanel("database_url"),
                FieldPanel("query"),
                FieldRowPanel([FieldPanel("records_path"), FieldPanel("next_page_path")]),
                FieldPanel("organiser"),
            ],
            heading=_("Where the data is"),
        ),
        MultiFieldPanel([FieldPanel("id_field"), FieldPanel("mapping")], heading=_("Mapping")),
        MultiFieldPanel([FieldRowPanel([FieldPanel("licence"), FieldPanel("attribution")])], heading=_("Licence")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("schedule"), FieldPanel("conflict_policy")]),
                FieldRowPanel([FieldPanel("all_or_nothing"), FieldPanel("create_possible_duplicates")]),
            ],
            heading=_("Synchronisation"),
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("import source")
        verbose_name_plural = _("import sources")

    def __str__(self):
        return self.name

    def clean(self):
        from incommon_cms.core.limits import check_upload

        from .mapping import validate_mapping
        from .parsers import size_kind

        needs = {
            self.CSV: ("file", "url"),
            self.XLSX: ("file", "url"),
            self.JSON: ("file", "url"),
            self.GEOJSON: ("file", "url"),
            self.GOGOCARTO: ("file", "url"),
            self.ICAL: ("file", "url"),
            self.API: ("url",),
            self.SQL: ("database_url",),
        }.get(self.kind, ())
        errors = {}
        if needs and not any(getattr(self, name) for name in needs):
            errors["__all__"] = _("This kind of source needs a file, an address or a database URL.")
        if self.kind == self.SQL:
            if not self.database_url.split(":", 1)[0].startswith(("mysql", "mariadb", "postgres")):
                errors["database_url"] = _("Use a mysql://, mariadb:// or postgres:// URL.")
            if not self.query.strip().lower().startswith(("select", "with")):
                errors["query"] = _("Only SELECT queries are allowed.")
        if self.kind == self.ICAL and not self.organiser_id:
            errors["organiser"] = _("Choose the collective whose events the calendar holds.")
        if self.file and not getattr(self.file, "_committed", True):
            # A new upload: held to the same size limit as the data downloaded from an address (core.limits).
            try:
                check_upload(self.file, size_kind(self))
            except ValidationError as error:
                errors["file"] = error.messages
        mapping_errors = validate_mapping(self.mapping, self.profile_type) if self.kind != self.ICAL else []
        if mapping_errors:
            errors["mapping"] = mapping_errors
        if errors:
            raise ValidationError(errors)

    @property
    def last_run(self):
        return self.runs.filter(dry_run=False).first()

    def is_due(self, now=None):
        """Whether a scheduled synchronisation should run now."""
        period = self.SCHEDULE_PERIODS.get(self.schedule)
        if not self.is_active or period is None:
            return False
        last = self.runs.filter(dry_run=False, status__in=[ImportRun.SUCCESS, ImportRun.PARTIAL]).first()
        return last is None or last.started_at + period <= (now or timezone.now()) + timedelta(minutes=5)


class ImportRun(models.Model):
    """One execution of a source, dry or real, with its per-row report."""

    SUCCESS = "success"
    PARTIAL = "partial"
    FAILED = "failed"
    STATUS_CHOICES = [
        (SUCCESS, _("Succeeded")),
        (PARTIAL, _("Partial: the rows in error were not imported")),
        (FAILED, _("Failed: nothing written")),
    ]

    source = models.ForeignKey(ImportSource, on_delete=models.CASCADE, related_name="runs")
    dry_run = models.BooleanField(_("dry run"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    proposed = models.PositiveIntegerField(_("proposed"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    withdrawn = models.PositiveIntegerField(_("withdrawn"), default=0)
    errors = models.PositiveIntegerField(_("errors"), default=0)
    message = models.TextField(_("message"), blank=True)
    report = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self):
        return f"{self.source} – {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def duration(self):
        return (self.finished_at - self.started_at) if self.finished_at else None

    @property
    def total(self):
        return (
            self.created + self.updated + self.proposed + self.unchanged + self.skipped + self.withdrawn + self.errors
        )


class ImportedRecord(models.Model):
    """The link between a source's record and the profile it feeds: the key of idempotent upserts and provenance.

    It outlives its profile: when moderators delete an imported profile the record stays as a tombstone (state
    *deleted*, no profile), so the next synchronisation does not create the profile again. A record that is no
    longer in its source is *withdrawn*, with the reason and the pages the synchronisation unpublished.
    """

    ACTIVE = "active"
    WITHDRAWN = "withdrawn"
    DELETED = "deleted"
    STATE_CHOICES = [
        (ACTIVE, _("In the source")),
        (WITHDRAWN, _("No longer in the source")),
        (DELETED, _("Profile deleted on the platform")),
    ]

    source = models.ForeignKey(ImportSource, on_delete=models.CASCADE, related_name="records")
    external_id = models.CharField(max_length=255)
    profile = models.ForeignKey(
        "directory.ProfilePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="imported_records"
    )
    title = models.CharField(_("title"), max_length=255, blank=True, help_text="Kept for tombstones.")
    content_hash = models.CharField(max_length=64)
    values = models.JSONField(default=dict, help_text="The values this source last gave, per profile field.")
    first_imported_at = models.DateTimeField(auto_now_add=True)
    last_changed_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(_("state"), max_length=10, choices=STATE_CHOICES, default=ACTIVE)
    state_reason = models.CharField(_("reason"), max_length=500, blank=True)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    unpublished_pages = models.JSONField(
        default=list, blank=True, help_text="Ids of the pages the synchronisation unpublished when withdrawing."
    )

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        constraints = [models.UniqueConstraint(fields=["source", "external_id"], name="unique_record_per_source")]

    def __str__(self):
        return f"{self.source}:{self.external_id}"


class DismissedDuplicate(models.Model):
    """A pair of profiles a moderator declared distinct, so it is not listed again."""

    first = models.ForeignKey("directory.ProfilePage", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("directory.ProfilePage", on_delete=models.CASCADE, related_name="+")
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="unique_dismissed_pair")]

    def __str__(self):
        return f"{self.first_id} ≠ {self.second_id}"


def hash_token(key):
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A partner platform's key to the write API, bound to one collective or one import source.

    Only a hash of the key is stored; the key itself is shown once, when the token is created.
    """

    name = models.CharField(_("name"), max_length=100, help_text=_("Who uses it, e.g. the partner's platform."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_api_tokens",
        verbose_name=_("responsible person"),
        help_text=_("Changes sent with this token are submitted in this person's name."),
    )
    profile = models.ForeignKey(
        "directory.ProfilePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="partner_api_tokens",
        verbose_name=_("collective"),
    )
    source = models.ForeignKey(
        ImportSource,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("import source"),
    )
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("user"),
        FieldPanel("profile"),
        FieldPanel("source"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            # The one rule for the scope, checked by forms (full_clean) with this message and by the database; forms
            # never show the constraint's name.
            models.CheckConstraint(
                condition=models.Q(profile__isnull=False, source__isnull=True)
                | models.Q(profile__isnull=True, source__isnull=False),
                name="api_token_bound_to_one_scope",
                violation_error_message=_("Bind the token to exactly one collective or one import source."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def generate_key(self):
        """Set a new random key and return it: the only moment it can be read."""
        key = secrets.token_urlsafe(32)
        self.prefix = key[:8]
        self.key_hash = hash_token(key)
        return key

    @classmethod
    def authenticate(cls, key):
        token = (
            cls.objects.select_related("user", "profile", "source")
            .filter(key_hash=hash_token(key or ""), is_active=True)
            .first()
        )
        if token is not None:
            cls.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token
