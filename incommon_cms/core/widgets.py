"""wagtailgeowidget's Leaflet map in the admin, loading the vendored Leaflet instead of a CDN copy."""

from django import forms
from django.utils.functional import cached_property
from wagtailgeowidget import panels, widgets


class LeafletField(widgets.LeafletField):
    @cached_property
    def media(self):
        return forms.Media(
            css={"all": ("wagtailgeowidget/css/leaflet-field.css", "vendor/leaflet/leaflet.css")},
            js=(
                "wagtailgeowidget/js/leaflet-field.js",
                "wagtailgeowidget/js/leaflet-field-controller.js",
                "vendor/leaflet/leaflet.js",
            ),
        )


class LeafletPanel(panels.LeafletPanel):
    def widget_overrides(self):
        field = self.model._meta.get_field(self.field_name)
        return {
            self.field_name: LeafletField(
                address_field=self.address_field,
                zoom_field=self.zoom_field,
                hide_latlng=self.hide_latlng,
                zoom=self.zoom,
                srid=getattr(field, "srid", 4326),
                id_prefix="id_",
            )
        }
