import pytest

from agenda.models import EventPage

from .conftest import local

pytestmark = pytest.mark.django_db


def test_admin_editor_generates_and_shows_the_rule(client, make_event):
    from incommon_cms.accounts.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    event = make_event(title="Chorale", start=local(2026, 12, 3, 19), end=local(2026, 12, 3, 21))
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert 'name="repeat"' in html and 'name="repeat_weekdays"' in html

    form_class = EventPage.get_edit_handler().get_form_class()
    data = {
        "title": "Chorale",
        "slug": event.slug,
        "start": "2026-12-03 19:00",
        "end": "2026-12-03 21:00",
        "status": "scheduled",
        "repeat": "monthly_weekday",
        "repeat_interval": "1",
        "repeat_position": "1",
        "repeat_count": "5",
        "exdates": "2027-01-07T19:00",
        "rdates": "",
    }
    form = form_class(data, instance=event, for_user=admin)
    assert form.is_valid(), form.errors
    assert form.instance.rrule == "FREQ=MONTHLY;BYDAY=1TH;COUNT=5"

    event.rrule = "FREQ=MONTHLY;BYDAY=1TH;COUNT=5"
    event.save_revision().publish()
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert "FREQ=MONTHLY;BYDAY=1TH;COUNT=5" in html
    assert '<option value="monthly_weekday" selected>' in html

    bad = form_class({**data, "repeat_until": "2027-06-01"}, instance=event, for_user=admin)
    assert not bad.is_valid() and "repeat_count" in bad.errors
