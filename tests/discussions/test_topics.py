"""The topic space: members open topics by theme; the list follows the latest activity and filters."""

import datetime

import pytest
from django.utils import timezone

from incommon_cms.core.navigation import main_nav
from incommon_cms.directory.factories import CategoryFactory
from incommon_cms.discussions.models import TopicPage
from incommon_cms.governance.models import Decision

from .helpers import post

pytestmark = pytest.mark.django_db


def topic_titles(html):
    import re

    return re.findall(r'<h2 class="topic-title"><a [^>]*>([^<]+)</a>', html)


def make_topic(index, title, topic_type, theme, days_ago):
    page = TopicPage(
        title=title,
        topic_type=topic_type,
        theme=theme,
        body="…",
        last_activity_at=timezone.now() - datetime.timedelta(days=days_ago),
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    TopicPage.objects.filter(pk=page.pk).update(last_activity_at=timezone.now() - datetime.timedelta(days=days_ago))
    return page


def test_the_navigation_finds_the_topic_space(rf, topic_index):
    request = rf.get("/fr/")
    assert {"key": "discussions", "url": "/fr/espace-de-partage/"}.items() <= next(
        item for item in main_nav(request) if item["key"] == "discussions"
    ).items()


def test_topics_are_listed_by_latest_activity_and_filtered(client, topic_index, theme, locales, trusted):
    housing = CategoryFactory(name="Logement", slug="housing", locale=locales["fr"])
    old_question = make_topic(topic_index, "Vieille question", TopicPage.QUESTION, theme, days_ago=10)
    make_topic(topic_index, "Offre de salle", TopicPage.OFFER, housing, days_ago=3)
    make_topic(topic_index, "Retour d'expérience", TopicPage.EXPERIENCE, theme, days_ago=5)

    html = client.get("/fr/espace-de-partage/").content.decode()
    assert topic_titles(html) == ["Offre de salle", "Retour d&#x27;expérience", "Vieille question"]
    assert "3 sujets" in html

    # A new comment brings the old question to the top.
    client.force_login(trusted)
    post(client, old_question, "Toujours d'actualité ?")
    html = client.get("/fr/espace-de-partage/").content.decode()
    assert topic_titles(html)[0] == "Vieille question"
    assert "1 commentaire" in html

    assert topic_titles(client.get("/fr/espace-de-partage/?type=offer").content.decode()) == ["Offre de salle"]
    assert topic_titles(client.get("/fr/espace-de-partage/?theme=food").content.decode()) == [
        "Vieille question",
        "Retour d&#x27;expérience",
    ]
    html = client.get("/fr/espace-de-partage/?theme=food&type=experience").content.decode()
    assert topic_titles(html) == ["Retour d&#x27;expérience"]
    assert "1 sujet" in html
    assert topic_titles(client.get("/fr/espace-de-partage/?theme=housing&type=question").content.decode()) == []
    # An unknown filter value is ignored rather than failing.
    assert client.get("/fr/espace-de-partage/?type=nonsense").status_code == 200


def test_a_member_opens_a_topic_through_the_form(client, topic_index, theme, trusted):
    response = client.get("/fr/espace-de-partage/new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    client.force_login(trusted)
    form = client.get("/fr/espace-de-partage/new/").content.decode()
    assert 'name="topic_type"' in form and "Alimentation" in form

    response = client.post(
        "/fr/espace-de-partage/new/",
        {"title": "", "topic_type": "offer", "theme": "food", "body": "Nous prêtons des tables."},
    )
    assert response.status_code == 400
    assert "Nous prêtons des tables." in response.content.decode()
    assert not TopicPage.objects.exists()

    response = client.post(
        "/fr/espace-de-partage/new/",
        {"title": "Tables à prêter", "topic_type": "offer", "theme": "food", "body": "Nous prêtons des *tables*."},
    )
    topic = TopicPage.objects.get()
    assert response.status_code == 302 and response["Location"] == topic.url
    assert (topic.live, topic.author, topic.theme, topic.topic_type) == (True, trusted, theme, "offer")
    html = client.get(topic.url).content.decode()
    assert "<em>tables</em>" in html and 'id="discussion"' in html
    assert "Offre" in html and "Alimentation" in html


def test_a_newcomers_topic_waits_for_a_moderator(client, topic_index, theme, newcomer, moderator):
    client.force_login(newcomer)
    client.post(
        "/fr/espace-de-partage/new/",
        {"title": "Mon premier sujet", "topic_type": "question", "theme": "food", "body": "Bonjour !"},
    )
    topic = TopicPage.objects.get()
    assert topic.live is False
    client.logout()
    assert "Mon premier sujet" not in client.get("/fr/espace-de-partage/").content.decode()

    client.force_login(moderator)
    assert "Mon premier sujet" in client.get("/fr/discussions/moderation/", follow=True).content.decode()
    client.post(f"/fr/discussions/topics/{topic.pk}/moderate/", {"action": "approve"})
    topic.refresh_from_db()
    assert topic.live is True
    assert Decision.objects.get(action=Decision.APPROVE).target_title == "Mon premier sujet"
    assert topic_titles(client.get("/fr/espace-de-partage/").content.decode()) == ["Mon premier sujet"]


def test_a_rejected_topic_is_logged_with_its_reason(client, topic_index, theme, newcomer, moderator):
    client.force_login(newcomer)
    client.post(
        "/fr/espace-de-partage/new/",
        {"title": "Achetez mes montres", "topic_type": "offer", "theme": "food", "body": "Pas cher"},
    )
    topic = TopicPage.objects.get()
    client.force_login(moderator)
    response = client.post(f"/fr/discussions/topics/{topic.pk}/moderate/", {"action": "reject", "reason": ""})
    assert response.status_code == 400
    client.post(f"/fr/discussions/topics/{topic.pk}/moderate/", {"action": "reject", "reason": "Publicité"})
    assert not TopicPage.objects.exists()
    decision = Decision.objects.get(action=Decision.REJECT)
    assert (decision.reason, decision.target_title) == ("Publicité", "Achetez mes montres")


def test_the_topic_form_is_rate_limited(client, topic_index, theme, trusted, settings):
    settings.DISCUSSIONS = {
        **settings.DISCUSSIONS,
        "RATE_LIMITS": {"comment": (10, 600), "topic": (1, 3600), "flag": (20, 3600)},
    }
    client.force_login(trusted)
    data = {"title": "Un", "topic_type": "question", "theme": "food", "body": "Texte"}
    assert client.post("/fr/espace-de-partage/new/", data).status_code == 302
    response = client.post("/fr/espace-de-partage/new/", {**data, "title": "Deux"})
    assert response.status_code == 429
    assert "Deux" in response.content.decode()
    assert TopicPage.objects.count() == 1
