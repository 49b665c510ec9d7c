"""The map page, its list twin, the embeddable map and the snippet generator."""

import html
import json
import re

import pytest

from incommon_cms.core.widgets import LeafletField
from incommon_cms.directory.factories import AlternativePageFactory

pytestmark = pytest.mark.django_db


def list_names(content):
    return sorted(
        html.unescape(name) for name in re.findall(r'class="profile-card-title"><a [^>]*>([^<]+)</a>', content)
    )


def map_config(content, element_id="directory-map-config"):
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', content, re.S)
    return json.loads(match.group(1))


def map_names(client, content):
    data = json.loads(client.get(map_config(content)["geojsonUrl"]).content)
    return sorted(feature["properties"]["name"] for feature in data["features"])


@pytest.mark.search
def test_the_list_and_the_map_show_the_same_results(client, profiles, subtests):
    # Subtests, not parametrised tests: the profiles (indexed for search) are built once for every query.
    for query in ["", "?category=food", "?kind=cooperative", "?commune=21015&category=food", "?q=salle", "?tag=soleil"]:
        with subtests.test(query=query):
            content = client.get(f"/fr/carte/{query}").content.decode()
            assert list_names(content) == map_names(client, content)
            assert list_names(content)  # every case here has results


def test_the_list_and_map_follow_the_readers_language(client, profiles):
    content = client.get("/nl/kaart/?category=food").content.decode()
    assert list_names(content) == map_names(client, content) == ["Moestuin van het Park", "Salle Commune"]
    # The untranslated place is shown in French and marked so.
    assert '<a href="/fr/carte/salle-commune/" lang="fr" hreflang="fr">Salle Commune</a>' in content
    assert "Alleen in het frans" in content


@pytest.mark.search
def test_the_map_page_keeps_the_filters_in_the_form_and_the_map(client, profiles):
    content = client.get("/fr/carte/?category=food&commune=21015&q=potager").content.decode()
    assert '<option value="food" selected>Alimentation</option>' in content
    assert '<option value="21015" selected>Schaerbeek</option>' in content
    assert 'name="q" value="potager"' in content
    assert map_config(content)["geojsonUrl"] == "/geo/profiles.geojson?lang=fr&q=potager&category=food&commune=21015"
    assert "1 résultat" in content
    # Tiles come from the configured tile server; scripts are served by the site itself.
    assert map_config(content)["tileUrl"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert '<script src="/static/vendor/leaflet.markercluster/leaflet.markercluster.js">' in content
    assert "unpkg" not in content and "cdn" not in content.lower()


def test_the_list_is_paginated_and_links_keep_the_filters(client, directory, categories):
    for number in range(30):
        page = AlternativePageFactory(parent=directory["fr"], title=f"Initiative {number:02d}", slug=f"i-{number}")
        page.categories.set([categories["food"]])
        page.save()
    first = client.get("/fr/carte/?category=food").content.decode()
    assert "30 résultats" in first
    assert len(list_names(first)) == 24
    assert 'href="?category=food&amp;page=2" rel="next"' in first
    second = client.get("/fr/carte/?category=food&page=2").content.decode()
    assert list_names(second) == [f"Initiative {number:02d}" for number in range(24, 30)]
    assert '<ol class="card-list profile-list" id="profile-list" start="25">' in second


def test_a_bad_filter_on_the_map_page_is_a_400_with_the_reason(client, profiles):
    response = client.get("/fr/carte/?category=licornes&bbox=1,2")
    assert response.status_code == 400
    content = response.content.decode()
    assert "Catégorie inconnue « licornes »" in content
    assert 'role="alert"' in content
    # Nothing is filtered rather than everything lost.
    assert list_names(content) == ["Coopérative Solaire", "Potager du Parc", "Salle Commune"]


def test_the_embed_renders_with_the_filters_applied_and_may_be_framed(client, profiles):
    response = client.get("/embed/map/?category=energy&lang=nl")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    content = response.content.decode()
    assert '<html lang="nl">' in content
    assert 'class="site-header"' not in content  # chrome-less
    config = map_config(content)
    assert config["geojsonUrl"] == "/geo/profiles.geojson?lang=nl&category=energy"
    assert map_names(client, content) == ["Coopérative Solaire", "Salle Commune"]
    assert 'href="http://testserver/nl/kaart/?category=energy" target="_blank"' in content
    assert '<script src="/nl/jsi18n/">' in content


def test_the_embed_explains_bad_filters(client, profiles):
    response = client.get("/embed/map/?tag=inconnu")
    assert response.status_code == 400
    assert "Aucune fiche n’a le mot-clé « inconnu »" in response.content.decode()
    assert "X-Frame-Options" not in response


def test_other_pages_still_refuse_framing(client, profiles):
    assert client.get("/fr/carte/")["X-Frame-Options"] == "DENY"


def test_the_snippet_generator_gives_an_iframe_with_the_current_filters(client, profiles):
    content = client.get("/fr/carte/?category=food&tag=jardin").content.decode()
    snippet = html.unescape(re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', content, re.S).group(1))
    assert snippet.startswith('<iframe src="http://testserver/embed/map/?category=food&amp;tag=jardin&amp;lang=fr"')
    assert 'title="Carte des alternatives à Bruxelles"' in snippet
    src = html.unescape(re.search(r'src="([^"]+)"', snippet).group(1)).replace("http://testserver", "")
    embed = client.get(src).content.decode()
    assert map_names(client, embed) == ["Potager du Parc"]


def test_the_admin_map_widget_uses_the_vendored_leaflet(admin_client, profiles):
    media = str(LeafletField().media)
    assert "/static/vendor/leaflet/leaflet.js" in media
    assert "unpkg" not in media
    content = admin_client.get(f"/admin/pages/{profiles['potager'].pk}/edit/").content.decode()
    assert 'data-controller="leaflet-field"' in content
    assert "/static/vendor/leaflet/leaflet.js" in content
    assert "unpkg.com" not in content
