"""What the agenda stores about a person, for `accounts.gdpr` (registered in `AgendaConfig.ready()`).

On deletion, unconfirmed event proposals sent from the person's address are deleted and confirmed ones lose the
address (the event stays).
"""

from incommon_cms.accounts.gdpr import iso_date

from .models import EventProposal


def export(user):
    return {
        "event_proposals": [
            {"data": p.data, "created_at": iso_date(p.created_at), "confirmed_at": iso_date(p.confirmed_at)}
            for p in EventProposal.objects.filter(email__iexact=user.email).order_by("pk")
        ],
    }


def erase(user):
    EventProposal.objects.filter(email__iexact=user.email, confirmed_at__isnull=True).delete()
    EventProposal.objects.filter(email__iexact=user.email).update(email="")
