"""Demo content of the sharing app, read from `demo_data/sharing.json`: offers and needs of the demo collectives
(one closed and met), two shared places with managers, rooms and weekly slots, one accepted booking, the skills
taxonomy and a skills card. Idempotent; runs after the directory and governance loaders."""

import datetime
import json
from pathlib import Path

from django.utils import timezone

from incommon_cms.directory.models import Category, Commune
from incommon_cms.governance.models import Membership

from .models import Booking, Listing, Moderated, Room, Skill, SkillCard, WeeklySlot

ORDER = 80
DATA = Path(__file__).parent / "demo_data" / "sharing.json"


def _time(text):
    return datetime.time.fromisoformat(text)


def _next(weekday):
    today = timezone.localdate()
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7 or 7)


def load(ctx):
    data = json.loads(DATA.read_text(encoding="utf-8"))
    profiles = {name: versions["fr"] for name, versions in ctx.shared.get("profiles", {}).items()}
    users = ctx.users
    for item in data["listings"]:
        profile = profiles.get(item["collective"])
        if profile is None or Listing.objects.filter(profile=profile, title_fr=item["title"]["fr"]).exists():
            continue
        closed = item.get("closed", False)
        Listing.objects.create(
            profile=profile,
            kind=item["kind"],
            category=Category.objects.get(slug=item["category"], locale=profile.locale),
            commune=Commune.objects.filter(nis_code=item["commune"]).first() if item["commune"] else None,
            title_fr=item["title"]["fr"],
            title_nl=item["title"]["nl"],
            description_fr=item["description"]["fr"],
            description_nl=item["description"]["nl"],
            quantity=item["quantity"],
            expires_on=timezone.localdate() + datetime.timedelta(days=item["days"]),
            status=Moderated.PUBLISHED,
            state=Listing.CLOSED if closed else Listing.OPEN,
            met=item.get("met", False),
            closed_at=timezone.now() if closed else None,
        )
    for item in data["place_managers"]:
        if item["place"] in profiles:
            Membership.objects.get_or_create(
                user=users[item["user"]], profile=profiles[item["place"]], defaults={"role": Membership.ADMIN}
            )
    rooms = {}
    for item in data["rooms"]:
        place = profiles.get(item["place"])
        if place is None:
            continue
        room, created = Room.objects.get_or_create(
            place=place,
            name=item["name"],
            defaults={
                "capacity": item["capacity"],
                "surface": item["surface"],
                "step_free_access": item["step_free_access"],
                "step_free_toilets": item["step_free_toilets"],
                "equipment": "\n".join(item["equipment"]),
                "price": item["price"],
                "solidarity_price": item["solidarity_price"],
                "house_rules": item["house_rules"],
                "status": Moderated.PUBLISHED,
            },
        )
        if created:
            for weekday, start, end in item["slots"]:
                WeeklySlot.objects.create(room=room, weekday=weekday, start_time=_time(start), end_time=_time(end))
        rooms[item["name"]] = room
    zone = timezone.get_current_timezone()
    for item in data["bookings"]:
        room = rooms.get(item["room"])
        if room is None or room.bookings.exists():
            continue
        day = _next(item["weekday"])
        Booking.objects.create(
            room=room,
            requester=users[item["requester"]],
            requester_profile=profiles[item["collective"]],
            start=datetime.datetime.combine(day, _time(item["start"]), tzinfo=zone),
            end=datetime.datetime.combine(day, _time(item["end"]), tzinfo=zone),
            attendees=item["attendees"],
            purpose=item["purpose"],
            status=Booking.ACCEPTED,
            answer=item["answer"],
            decided_by=users[item["decided_by"]],
            decided_at=timezone.now(),
        )
    for item in data["skills"]:
        Skill.objects.update_or_create(
            slug=item["slug"], defaults={"name_fr": item["fr"], "name_nl": item["nl"], "name_en": item["en"]}
        )
    for item in data["skill_cards"]:
        card, created = SkillCard.objects.get_or_create(user=users[item["user"]], defaults={"note": item["note"]})
        if created:
            card.skills.set(Skill.objects.filter(slug__in=item["skills"]))
            card.tags.add(*item["tags"])
    ctx.log(
        f"  sharing: {Listing.objects.count()} offers and needs, {Room.objects.count()} rooms, "
        f"{Booking.objects.count()} bookings, {SkillCard.objects.count()} skills cards"
    )
