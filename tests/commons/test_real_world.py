"""Files as associations have them: each bad row is reported on its own, repairable values are repaired, the
rest imports; plausibility of places; structured and HTML values; possible duplicates are not created silently."""

import json

import pymysql
import pytest
from django.urls import reverse
from openpyxl import Workbook
from wagtail.users.models import UserProfile

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.commons.engine import run_source
from incommon_cms.commons.models import ImportedRecord, ImportRun, ImportSource
from incommon_cms.directory.factories import AlternativePageFactory
from incommon_cms.directory.models import AlternativePage, Category

from .test_sync import MARIADB, TEST_DB

pytestmark = pytest.mark.django_db

MAPPING = [
    {"source": "nom", "field": "title"},
    {"source": "resume", "field": "short_description"},
    {"source": "site", "field": "website"},
    {"source": "courriel", "field": "email"},
    {"source": "cp", "field": "postcode"},
    {"source": "lat", "field": "latitude"},
    {"source": "lon", "field": "longitude"},
]
HEADER = "id;nom;resume;site;courriel;cp;lat;lon"
LONG = "Une épicerie coopérative " * 15  # 375 characters: longer than a short description


def rows_by_id(run):
    return {row["external_id"]: row for row in run.report}


def csv_source(make_source, lines, **options):
    content = "\r\n".join([HEADER, *lines]).encode("utf-8")
    options.setdefault("id_field", "id")
    return make_source(ImportSource.CSV, MAPPING, content=content, **options)


def test_each_bad_row_is_refused_alone_and_the_good_rows_import(make_source):
    source = csv_source(
        make_source,
        [
            "1;Potager du Parc;Un potager;https://potager.example.org;;1000;50,8466;4,3528",
            "2;Latitude impossible;;;;1000;91.5;4.35",
            "3;Zéro-zéro;;;;1000;0;0",
            "4;Sydney;;;;1000;-33.9;151.2",
            "5;Pas un nombre;;;;1000;cinquante;4.35",
        ],
    )

    run = run_source(source)

    assert run.status == ImportRun.PARTIAL
    assert (run.created, run.errors) == (1, 4)
    assert run.message == "4 row(s) could not be imported; the other rows were imported."
    rows = rows_by_id(run)
    assert rows["1"]["status"] == "created"
    assert rows["2"] == {
        "row": 2,
        "external_id": "2",
        "title": "Latitude impossible",
        "status": "error",
        "reason": "Coordinates “91.5, 4.35” are impossible: a latitude is between -90 and 90, a longitude "
        "between -180 and 180.",
        "fields": [],
        "profile_id": None,
    }
    assert rows["3"]["reason"] == "Coordinates “0, 0” are not a real position: leave them empty or give the real ones."
    assert "the point -33.9, 151.2 is outside the area" in rows["4"]["reason"]
    assert rows["5"]["reason"] == "Coordinates “cinquante, 4.35” are not numbers (for example 50.85 and 4.35)."
    assert list(AlternativePage.objects.values_list("title", flat=True)) == ["Potager du Parc"]
    assert list(ImportedRecord.objects.values_list("external_id", flat=True)) == ["1"]

    # The rows in error are tried again on the next run; the written one is unchanged.
    again = run_source(source)
    assert (again.status, again.unchanged, again.errors, again.created) == (ImportRun.PARTIAL, 1, 4, 0)
    assert again.message == "4 row(s) could not be imported; no other row needed a change."


def test_repairable_values_are_repaired_with_a_reason_on_the_row(make_source):
    source = csv_source(
        make_source,
        [
            f"1;Épicerie <b>Coop</b>;{LONG};example.fr;hidden;1000;50.8466;4.3528",
            '2;Lien piégé;"<span>Un <i>atelier</i></span> &amp; vélo";javascript:alert(1);N/A;1030;50.867;4.377',
            "3;Ordre inversé;;www.inverse.example.org/page;-;1050;4.3720;50.8275",
            "4;Nulle-part;;;?;9999;;",
            "5;Loin du code postal;;;;1000;50.80;4.43",
        ],
    )

    run = run_source(source)

    assert run.status == ImportRun.SUCCESS and (run.created, run.errors) == (5, 0), run.report
    rows = rows_by_id(run)
    shop = AlternativePage.objects.get(pk=rows["1"]["profile_id"])
    assert shop.title == "Épicerie Coop"
    assert shop.website == "https://example.fr" and shop.email == ""
    assert shop.short_description == (LONG[:279].rstrip() + "…") and len(shop.short_description) <= 280
    assert rows["1"]["reason"] == "Short description: cut to 280 characters."
    trap = AlternativePage.objects.get(pk=rows["2"]["profile_id"])
    assert trap.website == "" and trap.short_description == "Un atelier & vélo"
    assert rows["2"]["reason"] == (
        "Website: “javascript:alert(1)” left out: only web addresses (http:// or https://) are accepted."
    )
    swapped = AlternativePage.objects.get(pk=rows["3"]["profile_id"])
    assert (swapped.latitude, swapped.longitude) == (50.8275, 4.372)
    assert swapped.website == "https://www.inverse.example.org/page"
    assert swapped.commune.name_fr == "Ixelles"
    assert rows["3"]["reason"] == "Latitude and longitude were swapped (4.3720, 50.8275): put back in order."
    nowhere = AlternativePage.objects.get(pk=rows["4"]["profile_id"])
    assert nowhere.commune is None
    assert rows["4"]["reason"] == "Postcode “9999” is not a postcode of the area: the commune is not set from it."
    assert rows["5"]["reason"].startswith("The point is ") and "from postcode 1000 (Bruxelles)" in rows["5"]["reason"]

    again = run_source(source)
    assert (again.status, again.unchanged, again.created, again.updated) == (ImportRun.SUCCESS, 5, 0, 0)


