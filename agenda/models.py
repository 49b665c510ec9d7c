"""The shared agenda: the agenda page, events and event proposals from the public.

Subscribed calendars are import sources of the data commons (kind `ical`, `commons/calendars.py`); an imported
event points to its source.
"""

import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from incommon_cms.core.governed import GovernedIndexMixin, GovernedPageMixin
from incommon_cms.core.located import LocatedMixin
from incommon_cms.core.page_context import page_context
from incommon_cms.directory.fields import ChoiceListField
from incommon_cms.directory.geocoding import ensure_coordinates
from incommon_cms.directory.models import Category, Commune

from .forms import EventPageForm
from .occurrences import series_end
from .recurrence import RecurrenceError, describe, parse_date_lines

EVENT_LANGUAGE_CHOICES = [
    ("fr", _("French")),
    ("nl", _("Dutch")),
    ("bilingual", _("Bilingual French/Dutch")),
    ("other", _("Other language")),
]
ACCESSIBILITY_CHOICES = [
    ("wheelchair", _("Wheelchair accessible")),
    ("sign_language", _("Sign language interpretation")),
    ("induction_loop", _("Induction loop")),
    ("easy_language", _("Easy-to-read language")),
    ("childcare", _("Childcare")),
    ("quiet_space", _("Quiet space")),
]


