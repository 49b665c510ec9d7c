"""A member downloads all their data and deletes their account; the privacy page says what is stored and why."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Site

from incommon_cms.core.demo_utils import child_page
from incommon_cms.core.models import CommunitySettings, StandardPage
from incommon_cms.discussions.models import Comment, TopicPage
from incommon_cms.governance.models import Membership

pytestmark = pytest.mark.django_db


def test_a_member_downloads_all_their_data_as_json(world, client_as):
    client = client_as(world, "editor")
    response = client.get(reverse("account_data_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="incommon-data-')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    editor = world.users["editor"]
    assert data["account"]["email"] == editor.email
    assert data["account"]["email_addresses"] == [{"email": editor.email, "verified": True, "primary": True}]
    assert [m["collective"]["title"] for m in data["memberships"]] == ["Collectif A"]
    assert [c["text"] for c in data["comments"]] == ["Un commentaire public"]
    assert [t["title"] for t in data["topics"]] == ["Sujet public"]
    assert [f["name"] for f in data["subscribed_calendars"]] == ["Agenda de A"]
    followed = data["notification_settings"]["followed_threads"]
    assert {"type": "alternativepage", "id": str(world.b.pk)} in [{"type": f["type"], "id": f["id"]} for f in followed]
    # Each app adds its part from its AppConfig.ready() (accounts.gdpr imports none of them): all are there.
    assert set(data) == {
        "generated_at",
        "account",
        "submitted_changes",
        "notification_settings",
        "memberships",
        "claims",
        "reports",
        "moderation_votes",
        "invitations_received",
        "comments",
        "topics",
        "event_proposals",
        "subscribed_calendars",
        "api_tokens",
        "sharing",
        "alerts",
    }
    assert data["notification_settings"]["email_language"] == editor.language
    text = response.content.decode()
    assert "Commentaire en attente de modération" not in text  # another member's comment
    assert world.users["user"].email not in text


def test_the_account_pages_are_linked_from_the_account_menu(world, client_as):
    client = client_as(world, "user")
    settings_html = client.get(reverse("account_settings")).content.decode()
    assert f'href="{reverse("account_data")}"' in settings_html
    html = client.get(reverse("account_data")).content.decode()
    assert f'href="{reverse("account_data_export")}"' in html
    assert f'href="{reverse("account_delete")}"' in html
    assert world.users["user"].email in html


def test_deleting_needs_the_password_and_keeps_comments_anonymised_and_the_collective(world, client_as):
    editor = world.users["editor"]
    client = client_as(world, "editor")
    response = client.post(reverse("account_delete"), {"password": "wrong"})
    assert response.status_code == 400
    assert "Ce mot de passe n’est pas correct." in response.content.decode()
    assert get_user_model().objects.filter(pk=editor.pk).exists()

    response = client.post(reverse("account_delete"), {"password": "correct-horse-battery"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=editor.pk).exists()
    assert "_auth_user_id" not in client.session

    comment = Comment.objects.get(pk=world.comment.pk)
    assert comment.user is None and comment.user_name == "" and comment.user_email == "" and comment.ip_address is None
    assert comment.comment == "Un commentaire public"
    thread = client.get(world.b.url).content.decode()
    assert "Un commentaire public" in thread and "Ancien membre" in thread and "Karim" not in thread
    assert TopicPage.objects.get(pk=world.topic.pk).author is None
    world.a.refresh_from_db()
    assert world.a.live and client.get(world.a.url).status_code == 200
    assert list(Membership.objects.filter(profile=world.a).values_list("user__username", flat=True)) == ["sophie"]


def test_the_only_site_administrator_cannot_delete_their_account(world, client_as):
    client = client_as(world, "admin")
    response = client.post(reverse("account_delete"), {"password": "correct-horse-battery"})
    assert response.status_code == 400
    assert get_user_model().objects.filter(pk=world.users["admin"].pk).exists()


def test_the_privacy_page_lists_what_is_stored_and_why(world, client_as):
    site = Site.objects.get(is_default_site=True)
    settings = CommunitySettings.for_site(site)
    settings.privacy_page = child_page(world.homes["fr"], StandardPage, "vie-privee", title="Vie privée")
    settings.save()
    other = child_page(world.homes["fr"], StandardPage, "a-propos", title="À propos")
    html = client_as(world, "visitor").get("/fr/vie-privee/").content.decode()
    assert "Ce que nous conservons et pourquoi" in html
    for data in ("adresse e-mail", "commentaires", "adhésions", "adresse IP"):
        assert data in html, data
    assert "Ce que nous conservons et pourquoi" not in client_as(world, "visitor").get(other.url).content.decode()
    assert f'href="{reverse("account_data")}"' in client_as(world, "user").get("/fr/vie-privee/").content.decode()
