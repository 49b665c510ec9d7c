"""Admin screens: dry run then apply, history, provenance on the profile, duplicates and merge."""

import pytest
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.commons.duplicates import MERGE, find_duplicates
from incommon_cms.commons.engine import run_source
from incommon_cms.commons.models import ApiToken, ImportedRecord, ImportRun, ImportSource, hash_token
from incommon_cms.directory.factories import AlternativePageFactory
from incommon_cms.directory.models import AlternativePage
from incommon_cms.governance.models import Decision

from .test_imports import CSV_MAPPING, messy_csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_dry_run_screen_shows_the_report_then_apply_writes_it(admin_client, make_source):
    source = make_source(ImportSource.CSV, CSV_MAPPING, content=messy_csv_bytes(), id_field="Identifiant")

    response = admin_client.post(reverse("commons_admin:dry_run", args=[source.pk]), follow=True)

    html = response.content.decode()
    assert "Simulation : rien n’a été enregistré." in html
    assert "Épicerie Zéro Déchet" in html and 'class="row-created"' in html
    assert not AlternativePage.objects.exists()
    assert "Appliquer cette importation" in html

    response = admin_client.post(reverse("commons_admin:apply", args=[source.pk]), follow=True)

    assert AlternativePage.objects.count() == 2
    assert "Importation appliquée." in response.content.decode()
    history = admin_client.get(reverse("commons_admin:history", args=[source.pk])).content.decode()
    assert [run.dry_run for run in source.runs.all()] == [False, True]
    assert history.count('class="run-row"') == 2
    listing = admin_client.get(reverse("wagtailsnippets_commons_importsource:list")).content.decode()
    assert reverse("commons_admin:dry_run", args=[source.pk]) in listing


def test_admin_screens_need_permission(client, make_source):
    source = make_source(ImportSource.CSV, CSV_MAPPING, content=messy_csv_bytes(), id_field="Identifiant")
    client.force_login(UserFactory(is_staff=False))
    assert client.get(reverse("commons_admin:dry_run", args=[source.pk])).status_code in (302, 403)
    assert client.post(reverse("commons_admin:dry_run", args=[source.pk])).status_code in (302, 403)
    assert not ImportRun.objects.exists()


def test_profile_page_shows_provenance(client, make_source):
    source = make_source(
        ImportSource.CSV,
        CSV_MAPPING,
        content=messy_csv_bytes(),
        id_field="Identifiant",
        attribution="© Réseau Vrac Bruxelles",
    )
    run_source(source)
    shop = AlternativePage.objects.get(title="Épicerie Zéro Déchet")

    html = client.get(shop.url).content.decode()

    assert "D’où viennent ces informations" in html
    assert "© Réseau Vrac Bruxelles" in html
    assert "https://creativecommons.org/licenses/by/4.0/" in html
    assert "Description courte" in html and "Code postal" in html


def test_api_token_creation_shows_the_key_once_and_stores_a_hash(admin_client, directory):
    profile = AlternativePageFactory(parent=directory)
    owner = UserFactory()
    response = admin_client.post(
        reverse("wagtailsnippets_commons_apitoken:add"),
        {"name": "Partenaire", "user": owner.pk, "profile": profile.pk, "source": "", "is_active": "on"},
        follow=True,
    )
    token = ApiToken.objects.get()
    html = response.content.decode()
    marker = "ne sera plus affichée : "  # the admin speaks French by default
    key = html.split(marker)[1].split("<")[0].strip() if marker in html else None
    assert key, html[:2000]
    assert token.key_hash == hash_token(key) and key not in token.key_hash
    assert ApiToken.authenticate(key) == token


def test_duplicates_are_found_and_merged_with_provenance_and_redirect(admin_client, make_source, directory):
    source = make_source(ImportSource.CSV, CSV_MAPPING, content=messy_csv_bytes(), id_field="Identifiant")
    run_source(source)
    imported = AlternativePage.objects.get(title="Épicerie Zéro Déchet")
    local = AlternativePageFactory(
        parent=directory, title="Epicerie Zero Dechet asbl", postcode="1000", phone="02 000 00 00"
    )
    other = AlternativePageFactory(parent=directory, title="Tout autre chose", postcode="1000")
    old_url = imported.url

    pairs = find_duplicates()

    assert [(p.first.pk, p.second.pk) for p in pairs] == [(imported.pk, local.pk)]
    assert other.pk not in {p.second.pk for p in pairs}
    listing = admin_client.get(reverse("commons_admin:duplicates")).content.decode()
    merge_url = reverse("commons_admin:merge", args=[imported.pk, local.pk])
    assert merge_url in listing
    assert "Epicerie Zero Dechet asbl" in admin_client.get(merge_url).content.decode()

    admin_client.post(
        merge_url,
        {
            "action": "merge",
            "keep": local.pk,
            "field_title": local.pk,
            "field_phone": local.pk,
            "field_short_description": imported.pk,
            "reason": "Même épicerie",
        },
    )

    local.refresh_from_db()
    assert not AlternativePage.objects.filter(pk=imported.pk).exists()
    assert local.short_description == "Vrac et local"
    assert ImportedRecord.objects.get(source=source, external_id="A1").profile_id == local.pk
    redirect = Redirect.objects.get(redirect_page=local)
    assert redirect.old_path == Redirect.normalise_path(old_url)
    assert admin_client.get(old_url).status_code == 301
    decision = Decision.objects.get(action=MERGE)
    assert decision.reason == "Même épicerie" and decision.details["merged"] == "Épicerie Zéro Déchet"
    assert run_source(source).unchanged == 2  # the source keeps feeding the merged profile
    assert find_duplicates() == []
