"""Rate limits and honeypots: sign-up, login lockout, claims, profile proposals, account deletion.

Comments, topics, flags (tests/discussions), reports (tests/governance), event proposals (tests/agenda) and API
writes (tests/commons) have their limits tested next to their own code.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.governance import views as governance_views
from incommon_cms.governance.models import Claim
from incommon_cms.settings import base

pytestmark = pytest.mark.django_db

SIGNUP = "/fr/accounts/signup/"
LOGIN = "/fr/accounts/login/"


def signup_data(email, **extra):
    return {
        "email": email,
        "password1": "un-mot-de-passe-solide-42",
        "password2": "un-mot-de-passe-solide-42",
        "language": "fr",
        "accept_charter": "on",
        "website_url": "",
        **extra,
    }


def test_signup_has_a_hidden_honeypot_that_stops_bots(client, homes):
    html = client.get(SIGNUP).content.decode()
    assert '<div class="honeypot" aria-hidden="true">' in html and 'name="website_url"' in html
    response = client.post(SIGNUP, signup_data("bot@example.org", website_url="https://spam.example"))
    assert response.status_code == 200
    assert "Ce formulaire n&#x27;a pas pu être envoyé." in response.content.decode()
    assert not get_user_model().objects.filter(email="bot@example.org").exists()
    assert client.post(SIGNUP, signup_data("nadia@example.org")).status_code == 302
    assert get_user_model().objects.filter(email="nadia@example.org").exists()


def test_signup_is_rate_limited_per_ip_with_the_production_limits(client, homes, settings):
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    limit = int(base.ACCOUNT_RATE_LIMITS["signup"].split("/")[0])
    for number in range(limit):
        assert client.post(SIGNUP, signup_data(f"person{number}@example.org")).status_code == 302
    response = client.post(SIGNUP, signup_data("one-too-many@example.org"))
    assert response.status_code == 429
    assert not get_user_model().objects.filter(email="one-too-many@example.org").exists()


def test_login_locks_out_after_repeated_failures_even_with_the_right_password(client, homes, settings):
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    user = UserFactory(email="karim@example.org")
    for _attempt in range(5):
        response = client.post(LOGIN, {"login": user.email, "password": "wrong-password"})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    response = client.post(LOGIN, {"login": user.email, "password": "correct-horse-battery"})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)
    assert "Trop de tentatives" in response.content.decode() or response.status_code == 429


def test_a_correct_login_works_below_the_limit(client, homes, settings):
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    user = UserFactory(email="sophie@example.org")
    client.post(LOGIN, {"login": user.email, "password": "wrong-password"})
    response = client.post(LOGIN, {"login": user.email, "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_claims_are_rate_limited(world, client_as, monkeypatch):
    monkeypatch.setattr(governance_views, "CLAIMS_PER_HOUR", 1)
    client = client_as(world, "moderator")
    url = reverse("governance:claim", args=[world.unmanaged.pk])
    client.post(url, {"message": "Premier essai"})
    response = client.post(url, {"message": "Deuxième essai"})
    assert response.status_code == 400
    assert "Veuillez réessayer plus tard" in response.content.decode()
    assert not Claim.objects.filter(message="Deuxième essai").exists()


def test_profile_proposals_are_rate_limited(world, client_as, monkeypatch):
    monkeypatch.setattr(governance_views, "PROPOSALS_PER_HOUR", 1)
    client = client_as(world, "user")
    data = {
        "profile_type": "alternative",
        "title": "Nouveau collectif",
        "short_description": "Bonjour",
        "postcode": "1000",
    }
    url = reverse("governance:new_profile")
    first = client.post(url, data)
    assert first.status_code == 302, first.content.decode()[:2000]
    response = client.post(url, {**data, "title": "Encore un"})
    assert response.status_code == 429
    assert "Veuillez réessayer plus tard" in response.content.decode()
    from incommon_cms.directory.models import ProfilePage

    assert not ProfilePage.objects.filter(title="Encore un").exists()


def test_behind_the_proxy_each_client_has_its_own_limit_and_cannot_forge_it(rf, settings):
    from incommon_cms.core.ratelimit import allow_request, client_ip

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    alice = rf.get("/", HTTP_X_FORWARDED_FOR="10.0.0.1", REMOTE_ADDR="127.0.0.1")
    forged = rf.get("/", HTTP_X_FORWARDED_FOR="10.0.0.99, 10.0.0.1", REMOTE_ADDR="127.0.0.1")
    bob = rf.get("/", HTTP_X_FORWARDED_FOR="10.0.0.2", REMOTE_ADDR="127.0.0.1")
    assert client_ip(alice) == client_ip(forged) == "10.0.0.1" and client_ip(bob) == "10.0.0.2"
    assert allow_request(alice, "test-proxy", 1, 60, per_user=False)
    assert not allow_request(forged, "test-proxy", 1, 60, per_user=False)
    assert allow_request(bob, "test-proxy", 1, 60, per_user=False)
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert client_ip(alice) == "127.0.0.1"
