"""The statistics page of a collective, for its members and the moderators."""

import datetime

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.directory.models import ProfilePage
from incommon_cms.ecosystem.models import InboundLinkCount, PageViewCount, ProfileVerification
from incommon_cms.governance.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(known_data):
    user = UserFactory(email="member@example.org", language="fr")
    Membership.objects.create(user=user, profile=known_data["alpha"], role=Membership.ADMIN)
    return user


@pytest.fixture
def audience(known_data):
    today = timezone.localdate()
    alpha, alpha_nl = known_data["alpha"], known_data["alpha_nl"]
    PageViewCount.objects.create(page=alpha, date=today, count=5)
    PageViewCount.objects.create(page=alpha, date=today - datetime.timedelta(days=40), count=7)
    PageViewCount.objects.create(page=alpha_nl, date=today - datetime.timedelta(days=3), count=2)
    PageViewCount.objects.create(page=known_data["beta"], date=today, count=100)  # another collective
    InboundLinkCount.objects.create(date=today, host="www.bral.brussels", channel="embed", page=alpha, count=4)
    InboundLinkCount.objects.create(
        date=today, host="elsewhere.example", channel="api", page=known_data["beta"], count=9
    )


def url(profile):
    return f"/fr/collectif/{profile.pk}/statistiques/"


def test_members_see_views_links_and_completeness(client, member, known_data, audience):
    client.force_login(member)
    html = client.get(url(known_data["alpha"])).content.decode()
    assert "Statistiques de Alpha" in html
    assert "7 vues ces 30 derniers jours" in html
    assert "<td>5</td><td>12</td>" in html  # French page: 5 in 30 days, 12 in 12 months
    assert "<td>2</td><td>2</td>" in html  # Dutch page
    assert "www.bral.brussels" in html and "elsewhere.example" not in html
    assert 'data-field="image"' in html and 'data-field="kind"' not in html
    assert 'id="chart-collective-views"' in html


def test_the_dutch_page_id_leads_to_the_same_collective(client, member, known_data, audience):
    client.force_login(member)
    response = client.get(f"/nl/collectief/{known_data['alpha_nl'].pk}/statistieken/")
    assert response.status_code == 200
    assert "Statistieken van Alpha NL" in response.content.decode()


def test_other_users_cannot_see_it(client, member, known_data):
    response = client.get(url(known_data["alpha"]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(UserFactory(email="stranger@example.org"))
    assert client.get(url(known_data["alpha"])).status_code == 403
    client.force_login(member)
    assert client.get(url(known_data["beta"])).status_code == 403


def test_moderators_can_see_any_collective(client, known_data):
    client.force_login(UserFactory(email="mod@example.org", is_superuser=True))
    assert "Statistiques de Beta" in client.get(url(known_data["beta"])).content.decode()


def test_member_confirms_the_profile_is_still_right(client, member, known_data):
    client.force_login(member)
    response = client.post(f"/fr/collectif/{known_data['alpha'].pk}/confirmer/")
    assert response.status_code == 302
    today = timezone.localdate()
    assert set(
        ProfilePage.objects.filter(translation_key=known_data["alpha"].translation_key).values_list(
            "last_verified", flat=True
        )
    ) == {today}
    log = ProfileVerification.objects.get()
    assert (log.method, log.user, log.previous_date) == ("member", member, datetime.date(2026, 10, 1))
    assert client.post(f"/fr/collectif/{known_data['beta'].pk}/confirmer/").status_code == 403


def test_my_collectives_links_each_collective_to_its_statistics(client, member, known_data):
    """One "My collectives" page (governance's): the ecosystem adds the statistics link through collective_links."""
    client.force_login(member)
    html = client.get(reverse("governance:my_collectives")).content.decode()
    assert url(known_data["alpha"]) in html
    assert "Statistiques et fraîcheur de la fiche" in html
    assert "Beta" not in html and url(known_data["beta"]) not in html


def test_there_is_one_my_collectives_page():
    with pytest.raises(NoReverseMatch):
        reverse("ecosystem:my_collectives")


def test_profile_page_links_members_to_their_statistics(client, member, known_data):
    alpha = known_data["alpha"]
    link = url(alpha)
    assert link not in client.get(alpha.url).content.decode()
    client.force_login(member)
    html = client.get(alpha.url).content.decode()
    assert link in html
    assert "Complétude : 50/100" in html
