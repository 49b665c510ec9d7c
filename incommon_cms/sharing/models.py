"""What collectives pool besides data: offers and needs, rooms of shared places with their bookings, members' skills.

Public things (offers, needs, rooms) carry a moderation status and appear only once moderators of other collectives
have approved them under the co-governance rules that publish profiles (`sharing.moderation`); private things (answers, bookings, skills) never leave the
members' area. The rules live in the service modules (`board`, `rooms`, `skills`); the models only store.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from incommon_cms.governance.models import BaseVote


def _in_dutch():
    return (get_language() or "fr").startswith("nl")


def _feed_token():
    return secrets.token_urlsafe(24)


class Moderated(models.Model):
    """Something the public sees only once moderators of other collectives approved it (`sharing.moderation`).

    `submission` counts the versions sent to moderation: votes are given on one submission, and a change starts
    a new one, as a new revision does for a page.
    """

    PENDING = "pending"
    PUBLISHED = "published"
    REJECTED = "rejected"
    STATUS_CHOICES = [(PENDING, _("Awaiting moderation")), (PUBLISHED, _("Published")), (REJECTED, _("Rejected"))]

    status = models.CharField(_("moderation"), max_length=10, choices=STATUS_CHOICES, default=PENDING, db_index=True)
    moderation_reason = models.TextField(_("moderators' reason"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    submission = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Listing(Moderated):
    """An offer or a need posted by a collective on the board."""

    OFFER = "offer"
    NEED = "need"
    KIND_CHOICES = [(OFFER, _("Offer")), (NEED, _("Need"))]

    OPEN = "open"
    CLOSED = "closed"
    STATE_CHOICES = [(OPEN, _("Open")), (CLOSED, _("Closed"))]

    profile = models.ForeignKey(
        "directory.ProfilePage", on_delete=models.CASCADE, related_name="sharing_listings", verbose_name=_("collective")
    )
    kind = models.CharField(_("offer or need"), max_length=5, choices=KIND_CHOICES)
    category = models.ForeignKey(
        "directory.Category", on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    commune = models.ForeignKey(
        "directory.Commune",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("commune"),
        help_text=_("Leave empty for anywhere in Brussels."),
    )
    title_fr = models.CharField(_("title (French)"), max_length=150, blank=True)
    title_nl = models.CharField(_("title (Dutch)"), max_length=150, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    quantity = models.CharField(
        _("quantity or period"), max_length=150, blank=True, help_text=_("For instance: 2 people, every Saturday.")
    )
    expires_on = models.DateField(_("expires on"))
    state = models.CharField(_("state"), max_length=6, choices=STATE_CHOICES, default=OPEN, db_index=True)
    met = models.BooleanField(_("met through the platform"), default=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["expires_on", "pk"]
        verbose_name = _("offer or need")
        verbose_name_plural = _("offers and needs")
        constraints = [
            models.CheckConstraint(condition=~Q(title_fr="") | ~Q(title_nl=""), name="sharing_listing_has_a_title"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sharing:listing", args=[self.pk])

    @property
    def title(self):
        first, second = (self.title_nl, self.title_fr) if _in_dutch() else (self.title_fr, self.title_nl)
        return first or second

    @property
    def description(self):
        first, second = (
            (self.description_nl, self.description_fr) if _in_dutch() else (self.description_fr, self.description_nl)
        )
        return first or second

    @property
    def is_expired(self):
        return self.expires_on < timezone.localdate()


class Answer(models.Model):
    """A member's answer to an offer or a need, relayed by e-mail; the owners may reply to it. Private."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="answers")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sharing_answers")
    author_profile = models.ForeignKey(
        "directory.ProfilePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return f"{self.author} – {self.listing}"

    def get_absolute_url(self):
        return f"{self.listing.get_absolute_url()}#answer-{self.pk}"


class Room(Moderated):
    """A room of a shared place, described by the place's managers (the members of the collective owning it)."""

    place = models.ForeignKey(
        "directory.PlacePage", on_delete=models.CASCADE, related_name="rooms", verbose_name=_("place")
    )
    name = models.CharField(_("name"), max_length=150)
    capacity = models.PositiveIntegerField(_("capacity (people)"))
    surface = models.PositiveIntegerField(_("surface (m²)"), null=True, blank=True)
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    step_free_toilets = models.BooleanField(_("step-free toilets"), default=False)
    equipment = models.TextField(_("equipment"), blank=True, help_text=_("One item per line."))
    price = models.CharField(_("price"), max_length=150, blank=True)
    solidarity_price = models.CharField(_("solidarity price"), max_length=150, blank=True)
    house_rules = models.TextField(_("house rules"), blank=True)
    feed_token = models.CharField(max_length=64, unique=True, default=_feed_token, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sharing:room", args=[self.pk])

    @property
    def title(self):
        return f"{self.name} – {self.place.title}"

    def equipment_lines(self):
        return [line.strip() for line in self.equipment.splitlines() if line.strip()]


class ModerationVote(BaseVote):
    """One moderator's vote on one submission of a listing or a room: what `governance.Vote` is for a page revision."""

    listing = models.ForeignKey(Listing, null=True, blank=True, on_delete=models.CASCADE, related_name="votes")
    room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.CASCADE, related_name="votes")
    submission = models.PositiveIntegerField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sharing_votes")

    class Meta(BaseVote.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(listing__isnull=False, room__isnull=True) | Q(listing__isnull=True, room__isnull=False),
                name="sharing_vote_on_one_thing",
            ),
            models.UniqueConstraint(
                fields=["listing", "submission", "user"], name="sharing_one_vote_per_listing_submission"
            ),
            models.UniqueConstraint(fields=["room", "submission", "user"], name="sharing_one_vote_per_room_submission"),
        ]


