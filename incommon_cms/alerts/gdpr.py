"""What the alerts store about a member: the alerts sent to their account's address (registered with `accounts.gdpr`
from `AlertsConfig.ready()`). Alerts belong to an address, not to an account; deleting the account deletes the
alerts of its address too, since nobody else could manage them from the platform afterwards."""

from incommon_cms.accounts.gdpr import iso_date

from .models import Subscription


def _subscriptions(user):
    return Subscription.objects.filter(email=user.email.lower()).select_related("collective").order_by("pk")


def export_alerts(user):
    return {
        "alerts": [
            {
                "follows": subscription.topic,
                "filters": subscription.query,
                "collective": subscription.collective.title if subscription.collective else None,
                "frequency": subscription.frequency,
                "language": subscription.language,
                "confirmed_at": iso_date(subscription.confirmed_at),
                "last_digest_at": iso_date(subscription.last_digest_at),
            }
            for subscription in _subscriptions(user)
        ]
    }


def erase_alerts(user):
    _subscriptions(user).delete()
