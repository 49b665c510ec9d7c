"""Threads on pages: posting, nesting, sanitised rendering, edit and delete, counts and shared translations."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.core.demo_utils import translation
from incommon_cms.discussions.models import Comment, CommentState

from .helpers import comment_ids, elements, post

pytestmark = pytest.mark.django_db


def test_a_member_comments_on_a_profile_and_it_shows_on_the_page(client, profile, trusted):
    client.force_login(trusted)
    response = post(client, profile, "Merci pour l'atelier de **samedi** !")
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{profile.url}#c{comment.pk}"
    assert comment.state.status == CommentState.PUBLISHED

    html = client.get(profile.url).content.decode()
    assert f'id="c{comment.pk}"' in html
    assert "<strong>samedi</strong>" in html
    assert "Tom Trusted" in html


def test_script_and_javascript_links_are_neutralised_in_the_html(client, profile, trusted):
    client.force_login(trusted)
    post(
        client,
        profile,
        '<script>alert("x")</script> [clic](javascript:alert(1)) <a href="javascript:alert(2)" onclick="steal()">a</a> '
        "<img src=x onerror=alert(3)> [site](https://example.org)",
    )
    html = client.get(profile.url).content.decode()
    body = html[html.index('class="comment-body"') :]
    body = body[: body.index("</div>")]
    tags = elements(body)
    assert [tag for tag, _ in tags] == ["p", "a"]
    assert tags[1][1] == {"href": "https://example.org", "rel": "nofollow ugc noopener"}
    assert not any(name.startswith("on") for _, attrs in tags for name in attrs)
    assert "javascript:" not in "".join(attrs.get("href", "") for _, attrs in tags)
    # The dangerous markup is shown as harmless text.
    assert "&lt;script&gt;" in body
    assert "[clic](javascript:alert(1))" in body


def test_anonymous_visitors_read_but_cannot_post(client, profile, trusted):
    client.force_login(trusted)
    post(client, profile, "Un premier mot")
    client.logout()
    html = client.get(profile.url).content.decode()
    assert "Un premier mot" in html
    assert 'action="/fr/discussions/comments/post/"' not in html
    assert "/fr/accounts/login/?next=" in html
    response = post(client, profile, "Anonyme")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Comment.objects.count() == 1


def test_replies_nest_three_levels_and_no_deeper(client, profile, trusted):
    client.force_login(trusted)
    post(client, profile, "Niveau 0")
    level0 = Comment.objects.get(comment="Niveau 0")
    post(client, profile, "Niveau 1", reply_to=level0.pk)
    level1 = Comment.objects.get(comment="Niveau 1")
    post(client, profile, "Niveau 2", reply_to=level1.pk)
    level2 = Comment.objects.get(comment="Niveau 2")
    assert (level0.level, level1.level, level2.level) == (0, 1, 2)
    assert level2.thread_id == level0.pk and level2.parent_id == level1.pk

    html = client.get(profile.url).content.decode()
    assert comment_ids(html) == [level0.pk, level1.pk, level2.pk]
    # The third level is nested inside the second, which is nested inside the first.
    assert html.index(f'id="c{level2.pk}"') > html.index(f'id="c{level1.pk}"') > html.index(f'id="c{level0.pk}"')
    assert html.count('class="comment-list comment-replies"') == 2
    # No reply form on the deepest comment.
    assert f'name="reply_to" value="{level1.pk}"' in html
    assert f'name="reply_to" value="{level2.pk}"' not in html

    response = post(client, profile, "Niveau 3", reply_to=level2.pk)
    assert response.status_code == 400
    assert "Niveau 3" in response.content.decode()  # what the member typed is kept
    assert not Comment.objects.filter(comment="Niveau 3").exists()


def test_a_reply_must_belong_to_the_same_thread(client, profile, topic, trusted):
    client.force_login(trusted)
    post(client, topic, "Sur le sujet")
    other = Comment.objects.get()
    response = post(client, profile, "Réponse égarée", reply_to=other.pk)
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_a_tampered_target_is_refused(client, profile, topic, trusted):
    client.force_login(trusted)
    from .helpers import comment_data

    data = comment_data(profile, "Détourné")
    data["object_pk"] = str(topic.pk)
    data["content_type"] = "discussions.topicpage"
    response = client.post("/fr/discussions/comments/post/", data)
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_authors_edit_and_delete_their_own_comments_only(client, profile, trusted):
    other = UserFactory(username="other")
    client.force_login(trusted)
    post(client, profile, "Texte initial")
    comment = Comment.objects.get()

    client.force_login(other)
    assert client.get(f"/fr/discussions/comments/{comment.pk}/edit/").status_code == 403
    assert client.post(f"/fr/discussions/comments/{comment.pk}/edit/", {"comment": "Piraté"}).status_code == 403
    assert client.post(f"/fr/discussions/comments/{comment.pk}/delete/").status_code == 403
    assert "Modifier" not in client.get(profile.url).content.decode().split('id="discussion"')[1].split("</article>")[0]

    client.force_login(trusted)
    response = client.post(f"/fr/discussions/comments/{comment.pk}/edit/", {"comment": "Texte *corrigé*"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.comment == "Texte *corrigé*"
    html = client.get(profile.url).content.decode()
    assert "<em>corrigé</em>" in html and "modifié" in html

    response = client.post(f"/fr/discussions/comments/{comment.pk}/delete/")
    assert response.status_code == 302
    assert not Comment.objects.filter(pk=comment.pk).exists()


def test_deleting_a_comment_with_replies_leaves_a_placeholder(client, profile, trusted, moderator):
    client.force_login(trusted)
    post(client, profile, "Question d'origine")
    parent = Comment.objects.get()
    client.force_login(moderator)
    post(client, profile, "Une réponse", reply_to=parent.pk)

    client.force_login(trusted)
    client.post(f"/fr/discussions/comments/{parent.pk}/delete/")
    parent.refresh_from_db()
    assert parent.comment == "" and parent.is_removed and parent.state.status == CommentState.DELETED
    client.logout()
    html = client.get(profile.url).content.decode()
    assert "Question d&#x27;origine" not in html and "Question d'origine" not in html
    assert "supprimé par son auteur" in html
    assert "Une réponse" in html


def test_comment_count_counts_public_comments_of_every_translation(client, profile, trusted, newcomer):
    profile_nl = translation(profile, "nl", title="Repair Café Elsene", slug="repair-cafe-elsene")
    client.force_login(trusted)
    post(client, profile, "Publié")
    client.force_login(newcomer)
    post(client, profile_nl, "En attente")  # held: not counted
    template = Template("{% load discussions %}{% comment_count page %}")
    assert template.render(Context({"page": profile})) == "1"
    assert template.render(Context({"page": profile_nl})) == "1"
    # The thread is shared: the Dutch page shows the comment posted on the French one.
    html = client.get(profile_nl.url).content.decode()
    assert "Publié" in html


def test_the_thread_is_a_profile_section(profile):
    request = RequestFactory().get(profile.url)
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    context = profile.get_context(request)
    assert [s["key"] for s in context["profile_sections"]].count("discussion") == 1


def test_the_rate_limit_stops_a_flood_and_keeps_the_text(client, profile, trusted, settings):
    settings.DISCUSSIONS = {
        **settings.DISCUSSIONS,
        "RATE_LIMITS": {"comment": (2, 600), "topic": (3, 3600), "flag": (20, 3600)},
    }
    client.force_login(trusted)
    assert post(client, profile, "Un").status_code == 302
    assert post(client, profile, "Deux").status_code == 302
    response = post(client, profile, "Trois, de trop")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Trois, de trop" in html
    assert "quelques minutes" in html
    assert Comment.objects.count() == 2


def test_deleting_a_page_deletes_its_thread_and_followers(client, profile, trusted):
    from incommon_cms.discussions.models import ThreadFollower

    client.force_login(trusted)
    post(client, profile, "Bientôt orphelin", followup=True)
    assert Comment.objects.count() == 1 and ThreadFollower.objects.count() == 1
    profile.delete()
    assert Comment.objects.count() == 0 and ThreadFollower.objects.count() == 0
