"""In a browser: the directory map in Dutch shows the events as their own layer (popups link to the Dutch version of
a translated event), a checkbox hides and shows them, stale profiles are faded, and the events are listed too."""

import datetime

import pytest

from agenda.factories import EventPageFactory
from agenda.recurrence import TIMEZONE
from incommon_cms.core.demo_utils import translation
from incommon_cms.directory.factories import AlternativePageFactory
from incommon_cms.directory.models import Commune, Postcode
from incommon_cms.directory.reference_data import load_reference_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def soon(days, hour=19):
    return datetime.datetime.combine(
        datetime.date.today() + datetime.timedelta(days=days), datetime.time(hour), TIMEZONE
    )


@pytest.fixture
def reference_data(db):
    """Postcodes place profiles and events; a transactional test before this one may have flushed them."""
    load_reference_data(Commune, Postcode)


def test_events_layer_and_stale_profiles_on_the_directory_map(
    reference_data, browser_page, agenda, directory, place, category
):
    translation(directory, "nl", title="Kaart", slug="kaart")
    place.save_revision().publish()
    old = AlternativePageFactory(
        parent=directory,
        title="Oude Werking",
        slug="oude-werking",
        postcode="1060",
        last_verified=datetime.date.today() - datetime.timedelta(days=800),
    )
    old.save_revision().publish()
    repair = EventPageFactory(parent=agenda["fr"], title="Repair Café", start=soon(2), place=place)
    repair.categories = [category]
    repair.save_revision().publish()
    repair_nl = translation(repair, "nl", title="Repair Café Vorst", slug="repair-cafe-vorst")
    EventPageFactory(
        parent=agenda["fr"], title="Festival", start=soon(10, 14), postcode="1000"
    ).save_revision().publish()

    page = browser_page
    page.goto("/nl/kaart/")
    page.wait_for_selector('#directory-map[data-event-count="2"]')
    page.wait_for_selector('#directory-map[data-marker-count="2"]')
    assert page.locator("#directory-map").get_attribute("data-stale-count") == "1"

    # Stale profiles are faded and say so.
    stale = page.locator(".map-marker-stale")
    assert stale.count() == 1
    assert stale.get_attribute("title") == "Oude Werking (al meer dan een jaar niet gecontroleerd)"
    # Faded at rest, whatever the pointer does: the rule read from the stylesheet, not the hover-dependent state.
    resting = stale.evaluate(
        """node => [...document.styleSheets].flatMap(sheet => [...sheet.cssRules])
            .filter(rule => rule.selectorText === ".map-marker-stale").map(rule => rule.style.opacity)"""
    )
    assert resting and float(resting[0]) < 0.6

    # An event marker, reached with the keyboard, opens a popup linking to the Dutch version of the event.
    marker = page.locator('.map-marker-event[title^="Repair Café Vorst"]')
    marker.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup .map-popup-event")
    popup.wait_for()
    link = popup.get_by_role("link", name="Repair Café Vorst")
    assert link.get_attribute("href") == repair_nl.url
    assert "Evenement" in popup.inner_text()

    # The checkbox hides and shows the layer; the status line says so.
    toggle = page.get_by_label("De evenementen op de kaart tonen")
    assert toggle.is_visible() and toggle.is_checked()
    toggle.uncheck()
    page.wait_for_selector('#directory-map[data-events-shown="false"]')
    assert page.locator(".map-marker-event").count() == 0
    assert "De evenementen zijn verborgen." in page.locator("#map-status").inner_text()
    toggle.check()
    page.wait_for_selector('#directory-map[data-events-shown="true"]')
    assert page.locator(".map-marker-event").count() >= 1
    assert "2 evenementen op de kaart." in page.locator("#map-status").inner_text()

    # The same events as a list, for readers who do not use the map.
    page.get_by_text("Lijst van de evenementen op de kaart").click()
    listed = page.locator("#map-event-list li a")
    assert listed.all_inner_texts() == ["Repair Café Vorst", "Festival"]
    assert listed.first.get_attribute("href") == repair_nl.url
    assert listed.nth(1).get_attribute("lang") == "fr"
