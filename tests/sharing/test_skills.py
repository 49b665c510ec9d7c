"""The skills directory is for members of a collective only: never in public HTML, the API, search, the sitemap or
exports; a member hides or deletes their card at any time; it is part of their GDPR export and goes with the account."""

import json

import pytest
from django.urls import reverse

from incommon_cms.accounts.gdpr import delete_account, export_user_data
from incommon_cms.sharing.models import Skill, SkillCard

pytestmark = pytest.mark.django_db

SECRET = "Xylophone-therapy-secret"


@pytest.fixture
def card(people, profiles):
    skill = Skill.objects.create(slug="xylophone", name_fr="Xylophonie", name_nl="Xylofoon NL")
    card = SkillCard.objects.create(user=people["atelier"], note=f"Je connais la {SECRET}")
    card.skills.add(skill)
    card.tags.add("tag-" + SECRET)
    card.would_help.add(profiles["potager"])
    return card


PUBLIC_URLS = [
    lambda p: reverse("sharing:board"),
    lambda p: reverse("sharing:rooms"),
    lambda p: reverse("search") + f"?q={SECRET}",
    lambda p: reverse("search_autocomplete") + "?q=Xylo",
    lambda p: "/sitemap.xml",
    lambda p: "/api/v1/profiles/",
    lambda p: f"/api/v1/profiles/{p['potager'].pk}/",
    lambda p: "/api/v1/schema/",
    lambda p: reverse("directory:geojson"),
    lambda p: "/agenda/feed.ics",
    lambda p: p["potager"].url,
    lambda p: p["atelier"].url,
]


def test_skills_never_reach_visitors_or_signed_in_people_without_a_collective(client, card, people, profiles):
    for signed_in in (None, people["signed_in"]):
        if signed_in is not None:
            client.force_login(signed_in)
        for url_for in PUBLIC_URLS:
            url = url_for(profiles)
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            # The search page repeats the words searched for: what must not appear is the card's own text.
            assert b"Je connais la" not in body, url
            assert b"tag-" + SECRET.encode() not in body, url
            assert b"Xylofoon" not in body and b"Xylophonie" not in body, url
            if "recherche" not in url:
                assert SECRET.encode() not in body, url
        directory = client.get(reverse("sharing:skills"))
        assert directory.status_code in (302, 403)
        assert SECRET.encode() not in directory.content


def test_skills_are_not_in_the_data_export_of_another_member(card, people):
    export = json.dumps(export_user_data(people["potager"]), default=str)
    assert SECRET not in export


def test_members_see_the_directory_and_filter_it(client, card, people):
    client.force_login(people["potager"])
    html = client.get(reverse("sharing:skills")).content.decode()
    assert SECRET in html and "Anton" in html and "Potager Collectif" in html
    assert 'name="robots" content="noindex, nofollow"' in html
    assert SECRET in client.get(reverse("sharing:skills") + "?skill=xylophone").content.decode()
    assert SECRET not in client.get(reverse("sharing:skills") + "?q=jardinage").content.decode()


def test_a_member_hides_then_deletes_their_card(client, card, people):
    client.force_login(people["atelier"])
    response = client.post(
        reverse("sharing:my_skills"),
        {"skills": [s.pk for s in card.skills.all()], "tags": "reliure", "note": "Caché", "hidden": "on"},
    )
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.hidden and [t.name for t in card.tags.all()] == ["reliure"]
    client.force_login(people["potager"])
    assert "Caché" not in client.get(reverse("sharing:skills")).content.decode()
    client.force_login(people["atelier"])
    client.post(reverse("sharing:delete_skills"))
    assert not SkillCard.objects.filter(user=people["atelier"]).exists()


def test_the_card_is_in_the_members_export_and_leaves_with_the_account(card, people):
    export = export_user_data(people["atelier"])["sharing"]
    assert export["skills_card"]["note"] == f"Je connais la {SECRET}"
    assert export["skills_card"]["skills"] == ["xylophone"]
    assert export["skills_card"]["other_skills"] == ["tag-" + SECRET]
    delete_account(people["atelier"])
    assert not SkillCard.objects.exists()
