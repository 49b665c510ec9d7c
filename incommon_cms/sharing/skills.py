"""The skills directory: members-only, by design out of every public channel.

Skill cards are read only through `directory_for(user)`, which answers nothing to anyone but a member of the
network (`access.may_see_skills`). The cards have no page in Wagtail's tree, no search index entry, no API
endpoint, no sitemap entry and no export; their free tags live in their own table (`SkillTag`), apart from the
public profile tags. A member hides their card (it leaves the directory at once) or deletes it at any time; it is
part of their GDPR export and goes with their account.
"""

from django.db.models import Q

from . import access
from .models import SkillCard


def directory_for(user, *, skill=None, words=""):
    if not access.may_see_skills(user):
        return SkillCard.objects.none()
    cards = (
        SkillCard.objects.filter(hidden=False, user__is_active=True)
        .select_related("user")
        .prefetch_related("skills", "tags", "would_help")
        .order_by("user__first_name", "pk")
    )
    if skill is not None:
        cards = cards.filter(skills=skill)
    if words:
        cards = cards.filter(
            Q(note__icontains=words)
            | Q(tags__name__icontains=words)
            | Q(skills__name_fr__icontains=words)
            | Q(skills__name_nl__icontains=words)
        ).distinct()
    return cards


def card_of(user):
    return SkillCard.objects.filter(user=user).first()


def delete_card(user):
    SkillCard.objects.filter(user=user).delete()


def export(user):
    """The member's card as JSON-serialisable data, for their GDPR export."""
    card = card_of(user)
    if card is None:
        return None
    return {
        "skills": [skill.slug for skill in card.skills.all()],
        "other_skills": sorted(tag.name for tag in card.tags.all()),
        "would_help": [profile.title for profile in card.would_help.all()],
        "note": card.note,
        "hidden": card.hidden,
        "updated_at": card.updated_at.isoformat(),
    }
