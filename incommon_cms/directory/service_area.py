"""The area the platform serves: one check for every way a point reaches common data.

A point far from Brussels is almost always a mistake (latitude and longitude swapped, a sign lost, a partner's test
data) and, once approved, a marker nobody finds on the map. So the open API's writes, the member profile editor,
the event submission forms and the imports all refuse it with the same translated reason, naming the field by its
label, before anything is written. The bounds are `settings.SERVICE_AREA_BOUNDS` (south, north, west, east in
degrees WGS84): the Brussels-Capital Region with a margin.

    contains(latitude, longitude)                    # True inside the bounds
    check_point(latitude, longitude, label)          # ValidationError when outside (a typed point)
    check_point(latitude, longitude, label, geocoded=True)   # the same, for the point an address was placed at
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_BOUNDS = {"south": 50.67, "north": 51.01, "west": 4.10, "east": 4.62}
CODE = "outside_service_area"


def bounds():
    return {**DEFAULT_BOUNDS, **getattr(settings, "SERVICE_AREA_BOUNDS", {})}


def contains(latitude, longitude):
    area = bounds()
    return area["south"] <= latitude <= area["north"] and area["west"] <= longitude <= area["east"]


def check_point(latitude, longitude, label, *, geocoded=False):
    """Raise a ValidationError naming `label` when (latitude, longitude) lies outside the area; None otherwise."""
    if contains(latitude, longitude):
        return
    values = {"label": label, "latitude": f"{latitude:.5g}", "longitude": f"{longitude:.5g}"}
    if geocoded:
        message = _(
            "%(label)s: this address is placed at %(latitude)s, %(longitude)s, outside the area the platform "
            "covers (Brussels and its surroundings)."
        )
    else:
        message = _(
            "%(label)s: the point %(latitude)s, %(longitude)s is outside the area the platform covers (Brussels "
            "and its surroundings). Check the coordinates, and that latitude and longitude are not swapped."
        )
    raise ValidationError(message % values, code=CODE)
