"""Real imports from every kind of file: what is created, what a re-run reports, what a failing run leaves."""

import pytest
from openpyxl import Workbook

from incommon_cms.commons.engine import run_source
from incommon_cms.commons.models import ImportedRecord, ImportRun, ImportSource
from incommon_cms.directory.models import AlternativePage, PlacePage, ProfilePage

from .conftest import FIXTURES, replace_file

pytestmark = pytest.mark.django_db

CSV_MAPPING = [
    {"source": "Identifiant", "field": "title", "transform": "trim"},
    {"source": "Nom", "field": "title"},
    {"source": "Description", "field": "short_description"},
    {"field": "street_address", "transform": "combine", "parts": ["Rue", "Numéro"]},
    {"source": "Code postal", "field": "postcode"},
    {
        "source": "Thèmes",
        "field": "categories",
        "transform": "categories",
        "separator": "|",
        "values": {"Alimentation": "food", "Réparation": "repair"},
    },
    {"source": "Mots-clés", "field": "tags", "transform": "split"},
    {"source": "Courriel", "field": "email", "transform": "lower"},
    {"source": "Année", "field": "founding_year"},
]
CSV_MAPPING = CSV_MAPPING[1:]

MESSY_CSV = (
    "\ufeffIdentifiant;Nom;Description;Rue;Numéro;Code postal;Thèmes;Mots-clés;Courriel;Année\r\n"
    "\r\n"
    "A1;  Épicerie Zéro Déchet ; Vrac et local;Rue de Flandre;46;1000;Alimentation|Inconnu;vrac, local;INFO@ZERO.EXAMPLE.ORG;2016\r\n"
    ";;;;;;;;;\r\n"
    "A2;Café Réparation Schaerbeek;On répare tout;Avenue Louis Bertrand;100;1030;Réparation;;;\r\n"
    "\r\n"
)


def messy_csv_bytes(text=MESSY_CSV):
    """Semicolons, Latin-1 content behind a UTF-8 byte-order mark, empty lines, postcodes without coordinates."""
    return b"\xef\xbb\xbf" + text.lstrip("\ufeff").encode("latin-1")


def test_messy_csv_import_creates_geocoded_profiles_and_rerun_is_unchanged(make_source):
    source = make_source(ImportSource.CSV, CSV_MAPPING, content=messy_csv_bytes(), id_field="Identifiant")

    run = run_source(source)

    assert run.status == ImportRun.SUCCESS, run.report
    assert (run.created, run.errors, run.skipped) == (2, 0, 0)
    shop = AlternativePage.objects.get(title="Épicerie Zéro Déchet")
    assert shop.live
    assert shop.short_description == "Vrac et local"
    assert shop.street_address == "Rue de Flandre 46"
    assert shop.email == "info@zero.example.org"
    assert shop.founding_year == 2016
    assert [c.slug for c in shop.categories.all()] == ["food"]
    assert sorted(t.name for t in shop.tags.all()) == ["local", "vrac"]
    assert shop.data_licence == "CC-BY-4.0"
    # Postcode without coordinates: placed by the offline geocoder.
    assert shop.commune.name_fr == "Bruxelles"
    assert shop.latitude == pytest.approx(50.85, abs=0.05) and shop.longitude == pytest.approx(4.35, abs=0.05)
    repair = AlternativePage.objects.get(title="Café Réparation Schaerbeek")
    assert repair.commune.name_fr == "Schaerbeek"
    row_one = next(r for r in run.report if r["external_id"] == "A1")
    assert "Inconnu" in row_one["reason"]

    second = run_source(source)
    assert (second.created, second.updated, second.unchanged, second.errors) == (0, 0, 2, 0)
    assert AlternativePage.objects.count() == 2


def test_dry_run_reports_without_writing_and_real_run_applies_it(make_source):
    source = make_source(ImportSource.CSV, CSV_MAPPING, content=messy_csv_bytes(), id_field="Identifiant")

    dry = run_source(source, dry_run=True)

    assert dry.dry_run and dry.created == 2
    assert [r["status"] for r in dry.report] == ["created", "created"]
    assert not ProfilePage.objects.exists()
    assert not ImportedRecord.objects.exists()
    real = run_source(source)
    assert [(r["external_id"], r["status"]) for r in real.report] == [
        (r["external_id"], r["status"]) for r in dry.report
    ]
    assert ProfilePage.objects.count() == 2


