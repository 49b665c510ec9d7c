"""A member's rights over their data: download everything stored about them, and delete their account.

Deleting an account keeps what belongs to the community: comments stay (without their author), topics,
profiles and events stay, the public decision log keeps the name under which a decision was taken.

The account itself and the changes a member submitted (Wagtail revisions) are handled here. Every app that stores
more about a person registers it from its `AppConfig.ready()`, so that this module imports none of them:

    register_personal_data("discussions", export=export_comments, erase=anonymise_comments)

`export(user)` returns a dict of top-level keys for the download (a dict value extends the same key: every app adds
to `notification_settings`); `erase(user)` runs inside the deletion's transaction, before the account is deleted.
"""

from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Revision


@dataclass(frozen=True)
class PersonalData:
    key: str
    export: Any
    erase: Any


_registry = {}


def register_personal_data(key, *, export, erase=None):
    """Add (or replace, when `key` is already known) what an app stores about a person."""
    _registry[key] = PersonalData(key, export, erase)


def iso_date(value):
    return value.isoformat() if value else None


def page_summary(page):
    if page is None:
        return None
    return {"id": page.pk, "title": page.title, "url": page.full_url}


def export_user_data(user):
    """Everything the platform stores about `user`, as JSON-serialisable data."""
    data = {
        "generated_at": iso_date(timezone.now()),
        "account": {
            "username": user.username,
            "email": user.email,
            "name": user.first_name,
            "last_name": user.last_name,
            "preferred_language": user.language,
            "date_joined": iso_date(user.date_joined),
            "last_login": iso_date(user.last_login),
            "charter_accepted_at": iso_date(user.charter_accepted_at),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
            "groups": sorted(user.groups.values_list("name", flat=True)),
        },
        "submitted_changes": [
            {
                "page": page_summary(revision.content_object) if revision.content_object is not None else None,
                "created_at": iso_date(revision.created_at),
                "title": revision.object_str,
            }
            for revision in Revision.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "notification_settings": {"email_language": user.language},
    }
    for entry in _registry.values():
        for key, value in entry.export(user).items():
            if isinstance(value, dict) and isinstance(data.get(key), dict):
                data[key].update(value)
            else:
                data[key] = value
    return data


class LastAdministratorError(Exception):
    """The only active site administrator cannot delete their own account."""


def is_last_site_admin(user):
    others = get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk)
    return user.is_superuser and not others.exists()


@transaction.atomic
def delete_account(user):
    """Delete `user`; their comments stay, anonymised; their collectives keep their profiles."""
    if is_last_site_admin(user):
        raise LastAdministratorError
    for entry in _registry.values():
        if entry.erase is not None:
            entry.erase(user)
    user.delete()
