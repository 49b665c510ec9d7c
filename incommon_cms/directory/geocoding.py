"""Placing profiles on the map without the internet: a table of Brussels postcodes and their centroids.

An online geocoder (Nominatim through geopy) can be switched on with GEOCODER_ONLINE=1; it is only asked
when the offline table has no answer, and never in tests.
"""

import logging
import re

from django.conf import settings

logger = logging.getLogger("incommon.geocoding")

POSTCODE_RE = re.compile(r"\b(1\d{3})\b")


def postcode_from_text(text):
    match = POSTCODE_RE.search(text or "")
    return match.group(1) if match else ""


def geocode_postcode(postcode):
    """(latitude, longitude, Postcode) for a known postcode, or None."""
    from .models import Postcode

    entry = Postcode.objects.select_related("commune").filter(code=(postcode or "").strip()).first()
    if entry is None:
        return None
    return entry.latitude, entry.longitude, entry


def geocode_online(address):
    if not settings.GEOCODER_ONLINE or not address:
        return None
    try:
        from geopy.geocoders import Nominatim

        result = Nominatim(user_agent="incommon-cms", timeout=5).geocode(address)
    except Exception:  # network failures must never break a save
        logger.warning("Online geocoding failed for %r", address, exc_info=True)
        return None
    return (result.latitude, result.longitude) if result else None


def locate(street_address, postcode, city):
    """(latitude, longitude) the geocoders give an address (its postcode's centre, else the online geocoder's
    answer when it is switched on), or None: where `ensure_coordinates` would place it."""
    postcode = postcode or postcode_from_text(street_address)
    found = geocode_postcode(postcode) if postcode else None
    if found:
        return found[0], found[1]
    return geocode_online(", ".join(part for part in [street_address, postcode, city] if part))


def ensure_coordinates(profile):
    """Fill a profile's commune and coordinates from what it already has. Never overwrites given coordinates."""
    profile.sync_point_from_location()
    postcode = profile.postcode or postcode_from_text(profile.street_address)
    if postcode and not profile.postcode:
        profile.postcode = postcode
    found = geocode_postcode(postcode) if postcode else None
    if found and profile.commune_id is None:
        profile.commune = found[2].commune
    if found and not profile.city:
        profile.city = found[2].locality
    if profile.latitude is not None and profile.longitude is not None:
        if not profile.location:
            profile.set_point(profile.latitude, profile.longitude)
        return profile
    if found:
        profile.set_point(found[0], found[1])
        return profile
    online = geocode_online(", ".join(p for p in [profile.street_address, profile.postcode, profile.city] if p))
    if online:
        profile.set_point(*online)
    return profile