class WeeklySlot(models.Model):
    """The room is open for bookings every week on this day between these times."""

    WEEKDAY_CHOICES = [
        (0, _("Monday")),
        (1, _("Tuesday")),
        (2, _("Wednesday")),
        (3, _("Thursday")),
        (4, _("Friday")),
        (5, _("Saturday")),
        (6, _("Sunday")),
    ]

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="slots")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAY_CHOICES)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))

    class Meta:
        ordering = ["weekday", "start_time"]
        verbose_name = _("weekly availability")
        verbose_name_plural = _("weekly availabilities")
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="sharing_slot_ends_after_start")
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class ClosedDay(models.Model):
    """An exception to the weekly slots: the room is not available on this date."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="closed_days")
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=150, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        constraints = [models.UniqueConstraint(fields=["room", "date"], name="sharing_one_closed_day_per_date")]

    def __str__(self):
        return f"{self.room} {self.date}"


class Booking(models.Model):
    """A member's request to use a room, accepted or declined by the place's managers. Private."""

    REQUESTED = "requested"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    STATUS_CHOICES = [
        (REQUESTED, _("Requested")),
        (ACCEPTED, _("Accepted")),
        (DECLINED, _("Declined")),
        (CANCELLED, _("Cancelled")),
    ]

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="bookings")
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="room_bookings")
    requester_profile = models.ForeignKey(
        "directory.ProfilePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("for the collective")
    )
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("to"))
    attendees = models.PositiveIntegerField(_("number of people"))
    purpose = models.TextField(_("what for"))
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=REQUESTED, db_index=True)
    answer = models.TextField(_("managers' message"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="sharing_booking_ends_after_start")]

    def __str__(self):
        return f"{self.room} {self.start:%Y-%m-%d %H:%M}"

    def get_manage_url(self):
        """Where the room's managers accept or decline it (their "My sharing" page)."""
        return f"{reverse('sharing:mine')}#booking-{self.pk}"

    @property
    def duration(self):
        return self.end - self.start


class Skill(models.Model):
    """A skill of the shared taxonomy, named in each language."""

    slug = models.SlugField(unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self):
        return self.name

    @property
    def name(self):
        language = (get_language() or "fr")[:2]
        return {"nl": self.name_nl, "en": self.name_en or self.name_fr}.get(language, self.name_fr)


class SkillTag(TagBase):
    """Free skill tags, kept apart from the public tags of profiles so that they never show outside members' pages."""

    class Meta:
        verbose_name = _("skill tag")
        verbose_name_plural = _("skill tags")


class TaggedSkill(TaggedItemBase):
    tag = models.ForeignKey(SkillTag, on_delete=models.CASCADE, related_name="items")
    content_object = models.ForeignKey("SkillCard", on_delete=models.CASCADE, related_name="tagged_items")


class SkillCard(models.Model):
    """What a member offers to the network: skills, collectives they would help. Members only; hidden at will."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skill_card")
    skills = models.ManyToManyField(Skill, blank=True, related_name="cards", verbose_name=_("skills"))
    tags = TaggableManager(through=TaggedSkill, blank=True, verbose_name=_("other skills"))
    would_help = models.ManyToManyField(
        "directory.ProfilePage", blank=True, related_name="+", verbose_name=_("collectives I would help")
    )
    note = models.TextField(_("a word about you"), blank=True)
    hidden = models.BooleanField(_("hidden"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("skill card")
        verbose_name_plural = _("skill cards")

    def __str__(self):
        return str(self.user)
