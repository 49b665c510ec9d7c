"""Held comments, flags and moderators' decisions, which go to the public decision log."""

import pytest
from django_comments.models import CommentFlag

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.discussions.models import Comment, CommentState
from incommon_cms.discussions.moderation import COMMENT_APPROVE, COMMENT_HIDE, COMMENT_REMOVE
from incommon_cms.governance.models import Decision

from .helpers import comment_ids, post

pytestmark = pytest.mark.django_db


def test_a_held_comment_is_invisible_to_the_public_until_approved(client, profile, newcomer, moderator):
    client.force_login(newcomer)
    response = post(client, profile, "Mon tout premier commentaire")
    comment = Comment.objects.get()
    assert comment.is_public is False and comment.state.status == CommentState.PENDING
    assert "modérateur" in client.get(response["Location"]).content.decode()

    # The author sees it, marked as waiting; the public and other members do not.
    assert "Mon tout premier commentaire" in client.get(profile.url).content.decode()
    assert "En attente de modération" in client.get(profile.url).content.decode()
    client.logout()
    assert "Mon tout premier commentaire" not in client.get(profile.url).content.decode()
    client.force_login(UserFactory(username="someone"))
    assert "Mon tout premier commentaire" not in client.get(profile.url).content.decode()
    assert '<span class="badge">0 commentaire</span>' in client.get(profile.url).content.decode()

    # The moderator finds it in the queue and approves it.
    client.force_login(moderator)
    queue = client.get("/fr/discussions/moderation/", follow=True).content.decode()
    assert "Mon tout premier commentaire" in queue
    response = client.post(f"/fr/discussions/comments/{comment.pk}/moderate/", {"action": "approve", "reason": ""})
    assert response.status_code == 302

    client.logout()
    html = client.get(profile.url).content.decode()
    assert "Mon tout premier commentaire" in html
    assert comment_ids(html) == [comment.pk]
    decision = Decision.objects.get(action=COMMENT_APPROVE)
    assert decision.actor == moderator
    assert decision.target_type == "discussions.comment"
    assert decision.profile_id == profile.pk
    assert "Mon tout premier" not in decision.target_title


def test_members_are_trusted_after_enough_published_comments(client, profile, newcomer, moderator, settings):
    settings.DISCUSSIONS = {**settings.DISCUSSIONS, "TRUSTED_AFTER": 1}
    client.force_login(newcomer)
    post(client, profile, "Premier")
    first = Comment.objects.get()
    client.force_login(moderator)
    client.post(f"/fr/discussions/comments/{first.pk}/moderate/", {"action": "approve"})
    client.force_login(newcomer)
    post(client, profile, "Deuxième")
    assert Comment.objects.get(comment="Deuxième").is_public is True


def test_approving_a_parent_does_not_publish_held_replies(client, profile, trusted, newcomer, moderator):
    client.force_login(trusted)
    post(client, profile, "Parent")
    parent = Comment.objects.get()
    client.force_login(newcomer)
    post(client, profile, "Réponse en attente", reply_to=parent.pk)
    client.force_login(moderator)
    client.post(f"/fr/discussions/comments/{parent.pk}/moderate/", {"action": "hide", "reason": "Hors sujet"})
    client.post(f"/fr/discussions/comments/{parent.pk}/moderate/", {"action": "approve", "reason": "Rétabli"})
    reply = Comment.objects.get(comment="Réponse en attente")
    assert reply.is_public is False and reply.state.status == CommentState.PENDING
    client.logout()
    assert "Réponse en attente" not in client.get(profile.url).content.decode()


def test_moderators_hide_and_remove_with_a_reason_that_goes_to_the_decision_log(client, profile, trusted, moderator):
    client.force_login(trusted)
    post(client, profile, "Propos déplacés")
    post(client, profile, "Publicité")
    rude, spam = Comment.objects.get(comment="Propos déplacés"), Comment.objects.get(comment="Publicité")

    client.force_login(moderator)
    response = client.post(f"/fr/discussions/comments/{rude.pk}/moderate/", {"action": "hide", "reason": ""})
    assert response.status_code == 400
    assert "Donnez une raison" in response.content.decode()
    rude.refresh_from_db()
    assert rude.is_public is True

    client.post(f"/fr/discussions/comments/{rude.pk}/moderate/", {"action": "hide", "reason": "Propos blessants"})
    client.post(f"/fr/discussions/comments/{spam.pk}/moderate/", {"action": "remove", "reason": "Spam commercial"})
    rude.refresh_from_db()
    spam.refresh_from_db()
    assert (rude.is_public, rude.is_removed, rude.state.status) == (False, False, CommentState.HIDDEN)
    assert (spam.is_public, spam.is_removed, spam.state.status) == (False, True, CommentState.REMOVED)

    hide = Decision.objects.get(action=COMMENT_HIDE)
    remove = Decision.objects.get(action=COMMENT_REMOVE)
    assert (hide.reason, hide.actor_name, hide.target_id) == ("Propos blessants", moderator.display_name, str(rude.pk))
    assert (remove.reason, remove.target_id) == ("Spam commercial", str(spam.pk))
    assert remove.target_url.endswith(f"#c{spam.pk}")
    assert "Repair Café Ixelles" in remove.target_title

    client.logout()
    html = client.get(profile.url).content.decode()
    assert "Propos déplacés" not in html and "Publicité" not in html
    # The moderators still see a hidden comment, marked as such.
    client.force_login(moderator)
    html = client.get(profile.url).content.decode()
    assert "Propos déplacés" in html and "Masqué par les modérateurs" in html


