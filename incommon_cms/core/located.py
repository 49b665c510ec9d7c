"""An address and a point on the map, for the pages that have one (directory profiles, agenda events).

`LocatedMixin` declares the fields once (same names and columns as before, so no schema change), the admin panels
that edit them, and the two helpers that keep the map widget's value (`location`, an EWKT point written by
wagtailgeowidget) and the indexed `latitude`/`longitude` columns in step: geocoding, imports and forms call
`set_point`, a save from the admin calls `sync_point_from_location`. The commune is not here: it is the directory's
reference data, and core depends on no capability app.
"""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from .widgets import LeafletPanel

POINT_RE = re.compile(r"POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)", re.IGNORECASE)


def parse_point(location):
    """(latitude, longitude) of an EWKT/WKT point such as `SRID=4326;POINT(4.35 50.85)`, or None."""
    match = POINT_RE.search(location or "")
    if not match:
        return None
    return float(match.group(2)), float(match.group(1))


class LocatedMixin(models.Model):
    street_address = models.CharField(_("street and number"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    location = models.CharField(_("location on the map"), max_length=250, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        abstract = True

    @staticmethod
    def address_panels(before=(), after=()):
        """The address fields' panels, with the page's own fields `before` the street and `after` the town."""
        return [
            *before,
            FieldPanel("street_address"),
            FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
            *after,
            LeafletPanel("location", address_field="street_address"),
        ]

    def set_point(self, latitude, longitude):
        self.latitude, self.longitude = latitude, longitude
        self.location = f"SRID=4326;POINT({longitude} {latitude})"

    def sync_point_from_location(self):
        """Keep the indexed latitude/longitude columns in step with the map widget's value."""
        point = parse_point(self.location)
        if point:
            self.latitude, self.longitude = point
