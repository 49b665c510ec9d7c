"""Followers get an e-mail in their own language for each new comment, and can unsubscribe in one click."""

import re

import pytest
from django.core import mail

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.core.demo_utils import translation
from incommon_cms.discussions.models import Comment, ThreadFollower
from incommon_cms.governance.models import Membership

from .helpers import post

pytestmark = pytest.mark.django_db


@pytest.fixture
def dutch_member(profile):
    user = UserFactory(username="jan", first_name="Jan", last_name="Peeters", language="nl")
    Membership.objects.create(user=user, profile=profile)
    return user


def test_a_reply_notifies_the_followers_and_the_unsubscribe_link_works(client, profile, trusted, dutch_member):
    translation(profile, "nl", title="Repair Café Elsene", slug="repair-cafe-elsene")
    client.force_login(dutch_member)
    post(client, profile, "Wie komt zaterdag helpen?", followup=True)
    question = Comment.objects.get()
    assert mail.outbox == []  # nobody else follows yet

    client.force_login(trusted)
    post(client, profile, "Je viendrai avec des outils **et** du café.", reply_to=question.pk, followup=False)
    reply = Comment.objects.get(parent_id=question.pk, level=1)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [dutch_member.email]
    assert "Nieuwe reactie" in message.subject and "Repair Café Elsene" in message.subject
    assert "Hallo Jan Peeters" in message.body
    assert "Je viendrai avec des outils et du café." in message.body
    assert f"/nl/kaart/repair-cafe-elsene/#c{reply.pk}" in message.body
    html = message.alternatives[0][0]
    assert "Je viendrai avec des outils et du café." in html

    unsubscribe_url = re.search(r"http://\S+/nl/discussies/unsubscribe/\S+/", message.body).group(0)
    client.logout()
    response = client.get(unsubscribe_url.replace("http://localhost", "").replace("http://testserver", ""))
    assert response.status_code == 200
    assert "U ontvangt geen e-mails meer" in response.content.decode()
    assert not ThreadFollower.objects.filter(user=dutch_member).exists()

    client.force_login(trusted)
    post(client, profile, "Un autre message")
    assert len(mail.outbox) == 1  # the unsubscribed member is not written to again


def test_a_tampered_unsubscribe_link_is_refused(client, profile, trusted):
    response = client.get("/fr/discussions/unsubscribe/not-a-token/")
    assert response.status_code == 400
    assert "pas valide" in response.content.decode()


def test_a_held_comment_notifies_only_once_approved(client, profile, trusted, newcomer, moderator):
    client.force_login(trusted)
    post(client, profile, "Bienvenue à tous", followup=True)
    client.force_login(newcomer)
    post(client, profile, "Merci !", followup=False)
    held = Comment.objects.get(comment="Merci !")
    assert mail.outbox == []
    client.force_login(moderator)
    client.post(f"/fr/discussions/comments/{held.pk}/moderate/", {"action": "approve"})
    assert [m.to for m in mail.outbox] == [[trusted.email]]
    assert "Nouveau commentaire" in mail.outbox[0].subject
    # Hiding and approving again does not send the same comment twice.
    client.post(f"/fr/discussions/comments/{held.pk}/moderate/", {"action": "hide", "reason": "Vérification"})
    client.post(f"/fr/discussions/comments/{held.pk}/moderate/", {"action": "approve"})
    assert len(mail.outbox) == 1


def test_members_follow_and_stop_following_from_the_thread(client, profile, trusted):
    client.force_login(trusted)
    html = client.get(profile.url).content.decode()
    token = re.search(r'name="thread" value="([^"]+)"', html).group(1)
    client.post("/fr/discussions/follow/", {"thread": token, "action": "follow"})
    assert ThreadFollower.objects.filter(user=trusted, object_pk=str(profile.pk)).exists()
    assert "Ne plus suivre cette discussion" in client.get(profile.url).content.decode()
    client.post("/fr/discussions/follow/", {"thread": token, "action": "unfollow"})
    assert not ThreadFollower.objects.exists()
    assert client.post("/fr/discussions/follow/", {"thread": "forged", "action": "follow"}).status_code == 404
