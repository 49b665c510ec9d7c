"""The Wagtail admin's page search runs on the Whoosh backend (it filters with a subquery: `pk__in=<query>`)."""

import pytest

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.directory.factories import AlternativePageFactory, DirectoryIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, home_fr, settings):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_the_admins_page_search_finds_a_profile(admin_client, home_fr, search_index):
    directory = DirectoryIndexPageFactory(parent=home_fr)
    AlternativePageFactory(parent=directory, title="Communa", short_description="Occupations temporaires")
    AlternativePageFactory(parent=directory, title="Financité", short_description="Finance solidaire")
    for url in ("/admin/pages/search/?q=communa", "/admin/pages/search/results/?q=communa"):
        response = admin_client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Communa" in html and "Financité" not in html
