"""A draft never gives its title away: public views that name a page by id answer as if it did not exist.

`world.draft_profile` ("Brouillon secret") is a profile proposal nobody approved yet; withdrawn pages (unpublished
after being live) count as drafts too.
"""

import pytest
from django.test import Client
from django.urls import reverse

from agenda.factories import EventPageFactory
from incommon_cms.directory.factories import PlacePageFactory
from incommon_cms.discussions.models import ThreadFollower
from incommon_cms.discussions.notifications import unsubscribe_token
from incommon_cms.discussions.views import thread_token
from incommon_cms.governance.decisions import record_decision
from incommon_cms.governance.models import Decision, Report
from toolbox.factories import KnowledgeIndexPageFactory, KnowledgeItemPageFactory
from toolbox.models import KnowledgeAuthor

from .conftest import ROLES, publish

pytestmark = pytest.mark.django_db

DRAFT = "Brouillon secret"
DRAFT_URL = "/fr/carte/brouillon/"
HIDDEN_PLACE = "Lieu caché"


def clients(world, client_as, roles=ROLES):
    return {role: client_as(world, role) for role in roles}


def assert_hidden(response, *titles):
    html = response.content.decode()
    for title in (DRAFT, *titles):
        assert title not in html
    assert DRAFT_URL not in html


def test_the_decision_log_of_a_draft_profile_is_a_404_for_everyone(world, client_as):
    record_decision(action=Decision.REJECT, actor=world.users["moderator"], target=world.a, profile=world.draft_profile)
    log = reverse("governance:log")
    for role, client in clients(world, client_as).items():
        response = client.get(f"{log}?profile={world.draft_profile.pk}")
        assert response.status_code == 404, role
        assert_hidden(response)
    published = client_as(world, "visitor").get(f"{log}?profile={world.a.pk}")
    assert published.status_code == 200
    assert "Décisions concernant Collectif A" in published.content.decode()


def test_the_decision_log_answers_404_for_a_profile_that_does_not_exist(world, client, subtests):
    # Subtests, not parametrised tests: the world is built once for every value.
    for value in ["999999999", "abc", "", "1" * 30, "²"]:
        with subtests.test(value=value):
            response = client.get(f"{reverse('governance:log')}?profile={value}")
            assert response.status_code == 404
            assert client.get(reverse("governance:log")).status_code == 200


def test_a_withdrawn_profile_has_no_decision_log_either(world, client):
    world.b.unpublish()
    response = client.get(f"{reverse('governance:log')}?profile={world.b.pk}")
    assert response.status_code == 404
    assert "Décisions concernant Collectif B" not in response.content.decode()


def test_the_report_form_ignores_a_draft_page(world, client_as):
    report = reverse("governance:report")
    for role, client in clients(world, client_as).items():
        response = client.get(f"{report}?page={world.draft_profile.pk}")
        assert response.status_code == 200, role
        assert_hidden(response)
        assert f'name="page" value="{world.draft_profile.pk}"' not in response.content.decode()
    published = client_as(world, "visitor").get(f"{report}?page={world.a.pk}")
    assert "À propos de la page « Collectif A »." in published.content.decode()

    response = client_as(world, "visitor").post(
        report, {"page": world.draft_profile.pk, "kind": Report.ERROR, "message": "Erreur", "website_url": ""}
    )
    assert response.status_code == 302
    assert Report.objects.get(message="Erreur").page is None


def test_a_draft_profile_cannot_be_claimed_nor_named_by_the_claim_page(world, client_as):
    url = reverse("governance:claim", args=[world.draft_profile.pk])
    for role, client in clients(world, client_as, [r for r in ROLES if r != "visitor"]).items():
        response = client.get(url)
        assert response.status_code == 404, role
        assert_hidden(response)
        assert client.post(url, {"message": "C'est nous"}).status_code == 404
    unmanaged = client_as(world, "user").get(reverse("governance:claim", args=[world.unmanaged.pk]))
    assert "Gérer le profil de Sans membres" in unmanaged.content.decode()


def test_my_collectives_links_to_the_log_only_for_published_profiles(world, client_as):
    from incommon_cms.governance.models import Membership

    Membership.objects.create(user=world.users["user"], profile=world.draft_profile, role=Membership.ADMIN)
    html = client_as(world, "user").get(reverse("governance:my_collectives")).content.decode()
    assert DRAFT in html  # the member's own proposal
    assert f"?profile={world.draft_profile.pk}" not in html
    html = client_as(world, "editor").get(reverse("governance:my_collectives")).content.decode()
    assert f"?profile={world.a.pk}" in html


