"""E-mail alerts: a subscription of an address to a view of the platform, and the log of what was sent.

A subscription holds no account: an address, what it follows (`topic`, plus the view's filters as a query string or
a collective) and how often. Nothing is sent before the address confirmed it (`confirmed_at`). The send log has one
row per subscription and item, unique, so that an item is never sent twice to a subscription, also across retries
and concurrent workers (see `alerts.digest`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from incommon_cms.directory.models import ProfilePage


class Subscription(models.Model):
    MAP = "map"
    AGENDA = "agenda"
    COLLECTIVE = "collective"
    TOOLBOX = "toolbox"
    DECISIONS = "decisions"
    TOPIC_CHOICES = [
        (MAP, _("Map area")),
        (AGENDA, _("Agenda")),
        (COLLECTIVE, _("A collective")),
        (TOOLBOX, _("Toolbox and knowledge")),
        (DECISIONS, _("Decision log")),
    ]
    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"
    FREQUENCY_CHOICES = [
        (IMMEDIATE, _("As it happens (at most one e-mail an hour)")),
        (DAILY, _("Once a day")),
        (WEEKLY, _("Once a week")),
    ]

    email = models.EmailField(_("e-mail address"), db_index=True)
    topic = models.CharField(_("follows"), max_length=20, choices=TOPIC_CHOICES)
    query = models.CharField(_("filters"), max_length=1000, blank=True)
    collective = models.ForeignKey(
        ProfilePage, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("collective")
    )
    frequency = models.CharField(_("frequency"), max_length=10, choices=FREQUENCY_CHOICES, default=DAILY)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="fr")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "topic", "query"],
                condition=Q(collective__isnull=True),
                name="alerts_one_subscription_per_view",
            ),
            models.UniqueConstraint(
                fields=["email", "collective"],
                condition=Q(collective__isnull=False),
                name="alerts_one_subscription_per_collective",
            ),
        ]

    def __str__(self):
        return f"{self.get_topic_display()} ({self.get_frequency_display()})"


class Delivery(models.Model):
    """One item sent to one subscription (the send log)."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    item = models.CharField(max_length=100)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscription", "item"], name="alerts_item_sent_once")]

    def __str__(self):
        return self.item
