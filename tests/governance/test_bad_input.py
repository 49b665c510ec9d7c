"""The member profile editor refuses a map pin far from Brussels with a reason naming the field; nothing is sent."""

import pytest
from django.urls import reverse
from django.utils.translation import override
from wagtail.models import Page, Revision, WorkflowState

from incommon_cms.directory.models import AlternativePage

pytestmark = pytest.mark.django_db

SYDNEY_REASON = (
    "Latitude: the point -33.9, 151.2 is outside the area the platform covers (Brussels and its surroundings). "
    "Check the coordinates, and that latitude and longitude are not swapped."
)


def written():
    return Page.objects.count(), Revision.objects.count(), WorkflowState.objects.count()


def profile_form(**fields):
    return {"title": "Communa", "short_description": "Des bâtiments vides.", "data_licence": "CC-BY-SA-4.0", **fields}


def test_the_editor_refuses_a_pin_in_sydney_and_keeps_what_was_typed(client, profiles, people):
    page = profiles["communa"]
    client.force_login(people["editor"])
    with override("en"):
        url = reverse("governance:edit_profile", args=[page.pk])
    before = written()

    response = client.post(url, profile_form(latitude="-33.9", longitude="151.2", save="1"))

    assert response.status_code == 400
    html = response.content.decode()
    assert SYDNEY_REASON in html
    assert 'value="-33.9"' in html and 'value="151.2"' in html
    assert written() == before
    assert not AlternativePage.objects.get(pk=page.pk).has_unpublished_changes
    assert client.post(url, profile_form(latitude="50.85", longitude="4.35", save="1")).status_code == 302


def test_a_new_profile_in_sydney_is_not_proposed(client, profiles, people):
    client.force_login(people["signed_in"])
    with override("en"):
        url = reverse("governance:new_profile") + "?type=alternative"
    before = written()

    response = client.post(url, profile_form(title="Aux antipodes", latitude="-33.9", longitude="151.2", save="1"))

    assert response.status_code == 400 and SYDNEY_REASON in response.content.decode()
    assert written() == before and not AlternativePage.objects.filter(title="Aux antipodes").exists()
