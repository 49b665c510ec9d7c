"""The ecosystem page: figures read from the stored snapshots, SVG charts, the commune map, tables and CSV."""

import csv
import io
import re

import pytest

from incommon_cms.ecosystem.dashboard import FIGURES
from incommon_cms.ecosystem.figures import store_all
from incommon_cms.ecosystem.models import FigureSnapshot

from .html_tables import figure_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def computed(known_data, today):
    store_all(today)


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_page_before_any_computation_says_so(client, ecosystem_pages):
    response = client.get("/fr/ecosysteme/")
    html = response.content.decode()
    assert "Les chiffres n’ont pas encore été calculés" in html or "pas encore été calculés" in html
    assert "<svg" not in html


def test_page_shows_charts_map_and_when_figures_were_computed(client, ecosystem_pages, computed):
    html = client.get("/fr/ecosysteme/").content.decode()
    computed_at = FigureSnapshot.objects.first().computed_at
    assert "Chiffres calculés le" in html
    assert str(computed_at.astimezone().year) in html
    # One accessible SVG per available figure, titled and described.
    svgs = re.findall(r'<svg [^>]*role="img"[^>]*aria-labelledby="([\w-]+)-title [\w-]+-desc"', html)
    assert set(svgs) >= {
        "chart-totals",
        "chart-by-category",
        "chart-by-kind",
        "chart-by-commune",
        "chart-contributions-per-month",
        "chart-freshness",
    }
    assert '<title id="chart-by-commune-title">Fiches par commune</title>' in html
    # The map: the 19 communes, coloured by their count, with names and counts in tooltips.
    communes = re.findall(r'<path class="commune" data-nis="(\d+)" d="M[^"]+" fill="(#[0-9a-f]{6})"', html)
    assert len(communes) == 19
    fills = dict(communes)
    assert fills["21002"] == "#f1f4f2"  # Auderghem: nobody
    assert fills["21004"] == fills["21009"] == "#006d2c"  # 2 profiles each: the top class
    assert fills["21013"] != fills["21004"]
    assert "<title>Ixelles: 2</title>" in html
    assert "Statbel" in html and "mathiasleroy/Belgium-Geographic-Data" in html
    # Headline figures.
    assert "<strong>3</strong> Alternatives" in html
    assert "<strong>60 %</strong>" in html


def test_every_csv_equals_its_table(client, ecosystem_pages, computed):
    html = client.get("/fr/ecosysteme/").content.decode()
    tables = figure_tables(html)
    available = [f.key for f in FIGURES if FigureSnapshot.objects.get(key=f.key).data.get("available")]
    assert set(tables) == set(available)
    assert {"totals", "by_category", "by_kind", "by_commune", "contributions_per_month", "freshness"} <= set(tables)
    for key, table in tables.items():
        assert f'href="/fr/ecosysteme/csv/{key}/"' in html
        response = client.get(f"/fr/ecosysteme/csv/{key}/")
        assert response.status_code == 200
        assert read_csv(response) == table, key
    assert tables["freshness"] == [
        ["Vérification", "Fiches"],
        ["Vérifiées ces 12 derniers mois", "3"],
        ["Vérifiées il y a plus longtemps", "1"],
        ["Jamais vérifiées", "1"],
    ]


def test_tables_and_csv_in_dutch(client, ecosystem_pages, computed):
    html = client.get("/nl/ecosysteem/").content.decode()
    tables = figure_tables(html)
    communes = dict(tables["by_commune"][1:])
    assert communes["Elsene"] == "2"
    assert tables["by_category"][0] == ["Categorie", "Fiches"]
    assert read_csv(client.get("/nl/ecosysteem/csv/by_commune/")) == tables["by_commune"]
    assert "Cijfers berekend op" in html


def test_unknown_figure_csv_is_a_404(client, ecosystem_pages, computed):
    assert client.get("/fr/ecosysteme/csv/nothing/").status_code == 404


def test_the_page_reads_the_snapshots_only(client, ecosystem_pages, computed, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        response = client.get("/en/ecosystem/")
    assert "Profiles by commune" in response.content.decode()
