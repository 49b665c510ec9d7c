"""Nobody reads a draft, a private contact field, a held comment or another collective's members they should not."""

import pytest
from django.urls import reverse

from .conftest import ROLES, SECRET_EMAIL, SECRET_PHONE

pytestmark = pytest.mark.django_db

SEE_PRIVATE = {"editor", "collective_admin", "moderator", "admin"}


def text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_private_contact_fields_on_the_profile_page_only_for_members_and_moderators(world, client_as):
    for role in ROLES:
        html = text(client_as(world, role).get(world.a.url))
        visible = SECRET_EMAIL in html
        assert visible == (role in SEE_PRIVATE), role
        assert (SECRET_PHONE in html) == (role in SEE_PRIVATE), role


def test_private_contact_fields_never_in_public_outputs_whoever_asks(world, client_as):
    urls = [
        "/api/v1/profiles/",
        f"/api/v1/profiles/{world.a.pk}/",
        f"/api/v1/alternatives/{world.a.pk}/",
        "/api/v1/profiles/?format=json&search=Collectif",
        "/api/v1/events/",
        reverse("directory:geojson"),
        reverse("directory:embed_map"),
        f"/agenda/feed/organiser/{world.a.pk}.ics",
        "/agenda/feed.ics",
        f"/agenda/events/{world.event.pk}.ics",
        "/agenda/events.geojson",
        "/sitemap.xml",
        reverse("search") + "?q=Collectif",
        reverse("search") + "?q=secret-contact",
        reverse("search_autocomplete") + "?q=Coll",
        world.directory.url,
    ]
    for role in ("visitor", "admin"):
        client = client_as(world, role)
        for url in urls:
            body = text(client.get(url))
            assert SECRET_EMAIL not in body, (role, url)
            assert SECRET_PHONE not in body, (role, url)


def test_drafts_appear_in_no_public_listing(world, client):
    urls = [
        "/api/v1/profiles/",
        "/api/v1/alternatives/",
        "/api/v1/events/",
        "/api/v1/tools/",
        "/api/v1/knowledge/",
        reverse("directory:geojson"),
        "/agenda/feed.ics",
        "/agenda/events.geojson",
        "/sitemap.xml",
        reverse("search") + "?q=brouillon",
        reverse("search_autocomplete") + "?q=brouil",
        world.directory.url,
        world.agenda.url,
        world.toolbox.url,
        world.topic_index.url,
    ]
    for url in urls:
        body = text(client.get(url))
        for title in ("Brouillon secret", "Événement brouillon", "Outil brouillon", "Sujet en attente"):
            assert title not in body, (url, title)
            assert title.replace("é", "\\u00e9").replace("É", "\\u00c9") not in body, (url, title)


def test_held_comment_only_for_its_author_and_moderators(world, client_as):
    for role in ROLES:
        html = text(client_as(world, role).get(world.b.url))
        assert "Un commentaire public" in html
        shown = "Commentaire en attente de modération" in html
        assert shown == (role in {"user", "moderator", "admin"}), role


def test_member_lists_and_account_e_mails_stay_private(world, client_as):
    members_emails = [world.users["editor"].email, world.users["collective_admin"].email]
    public_urls = [world.a.url, f"/api/v1/profiles/{world.a.pk}/", reverse("governance:log"), world.topic.url]
    for role in ("visitor", "user", "moderator"):
        client = client_as(world, role)
        for url in public_urls:
            body = text(client.get(url))
            for email in members_emails:
                assert email not in body, (role, url)
    members_page = reverse("governance:members", args=[world.a.pk])
    assert world.users["editor"].display_name in text(client_as(world, "collective_admin").get(members_page))
    for role in ("user", "editor", "moderator"):
        response = client_as(world, role).get(members_page)
        assert response.status_code == 403, role
        assert world.users["editor"].email not in response.content.decode()


def test_another_collectives_edit_form_and_dashboard_are_closed(world, client_as):
    editor = client_as(world, "editor")
    assert editor.get(reverse("governance:edit_profile", args=[world.b.pk])).status_code == 403
    assert editor.get(reverse("ecosystem:collective_dashboard", args=[world.b.pk])).status_code == 403
    response = editor.post(reverse("governance:edit_profile", args=[world.b.pk]), {"title": "Pris"})
    assert response.status_code == 403
    world.b.refresh_from_db()
    assert world.b.title == "Collectif B"
    assert world.b.get_latest_revision().user != world.users["editor"]