def test_only_moderators_moderate(client, profile, trusted):
    client.force_login(trusted)
    post(client, profile, "Texte")
    comment = Comment.objects.get()
    assert client.get("/fr/discussions/moderation/").status_code == 403
    response = client.post(f"/fr/discussions/comments/{comment.pk}/moderate/", {"action": "remove", "reason": "x"})
    assert response.status_code == 403
    assert Comment.objects.get().is_public is True
    assert not Decision.objects.exists()


def test_members_flag_comments_for_the_moderators(client, profile, trusted, moderator, settings):
    settings.DISCUSSIONS = {**settings.DISCUSSIONS, "AUTO_HOLD_FLAGS": 2}
    client.force_login(trusted)
    post(client, profile, "Commentaire douteux")
    comment = Comment.objects.get()

    # Authors cannot flag their own comment; anonymous visitors are sent to log in.
    assert client.post(f"/fr/discussions/comments/{comment.pk}/report/").status_code == 403
    client.logout()
    assert "/accounts/login/" in client.post(f"/fr/discussions/comments/{comment.pk}/report/")["Location"]

    first, second = UserFactory(username="reader1"), UserFactory(username="reader2")
    client.force_login(first)
    assert "Signaler" in client.get(profile.url).content.decode()
    client.post(f"/fr/discussions/comments/{comment.pk}/report/", {"reason": "spam"})
    # twice by the same member: one flag, with the latest reason
    client.post(f"/fr/discussions/comments/{comment.pk}/report/", {"reason": "off_topic"})
    assert CommentFlag.objects.filter(comment=comment, flag=CommentFlag.SUGGEST_REMOVAL).count() == 1
    comment.refresh_from_db()
    assert comment.is_public is True

    client.force_login(moderator)
    queue = client.get("/fr/discussions/moderation/", follow=True).content.decode()
    flagged_section = queue[queue.index('id="desk-reported-comments"') : queue.index('id="desk-pending-topics"')]
    assert "Commentaire douteux" in flagged_section and "1 signalement" in flagged_section

    # A second member's flag holds the comment until a moderator reviews it.
    client.force_login(second)
    client.post(f"/fr/discussions/comments/{comment.pk}/report/", {"reason": "abuse"})
    comment.refresh_from_db()
    assert comment.is_public is False and comment.state.status == CommentState.PENDING

    # Keeping it publishes it again and clears it from the queue.
    client.force_login(moderator)
    client.post(f"/fr/discussions/comments/{comment.pk}/moderate/", {"action": "approve", "reason": "Conforme"})
    queue = client.get("/fr/discussions/moderation/", follow=True).content.decode()
    assert "Commentaire douteux" not in queue
    assert Comment.objects.get().is_public is True
    assert Decision.objects.get(action=COMMENT_APPROVE).reason == "Conforme"


def test_an_edit_by_a_member_not_yet_trusted_goes_back_to_moderation(client, profile, newcomer, moderator):
    client.force_login(newcomer)
    post(client, profile, "Texte approuvé")
    comment = Comment.objects.get()
    client.force_login(moderator)
    client.post(f"/fr/discussions/comments/{comment.pk}/moderate/", {"action": "approve"})
    client.force_login(newcomer)
    client.post(f"/fr/discussions/comments/{comment.pk}/edit/", {"comment": "Texte remplacé par de la publicité"})
    comment.refresh_from_db()
    assert comment.is_public is False and comment.state.status == CommentState.PENDING
    client.logout()
    html = client.get(profile.url).content.decode()
    assert "publicité" not in html and "Texte approuvé" not in html
