import datetime

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from agenda.models import EventPage, EventProposal
from incommon_cms.accounts.factories import UserFactory
from incommon_cms.governance.models import Membership

pytestmark = pytest.mark.django_db

DAY = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()


def form_data(**extra):
    return {
        "title": "Soupe solidaire",
        "start_date": DAY,
        "start_time": "18:00",
        "end_time": "21:00",
        "street_address": "Rue Haute 10, 1000 Bruxelles",
        "repeat": "weekly",
        "repeat_weekdays": ["MO", "WE"],
        "repeat_count": "6",
        **extra,
    }


def test_member_submits_a_draft_to_the_workflow(client, agenda, organiser):
    user = UserFactory()
    Membership.objects.create(user=user, profile=organiser)
    client.force_login(user)
    response = client.post("/fr/agenda/nouvel-evenement/", form_data(organiser=organiser.pk))
    assert response.status_code == 302
    event = EventPage.objects.get(title="Soupe solidaire")
    assert not event.live and event.rrule == "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6"
    assert list(event.organisers.all()) == [organiser.profilepage_ptr] or event.organisers.first().pk == organiser.pk
    assert event.latitude is not None  # placed on the map from the postcode
    assert WorkflowState.objects.filter(object_id=str(event.pk), status="in_progress").exists()


def test_errors_keep_what_was_typed(client, agenda, organiser):
    user = UserFactory()
    Membership.objects.create(user=user, profile=organiser)
    client.force_login(user)
    html = client.post(
        "/fr/agenda/nouvel-evenement/", form_data(organiser=organiser.pk, start_time="", repeat_until=DAY)
    ).content.decode()
    assert 'value="Soupe solidaire"' in html and "Rue Haute 10" in html
    assert 'class="error"' in html
    assert not EventPage.objects.exists()


def test_public_proposal_is_confirmed_by_email(client, agenda):
    data = form_data(email="ana@example.org", organiser_name="Les voisins", repeat="")
    response = client.post("/fr/agenda/proposer-un-evenement/", data)
    assert "ana@example.org" in response.content.decode()
    proposal = EventProposal.objects.get()
    (message,) = mail.outbox
    assert proposal.token in message.body and "Soupe solidaire" in message.body
    assert not EventPage.objects.exists()
    link = message.body.split("http://testserver")[1].split()[0]
    assert "Confirm" in client.get(link).content.decode() or "Confirmer" in client.get(link).content.decode()
    client.post(link)
    client.post(link)
    event = EventPage.objects.get()
    assert not event.live and "Les voisins" in event.description
    assert WorkflowState.objects.filter(object_id=str(event.pk)).count() == 1


def test_honeypot_and_rate_limit(client, agenda):
    html = client.post(
        "/fr/agenda/proposer-un-evenement/", form_data(email="a@b.org", organiser_name="X", website_url="spam")
    ).content.decode()
    assert not EventProposal.objects.exists() and 'value="Soupe solidaire"' in html
    for _n in range(6):
        response = client.post(
            "/fr/agenda/proposer-un-evenement/", form_data(email="a@b.org", organiser_name="X", repeat="")
        )
    assert EventProposal.objects.count() == 5
    assert "form-errors" in response.content.decode()


def test_the_same_event_twice_gets_a_free_slug_and_its_own_submission(client, agenda, organiser):
    user = UserFactory()
    Membership.objects.create(user=user, profile=organiser)
    client.force_login(user)
    for _ in range(2):
        assert client.post("/fr/agenda/nouvel-evenement/", form_data(organiser=organiser.pk)).status_code == 302
    first, second = EventPage.objects.filter(title="Soupe solidaire").order_by("pk")
    assert second.slug == first.slug + "-1" and first.slug.startswith("soupe-solidaire-")
    for event in (first, second):
        state = WorkflowState.objects.get(object_id=str(event.pk))
        assert state.status == "in_progress" and state.requested_by == user
        assert state.current_task_state.revision == event.latest_revision
