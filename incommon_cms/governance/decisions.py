"""Recording decisions in the public log. Every moderation outcome of every app goes through `record_decision`."""

from django.utils.encoding import force_str

from incommon_cms.directory.models import ProfilePage

from .log import check_verb
from .models import Decision, Membership


def collectives_of(user):
    """Names of the collectives a user belongs to, for the log (a snapshot at decision time)."""
    if user is None or not getattr(user, "pk", None):
        return ""
    names = Membership.objects.filter(user=user).values_list("profile__title", flat=True).order_by("profile__title")
    return ", ".join(dict.fromkeys(names))


def record_decision(*, action, actor=None, target=None, reason="", profile=None, details=None):
    """Add an entry to the public decision log.

    `target` is what the decision is about (a page, a comment, a report...); only its public title, URL and type
    are kept. `profile` is the collective concerned, for the per-profile log. `details` must hold public data only.
    `action` is a verb some app registered (`governance.log`); another one is a ValueError and nothing is written.
    """
    check_verb(action)
    if profile is None and target is not None and hasattr(target, "profilepage"):
        profile = target.profilepage
    if profile is not None and hasattr(profile, "specific"):
        profile = ProfilePage.objects.filter(pk=profile.pk).first()
    url = ""
    if target is not None:
        url = getattr(target, "url", None) or ""
        if callable(url):
            url = url()
        if not url and hasattr(target, "get_absolute_url"):
            url = target.get_absolute_url()
    return Decision.objects.create(
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(getattr(actor, "display_name", "") or force_str(actor or "")) if actor else "",
        actor_collectives=collectives_of(actor),
        profile=profile,
        target_title=force_str(getattr(target, "title", None) or target or "")[:255],
        target_url=force_str(url or "")[:500],
        target_type=target._meta.label_lower if target is not None and hasattr(target, "_meta") else "",
        target_id=force_str(getattr(target, "pk", "") or ""),
        reason=reason or "",
        details=details or {},
    )