class AgendaIndexPage(GovernedIndexMixin, Page):
    """The shared agenda (slug `agenda` in every language): list by day, month calendar, map and feeds."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    horizon_days = models.PositiveSmallIntegerField(
        _("days shown ahead"), default=90, help_text=_("How far ahead the list of upcoming events goes.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("horizon_days")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = ["intro"]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["agenda.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("agenda")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context


class EventPage(GovernedPageMixin, LocatedMixin, Page):
    """An event of or for the alternatives. Dates are stored as instants and read in Europe/Brussels time.

    For all-day events only the dates count and `end` is the last day. Recurrence: `rrule` holds an RFC 5545
    RRULE value, `exdates`/`rdates` the exceptions and extra dates, one local value per line.
    """

    SCHEDULED, CANCELLED, POSTPONED, FULL = "scheduled", "cancelled", "postponed", "full"
    STATUS_CHOICES = [
        (SCHEDULED, _("Scheduled")),
        (CANCELLED, _("Cancelled")),
        (POSTPONED, _("Postponed")),
        (FULL, _("Full")),
    ]
    FREE, PAY_WHAT_YOU_CAN, PAID = "free", "pay_what_you_can", "paid"
    PRICE_CHOICES = [(FREE, _("Free")), (PAY_WHAT_YOU_CAN, _("Pay what you can")), (PAID, _("Paid"))]

    summary = models.CharField(_("summary"), max_length=280, blank=True)
    description = RichTextField(_("description"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )

    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    all_day = models.BooleanField(_("all day"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=STATUS_CHOICES, default=SCHEDULED)
    rrule = models.CharField(_("recurrence rule (RFC 5545)"), max_length=500, blank=True)
    exdates = models.TextField(
        _("dates left out"), blank=True, help_text=_("One date per line, e.g. 2026-12-24 or 2026-12-24T19:00.")
    )
    rdates = models.TextField(_("extra dates"), blank=True, help_text=_("One date per line, like the dates left out."))
    series_end = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)

    place = models.ForeignKey(
        "directory.ProfilePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
        verbose_name=_("place"),
        help_text=_("A place or an alternative of the directory. Leave empty to give an address."),
    )
    venue_name = models.CharField(_("venue name"), max_length=255, blank=True)
    commune = models.ForeignKey(
        Commune, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("commune")
    )
    online_url = models.URLField(_("online link"), blank=True)

    organisers = ParentalManyToManyField(
        "directory.ProfilePage", blank=True, related_name="organised_events", verbose_name=_("organisers")
    )
    categories = ParentalManyToManyField(Category, blank=True, related_name="events", verbose_name=_("categories"))
    audience = models.CharField(_("audience"), max_length=255, blank=True, help_text=_("e.g. families, beginners"))
    price_kind = models.CharField(_("price"), max_length=20, choices=PRICE_CHOICES, blank=True)
    price = models.CharField(_("price details"), max_length=255, blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    event_languages = ChoiceListField(verbose_name=_("languages of the event"), item_choices=EVENT_LANGUAGE_CHOICES)
    accessibility = ChoiceListField(verbose_name=_("accessibility"), item_choices=ACCESSIBILITY_CHOICES)
    accessibility_details = models.TextField(_("accessibility details"), blank=True)

    source = models.ForeignKey(
        "commons.ImportSource",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("imported from"),
    )
    remote_uid = models.CharField(_("UID in the source calendar"), max_length=500, blank=True, db_index=True)
    remote_hash = models.CharField(max_length=64, blank=True, editable=False)

    base_form_class = EventPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("all_day"), FieldPanel("status")]),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("repeat"),
                FieldRowPanel([FieldPanel("repeat_interval"), FieldPanel("repeat_position")]),
                FieldPanel("repeat_weekdays"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
                FieldPanel("rrule", read_only=True),
                FieldRowPanel([FieldPanel("exdates"), FieldPanel("rdates")]),
            ],
            heading=_("Repetition"),
        ),
        MultiFieldPanel(
            [
                PageChooserPanel("place", ["directory.PlacePage", "directory.AlternativePage"]),
                *LocatedMixin.address_panels(before=[FieldPanel("venue_name")], after=[FieldPanel("commune")]),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organisers"),
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audience"),
                FieldPanel("event_languages"),
            ],
            heading=_("Who and for whom"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("price_kind"), FieldPanel("price")]),
                FieldPanel("registration_url"),
                FieldPanel("accessibility"),
                FieldPanel("accessibility_details"),
            ],
            heading=_("Practical"),
        ),
        MultiFieldPanel(
            [FieldPanel("source", read_only=True), FieldPanel("remote_uid", read_only=True)],
            heading=_("Imported event"),
            classname="collapsed",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("venue_name"),
        index.AutocompleteField("title"),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.FilterField("start"),
        index.FilterField("status"),
        index.FilterField("locale_id"),
    ]
    api_fields = [
        "summary",
        "description",
        "start",
        "end",
        "all_day",
        "status",
        "rrule",
        "exdates",
        "rdates",
        "venue_name",
        "street_address",
        "postcode",
        "city",
        "latitude",
        "longitude",
        "online_url",
        "audience",
        "price_kind",
        "price",
        "registration_url",
        "event_languages",
        "accessibility",
    ]
    parent_page_types = ["agenda.AgendaIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end must come after the start.")
        for name in ("exdates", "rdates"):
            try:
                parse_date_lines(getattr(self, name), self.all_day)
            except RecurrenceError as error:
                errors[name] = str(error)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # An imported event keeps the LOCATION and GEO its calendar gave (re-exported unchanged): no postcode or
        # town added to its address, no postcode-centre position.
        if self.place_id is None and not self.remote_uid and (self.street_address or self.postcode or self.location):
            ensure_coordinates(self)
        try:
            self.series_end = series_end(self)
        except RecurrenceError:
            self.series_end = None
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context

    @property
    def place_profile(self):
        return self.place.specific if self.place_id else None

    @property
    def point(self):
        """(latitude, longitude) of the event: its place's, else its own address's; None when unknown."""
        if self.place_id and self.place.latitude is not None and not self.place.address_private:
            return self.place.latitude, self.place.longitude
        if self.latitude is not None and self.longitude is not None:
            return self.latitude, self.longitude
        return None

    @property
    def location_text(self):
        """One line for LOCATION and listings: the place's or venue's name and its address.

        An unpublished place (a proposal, a withdrawn profile) is not named: a draft never shows its title."""
        if self.place_id and self.place.live:
            place = self.place
            address = "" if place.address_private else place.street_address
            parts = [place.title, address, " ".join(p for p in [place.postcode, place.city] if p)]
        else:
            parts = [self.venue_name, self.street_address, " ".join(p for p in [self.postcode, self.city] if p)]
        return ", ".join(part for part in parts if part)

    @property
    def event_commune(self):
        return self.place.commune if self.place_id else self.commune

    @property
    def recurrence_text(self):
        return describe(self.rrule)

    @property
    def is_free(self):
        return self.price_kind == self.FREE


def new_token():
    return secrets.token_urlsafe(32)


class EventProposal(models.Model):
    """An event proposed by someone without an account: waits for its e-mail confirmation, then for moderation."""

    email = models.EmailField(_("e-mail"))
    language = models.CharField(max_length=10, default="fr")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    page = models.ForeignKey(EventPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("event proposal")
        verbose_name_plural = _("event proposals")

    def __str__(self):
        return self.data.get("title", "") or self.email
