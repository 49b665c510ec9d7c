"""A member's rights over their data: download everything stored about them, and delete their account.

Deleting an account keeps what belongs to the community: comments stay (without their author), topics,
profiles and events stay, the public decision log keeps the name under which a decision was taken.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Revision


def _date(value):
    return value.isoformat() if value else None


def _page(page):
    if page is None:
        return None
    return {"id": page.pk, "title": page.title, "url": page.full_url}


def _comments(user):
    from incommon_cms.discussions.models import Comment

    return [
        {
            "id": comment.pk,
            "text": comment.comment,
            "submitted_at": _date(comment.submit_date),
            "status": comment.status,
            "url": comment.get_absolute_url() if comment.content_object is not None else None,
        }
        for comment in Comment.objects.filter(user=user).order_by("submit_date", "pk")
    ]


def export_user_data(user):
    """Everything the platform stores about `user`, as JSON-serialisable data."""
    from agenda.models import EventProposal
    from incommon_cms.commons.models import ApiToken, ImportSource
    from incommon_cms.discussions.models import ThreadFollower, TopicPage
    from incommon_cms.governance.models import Claim, Invitation, Membership, Report, Vote

    return {
        "generated_at": _date(timezone.now()),
        "account": {
            "username": user.username,
            "email": user.email,
            "name": user.first_name,
            "last_name": user.last_name,
            "preferred_language": user.language,
            "date_joined": _date(user.date_joined),
            "last_login": _date(user.last_login),
            "charter_accepted_at": _date(user.charter_accepted_at),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
            "groups": sorted(user.groups.values_list("name", flat=True)),
        },
        "memberships": [
            {"collective": _page(m.profile), "role": m.role, "since": _date(m.created_at)}
            for m in Membership.objects.filter(user=user).select_related("profile").order_by("pk")
        ],
        "comments": _comments(user),
        "topics": [
            {**_page(topic), "body": topic.body, "live": topic.live, "created_at": _date(topic.first_published_at)}
            for topic in TopicPage.objects.filter(author=user).order_by("pk")
        ],
        "submitted_changes": [
            {
                "page": _page(revision.content_object) if revision.content_object is not None else None,
                "created_at": _date(revision.created_at),
                "title": revision.object_str,
            }
            for revision in Revision.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "claims": [
            {
                "collective": _page(c.profile),
                "message": c.message,
                "status": c.status,
                "created_at": _date(c.created_at),
            }
            for c in Claim.objects.filter(user=user).select_related("profile").order_by("pk")
        ],
        "reports": [
            {"url": r.url, "kind": r.kind, "message": r.message, "status": r.status, "created_at": _date(r.created_at)}
            for r in Report.objects.filter(Q(reporter=user) | Q(email__iexact=user.email)).order_by("pk")
        ],
        "event_proposals": [
            {"data": p.data, "created_at": _date(p.created_at), "confirmed_at": _date(p.confirmed_at)}
            for p in EventProposal.objects.filter(email__iexact=user.email).order_by("pk")
        ],
        "moderation_votes": [
            {"vote": v.vote, "comment": v.comment, "created_at": _date(v.created_at)}
            for v in Vote.objects.filter(user=user).order_by("pk")
        ],
        "invitations_received": [
            {"collective": _page(i.profile), "role": i.role, "created_at": _date(i.created_at)}
            for i in Invitation.objects.filter(email__iexact=user.email).select_related("profile").order_by("pk")
        ],
        "subscribed_calendars": [
            {"name": source.name, "url": source.url, "created_at": _date(source.created_at)}
            for source in ImportSource.objects.filter(kind=ImportSource.ICAL, created_by=user).order_by("pk")
        ],
        "api_tokens": [
            {"name": t.name, "collective": _page(t.profile), "created_at": _date(t.created_at)}
            for t in ApiToken.objects.filter(user=user).select_related("profile").order_by("pk")
        ],
        "notification_settings": {
            "email_language": user.language,
            "followed_threads": [
                {"type": f.content_type.model, "id": f.object_pk, "since": _date(f.created_at)}
                for f in ThreadFollower.objects.filter(user=user).select_related("content_type").order_by("pk")
            ],
        },
    }


class LastAdministratorError(Exception):
    """The only active site administrator cannot delete their own account."""


def is_last_site_admin(user):
    others = get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk)
    return user.is_superuser and not others.exists()


@transaction.atomic
def delete_account(user):
    """Delete `user`; their comments stay, anonymised; their collectives keep their profiles."""
    from agenda.models import EventProposal
    from incommon_cms.discussions.models import Comment
    from incommon_cms.governance.models import Invitation, Report

    if is_last_site_admin(user):
        raise LastAdministratorError
    Comment.objects.filter(user=user).update(user=None, user_name="", user_email="", user_url="", ip_address=None)
    Report.objects.filter(Q(reporter=user) | Q(email__iexact=user.email)).update(reporter=None, email="")
    EventProposal.objects.filter(email__iexact=user.email, confirmed_at__isnull=True).delete()
    EventProposal.objects.filter(email__iexact=user.email).update(email="")
    Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()
    user.delete()
