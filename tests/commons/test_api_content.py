"""The open API beyond the directory: events (periods, occurrences, iCalendar), tool sheets, knowledge items."""

import datetime

import pytest
from icalendar import Calendar

from agenda.factories import AgendaIndexPageFactory, EventPageFactory
from agenda.recurrence import TIMEZONE
from incommon_cms.core.demo_utils import translation
from incommon_cms.directory.factories import AlternativePageFactory, PlacePageFactory
from toolbox.factories import (
    DocumentFactory,
    KnowledgeIndexPageFactory,
    KnowledgeItemPageFactory,
    ToolboxIndexPageFactory,
    ToolPageFactory,
    ToolThemeFactory,
)
from toolbox.models import KnowledgeAttachment, KnowledgeAuthor, ToolContributor

pytestmark = pytest.mark.django_db


def at(days, hour=19):
    return datetime.datetime.combine(
        datetime.date.today() + datetime.timedelta(days=days), datetime.time(hour), TIMEZONE
    )


def day(days):
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


@pytest.fixture
def agenda_data(homes, directory, categories):
    agenda = AgendaIndexPageFactory(parent=homes["fr"], title="Agenda", slug="agenda")
    organiser = AlternativePageFactory(parent=directory, title="Repair Café", data_licence="CC-BY-4.0")
    hidden_place = PlacePageFactory(
        parent=directory, title="Salle Discrète", street_address="Rue Secrète 7", address_private=True, postcode="1030"
    )
    weekly = EventPageFactory(
        parent=agenda,
        title="Repair café hebdomadaire",
        start=at(2),
        end=at(2, 21),
        rrule="FREQ=WEEKLY;COUNT=3",
        place=hidden_place,
    )
    weekly.organisers = [organiser]
    weekly.categories = [categories["repair"]]
    weekly.save_revision().publish()
    later = EventPageFactory(parent=agenda, title="Fête du potager", start=at(40), end=at(40, 23), price_kind="free")
    later.save_revision().publish()
    draft = EventPageFactory(parent=agenda, title="Brouillon d'événement", start=at(3), live=False)
    translation(agenda, "nl", title="Agenda", slug="agenda-nl")
    later_nl = translation(later, "nl", title="Moestuinfeest")
    return {"weekly": weekly, "later": later, "draft": draft, "later_nl": later_nl, "organiser": organiser}


def test_events_in_a_period_as_json(client, agenda_data):
    body = client.get(f"/api/v1/events/?lang=fr&start={day(0)}&end={day(30)}").json()

    assert body["count"] == 1
    event = body["results"][0]
    assert event["title"] == "Repair café hebdomadaire" and event["rrule"] == "FREQ=WEEKLY;COUNT=3"
    assert event["recurring"] is True and event["start"].startswith(day(2) + "T19:00")
    assert event["organisers"] == [{"id": agenda_data["organiser"].pk, "title": "Repair Café"}]
    assert event["categories"] == [{"slug": "repair", "name": "Réparation"}]
    assert event["place"]["title"] == "Salle Discrète" and event["street_address"] == ""
    assert "Rue Secrète" not in str(body)
    assert event["licence"]["code"] == "CC-BY-4.0" and "Repair Café" in event["attribution"]
    assert event["last_modified"]

    everything = client.get(f"/api/v1/events/?lang=fr&start={day(0)}&end={day(60)}").json()
    assert [item["title"] for item in everything["results"]] == ["Repair café hebdomadaire", "Fête du potager"]
    assert "Brouillon" not in str(everything)


def test_occurrences_are_expanded_on_request(client, agenda_data):
    body = client.get(f"/api/v1/events/?start={day(0)}&end={day(30)}&occurrences=true").json()

    assert body["count"] == 3
    starts = [item["start"][:16] for item in body["results"]]
    assert starts == [f"{day(offset)}T19:00" for offset in (2, 9, 16)]
    assert {item["id"] for item in body["results"]} == {agenda_data["weekly"].pk}
    assert body["results"][1]["end"][:16] == f"{day(9)}T21:00"


