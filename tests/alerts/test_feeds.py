import pytest
from defusedxml import ElementTree as ET
from django.urls import reverse
from django.utils import translation

from incommon_cms.governance.decisions import record_decision
from incommon_cms.governance.models import Decision

from .conftest import SAINT_GILLES_BBOX, publish_profile

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def url(name, language="fr"):
    with translation.override(language):
        return reverse(f"alerts:{name}")


def test_map_feeds_follow_the_filters_and_answer_304(client, categories, directory):
    publish_profile(directory["fr"], "Potager de Saint-Gilles", categories["food"], 50.83, 4.345, postcode="1060")
    publish_profile(directory["fr"], "Épicerie lointaine", categories["food"], 50.95, 4.6, postcode="1030")
    publish_profile(directory["fr"], "Panneaux solaires", categories["energy"], 50.83, 4.345, postcode="1060")
    query = f"?category=food&bbox={SAINT_GILLES_BBOX}"

    rss = client.get(url("map_rss") + query)
    assert rss.status_code == 200
    titles = [item.findtext("title") for item in ET.fromstring(rss.content).iter("item")]
    assert titles == ["Potager de Saint-Gilles"]
    atom = client.get(url("map_atom") + query)
    entries = [entry.findtext(f"{ATOM}title") for entry in ET.fromstring(atom.content).iter(f"{ATOM}entry")]
    assert entries == ["Potager de Saint-Gilles"]

    assert rss["ETag"] and rss["Last-Modified"]
    assert client.get(url("map_rss") + query, headers={"if-none-match": rss["ETag"]}).status_code == 304
    assert client.get(url("map_rss") + query, headers={"if-modified-since": rss["Last-Modified"]}).status_code == 304
    other = client.get(url("map_rss") + "?category=energy")
    assert other["ETag"] != rss["ETag"]

    refused = client.get(url("map_rss") + "?category=nope")
    assert refused.status_code == 400
    assert "nope" in refused.content.decode()


def test_decision_feeds(client, categories):
    record_decision(action=Decision.IMPORT, reason="Import du tableau partagé.")
    rss = client.get(url("decisions_rss"))
    [item] = ET.fromstring(rss.content).iter("item")
    assert item.findtext("description") == "Import du tableau partagé."
    atom = client.get(url("decisions_atom", "nl"))
    assert len(list(ET.fromstring(atom.content).iter(f"{ATOM}entry"))) == 1
    assert client.get(url("decisions_rss"), headers={"if-none-match": rss["ETag"]}).status_code == 304


def test_the_map_and_the_decision_log_announce_their_feeds(client, categories, directory):
    html = client.get(directory["fr"].url + "?category=food").content.decode()
    assert f'type="application/rss+xml" title="Carte (RSS)" href="{url("map_rss")}?category=food"' in html
    assert f'href="{url("map_atom")}?category=food"' in html
    with translation.override("fr"):
        log = client.get(reverse("governance:log")).content.decode()
    assert f'href="{url("decisions_rss")}"' in log and f'href="{url("decisions_atom")}"' in log
