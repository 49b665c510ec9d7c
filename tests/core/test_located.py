import pytest

from agenda.models import EventPage
from incommon_cms.core.located import LocatedMixin, parse_point
from incommon_cms.core.widgets import LeafletPanel
from incommon_cms.directory.models import AlternativePage, PlacePage

pytestmark = pytest.mark.django_db

LOCATED_FIELDS = ["street_address", "postcode", "city", "location", "latitude", "longitude"]


def test_profiles_and_events_share_the_address_and_point_fields():
    for model in (AlternativePage, PlacePage, EventPage):
        assert issubclass(model, LocatedMixin)
        for name in LOCATED_FIELDS:
            assert model._meta.get_field(name).column == name
    # The profiles' point stays indexed for the map's bounding-box queries.
    assert AlternativePage._meta.get_field("latitude").db_index
    assert not EventPage._meta.get_field("latitude").db_index


def test_set_point_and_the_map_widget_value_stay_in_step():
    event = EventPage(title="Soupe")
    event.set_point(50.8466, 4.3528)
    assert event.location == "SRID=4326;POINT(4.3528 50.8466)"
    event.location = "SRID=4326;POINT(4.36 50.83)"
    event.sync_point_from_location()
    assert (event.latitude, event.longitude) == (50.83, 4.36)
    event.location = "nowhere"
    event.sync_point_from_location()
    assert (event.latitude, event.longitude) == (50.83, 4.36)
    assert parse_point("POINT(-0.5 51.25)") == (51.25, -0.5) and parse_point("") is None


def test_both_editors_use_the_vendored_map_panel():
    for model in (PlacePage, EventPage):
        fields = model.get_edit_handler().get_form_options()["fields"]
        assert fields.index("street_address") < fields.index("postcode") < fields.index("location")
        form_class = model.get_edit_handler().get_form_class()
        widget = form_class.base_fields["location"].widget
        assert type(widget).__module__ == "incommon_cms.core.widgets", model
        assert "vendor/leaflet/leaflet.js" in str(widget.media)
    assert LeafletPanel.__module__ == "incommon_cms.core.widgets"
