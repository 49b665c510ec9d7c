import io
import json

import pytest
from django.core.management import CommandError, call_command

from incommon_cms.directory.generate import SLUG_PREFIX
from incommon_cms.directory.models import Postcode, ProfilePage

pytestmark = pytest.mark.django_db


def test_generate_directory_creates_live_profiles_spread_over_brussels(client, directory, categories):
    call_command("generate_directory", 60, stdout=io.StringIO())
    generated = ProfilePage.objects.filter(slug__startswith=SLUG_PREFIX)
    assert generated.live().count() == 60
    assert len({profile.specific_class for profile in generated}) >= 2
    assert generated.values("postcode").distinct().count() >= 10
    assert set(generated.values_list("postcode", flat=True)) <= set(Postcode.objects.values_list("code", flat=True))
    for latitude, longitude in generated.values_list("latitude", "longitude"):
        assert 50.70 < latitude < 50.95 and 4.20 < longitude < 4.50
    directory["fr"].refresh_from_db()
    assert directory["fr"].numchild == directory["fr"].get_children().count() == 60
    # Real pages: served, on the map, in the list, editable tree.
    profile = generated.order_by("pk").first()
    response = client.get(profile.url)
    assert response.status_code == 200 and profile.title in response.content.decode()
    data = json.loads(client.get("/geo/profiles.geojson?lang=fr").content)
    assert len(data["features"]) == 60
    assert "60 résultats" in client.get("/fr/carte/").content.decode()
    assert profile.categories.exists()
    # Re-running tops up only.
    call_command("generate_directory", 60, stdout=io.StringIO())
    call_command("generate_directory", 70, stdout=io.StringIO())
    assert ProfilePage.objects.filter(slug__startswith=SLUG_PREFIX).count() == 70
    assert len(json.loads(client.get("/geo/profiles.geojson?lang=fr").content)["features"]) == 70
    assert ProfilePage.objects.filter(slug__startswith=SLUG_PREFIX).values("path").distinct().count() == 70


def test_generate_directory_needs_the_map_page(locales):
    with pytest.raises(CommandError):
        call_command("generate_directory", 5, stdout=io.StringIO())
