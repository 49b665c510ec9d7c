import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.models import Site

from incommon_cms.core.demo_utils import child_page
from incommon_cms.core.models import CommunitySettings, StandardPage

pytestmark = pytest.mark.django_db

SIGNUP = "/fr/accounts/signup/"


def _signup(client, **overrides):
    data = {
        "email": "nadia@example.org",
        "password1": "un-mot-de-passe-solide-42",
        "password2": "un-mot-de-passe-solide-42",
        "first_name": "Nadia",
        "language": "fr",
        "accept_charter": "on",
    }
    data.update(overrides)
    data = {key: value for key, value in data.items() if value is not None}
    return client.post(SIGNUP, data)


def test_signup_page_links_to_the_charter_checkbox(client, homes):
    site = Site.objects.get(is_default_site=True)
    settings = CommunitySettings.for_site(site)
    settings.charter_page = child_page(homes["fr"], StandardPage, "charte", title="Charte de la communauté")
    settings.save()
    html = client.get(SIGNUP).content.decode()
    assert 'name="accept_charter"' in html
    assert 'href="/fr/charte/"' in html
    assert "charte de la communauté" in html.lower()


def test_signup_is_refused_without_accepting_the_charter(client, homes):
    response = _signup(client, accept_charter=None)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vous devez accepter la charte de la communauté pour vous inscrire." in html
    # What the user typed is kept.
    assert 'value="nadia@example.org"' in html
    assert not get_user_model().objects.filter(email="nadia@example.org").exists()
    assert mail.outbox == []


def test_email_verification_flow_end_to_end(client, homes):
    response = _signup(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="nadia@example.org")
    assert user.charter_accepted_at is not None
    assert not EmailAddress.objects.get(user=user).verified

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nadia@example.org"]
    link = re.search(r"http://testserver(/fr/accounts/confirm-email/[^\s]+/)", message.body).group(1)

    # Unverified users cannot log in yet: they are sent back to the verification page.
    client.logout()
    login = client.post("/fr/accounts/login/", {"login": "nadia@example.org", "password": "un-mot-de-passe-solide-42"})
    assert login.status_code == 302
    assert "confirm-email" in login["Location"] or "verification" in login["Location"]

    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert client.post(link).status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    client.logout()
    login = client.post("/fr/accounts/login/", {"login": "nadia@example.org", "password": "un-mot-de-passe-solide-42"})
    assert login.status_code == 302
    assert client.get("/fr/accounts/settings/").status_code == 200


def test_verification_mail_is_in_the_members_language(client, homes):
    _signup(client, email="joost@example.org", language="nl")
    body = mail.outbox[0].body
    assert "Bevestig" in mail.outbox[0].subject or "bevestig" in body.lower()


def test_password_reset_sends_a_working_link(client, homes):
    from incommon_cms.accounts.factories import UserFactory

    UserFactory(email="lotte@example.org", language="nl")
    client.post("/nl/accounts/password/reset/", {"email": "lotte@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/\w\w/accounts/password/reset/key/[^\s]+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": "nieuw-wachtwoord-99", "password2": "nieuw-wachtwoord-99"},
    )
    assert response.status_code == 302
    assert (
        client.login(username="lotte@example.org", password="nieuw-wachtwoord-99")
        or client.post(
            "/nl/accounts/login/", {"login": "lotte@example.org", "password": "nieuw-wachtwoord-99"}
        ).status_code
        == 302
    )


def test_logout_ends_the_session(client, homes):
    from incommon_cms.accounts.factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    assert client.get("/fr/accounts/settings/").status_code == 200
    client.post("/fr/accounts/logout/")
    assert client.get("/fr/accounts/settings/").status_code == 302


def test_account_settings_change_language(client, homes):
    from incommon_cms.accounts.factories import UserFactory

    user = UserFactory(language="fr")
    client.force_login(user)
    response = client.post("/fr/accounts/settings/", {"first_name": "Wout", "language": "nl"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.language) == ("Wout", "nl")
