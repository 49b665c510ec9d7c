"""Demo builders of the sharing app: offers and needs, rooms with their weekly slots, a booking, the skills taxonomy
and a skills card. The content is in `demo_data/sharing.json` (the places' managers are `governance.membership`
records there); see `incommon_cms.core.demo_loader` for the format. Records naming a profile the directory did not
make are skipped; every builder is idempotent."""

import datetime

from django.utils import timezone

from incommon_cms.core.demo_loader import demo_builder
from incommon_cms.directory.models import Category, Commune

from .models import Booking, Listing, Moderated, Room, Skill, SkillCard, WeeklySlot


def _profile(ctx, name):
    return ctx.shared.get("profiles", {}).get(name, {}).get("fr")


def _time(text):
    return datetime.time.fromisoformat(text)


@demo_builder("sharing.listing")
def listing(ctx, *, collective, side, category, commune, days, title, description, quantity, closed=False, met=False):
    """An approved offer or need (`side`) expiring `days` from today; `commune` is a NIS code or null (anywhere)."""
    profile = _profile(ctx, collective)
    if profile is None or Listing.objects.filter(profile=profile, title_fr=title["fr"]).exists():
        return
    Listing.objects.create(
        profile=profile,
        kind=side,
        category=Category.objects.get(slug=category, locale=profile.locale),
        commune=Commune.objects.get(nis_code=commune) if commune else None,
        title_fr=title["fr"],
        title_nl=title["nl"],
        description_fr=description["fr"],
        description_nl=description["nl"],
        quantity=quantity,
        expires_on=timezone.localdate() + datetime.timedelta(days=days),
        status=Moderated.PUBLISHED,
        state=Listing.CLOSED if closed else Listing.OPEN,
        met=met,
        closed_at=timezone.now() if closed else None,
    )


@demo_builder("sharing.room")
def room(ctx, *, place, name, slots, equipment, **fields):
    """An approved room of a place, open on `slots` ([weekday, "HH:MM", "HH:MM"], Monday is 0)."""
    page = _profile(ctx, place)
    if page is None:
        return
    room, created = Room.objects.get_or_create(
        place=page,
        name=name,
        defaults={**fields, "equipment": "\n".join(equipment), "status": Moderated.PUBLISHED},
    )
    if created:
        for weekday, start, end in slots:
            WeeklySlot.objects.create(room=room, weekday=weekday, start_time=_time(start), end_time=_time(end))
    ctx.shared.setdefault("rooms", {})[name] = room


@demo_builder("sharing.booking")
def booking(ctx, *, room, requester, collective, weekday, start, end, attendees, purpose, answer, decided_by):
    """An accepted booking of `room` on the coming `weekday`."""
    shared_room = ctx.shared.get("rooms", {}).get(room)
    profile = _profile(ctx, collective)
    if shared_room is None or profile is None or shared_room.bookings.exists():
        return
    today = timezone.localdate()
    day = today + datetime.timedelta(days=(weekday - today.weekday()) % 7 or 7)
    zone = timezone.get_current_timezone()
    Booking.objects.create(
        room=shared_room,
        requester=ctx.users[requester],
        requester_profile=profile,
        start=datetime.datetime.combine(day, _time(start), tzinfo=zone),
        end=datetime.datetime.combine(day, _time(end), tzinfo=zone),
        attendees=attendees,
        purpose=purpose,
        status=Booking.ACCEPTED,
        answer=answer,
        decided_by=ctx.users[decided_by],
        decided_at=timezone.now(),
    )


@demo_builder("sharing.skill")
def skill(ctx, *, slug, name):
    Skill.objects.update_or_create(
        slug=slug, defaults={"name_fr": name["fr"], "name_nl": name["nl"], "name_en": name["en"]}
    )


@demo_builder("sharing.skill_card")
def skill_card(ctx, *, user, skills, tags, note):
    card, created = SkillCard.objects.get_or_create(user=ctx.users[user], defaults={"note": note})
    if created:
        card.skills.set(Skill.objects.filter(slug__in=skills))
        card.tags.add(*tags)
