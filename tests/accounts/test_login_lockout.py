"""One login lockout for every way in: allauth's form, the admins' login pages, and any other password check."""

import base64

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.settings import base

pytestmark = pytest.mark.django_db

LOGIN = "/fr/accounts/login/"
PASSWORD = "correct-horse-battery"
LOCKED_FR = "Trop de tentatives de connexion échouées. Veuillez réessayer ultérieurement."
LOCKED_NL = "Te veel inlogpogingen. Probeer het later nogmaals."
SCHEMA = "/api/v1/schema/"


@pytest.fixture
def production_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    return int(base.ACCOUNT_RATE_LIMITS["login_failed"].split("/")[0])


def basic(email, password):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(f"{email}:{password}".encode()).decode()}


def schema(client, email, password):
    """The API schema with HTTP Basic credentials (Django REST framework's default authentication): True if served."""
    response = client.get(SCHEMA, **basic(email, password))
    assert response.status_code in (200, 403)
    return response.status_code == 200 and "openapi:" in response.content.decode()


def fail_on_allauth(client, email, times):
    for _attempt in range(times):
        response = client.post(LOGIN, {"login": email, "password": "wrong-password"})
        assert "L’adresse e-mail ou le mot de passe sont incorrects." in response.content.decode()


@pytest.mark.parametrize(
    ("path", "home"),
    [("/admin/login/", "/admin/"), ("/django-admin/login/", "/django-admin/")],
)
def test_admin_login_pages_send_every_visitor_to_allauths_login_with_next(client, homes, path, home):
    response = client.get(f"{path}?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=%2Fadmin%2Fpages%2F"
    response = client.get(path)
    assert response["Location"] == f"{LOGIN}?next={home.replace('/', '%2F')}"
    response = client.get(f"{path}?next=https://evil.example/")
    assert response["Location"] == f"{LOGIN}?next={home.replace('/', '%2F')}"


@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/"])
def test_a_password_posted_to_an_admin_login_page_is_never_checked(client, homes, path):
    admin = UserFactory(email="ada@example.org", is_superuser=True, is_staff=True)
    response = client.post(path, {"username": admin.email, "password": PASSWORD, "next": "/admin/reports/"})
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=%2Fadmin%2Freports%2F"
    assert "_auth_user_id" not in client.session


def test_wagtail_sends_anonymous_visitors_to_allauth_and_back_to_the_admin(client, homes):
    admin = UserFactory(email="ada@example.org", is_superuser=True, is_staff=True)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == f"{LOGIN}?next=%2Fadmin%2F"
    assert 'name="login"' in response.content.decode()
    response = client.post(f"{LOGIN}?next=/admin/", {"login": admin.email, "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "<title>Tableau de bord - Wagtail</title>" in dashboard.content.decode()
    assert client.session["_auth_user_id"] == str(admin.pk)


def test_a_signed_in_member_without_admin_access_gets_a_refusal_not_a_loop(homes):
    member = Client()
    member.force_login(UserFactory(email="sam@example.org"))
    response = member.get("/admin/", follow=True)
    assert [url for url, _status in response.redirect_chain] == ["/admin/login/?next=/admin/"]
    assert response.status_code == 403
    assert member.get("/django-admin/", follow=True).status_code == 403


def test_a_signed_in_admin_on_the_admin_login_page_goes_on_to_the_admin(homes):
    editor = UserFactory(email="eva@example.org")
    group = Group.objects.create(name="Admin access")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    editor.groups.add(group)
    client = Client()
    client.force_login(editor)
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"


def test_wagtails_private_page_login_and_admin_password_reset_lead_to_allauth(client, homes):
    response = client.get("/fr/_util/login/?next=/fr/prive/")
    assert response["Location"] == f"{LOGIN}?next=%2Ffr%2Fprive%2F"
    response = client.get("/admin/password_reset/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/password/reset/"


def test_basic_authentication_works_below_the_limit(client, homes, production_limits):
    user = UserFactory(email="karim@example.org")
    assert schema(client, user.email, PASSWORD)
    assert not schema(client, user.email, "wrong-password")


def test_after_failures_on_allauths_form_every_other_path_refuses_the_right_password(client, homes, production_limits):
    user = UserFactory(email="karim@example.org", is_superuser=True, is_staff=True)
    fail_on_allauth(client, user.email, production_limits)

    response = client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert LOCKED_FR in response.content.decode()
    assert "_auth_user_id" not in client.session

    for path in ("/admin/login/", "/django-admin/login/"):
        response = client.post(path, {"username": user.email, "password": PASSWORD})
        assert response["Location"].startswith(LOGIN)
        assert "_auth_user_id" not in client.session

    assert not schema(client, user.email, PASSWORD)


def test_failures_outside_allauth_lock_allauths_form_too(client, homes, production_limits):
    user = UserFactory(email="karim@example.org")
    for _attempt in range(production_limits):
        assert not schema(client, user.email, "wrong-password")
    assert not schema(client, user.email, PASSWORD)

    response = client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    assert LOCKED_FR in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = client.post("/nl/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert LOCKED_NL in response.content.decode()
    assert "Too many failed login attempts" not in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_locked_out_login_is_refused_from_any_address_and_other_logins_are_not(homes, production_limits):
    karim = UserFactory(email="karim@example.org")
    sophie = UserFactory(email="sophie@example.org")
    first = Client(REMOTE_ADDR="10.0.0.1")
    fail_on_allauth(first, karim.email, production_limits)

    second = Client(REMOTE_ADDR="10.0.0.2")
    assert not schema(second, karim.email, PASSWORD)
    assert schema(second, sophie.email, PASSWORD)
    response = second.post(LOGIN, {"login": sophie.email, "password": PASSWORD})
    assert response.status_code == 302
    assert second.session["_auth_user_id"] == str(sophie.pk)


def test_a_right_password_outside_allauth_does_not_use_up_the_allowance(client, homes, production_limits):
    user = UserFactory(email="karim@example.org")
    for _attempt in range(production_limits * 2):
        assert schema(client, user.email, PASSWORD)
    response = client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
