"""How complete a profile is: a score out of 100 and the fields still to fill, in the order worth doing them."""

from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Check:
    key: str
    label: object
    is_filled: object
    applies_to: tuple = ("alternative", "place", "good_address")


def _text(value):
    return bool(strip_tags(value or "").strip())


CHECKS = [
    Check("short_description", _("Short description"), lambda p: _text(p.short_description)),
    Check("description", _("Description"), lambda p: _text(p.description)),
    Check("kind", _("Kind of organisation"), lambda p: bool(p.kind), ("alternative",)),
    Check("categories", _("At least one category"), lambda p: p.categories.exists()),
    Check("image", _("Logo or photo"), lambda p: p.image_id is not None),
    Check("address", _("Address or postcode"), lambda p: bool(p.street_address or p.postcode)),
    Check("location", _("Position on the map"), lambda p: p.latitude is not None and p.longitude is not None),
    Check("website", _("Website or social network"), lambda p: bool(p.website or p.social_links.strip())),
    Check("contact", _("E-mail or phone"), lambda p: bool(p.email or p.phone)),
    Check("opening_hours", _("Opening hours"), lambda p: bool(p.opening_hours.strip()), ("place", "good_address")),
    Check("languages", _("Languages spoken"), lambda p: bool(p.languages)),
    Check("capacity", _("Capacity"), lambda p: p.capacity is not None, ("place",)),
    Check("accessibility", _("Accessibility details"), lambda p: _text(p.accessibility), ("place",)),
    Check("price_policy", _("Price policy"), lambda p: bool(p.price_policy), ("place",)),
    Check("offer", _("What they offer"), lambda p: _text(p.offer), ("good_address",)),
]


@dataclass
class Completeness:
    score: int
    filled: list
    missing: list


def completeness(profile):
    """The completeness of a profile (its specific page: alternative, place or good address)."""
    profile = profile.specific
    checks = [check for check in CHECKS if profile.profile_type in check.applies_to]
    filled = [check for check in checks if check.is_filled(profile)]
    missing = [check for check in checks if check not in filled]
    score = round(100 * len(filled) / len(checks)) if checks else 100
    return Completeness(
        score=score,
        filled=[{"key": c.key, "label": c.label} for c in filled],
        missing=[{"key": c.key, "label": c.label} for c in missing],
    )
