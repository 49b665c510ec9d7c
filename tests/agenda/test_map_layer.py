"""The events on maps: the events GeoJSON (date window, filters, language) and the events layer of the directory
map (its config, legend, toggle and the list for readers who do not use the map)."""

import datetime
import json
import re

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from agenda.recurrence import TIMEZONE
from incommon_cms.core.demo_utils import translation
from incommon_cms.directory.factories import CategoryFactory

pytestmark = pytest.mark.django_db


def soon(days, hour=19):
    return datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=days), datetime.time(hour), TIMEZONE
    )


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def map_pages(directory):
    return {"fr": directory, "nl": translation(directory, "nl", title="Kaart", slug="kaart")}


@pytest.fixture
def events(make_event, agenda, place, category, locales):
    """Repair Café (at a place, weekly from in 2 days, food, translated into Dutch), Festival (a free address in
    20 days), Picnic (in 45 days, culture), Cancelled talk (in 5 days), Online meeting (no position)."""
    culture = CategoryFactory(name="Culture", slug="culture", color="#8e24aa", locale=locales["fr"])
    repair = make_event(title="Repair Café", start=soon(2), end=soon(2, 21), rrule="FREQ=WEEKLY;COUNT=10", place=place)
    repair.categories = [category]
    publish(repair)
    repair_nl = translation(repair, "nl", title="Repair Café NL", slug="repair-cafe-nl")
    festival = make_event(title="Festival", start=soon(20, 14), street_address="Rue Haute 1", postcode="1000")
    picnic = make_event(title="Pique-nique", start=soon(45, 12), postcode="1050")
    picnic.categories = [culture]
    publish(picnic)
    talk = make_event(title="Conférence annulée", start=soon(5), postcode="1060", status="cancelled")
    online = make_event(title="Réunion en ligne", start=soon(3), online_url="https://meet.example.org/x")
    return {
        "repair": repair,
        "repair_nl": repair_nl,
        "festival": festival,
        "picnic": picnic,
        "talk": talk,
        "online": online,
        "culture": culture,
    }


def feed(client, query=""):
    response = client.get(f"/agenda/events.geojson?{query}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def titles(data):
    return [feature["properties"]["title"] for feature in data["features"]]


def test_each_event_once_at_its_next_occurrence_with_its_public_fields(client, events, place, category):
    data = feed(client, "lang=fr&days=30")
    assert titles(data) == ["Repair Café", "Conférence annulée", "Festival"]
    repair = data["features"][0]
    assert repair == {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(place.longitude, 5), round(place.latitude, 5)]},
        "properties": {
            "id": events["repair"].pk,
            "title": "Repair Café",
            "url": events["repair"].url,
            "start": soon(2).isoformat(),
            "all_day": False,
            "when": repair["properties"]["when"],
            "place": "Salle du Parc, 1190 Forest",
            "status": "scheduled",
            "status_label": "",
            "categories": ["food"],
            "color": category.color,
            "language": "fr",
        },
    }
    with override("fr"):
        assert repair["properties"]["when"] == date_format(soon(2), "l j F, H:i")
    talk = data["features"][1]["properties"]
    assert talk["status"] == "cancelled" and talk["status_label"] == "Annulé"
    assert data["window"]["start"] <= soon(0, 23).isoformat()


def test_the_date_window_and_the_filters(client, events):
    assert titles(feed(client, "lang=fr")) == ["Repair Café", "Conférence annulée", "Festival", "Pique-nique"]
    assert titles(feed(client, "lang=fr&days=7")) == ["Repair Café", "Conférence annulée"]
    start, end = timezone.localdate() + datetime.timedelta(days=10), timezone.localdate() + datetime.timedelta(days=50)
    data = feed(client, f"lang=fr&start={start}&end={end}")
    # The Repair Café appears at its next occurrence inside the window (in 16 days).
    assert titles(data) == ["Repair Café", "Festival", "Pique-nique"]
    assert data["features"][0]["properties"]["start"] == soon(16).isoformat()
    assert titles(feed(client, "lang=fr&category=culture")) == ["Pique-nique"]


@pytest.mark.parametrize("days", ["0", "abc", "400", "-3"])
def test_a_bad_window_is_a_400_with_the_reason(client, events, days):
    response = client.get(f"/agenda/events.geojson?lang=fr&days={days}")
    assert response.status_code == 400
    errors = json.loads(response.content)["errors"]
    assert errors["days"][0]["message"] == "Le nombre de jours doit être un nombre entier de 1 à 366."


