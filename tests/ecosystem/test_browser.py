"""The ecosystem page with the demo data, in Chromium: charts and the commune map, with a screenshot."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from incommon_cms.directory.models import Commune, Postcode
from incommon_cms.directory.reference_data import load_reference_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_ecosystem_page_with_demo_data(browser_page, home_fr, tmp_path):
    # A transactional test before this one may have flushed the communes and postcodes loaded by migration.
    load_reference_data(Commune, Postcode)
    call_command("load_demo", stdout=io.StringIO())
    page = browser_page
    page.goto("/fr/ecosysteme/")
    assert page.locator("h1").inner_text() == "L'écosystème en chiffres"
    charts = page.locator("svg.chart[role=img]")
    assert charts.count() >= 6
    communes = page.locator("#chart-by-commune path.commune")
    assert communes.count() == 19
    filled = {communes.nth(i).get_attribute("fill") for i in range(19)}
    assert len(filled) >= 3  # the communes are coloured by their number of profiles
    assert page.locator("#chart-by-category .bar").count() >= 5
    box = page.locator("#chart-by-commune").bounding_box()
    assert box["width"] > 300 and box["height"] > 200
    assert page.get_by_text("Statbel").is_visible()
    page.get_by_text("Données du tableau").nth(3).click()
    assert page.locator("table[data-figure=by_commune]").is_visible()
    screenshot = Path(tmp_path) / "ecosystem-fr.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 50_000

    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/nl/ecosysteem/")
    assert page.locator("#chart-by-commune path.commune").count() == 19
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
