import re

import pytest

from incommon_cms.core.demo_utils import translated_page
from incommon_cms.core.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("nl-BE,nl;q=0.9,fr;q=0.5", "/nl/"), ("fr-BE,fr;q=0.9", "/fr/"), ("en-GB,en;q=0.8", "/en/"), ("de-DE", "/fr/")],
)
def test_root_redirects_to_the_preferred_language(client, homes, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_home_is_served_in_each_language(client, homes):
    for code in ("fr", "nl", "en"):
        html = client.get(f"/{code}/").content.decode()
        assert f'<html lang="{code}">' in html
        assert homes[code].title in html


def _switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return dict(re.findall(r'href="([^"]+)" hreflang="(\w+)"', nav))


def test_switcher_points_at_the_translation_of_the_same_page(client, homes):
    pages = translated_page(
        homes["fr"],
        StandardPage,
        {"fr": "qui-sommes-nous", "nl": "wie-zijn-we"},
        {"fr": "Qui sommes-nous", "nl": "Wie zijn we"},
    )
    html = client.get("/fr/qui-sommes-nous/").content.decode()
    links = {lang: url for url, lang in _switcher_links(html).items()}
    assert links["nl"] == "/nl/wie-zijn-we/"
    assert links["fr"] == "/fr/qui-sommes-nous/"
    # Not translated into English: the switcher falls back to the English home page.
    assert links["en"] == "/en/"
    assert '<link rel="alternate" hreflang="nl" href="http://testserver/nl/wie-zijn-we/">' in html
    dutch = client.get(pages["nl"].url).content.decode()
    assert "Wie zijn we" in dutch
    assert '<html lang="nl">' in dutch


def test_ui_strings_are_translated(client, homes):
    assert "Aller au contenu" in client.get("/fr/").content.decode()
    assert "Naar de inhoud" in client.get("/nl/").content.decode()
    assert "Skip to content" in client.get("/en/").content.decode()