def test_following_the_thread_of_a_draft_is_a_404(world, client_as):
    client = client_as(world, "user")
    response = client.post(reverse("discussions-follow"), {"thread": thread_token(world.draft_profile)})
    assert response.status_code == 404
    assert_hidden(response)
    assert not ThreadFollower.objects.filter(object_pk=str(world.draft_profile.pk)).exists()
    published = client.post(reverse("discussions-follow"), {"thread": thread_token(world.b)})
    assert published.status_code == 302


def test_unsubscribing_from_the_thread_of_a_withdrawn_page_works_without_naming_it(world, client):
    url = reverse("discussions-unsubscribe", args=[unsubscribe_token(world.follower)])
    world.b.unpublish()
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Collectif B" not in html and "/fr/carte/collectif-b/" not in html
    assert "Vous ne recevrez plus d'e-mails sur cette discussion." in html
    assert not ThreadFollower.objects.filter(pk=world.follower.pk).exists()
    again = client.post(url, {"action": "follow"})
    assert "Collectif B" not in again.content.decode()
    assert "Vous suivez à nouveau cette discussion." in again.content.decode()


@pytest.fixture
def hidden_event(world):
    """A published event organised by collective A and the draft profile, at a place that is not published."""
    place = PlacePageFactory(parent=world.directory, title=HIDDEN_PLACE, slug="lieu-cache", live=False)
    event = EventPageFactory(
        parent=world.agenda,
        title="Atelier vélo",
        slug="atelier-velo",
        place=place,
        latitude=50.85,
        longitude=4.35,
    )
    event.organisers.set([world.a, world.draft_profile])
    return publish(event)


def test_an_event_page_names_only_its_published_organisers_and_place(world, client, hidden_event):
    response = client.get(hidden_event.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Collectif A" in html
    assert_hidden(response, HIDDEN_PLACE, "/fr/carte/lieu-cache/")


def test_event_feeds_and_the_api_do_not_name_an_unpublished_place(world, client, hidden_event):
    ics = client.get(reverse("agenda_event_ics", args=[hidden_event.pk]))
    assert "Atelier vélo" in ics.content.decode()
    assert_hidden(ics, HIDDEN_PLACE)
    geojson = client.get(reverse("agenda_geojson") + "?lang=fr")
    assert "Atelier vélo" in geojson.content.decode()
    assert_hidden(geojson, HIDDEN_PLACE)
    record = client.get(f"/api/v1/events/{hidden_event.pk}/")
    assert record.json()["title"] == "Atelier vélo"
    assert_hidden(record, HIDDEN_PLACE)


def test_the_agenda_filters_do_not_offer_a_draft_organiser(world, client, hidden_event):
    html = client.get(world.agenda.url).content.decode()
    assert f'<option value="{world.a.pk}">Collectif A</option>' in html
    assert DRAFT not in html
    for url in (
        f"{world.agenda.url}?organiser={world.draft_profile.pk}",
        reverse("agenda_geojson") + f"?organiser={world.draft_profile.pk}",
        f"/api/v1/events/?organiser={world.draft_profile.pk}",
    ):
        assert_hidden(client.get(url))
    assert client.get(reverse("agenda_geojson") + f"?organiser={world.draft_profile.pk}").status_code == 400
    assert client.get(f"/api/v1/events/?organiser={world.draft_profile.pk}").status_code == 400


def test_a_knowledge_item_does_not_name_an_unpublished_author(world, client):
    index = publish(KnowledgeIndexPageFactory(parent=world.homes["fr"]))
    item = KnowledgeItemPageFactory(parent=index, title="Guide des communs", slug="guide-des-communs")
    KnowledgeAuthor.objects.create(page=item, alternative=world.draft_profile)
    KnowledgeAuthor.objects.create(page=item, alternative=world.a)
    KnowledgeAuthor.objects.create(page=item, name="Ada", alternative=world.draft_profile)
    publish(item)
    assert [author["name"] for author in item.author_list()] == ["Collectif A", "Ada"]
    response = Client().get(item.url)
    assert "Guide des communs" in response.content.decode()
    assert_hidden(response)


def test_search_never_finds_a_draft(world, client):
    response = client.get(reverse("search") + "?q=brouillon")
    assert response.status_code == 200
    assert_hidden(response)
    autocomplete = client.get(reverse("search_autocomplete") + "?q=brouil")
    assert_hidden(autocomplete)