def test_an_xlsx_file_with_a_bad_row_imports_its_good_rows(make_source, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["id", "nom", "resume", "site", "courriel", "cp", "lat", "lon"])
    sheet.append(
        [1, "Ressourcerie", "Objets", "ressourcerie.example.be", "info@ressourcerie.example.be", 1080, None, None]
    )
    sheet.append([2, "Hors carte", "", "", "", 1000, 91.5, 4.35])
    path = tmp_path / "membres.xlsx"
    workbook.save(path)
    source = make_source(ImportSource.XLSX, MAPPING, content=path.read_bytes(), filename="membres.xlsx")

    run = run_source(source)

    assert (run.status, run.created, run.errors) == (ImportRun.PARTIAL, 1, 1)
    page = AlternativePage.objects.get()
    assert (page.title, page.website, page.commune.name_fr) == (
        "Ressourcerie",
        "https://ressourcerie.example.be",
        "Molenbeek-Saint-Jean",
    )


@pytest.fixture
def mariadb_members():
    connection = pymysql.connect(**MARIADB, charset="utf8mb4", autocommit=True)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {TEST_DB}")
        cursor.execute(f"CREATE DATABASE {TEST_DB} CHARACTER SET utf8mb4")
        cursor.execute(
            f"CREATE TABLE {TEST_DB}.membres (id INT PRIMARY KEY, nom VARCHAR(200), site VARCHAR(200),"
            " lat DECIMAL(9,6) NULL, lon DECIMAL(9,6) NULL)"
        )
        cursor.executemany(
            f"INSERT INTO {TEST_DB}.membres VALUES (%s, %s, %s, %s, %s)",  # noqa: S608
            [
                (1, "Ferme urbaine", "ferme.example.org", 50.8356, 4.3098),
                (2, "Coordonnées inversées", "", 4.3298, 50.8556),
                (3, "Latitude 91,5", "", 91.5, 4.35),
            ],
        )
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {TEST_DB}")
    connection.close()


def test_a_mariadb_table_with_a_bad_row_imports_the_others(make_source, mariadb_members):
    source = make_source(
        ImportSource.SQL,
        [
            {"source": "nom", "field": "title"},
            {"source": "site", "field": "website"},
            {"source": "lat", "field": "latitude"},
            {"source": "lon", "field": "longitude"},
        ],
        database_url=f"mysql://root@127.0.0.1:3306/{TEST_DB}",
        query="SELECT id, nom, site, lat, lon FROM membres ORDER BY id",
    )

    run = run_source(source)

    assert (run.status, run.created, run.errors) == (ImportRun.PARTIAL, 2, 1), run.report
    farm = AlternativePage.objects.get(title="Ferme urbaine")
    assert farm.website == "https://ferme.example.org"
    bike = AlternativePage.objects.get(title="Coordonnées inversées")
    assert (bike.latitude, bike.longitude) == (50.8556, 4.3298)
    assert rows_by_id(run)["3"]["status"] == "error"


GOGOCARTO_MAPPING = [
    {"source": "name", "field": "title"},
    {"source": "description", "field": "description"},
    {"source": "description", "field": "short_description"},
    {"source": "website", "field": "website"},
    {"source": "social_links", "field": "social_links"},
    {"source": "email", "field": "email"},
    {"source": "openHours", "field": "opening_hours"},
    {"source": "latitude", "field": "latitude"},
    {"source": "longitude", "field": "longitude"},
]


