"""The ecosystem page, the stored figures it reads, privacy-friendly counters and the verification log."""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from incommon_cms.core.page_context import page_context


class FigureSnapshot(models.Model):
    """One computed figure (a table of rows with labels in every language), replaced at each computation."""

    key = models.CharField(_("figure"), max_length=50, unique=True)
    data = models.JSONField(default=dict)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        ordering = ["key"]
        verbose_name = _("figure snapshot")
        verbose_name_plural = _("figure snapshots")

    def __str__(self):
        return self.key


class DailyCounter(models.Model):
    """Base for counters aggregated per day: no IP, no cookie, no user is ever stored."""

    date = models.DateField(_("date"), db_index=True)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        abstract = True

    @classmethod
    def increment(cls, date, **keys):
        """Add one to the counter of `date` and `keys`, creating it on first use."""
        updated = cls.objects.filter(date=date, **keys).update(count=F("count") + 1)
        if updated:
            return
        try:
            with transaction.atomic():
                cls.objects.create(date=date, count=1, **keys)
        except IntegrityError:
            cls.objects.filter(date=date, **keys).update(count=F("count") + 1)


class PageViewCount(DailyCounter):
    """How many times a page (a profile, an event, a tool) was served on a day."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("page views per day")
        verbose_name_plural = _("page views per day")
        constraints = [models.UniqueConstraint(fields=["page", "date"], name="unique_page_view_day")]

    def __str__(self):
        return f"{self.page_id} {self.date}: {self.count}"


class InboundLinkCount(DailyCounter):
    """Requests to the API or an embed coming from another website, per day and per referring host (host only)."""

    API = "api"
    EMBED = "embed"
    CHANNEL_CHOICES = [(API, _("Open API")), (EMBED, _("Embed"))]

    host = models.CharField(_("website"), max_length=255)
    channel = models.CharField(_("channel"), max_length=10, choices=CHANNEL_CHOICES)
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("inbound links per day")
        verbose_name_plural = _("inbound links per day")
        constraints = [
            models.UniqueConstraint(fields=["date", "host", "channel", "page"], name="unique_inbound_link_day"),
            models.UniqueConstraint(
                fields=["date", "host", "channel"],
                condition=models.Q(page__isnull=True),
                name="unique_inbound_link_day_without_page",
            ),
        ]

    def __str__(self):
        return f"{self.host} ({self.channel}) {self.date}: {self.count}"


class ProfileVerification(models.Model):
    """A confirmation that a profile is still right: from the reminder link, an editor or a moderator."""

    REMINDER_LINK = "reminder_link"
    MEMBER = "member"
    MODERATOR = "moderator"
    METHOD_CHOICES = [
        (REMINDER_LINK, _("One-click link of the reminder")),
        (MEMBER, _("Member of the collective")),
        (MODERATOR, _("Moderator")),
    ]

    profile = models.ForeignKey(
        "directory.ProfilePage", on_delete=models.CASCADE, related_name="verifications", verbose_name=_("profile")
    )
    verified_on = models.DateField(_("verified on"))
    previous_date = models.DateField(_("previously verified on"), null=True, blank=True)
    method = models.CharField(_("how"), max_length=20, choices=METHOD_CHOICES)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("profile verification")
        verbose_name_plural = _("profile verifications")

    def __str__(self):
        return f"{self.profile} – {self.verified_on}"


class FreshnessReminder(models.Model):
    """A reminder sent to a member about a stale profile (to send at most one a month)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    translation_key = models.UUIDField(db_index=True)
    sent_on = models.DateField(_("sent on"))

    class Meta:
        verbose_name = _("freshness reminder")
        verbose_name_plural = _("freshness reminders")

    def __str__(self):
        return f"{self.user} – {self.sent_on}"


class EcosystemPage(RoutablePageMixin, Page):
    """The public dashboard of the ecosystem (slug `ecosysteme` / `ecosysteem` / `ecosystem`).

    Reads the figures stored by `compute_ecosystem_figures`; never computes them while serving.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = ["intro"]
    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("ecosystem page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("csv/<slug:key>/", name="csv")
    def figure_csv(self, request, key):
        from .dashboard import csv_response

        return csv_response(key)
