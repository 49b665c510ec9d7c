"""The map in Chromium with the demo data: clustered markers, filtering by category, the list following."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def marker_count(page):
    status = page.locator("#map-status")
    expect(status).to_contain_text("sur la carte")
    return int(re.search(r"\d+", status.inner_text()).group())


def test_map_clusters_markers_and_filters_by_category(browser_page):
    call_command("load_demo", stdout=io.StringIO())
    page = browser_page
    page.route(re.compile(r"https://tile\.openstreetmap\.org/.*"), lambda route: route.fulfill(status=204))
    page.goto("/fr/carte/")
    expect(page.locator("#directory-map.map-ready")).to_be_visible()
    total = marker_count(page)
    assert total == 42
    # 42 profiles over a handful of postcodes: they are clustered, not drawn one by one.
    expect(page.locator(".marker-cluster").first).to_be_visible()
    assert page.locator(".marker-cluster").count() < total
    assert page.locator("#profile-list > li").count() == 24

    page.select_option("#filter-category", "food")
    page.get_by_role("button", name="Afficher les résultats").click()
    page.wait_for_url(re.compile(r"category=food"))
    filtered = marker_count(page)
    assert 0 < filtered < total
    items = page.locator("#profile-list > li")
    assert items.count() == filtered
    for index in range(items.count()):
        expect(items.nth(index).locator(".category-list")).to_contain_text("Alimentation")

    # Opening clusters until a marker shows, then the marker: its popup links to the profile. A click that lands
    # while the map is still zooming opens nothing, so each step is taken again until the popup is there.
    popup = page.locator(".leaflet-popup-content .map-popup-title a")
    for _attempt in range(10):
        if popup.count():
            break
        markers = page.locator(".map-marker")
        (markers if markers.count() else page.locator(".marker-cluster")).first.click()
        page.wait_for_timeout(700)
    expect(popup).to_be_visible()
    assert re.match(r"/fr/carte/[\w-]+/", popup.get_attribute("href"))
