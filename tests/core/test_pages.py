import io

import pytest
from django.core.management import call_command

from incommon_cms.core.models import HomePage, StandardPage
from incommon_cms.directory.models import ProfilePage
from incommon_cms.governance.models import Membership

pytestmark = pytest.mark.django_db


def test_home_page_shell_is_accessible(client, homes):
    html = client.get("/fr/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    assert 'role="search"' in html
    # No asset comes from another host.
    assert "cdn" not in html.lower() and "unpkg" not in html and "googleapis" not in html


def test_unknown_page_gets_a_translated_404(client, homes):
    response = client.get("/nl/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_load_demo_builds_a_bilingual_site_and_is_idempotent(client, locales):
    call_command("load_demo", stdout=io.StringIO())
    counts = (
        HomePage.objects.count(),
        StandardPage.objects.count(),
        ProfilePage.objects.count(),
        Membership.objects.count(),
    )
    call_command("load_demo", stdout=io.StringIO())
    assert counts == (
        HomePage.objects.count(),
        StandardPage.objects.count(),
        ProfilePage.objects.count(),
        Membership.objects.count(),
    )
    assert HomePage.objects.count() == 3
    assert ProfilePage.objects.filter(locale__language_code="fr").count() == 42
    assert ProfilePage.objects.filter(locale__language_code="nl").count() == 41
    home = client.get("/fr/").content.decode()
    assert "Recyclerie du Canal" in home  # the most recently published profile
    assert "Charte de la communauté" in home
    assert "Gebruikersvoorwaarden" not in home
    dutch = client.get("/nl/").content.decode()
    assert "Charter van de gemeenschap" in dutch
