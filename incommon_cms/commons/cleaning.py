"""Repairing and checking one mapped row before it is written, so that real-world files import as they come.

Associations' files carry placeholders (`hidden`, `N/A`, `-`), websites without their scheme, HTML copied from a
web page, descriptions longer than the field, coordinates swapped or left at (0, 0). `clean_row` takes the values
a mapping produced for one row and gives back the values to write and the warnings to show on that row:

- placeholder values are treated as empty;
- a website without a scheme (`example.fr`) gets `https://`; any other scheme (`javascript:`, `ftp:`) is left out
  with the reason;
- HTML in a plain-text field is reduced to its text; text longer than its field is cut with "…";
- coordinates: decimal commas are read, swapped latitude and longitude are put back, (0, 0), impossible values
  and points outside the service area refuse the row (`RowError`, with the value and what is accepted);
- a postcode that is not one of the area's, or far from the given point, is a warning.

A refused row is not written and its reason names the field and the value; the other rows of the run go on.
The checks run before the content hash, so a second run of the same file finds the same values unchanged.
"""

import html
import math
import re

import nh3
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from incommon_cms.directory.models import Postcode
from incommon_cms.directory.service_area import check_point, contains

PLACEHOLDERS = {"hidden", "n/a", "na", "-", "--", "?", "none", "null", "nil", "/", "x", "masqué", "verborgen"}
WEB_SCHEMES = ("http://", "https://")
SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
DOMAIN_RE = re.compile(r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}([/:?#].*)?$", re.IGNORECASE)
TAG_RE = re.compile(r"<[a-zA-Z/!][^>]*>")
# A point further than this from its postcode's centre is not in that postcode's commune (Brussels communes are
# at most a few kilometres across).
POSTCODE_DISTANCE_METRES = 4000


class RowError(Exception):
    """A row could not be imported; the message says why."""


def label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def is_placeholder(value):
    return isinstance(value, str) and value.strip().lower() in PLACEHOLDERS


def web_address(model, name, value):
    """(address, warning): a web address with its scheme, or "" and the reason it was left out."""
    if not value:
        return value, ""
    lowered = value.lower()
    if lowered.startswith(WEB_SCHEMES):
        return value, ""
    if SCHEME_RE.match(value) and not DOMAIN_RE.match(value):
        return "", _("%(field)s: “%(value)s” left out: only web addresses (http:// or https://) are accepted.") % {
            "field": label(model, name),
            "value": value[:80],
        }
    if lowered.startswith("//"):
        value = value[2:]
    if DOMAIN_RE.match(value):
        return f"https://{value}", ""
    return "", _("%(field)s: “%(value)s” left out: it is not a web address.") % {
        "field": label(model, name),
        "value": value[:80],
    }


def plain_text(value):
    if TAG_RE.search(value):
        value = html.unescape(nh3.clean(value, tags=set()))
        value = " ".join(value.split())
    return value


def number(value):
    if isinstance(value, (int, float)):
        return float(value)
    return float(str(value).strip().replace(",", "."))


def distance_metres(latitude1, longitude1, latitude2, longitude2):
    lat1, lat2 = math.radians(latitude1), math.radians(latitude2)
    dlat, dlon = lat2 - lat1, math.radians(longitude2 - longitude1)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


def check_coordinates(model, values, warnings):
    """Read the row's coordinates, put swapped ones back; RowError when they cannot be a place in the area."""
    given = [values.get("latitude", ""), values.get("longitude", "")]
    if all(value in ("", None) for value in given):
        return
    shown = {"latitude": given[0], "longitude": given[1]}
    try:
        latitude, longitude = number(given[0]), number(given[1])
    except ValueError:
        raise RowError(
            _("Coordinates “%(latitude)s, %(longitude)s” are not numbers (for example 50.85 and 4.35).") % shown
        ) from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise RowError(
            _(
                "Coordinates “%(latitude)s, %(longitude)s” are impossible: a latitude is between -90 and 90, a "
                "longitude between -180 and 180."
            )
            % shown
        )
    if latitude == 0 and longitude == 0:
        raise RowError(_("Coordinates “0, 0” are not a real position: leave them empty or give the real ones."))
    if not contains(latitude, longitude) and contains(longitude, latitude):
        latitude, longitude = longitude, latitude
        warnings.append(
            _("Latitude and longitude were swapped (%(latitude)s, %(longitude)s): put back in order.") % shown
        )
    try:
        check_point(latitude, longitude, label(model, "latitude"))
    except ValidationError as error:
        raise RowError(" ".join(error.messages)) from None
    values["latitude"], values["longitude"] = latitude, longitude


def check_postcode(values, warnings):
    postcode = str(values.get("postcode") or "").strip()
    if not postcode:
        return
    entry = Postcode.objects.select_related("commune").filter(code=postcode).first()
    if entry is None:
        warnings.append(
            _("Postcode “%(postcode)s” is not a postcode of the area: the commune is not set from it.")
            % {"postcode": postcode}
        )
        return
    if isinstance(values.get("latitude"), float):
        distance = distance_metres(values["latitude"], values["longitude"], entry.latitude, entry.longitude)
        if distance > POSTCODE_DISTANCE_METRES:
            warnings.append(
                _("The point is %(km)s km from postcode %(postcode)s (%(commune)s): check the address or the point.")
                % {"km": round(distance / 1000, 1), "postcode": postcode, "commune": entry.commune}
            )


def without_nul(value):
    """`value` (a row as read: text, lists, mappings) without NUL characters, which mean nothing in text and which
    PostgreSQL refuses in text and JSON columns."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {without_nul(key): without_nul(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [without_nul(item) for item in value]
    return value


def clean_row(model, values):
    """(values, warnings) for one mapped row; raises RowError when the row cannot be imported as it is."""
    values, warnings = dict(values), []
    for name, value in list(values.items()):
        if is_placeholder(value):
            values[name] = ""
        elif isinstance(value, list):
            values[name] = [item for item in value if not is_placeholder(item)]
    fields = {model_field.name: model_field for model_field in model._meta.get_fields()}
    for name, value in list(values.items()):
        if not isinstance(value, str) or name in ("latitude", "longitude", "description"):
            continue
        model_field = fields.get(name)
        if isinstance(model_field, models.URLField):
            value, warning = web_address(model, name, value)
            if warning:
                warnings.append(warning)
        elif isinstance(model_field, models.CharField) and not isinstance(model_field, models.EmailField):
            value = plain_text(value)
            limit = model_field.max_length
            if limit and len(value) > limit:
                value = value[: limit - 1].rstrip() + "…"
                warnings.append(
                    _("%(field)s: cut to %(limit)s characters.") % {"field": label(model, name), "limit": limit}
                )
        elif isinstance(model_field, models.TextField):
            value = plain_text(value) if name not in ("social_links", "equipment") else value
        values[name] = value
    check_coordinates(model, values, warnings)
    check_postcode(values, warnings)
    return values, warnings
