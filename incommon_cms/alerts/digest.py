"""Building and sending the digests: one e-mail per due subscription listing what is new in its view.

A subscription is due when its last digest is older than its frequency allows (an hour, a day, a week, less a
margin so that a cron running every hour or every day does not skip a period). Each digest runs in its own
transaction: the subscription's row is locked (PostgreSQL: `SKIP LOCKED`, so a second worker moves on), the items
already in the send log are left out, the new ones are written to the log (unique per subscription and item) and
the e-mail is sent before the commit. A failed send rolls the log back, so a retry sends the items again; a second
worker reaching the same subscription either skips the locked row or finds every item logged, or, racing on the
log, hits the unique constraint and sends nothing. An item is therefore never sent twice to a subscription.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import mail, topics
from .models import Delivery, Subscription

logger = logging.getLogger(__name__)

PERIODS = {
    Subscription.IMMEDIATE: datetime.timedelta(hours=1),
    Subscription.DAILY: datetime.timedelta(days=1),
    Subscription.WEEKLY: datetime.timedelta(days=7),
}
MARGIN = datetime.timedelta(minutes=10)
MAX_ITEMS = 30
SECTION_ORDER = ("profiles", "events", "toolbox", "decisions")


def is_due(subscription, now):
    if subscription.confirmed_at is None:
        return False
    last = subscription.last_digest_at or subscription.confirmed_at
    return now - last >= PERIODS[subscription.frequency] - MARGIN


def group(items):
    """[(section, [items])] in a fixed order, empty sections left out."""
    sections = {name: [] for name in SECTION_ORDER}
    for item in items:
        sections[item.section].append(item)
    return [(name, entries) for name, entries in sections.items() if entries]


def send_one(subscription_id, now=None):
    """Send the digest of one subscription if it is due and has new items; True when an e-mail went out."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            subscription = (
                Subscription.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("collective")
                .filter(pk=subscription_id)
                .first()
            )
            if subscription is None or not is_due(subscription, now):
                return False
            # Items changed since the confirmation, or since the last digest with a margin (a change published
            # while the previous digest was being built is caught by this one; the log leaves out what was sent).
            last = subscription.last_digest_at
            since = last - MARGIN if last else subscription.confirmed_at
            candidates = topics.new_items(subscription, since)
            sent = set(
                Delivery.objects.filter(
                    subscription=subscription, item__in=[item.key for item in candidates]
                ).values_list("item", flat=True)
            )
            items = [item for item in candidates if item.key not in sent][:MAX_ITEMS]
            subscription.last_digest_at = now
            subscription.save(update_fields=["last_digest_at"])
            if not items:
                return False
            Delivery.objects.bulk_create([Delivery(subscription=subscription, item=item.key) for item in items])
            mail.send_digest(subscription, group(items))
            return True
    except IntegrityError:
        logger.info("Digest of subscription %s already sent by another worker", subscription_id)
        return False


def send_digests(now=None):
    """Send every due digest; returns how many e-mails went out. A failing address does not stop the others."""
    now = now or timezone.now()
    count = 0
    ids = Subscription.objects.filter(confirmed_at__isnull=False).order_by("pk").values_list("pk", flat=True)
    for subscription_id in ids.iterator():
        try:
            count += send_one(subscription_id, now)
        except Exception:  # one failing address does not stop the others' digests
            logger.exception("Digest of subscription %s could not be sent", subscription_id)
    return count