def test_gogocarto_structured_and_html_values_become_readable(make_source):
    export = {
        "ontology": "gogofull",
        "data": [
            {
                "id": "g1",
                "status": 1,
                "name": "Atelier vélo",
                "geo": {"latitude": 50.8466, "longitude": 4.3528},
                "description": '<p><span style="color:red">Réparer</span> ensemble <a href="https://velo.example.org">'
                "(infos)</a></p><script>alert(1)</script>",
                "email": "hidden",
                "openHours": {"Mo": "09:00-12:00", "We": "14:00-18:00", "Sa": ""},
                "urls": [
                    {"type": "facebook", "value": "https://facebook.com/atelier"},
                    {"type": "website", "value": "https://atelier.example.org"},
                ],
            }
        ],
    }
    source = make_source(
        ImportSource.GOGOCARTO,
        GOGOCARTO_MAPPING,
        content=json.dumps(export).encode(),
        filename="elements.json",
    )

    run = run_source(source)

    assert (run.created, run.errors) == (1, 0), run.report
    page = AlternativePage.objects.get()
    assert page.opening_hours == "Lundi 09:00-12:00\nMercredi 14:00-18:00"
    assert page.website == "https://atelier.example.org"
    assert page.social_links == "https://facebook.com/atelier"
    assert page.email == ""
    assert page.short_description == "Réparer ensemble (infos)"
    assert "<script>" not in page.description and "alert(1)" not in page.description
    assert '<a href="https://velo.example.org"' in page.description and "<span" not in page.description
    assert run_source(source).unchanged == 1


def test_a_row_like_an_existing_profile_is_not_created_unless_the_source_says_so(make_source, directory):
    existing = AlternativePageFactory(
        parent=directory, title="Repair Café Ixelles", website="https://www.repair-ixelles.example.org/"
    )
    existing.set_point(50.8275, 4.3720)
    existing.save()
    nearby = AlternativePageFactory(parent=directory, title="Potager collectif des Tanneurs")
    nearby.set_point(50.8363, 4.3445)
    nearby.save()
    source = csv_source(
        make_source,
        [
            "1;Repair Café d'Ixelles;;repair-ixelles.example.org;;1050;50.8280;4.3730",
            "2;Potager collectif Tanneurs;;;;1000;50.8350;4.3450",
            "3;Tout autre chose;;;;1000;50.8352;4.3452",
        ],
    )

    run = run_source(source)

    rows = rows_by_id(run)
    assert (run.status, run.created, run.skipped) == (ImportRun.SUCCESS, 1, 2)
    assert rows["1"]["status"] == "skipped" and rows["1"]["profile_id"] == existing.pk
    assert rows["1"]["reason"].startswith("Possible duplicate of “Repair Café Ixelles” (same website")
    assert "tick “create possible duplicates” on the source" in rows["1"]["reason"]
    assert rows["2"]["status"] == "skipped" and rows["2"]["profile_id"] == nearby.pk
    assert "similar name" in rows["2"]["reason"] and " m apart" in rows["2"]["reason"]
    assert rows["3"]["status"] == "created"
    assert AlternativePage.objects.count() == 3

    source.create_possible_duplicates = True
    source.save()
    forced = run_source(source)

    assert (forced.created, forced.unchanged) == (2, 1)
    assert AlternativePage.objects.count() == 5


@pytest.fixture
def admin_client(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin)
    return client


def test_the_report_of_a_partial_dry_run_offers_apply_but_not_when_every_row_fails(admin_client, make_source):
    source = csv_source(make_source, ["1;Bon;;;;1000;;", "2;Mauvais;;;;1000;91.5;4.35"])

    response = admin_client.post(reverse("commons_admin:dry_run", args=[source.pk]), follow=True)

    html = response.content.decode()
    assert "1 row(s) have errors and will not be imported; the other rows will be." in html
    assert "Apply this import" in html
    response = admin_client.post(reverse("commons_admin:apply", args=[source.pk]), follow=True)
    html = response.content.decode()
    assert "1 row(s) could not be imported; the other rows were imported." in html
    assert list(AlternativePage.objects.values_list("title", flat=True)) == ["Bon"]
    assert "Partial: the rows in error were not imported" in (
        admin_client.get(reverse("commons_admin:history", args=[source.pk])).content.decode()
    )

    only_bad = csv_source(make_source, ["2;Mauvais;;;;1000;91.5;4.35"], name="only bad rows")
    response = admin_client.post(reverse("commons_admin:dry_run", args=[only_bad.pk]), follow=True)
    html = response.content.decode()
    assert "are impossible" in html and "Apply this import" not in html


def test_category_names_in_either_language_need_no_value_map(make_source, categories, locales):
    Category.objects.create(slug="food", name="Voeding", locale=locales["nl"])
    mapping = [
        {"source": "nom", "field": "title"},
        {"source": "themes", "field": "categories", "transform": "categories", "separator": "|"},
    ]
    content = "id;nom;themes\r\n1;Épicerie;ALIMENTATION|réparation|voeding|Inconnu\r\n".encode()
    source = make_source(ImportSource.CSV, mapping, content=content, id_field="id")

    run = run_source(source)

    page = AlternativePage.objects.get()
    assert sorted(category.slug for category in page.categories.all()) == ["food", "repair"]
    assert rows_by_id(run)["1"]["reason"] == "Unknown category “Inconnu” left out."


def test_a_missing_identifier_column_lists_the_columns_of_the_file(make_source):
    source = csv_source(make_source, ["1;Potager;;;;1000;;"], id_field="identifiant")

    run = run_source(source)

    assert run.report[0]["reason"] == (
        "There is no column “identifiant” for the identifier: choose the source's identifier column among "
        "id, nom, resume, site, courriel, cp, lat, lon."
    )