def test_all_or_nothing_source_with_an_invalid_row_writes_nothing_of_the_run(make_source):
    text = MESSY_CSV.replace("2016", "deux mille")
    source = make_source(
        ImportSource.CSV, CSV_MAPPING, content=messy_csv_bytes(text), id_field="Identifiant", all_or_nothing=True
    )

    run = run_source(source)

    assert run.status == ImportRun.FAILED
    assert run.errors == 1
    failing = next(r for r in run.report if r["status"] == "error")
    assert failing["row"] == 1 and failing["external_id"] == "A1"
    assert "founding year" in failing["reason"] and "deux mille" in failing["reason"]
    assert "nothing of this run was written" in run.message
    # The valid second row was not written either, and neither the counters nor its row say it was.
    assert not ProfilePage.objects.exists()
    assert not ImportedRecord.objects.exists()
    assert run.created == 0
    valid = next(r for r in run.report if r["external_id"] == "A2")
    assert valid["status"] == "skipped" and "all or nothing" in valid["reason"]


def test_invalid_row_in_a_later_all_or_nothing_run_leaves_earlier_data_untouched(make_source):
    source = make_source(
        ImportSource.CSV, CSV_MAPPING, content=messy_csv_bytes(), id_field="Identifiant", all_or_nothing=True
    )
    run_source(source)
    changed = MESSY_CSV.replace("Vrac et local", "Vrac, local et bio").replace("100;1030", "100;1030;x;bad-email")
    changed = changed.replace("Réparation;;;", "Réparation;;pas-un-courriel;")
    replace_file(source, messy_csv_bytes(changed))

    run = run_source(source)

    assert run.status == ImportRun.FAILED
    assert next(r for r in run.report if r["status"] == "error")["external_id"] == "A2"
    assert AlternativePage.objects.get(title="Épicerie Zéro Déchet").short_description == "Vrac et local"


def test_updated_source_row_updates_an_unclaimed_profile(make_source):
    source = make_source(ImportSource.CSV, CSV_MAPPING, content=messy_csv_bytes(), id_field="Identifiant")
    run_source(source)
    replace_file(source, messy_csv_bytes(MESSY_CSV.replace("Vrac et local", "Vrac, local et bio")))

    run = run_source(source)

    assert (run.updated, run.unchanged) == (1, 1)
    updated = next(r for r in run.report if r["status"] == "updated")
    assert updated["fields"] == ["short_description"]
    shop = AlternativePage.objects.get(title="Épicerie Zéro Déchet")
    assert shop.short_description == "Vrac, local et bio"
    assert shop.live and not shop.has_unpublished_changes


def test_xlsx_import(make_source):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ref", "name", "postcode", "website", "languages"])
    sheet.append([None, None, None, None, None])
    sheet.append([101, "Coopérative du Midi", 1060, "https://midi.example.org", "fr, nl"])
    sheet.append([102, "Les Jardins de Forest", "1190", None, "fr"])
    from io import BytesIO

    buffer = BytesIO()
    workbook.save(buffer)
    mapping = [
        {"source": "name", "field": "title"},
        {"source": "postcode", "field": "postcode"},
        {"source": "website", "field": "website"},
        {"source": "languages", "field": "languages", "transform": "split"},
    ]
    source = make_source(ImportSource.XLSX, mapping, content=buffer.getvalue(), filename="data.xlsx", id_field="ref")

    run = run_source(source)

    assert run.created == 2, run.report
    coop = AlternativePage.objects.get(title="Coopérative du Midi")
    assert coop.postcode == "1060" and coop.commune.name_fr == "Saint-Gilles"
    assert coop.website == "https://midi.example.org"
    assert coop.languages == ["fr", "nl"]
    assert ImportedRecord.objects.filter(source=source, external_id="101", profile=coop).exists()
    assert run_source(source).unchanged == 2


