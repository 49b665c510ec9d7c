"""Collective membership: invitations, roles, removal, claims, and the Wagtail page permissions they imply."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission

from incommon_cms.core.mail import send_templated_mail
from incommon_cms.core.roles import is_moderator
from incommon_cms.directory.models import ProfilePage

from . import roles
from .decisions import record_decision
from .links import absolute_url
from .models import Claim, Decision, Invitation, Membership

PAGE_PERMISSIONS = ("change_page",)


def acting_collectives(user, locale):
    """The collectives `user` may act for (add events, subscribe calendars): the ones they are a member of, every
    live profile for a moderator; in `locale` when there are any there, by title."""
    if is_moderator(user):
        qs = ProfilePage.objects.live()
    else:
        keys = Membership.objects.filter(user=user).values_list("profile__translation_key", flat=True)
        qs = ProfilePage.objects.filter(translation_key__in=list(keys))
    preferred = qs.filter(locale=locale)
    return (preferred if preferred.exists() else qs).order_by("title")


def collective_group_name(profile):
    return f"Collective {profile.translation_key}"


def sync_collective_group(profile):
    """A Wagtail group per collective that may edit (not publish) its own profile pages in every language."""
    group, _created = Group.objects.get_or_create(name=collective_group_name(profile))
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for page in ProfilePage.objects.filter(translation_key=profile.translation_key):
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page.page_ptr,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )
    members = Membership.objects.filter(profile__translation_key=profile.translation_key).values_list("user", flat=True)
    group.user_set.set(members)
    return group


@transaction.atomic
def invite(profile, email, role, invited_by):
    if not roles.can_manage_members(invited_by, profile):
        raise PermissionDenied
    email = email.strip().lower()
    if Membership.objects.filter(profile__translation_key=profile.translation_key, user__email__iexact=email).exists():
        raise ValidationError(_("This person is already a member of the collective."))
    invitation = Invitation.objects.create(profile=profile, email=email, role=role, invited_by=invited_by)

    language = getattr(invited_by, "language", None)
    url = absolute_url("governance:accept_invitation", language=language, token=invitation.token)
    send_templated_mail(
        email,
        "governance/email/invitation",
        {
            "invitation": invitation,
            "profile": profile,
            "inviter": invited_by,
            "url": url,
        },
        language=language,
    )
    return invitation


@transaction.atomic
def accept_invitation(invitation, user):
    if not invitation.is_open:
        raise ValidationError(_("This invitation has expired or was already used."))
    membership, created = Membership.objects.get_or_create(
        user=user, profile=invitation.profile, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if created:
        record_decision(
            action=Decision.MEMBER_JOIN,
            actor=invitation.invited_by,
            target=invitation.profile,
            details={"member": user.display_name, "role": membership.role},
        )
    sync_collective_group(invitation.profile)
    return membership


@transaction.atomic
def change_role(membership, role, actor):
    if not roles.can_manage_members(actor, membership.profile):
        raise PermissionDenied
    if membership.role == role:
        return membership
    if membership.role == Membership.ADMIN and _last_admin(membership):
        raise ValidationError(_("A collective keeps at least one administrator."))
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    record_decision(
        action=Decision.ROLE_CHANGE,
        actor=actor,
        target=membership.profile,
        details={"member": membership.user.display_name, "from": old, "to": role},
    )
    return membership


def _last_admin(membership):
    return not (
        Membership.objects.filter(profile__translation_key=membership.profile.translation_key, role=Membership.ADMIN)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def remove_member(membership, actor, reason=""):
    leaving = actor == membership.user
    if not (leaving or roles.can_manage_members(actor, membership.profile)):
        raise PermissionDenied
    if membership.role == Membership.ADMIN and _last_admin(membership):
        raise ValidationError(_("A collective keeps at least one administrator."))
    profile = membership.profile
    record_decision(
        action=Decision.MEMBER_REMOVE,
        actor=actor,
        target=profile,
        reason=reason,
        details={"member": membership.user.display_name},
    )
    membership.delete()
    sync_collective_group(profile)


@transaction.atomic
def decide_claim(claim, moderator, accept, reason=""):
    if not roles.can_handle_queue(moderator):
        raise PermissionDenied
    if claim.status != Claim.PENDING:
        raise ValidationError(_("This claim was already decided."))
    claim.status = Claim.ACCEPTED if accept else Claim.REFUSED
    claim.decided_by = moderator
    claim.decided_at = timezone.now()
    claim.reason = reason
    claim.save()
    if accept:
        Membership.objects.get_or_create(user=claim.user, profile=claim.profile, defaults={"role": Membership.ADMIN})
        sync_collective_group(claim.profile)
    record_decision(
        action=Decision.CLAIM_ACCEPT if accept else Decision.CLAIM_REFUSE,
        actor=moderator,
        target=claim.profile,
        reason=reason,
        details={"member": claim.user.display_name},
    )

    send_templated_mail(
        claim.user,
        "governance/email/claim_decided",
        {"claim": claim, "profile": claim.profile, "url": absolute_url("governance:my_collectives", claim.user)},
    )
    return claim


def submit_claim(profile, user, message):
    if not roles.can_claim(user, profile):
        raise PermissionDenied
    if Claim.objects.filter(profile=profile, user=user, status=Claim.PENDING).exists():
        raise ValidationError(_("You already asked to manage this profile; moderators will answer soon."))
    return Claim.objects.create(profile=profile, user=user, message=message)
