import datetime
from datetime import UTC

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import update_last_login
from django.contrib.sessions.models import Session
from django.test import Client
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.core.factories import StandardPageFactory
from incommon_cms.core.pagecache import HIT_HEADER, unshown_models
from incommon_cms.directory.factories import AlternativePageFactory, DirectoryIndexPageFactory
from incommon_cms.ecosystem.models import PageViewCount

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home_fr):
    return StandardPageFactory(parent=home_fr, title="À propos", slug="a-propos", introduction="Première version")


@pytest.fixture
def client(client, home_fr):
    client.get("/fr/")  # the first visit ever creates the site's settings row (a content change)
    return client


def test_anonymous_page_is_served_from_cache_without_queries(client, about, django_assert_num_queries):
    first = client.get("/fr/a-propos/")
    assert first.status_code == 200 and HIT_HEADER not in first
    with django_assert_num_queries(0):
        second = client.get("/fr/a-propos/")
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert "Première version" in second.content.decode()


def test_publishing_a_change_shows_at_once(client, about):
    client.get("/fr/a-propos/")
    assert client.get("/fr/a-propos/")[HIT_HEADER] == "hit"
    about.introduction = "Seconde version"
    about.save_revision().publish()
    html = client.get("/fr/a-propos/").content.decode()
    assert "Seconde version" in html and "Première version" not in html


def test_unpublishing_and_deleting_take_effect_at_once(client, about, home_fr):
    client.get("/fr/a-propos/")
    about.unpublish()
    assert client.get("/fr/a-propos/").status_code == 404
    about.save_revision().publish()
    assert client.get("/fr/a-propos/").status_code == 200
    # A change to another page (e.g. a menu title) also refreshes every cached page.
    client.get("/fr/")
    assert client.get("/fr/")[HIT_HEADER] == "hit"
    about.delete()
    assert HIT_HEADER not in client.get("/fr/")


def test_languages_and_query_strings_are_kept_apart(client, homes):
    french = client.get("/fr/").content.decode()
    dutch = client.get("/nl/").content.decode()
    assert client.get("/nl/")[HIT_HEADER] == "hit"
    assert client.get("/nl/").content.decode() == dutch != french
    assert 'lang="nl"' in dutch
    assert HIT_HEADER not in client.get("/fr/?page=2")


def test_signed_in_members_are_neither_served_nor_stored(client, about):
    user = get_user_model().objects.create_user("member", "member@example.org", "secret-pass-1")
    anonymous = client.get("/fr/a-propos/").content.decode()
    assert 'name="csrfmiddlewaretoken"' not in anonymous
    client.force_login(user)
    member = client.get("/fr/a-propos/")
    assert HIT_HEADER not in member
    assert 'name="csrfmiddlewaretoken"' in member.content.decode()  # the sign-out form
    client.logout()
    client.cookies.clear()
    client.get("/fr/a-propos/")
    again = client.get("/fr/a-propos/")
    assert again[HIT_HEADER] == "hit"
    assert 'name="csrfmiddlewaretoken"' not in again.content.decode()


def test_pages_with_a_csrf_form_are_not_cached(client, about):
    """A password-protected page shows a form with a CSRF token: never stored, never the page's content."""
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.PASSWORD, password="pw")
    first = client.get("/fr/a-propos/")
    assert 'name="csrfmiddlewaretoken"' in first.content.decode()
    assert "Première version" not in first.content.decode()
    second = client.get("/fr/a-propos/")
    assert HIT_HEADER not in second
    assert "csrftoken" in second.cookies or 'name="csrfmiddlewaretoken"' in second.content.decode()


def test_a_restriction_added_later_applies_at_once(client, about):
    client.get("/fr/a-propos/")
    assert client.get("/fr/a-propos/")[HIT_HEADER] == "hit"
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.PASSWORD, password="pw")
    assert "Première version" not in client.get("/fr/a-propos/").content.decode()


def test_visitors_with_pending_messages_skip_the_cache(client, about):
    client.get("/fr/a-propos/")
    client.cookies["messages"] = "anything"
    assert HIT_HEADER not in client.get("/fr/a-propos/")


def test_cache_can_be_turned_off(client, about, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    client.get("/fr/a-propos/")
    assert HIT_HEADER not in client.get("/fr/a-propos/")


def test_a_login_keeps_the_cache_and_a_new_display_name_empties_it(client, about):
    member = UserFactory(email="membre@example.org")
    client.get("/fr/a-propos/")
    assert client.get("/fr/a-propos/")[HIT_HEADER] == "hit"
    update_last_login(None, member)  # what every login writes
    assert client.get("/fr/a-propos/")[HIT_HEADER] == "hit"
    member.first_name = "Nouveau nom"
    member.save()
    assert HIT_HEADER not in client.get("/fr/a-propos/")


def test_signing_in_keeps_the_cache_and_editing_a_profile_empties_it(client, about, home_fr):
    """A real sign-in (allauth's form, the lockout backend, the session) writes nothing pages show."""
    directory = DirectoryIndexPageFactory(parent=home_fr)
    profile = AlternativePageFactory(parent=directory, title="Repair Café", short_description="Avant.")
    member = UserFactory(email="membre@example.org", password="secret-pass-1")
    EmailAddress.objects.filter(user=member).update(verified=True)
    client.get("/fr/a-propos/")
    assert client.get("/fr/a-propos/")[HIT_HEADER] == "hit"

    other = Client()
    response = other.post("/fr/accounts/login/", {"login": member.email, "password": "secret-pass-1"})
    assert response.status_code == 302 and other.session.get("_auth_user_id") == str(member.pk)
    assert client.get("/fr/a-propos/")[HIT_HEADER] == "hit"

    profile.short_description = "Après."
    profile.save_revision(user=member).publish()
    assert HIT_HEADER not in client.get("/fr/a-propos/")


def test_writes_of_an_app_the_cache_was_never_told_about_empty_it(client, about, home_fr):
    """Safe by default: a redirect (wagtailredirects, never listed anywhere) changes what visitors get."""
    client.get("/fr/a-propos/")
    assert client.get("/fr/a-propos/")[HIT_HEADER] == "hit"
    Redirect.add_redirect("/fr/ancienne-page/", redirect_to=about)
    assert HIT_HEADER not in client.get("/fr/a-propos/")


def test_counters_and_bookkeeping_keep_the_cache(client, about):
    client.get("/fr/a-propos/")
    assert client.get("/fr/a-propos/")[HIT_HEADER] == "hit"
    PageViewCount.objects.create(page=about, date=datetime.date(2026, 11, 1), count=3)
    Session.objects.create(session_key="k" * 32, session_data="", expire_date=datetime.datetime(2030, 1, 1, tzinfo=UTC))
    assert client.get("/fr/a-propos/")[HIT_HEADER] == "hit"


def test_the_models_whose_writes_keep_the_cache_are_exactly_these():
    """A model joins this list only by a decision of its app (`ignore_writes_to`): review it when it grows."""
    assert unshown_models() == {
        "wagtailimages.rendition",
        "wagtailembeds.embed",
        "wagtailcore.referenceindex",
        "ecosystem.pageviewcount",
        "ecosystem.inboundlinkcount",
        "ecosystem.freshnessreminder",
        "commons.apitoken",
        "discussions.threadfollower",
    }