def test_language_and_filters(client, agenda_data):
    nl = client.get(f"/api/v1/events/?lang=nl&start={day(0)}&end={day(60)}").json()["results"]
    titles = {item["title"]: item["translated"] for item in nl}
    assert titles == {"Repair café hebdomadaire": False, "Moestuinfeest": True}
    query = f"/api/v1/events/?lang=fr&start={day(0)}&end={day(60)}"
    assert [item["title"] for item in client.get(query + "&free=true").json()["results"]] == ["Fête du potager"]
    assert [item["title"] for item in client.get(query + "&category=repair").json()["results"]] == [
        "Repair café hebdomadaire"
    ]
    organiser = agenda_data["organiser"].pk
    assert client.get(query + f"&organiser={organiser}").json()["count"] == 1
    assert client.get(query + "&limit=1").json()["next"]


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("start=demain", "start"),
        ("end=2025-02-30", "end"),
        ("start=2025-05-10&end=2025-05-01", "end"),
        ("start=2020-01-01&end=2030-01-01", "end"),
        ("occurrences=peut-être", "occurrences"),
        ("category=nope", "category"),
        ("organiser=abc", "organiser"),
        ("commune=99999", "commune"),
        ("event_language=de", "event_language"),
        ("lang=de", "lang"),
        ("updated_since=hier", "updated_since"),
    ],
)
def test_bad_event_parameters_get_400_with_the_reason(client, agenda_data, query, name):
    response = client.get(f"/api/v1/events/?{query}")

    assert response.status_code == 400
    assert name in response.json()


def test_ics_output_of_the_same_query(client, agenda_data):
    response = client.get(f"/api/v1/events/?lang=fr&start={day(0)}&end={day(30)}&format=ics")

    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR")
    assert "SUMMARY:Repair café hebdomadaire" in text and "RRULE:FREQ=WEEKLY;COUNT=3" in text
    assert "Fête du potager" not in text and "Brouillon" not in text and "Rue Secrète" not in text
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    single = client.get(f"/api/v1/events/{agenda_data['later'].pk}/?format=ics").content.decode()
    assert "SUMMARY:Fête du potager" in single
    assert client.get(f"/api/v1/events/{agenda_data['draft'].pk}/").status_code == 404
    bad = client.get("/api/v1/events/?format=ics&start=demain")
    assert bad.status_code == 400 and "start" in bad.json()


@pytest.fixture
def toolbox_data(homes, directory, locales):
    funding = ToolThemeFactory(slug="funding", name="Financement", locale=locales["fr"])
    ToolThemeFactory(slug="funding", name="Financiering", locale=locales["nl"])
    index = ToolboxIndexPageFactory(parent=homes["fr"])
    author = AlternativePageFactory(parent=directory, title="Collectif Budget")
    budget = ToolPageFactory(
        parent=index,
        title="Budget participatif",
        summary="Décider ensemble.",
        themes=[funding],
        audience=["board"],
        difficulty="easy",
        licence="CC-BY-4.0",
        source="Adapté de Réseau X",
        body=[
            {"type": "paragraph", "value": "<p>Un budget <b>partagé</b>.</p>"},
            {
                "type": "steps",
                "value": {"heading": "Étapes", "steps": [{"title": "Voter", "text": "", "duration": ""}]},
            },
        ],
    )
    ToolContributor.objects.create(page=budget, alternative=author)
    budget.save_revision().publish()
    draft = budget.get_latest_revision_as_object()
    draft.summary = "Texte en attente de modération"
    draft.save_revision()
    ToolPageFactory(parent=index, title="Météo d'entrée", difficulty="advanced")
    ToolPageFactory(parent=index, title="Outil non publié", live=False)
    knowledge_index = KnowledgeIndexPageFactory(parent=homes["fr"])
    study = KnowledgeItemPageFactory(
        parent=knowledge_index,
        title="Étude des potagers",
        item_type="study",
        date=datetime.date(2024, 3, 1),
        abstract="Ce que les potagers changent.",
        doi="10.1234/potagers",
        themes=[funding],
    )
    KnowledgeAuthor.objects.create(page=study, name="Anne Dupont")
    KnowledgeAuthor.objects.create(page=study, alternative=author)
    KnowledgeAttachment.objects.create(page=study, document=DocumentFactory(title="Rapport"), licence="CC0-1.0")
    study.save_revision().publish()
    KnowledgeItemPageFactory(parent=knowledge_index, title="Témoignage", item_type="testimony")
    return {"budget": budget, "study": study}