def test_the_feed_follows_the_readers_language(client, events):
    data = feed(client, "lang=nl&days=30")
    properties = {feature["properties"]["title"]: feature["properties"] for feature in data["features"]}
    assert properties["Repair Café NL"]["url"] == events["repair_nl"].url
    assert properties["Repair Café NL"]["language"] == "nl"
    assert properties["Festival"]["language"] == "fr"  # not translated: shown in French
    assert "Repair Café" not in properties


def map_config(content):
    match = re.search(r'<script id="directory-map-config" type="application/json">(.*?)</script>', content, re.S)
    return json.loads(match.group(1))


def listed_events(content):
    box = content.split('id="map-event-list"')[1].split("</ol>")[0]
    return re.findall(r'<li>\s*<a href="([^"]+)"[^>]*>([^<]+)</a>', box)


def test_the_directory_map_has_an_events_layer_with_its_list(client, map_pages, events):
    content = client.get("/fr/carte/").content.decode()
    (layer,) = map_config(content)["layers"]
    assert layer == {
        "key": "events",
        "url": "/agenda/events.geojson?lang=fr&days=30",
        "categories": [],
        "toggle": "map-layer-events",
    }
    assert titles(feed(client, layer["url"].split("?")[1])) == [title for _url, title in listed_events(content)]
    assert listed_events(content) == [
        (events["repair"].url, "Repair Café"),
        (events["talk"].url, "Conférence annulée"),
        (events["festival"].url, "Festival"),
    ]
    assert "<strong>Annulé</strong>" in content
    assert f'<time datetime="{soon(2).isoformat()}">' in content
    # The toggle (shown by the map script), the period chooser (part of the filter form) and the legend.
    toggle = r'<span class="map-layer-toggle" data-layer-toggle hidden>\s*<input type="checkbox" id="map-layer-events"'
    assert re.search(toggle, content)
    assert '<label for="map-layer-events">Afficher les événements sur la carte</label>' in content
    assert '<select id="filter-events" name="events" form="directory-filters">' in content
    assert '<form class="directory-filters" id="directory-filters"' in content
    assert "3 événements à venir avec un lieu" in content
    assert '<a href="/fr/agenda/">Voir tout l’agenda</a>' in content


def test_the_events_layer_in_the_readers_language(client, map_pages, events):
    content = client.get("/nl/kaart/").content.decode()
    assert map_config(content)["layers"][0]["url"] == "/agenda/events.geojson?lang=nl&days=30"
    listed = listed_events(content)
    assert listed[0] == (events["repair_nl"].url, "Repair Café NL")
    # An untranslated event keeps its language, marked for screen readers.
    assert re.search(rf'<a href="{re.escape(events["festival"].url)}" lang="fr" hreflang="fr">Festival</a>', content)
    assert "Evenementen op de kaart" in content


def test_the_period_and_the_directory_filters_apply_to_the_events(client, map_pages, events):
    week = client.get("/fr/carte/?events=7").content.decode()
    assert [title for _url, title in listed_events(week)] == ["Repair Café", "Conférence annulée"]
    assert map_config(week)["layers"][0]["url"].endswith("days=7")
    assert '<option value="7" selected>' in week
    quarter = client.get("/fr/carte/?events=90&category=culture").content.decode()
    assert [title for _url, title in listed_events(quarter)] == ["Pique-nique"]
    layer = map_config(quarter)["layers"][0]
    assert layer["categories"] == ["culture"] and "category=culture" in layer["url"]
    off = client.get("/fr/carte/?events=none").content.decode()
    assert map_config(off)["layers"] == []
    assert 'id="map-event-list"' not in off and '<option value="none" selected>' in off


def test_a_bad_period_is_explained(client, map_pages, events):
    response = client.get("/fr/carte/?events=365")
    assert response.status_code == 400
    assert "Période d’événements inconnue « 365 »" in response.content.decode()


def test_the_agenda_page_map_shows_the_period_on_screen(client, events):
    start, end = timezone.localdate() + datetime.timedelta(days=10), timezone.localdate() + datetime.timedelta(days=50)
    content = client.get("/fr/agenda/", {"start": start.isoformat(), "end": end.isoformat()}).content.decode()
    url = re.search(r'<div id="agenda-map" class="agenda-map" data-geojson="([^"]+)"', content).group(1)
    url = url.replace("&amp;", "&")
    assert f"start={start.isoformat()}" in url and f"end={end.isoformat()}" in url
    assert titles(feed(client, url.split("?")[1])) == ["Repair Café", "Festival", "Pique-nique"]
    today = client.get("/fr/agenda/").content.decode()
    url = re.search(r'data-geojson="([^"]+)"', today).group(1).replace("&amp;", "&")
    assert "start=" not in url  # from now on
    assert titles(feed(client, url.split("?")[1]))[0] == "Repair Café"
