"""What the co-governance stores about a person, for `accounts.gdpr` (registered in `GovernanceConfig.ready()`).

On deletion, reports lose their reporter (the report itself stays for the moderators) and pending invitations sent
to the person's address are withdrawn; memberships, claims and votes go with the account.
"""

from django.db.models import Q

from incommon_cms.accounts.gdpr import iso_date, page_summary

from .models import Claim, Invitation, Membership, Report, Vote


def export(user):
    return {
        "memberships": [
            {"collective": page_summary(m.profile), "role": m.role, "since": iso_date(m.created_at)}
            for m in Membership.objects.filter(user=user).select_related("profile").order_by("pk")
        ],
        "claims": [
            {
                "collective": page_summary(c.profile),
                "message": c.message,
                "status": c.status,
                "created_at": iso_date(c.created_at),
            }
            for c in Claim.objects.filter(user=user).select_related("profile").order_by("pk")
        ],
        "reports": [
            {
                "url": r.url,
                "kind": r.kind,
                "message": r.message,
                "status": r.status,
                "created_at": iso_date(r.created_at),
            }
            for r in Report.objects.filter(Q(reporter=user) | Q(email__iexact=user.email)).order_by("pk")
        ],
        "moderation_votes": [
            {"vote": v.vote, "comment": v.comment, "created_at": iso_date(v.created_at)}
            for v in Vote.objects.filter(user=user).order_by("pk")
        ],
        "invitations_received": [
            {"collective": page_summary(i.profile), "role": i.role, "created_at": iso_date(i.created_at)}
            for i in Invitation.objects.filter(email__iexact=user.email).select_related("profile").order_by("pk")
        ],
    }


def erase(user):
    Report.objects.filter(Q(reporter=user) | Q(email__iexact=user.email)).update(reporter=None, email="")
    Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()