def test_tools_endpoint(client, toolbox_data):
    body = client.get("/api/v1/tools/?lang=fr").json()

    assert [item["title"] for item in body["results"]] == ["Budget participatif", "Météo d'entrée"]
    budget = body["results"][0]
    assert budget["summary"] == "Décider ensemble." and "attente" not in str(body)
    assert "<b>partagé</b>" in budget["body"] and '<ol class="steps">' in budget["body"] and "Voter" in budget["body"]
    assert budget["themes"] == [{"slug": "funding", "name": "Financement"}]
    assert budget["contributors"] == [{"id": budget["contributors"][0]["id"], "title": "Collectif Budget"}]
    assert budget["licence"] == {
        "code": "CC-BY-4.0",
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert "Adapté de Réseau X" in budget["attribution"] and budget["last_modified"]
    nl = client.get("/api/v1/tools/?lang=nl").json()["results"][0]
    assert nl["themes"] == [{"slug": "funding", "name": "Financiering"}] and nl["translated"] is False
    assert [item["title"] for item in client.get("/api/v1/tools/?difficulty=advanced").json()["results"]] == [
        "Météo d'entrée"
    ]
    assert client.get("/api/v1/tools/?audience=board").json()["count"] == 1
    assert client.get("/api/v1/tools/?theme=funding").json()["count"] == 1
    detail = client.get(f"/api/v1/tools/{toolbox_data['budget'].pk}/").json()
    assert detail["title"] == "Budget participatif"
    for query, name in [("difficulty=hard", "difficulty"), ("theme=nope", "theme"), ("lang=de", "lang")]:
        response = client.get(f"/api/v1/tools/?{query}")
        assert response.status_code == 400 and name in response.json()


@pytest.mark.parametrize("endpoint", ["tools", "knowledge", "events", "profiles"])
def test_updated_since_with_an_extreme_offset(client, toolbox_data, endpoint):
    """An offset beyond what databases store is compared in UTC; a moment that leaves the calendar is a 400."""
    far = client.get(f"/api/v1/{endpoint}/", {"updated_since": "1128-04-13T04:08:25-17:48", "lang": "fr"})
    plain = client.get(f"/api/v1/{endpoint}/", {"updated_since": "2000-01-01", "lang": "fr"})
    assert far.status_code == 200 and far.json()["count"] == plain.json()["count"]
    if endpoint == "tools":
        assert far.json()["count"] >= 1
    future = client.get(f"/api/v1/{endpoint}/", {"updated_since": "2999-01-01T00:00:00+14:00"})
    assert future.status_code == 200 and future.json()["count"] == 0
    broken = client.get(f"/api/v1/{endpoint}/", {"updated_since": "0001-01-01T00:00:00+05:00"})
    assert broken.status_code == 400 and "updated_since" in broken.json()


def test_knowledge_endpoint(client, toolbox_data):
    body = client.get("/api/v1/knowledge/?lang=fr").json()

    assert [item["title"] for item in body["results"]] == ["Étude des potagers", "Témoignage"]
    study = body["results"][0]
    assert study["item_type"] == "study" and study["date"] == "2024-03-01"
    assert study["doi_url"] == "https://doi.org/10.1234/potagers"
    assert [author["name"] for author in study["authors"]] == ["Anne Dupont", "Collectif Budget"]
    attachment = study["attachments"][0]
    assert attachment["title"] == "Rapport" and attachment["licence"]["code"] == "CC0-1.0"
    assert attachment["url"].startswith("http://testserver/documents/")
    assert study["licence"]["code"] == "CC0-1.0" and "Anne Dupont" in study["attribution"]
    assert client.get("/api/v1/knowledge/?item_type=testimony").json()["count"] == 1
    assert client.get("/api/v1/knowledge/?document_language=nl").json()["count"] == 0
    response = client.get("/api/v1/knowledge/?item_type=novel")
    assert response.status_code == 400 and "item_type" in response.json()


def test_new_endpoints_are_in_the_schema(client):
    schema = client.get("/api/v1/schema/?format=json").json()

    for path in ("/api/v1/events/", "/api/v1/events/{id}/", "/api/v1/tools/", "/api/v1/knowledge/"):
        assert path in schema["paths"], path
    names = [parameter["name"] for parameter in schema["paths"]["/api/v1/events/"]["get"]["parameters"]]
    assert {"start", "end", "occurrences", "lang", "format", "limit"} <= set(names)


def test_knowledge_by_year_the_filter_of_the_repository_pages(client, toolbox_data):
    assert [item["title"] for item in client.get("/api/v1/knowledge/?year=2024").json()["results"]] == [
        "Étude des potagers"
    ]
    for year in ("2024.5", "abc", "0", "10000"):
        response = client.get("/api/v1/knowledge/", {"year": year})
        assert response.status_code == 400 and "year" in response.json(), year