def test_geojson_import_of_places(make_source):
    mapping = [
        {"source": "nom", "field": "title"},
        {"source": "capacite", "field": "capacity"},
        {"source": "adresse", "field": "street_address"},
        {"source": "cp", "field": "postcode"},
        {"source": "pmr", "field": "wheelchair_accessible"},
        {"source": "latitude", "field": "latitude"},
        {"source": "longitude", "field": "longitude"},
    ]
    content = (FIXTURES / "places.geojson").read_bytes()
    source = make_source(
        ImportSource.GEOJSON, mapping, content=content, filename="places.geojson", profile_type="place"
    )

    run = run_source(source)

    assert run.created == 2, run.report
    room = PlacePage.objects.get(title="Salle du Quai")
    assert room.capacity == 40 and room.wheelchair_accessible is True
    assert (room.latitude, room.longitude) == (50.8552, 4.3387)
    assert room.location == "SRID=4326;POINT(4.3387 50.8552)"
    assert PlacePage.objects.get(title="Atelier partagé").wheelchair_accessible is False
    assert run_source(source).unchanged == 2


GOGOCARTO_MAPPING = [
    {"source": "name", "field": "title"},
    {"source": "description", "field": "short_description"},
    {"source": "streetAddress", "field": "street_address"},
    {"source": "postalCode", "field": "postcode"},
    {"source": "addressLocality", "field": "city"},
    {"source": "telephone", "field": "phone"},
    {"source": "website", "field": "website"},
    {"source": "openHoursMoreInfos", "field": "opening_hours"},
    {"source": "geo.latitude", "field": "latitude"},
    {"source": "geo.longitude", "field": "longitude"},
    {
        "source": "categories",
        "field": "categories",
        "transform": "categories",
        "values": {"Alimentation": "food", "Jardins": "garden", "30": "repair"},
    },
]


def test_gogocarto_import(make_source):
    content = (FIXTURES / "gogocarto.json").read_bytes()
    source = make_source(ImportSource.GOGOCARTO, GOGOCARTO_MAPPING, content=content, filename="elements.json")

    run = run_source(source)

    assert (run.created, run.skipped) == (2, 1), run.report
    skipped = next(r for r in run.report if r["status"] == "skipped")
    assert skipped["external_id"] == "bx3" and "Not validated" in skipped["reason"]
    garden = AlternativePage.objects.get(title="Potager des Tanneurs")
    assert sorted(c.slug for c in garden.categories.all()) == ["food", "garden"]
    assert garden.city == "Bruxelles" and garden.phone == "02 511 00 00"
    assert garden.latitude == 50.8363
    repair = AlternativePage.objects.get(title="Repair Café Ixelles")
    assert [c.slug for c in repair.categories.all()] == ["repair"]
    assert repair.commune.name_fr == "Ixelles"
    again = run_source(source)
    assert (again.unchanged, again.skipped, again.created) == (2, 1, 0)


def test_unreadable_source_fails_with_a_reason(make_source):
    source = make_source(
        ImportSource.JSON, [{"source": "n", "field": "title"}], content=b"{not json", filename="x.json"
    )

    run = run_source(source)

    assert run.status == ImportRun.FAILED
    assert "not valid JSON" in run.message
    assert not ProfilePage.objects.exists()


def test_mapping_is_validated(locales):
    source = ImportSource(
        name="bad",
        kind=ImportSource.SQL,
        locale=locales["fr"],
        licence="CC0-1.0",
        attribution="x",
        database_url="mysql://root@127.0.0.1/db",
        query="DELETE FROM t",
        mapping=[{"source": "a", "field": "password"}],
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "query" in error.value.message_dict
    assert any("password" in m for m in error.value.message_dict["mapping"])


def test_demo_loader_completes_demo_profiles_and_is_idempotent(directory, locales):
    from incommon_cms.core.demo_loader import DemoContext, demo_files, load_demo_files
    from incommon_cms.directory.factories import AlternativePageFactory

    gasap = AlternativePageFactory(parent=directory, title="GASAP Ixelles", postcode="1050", opening_hours="")
    ctx = DemoContext(stdout=open("/dev/null", "w"))  # noqa: SIM115

    load_demo_files(ctx, demo_files(app_labels={"commons"}))
    load_demo_files(ctx, demo_files(app_labels={"commons"}))

    source = ImportSource.objects.get(name="Réseau des quartiers (CSV)")
    run = source.runs.get()
    assert (run.updated, run.created, run.errors) == (1, 2, 0)
    gasap.refresh_from_db()
    assert gasap.opening_hours == "Distribution des paniers le jeudi, 18 h – 19 h 30"
    assert source.records.get(external_id="Q-042").profile_id == gasap.pk
    assert AlternativePage.objects.filter(title="GASAP Ixelles").count() == 1
