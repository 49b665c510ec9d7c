import datetime
import json
import re

import icalendar
import pytest
from django.utils import timezone

from agenda.recurrence import TIMEZONE
from incommon_cms.core.demo_utils import translation

pytestmark = pytest.mark.django_db


def soon(days, hour=19):
    return datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=days), datetime.time(hour), TIMEZONE
    )


@pytest.fixture
def events(make_event, organiser, place, category):
    repair = make_event(title="Repair Café", start=soon(2), end=soon(2, 21), rrule="FREQ=WEEKLY;COUNT=3", place=place)
    repair.organisers = [organiser]
    repair.categories = [category]
    repair.price_kind = "free"
    repair.event_languages = ["bilingual"]
    repair.save_revision().publish()
    festival = make_event(
        title="Festival", start=soon(4, 0), end=soon(6, 0), all_day=True, street_address="Rue Haute 1, 1000 Bruxelles"
    )
    cancelled = make_event(title="Conférence", start=soon(3), status="cancelled")
    return {"repair": repair, "festival": festival, "cancelled": cancelled}


def test_list_groups_occurrences_by_day_and_filters_in_the_url(client, events, category):
    html = client.get("/fr/agenda/").content.decode()
    days = re.findall(r'<h2 id="day-(\d{4}-\d{2}-\d{2})"', html)
    expected = {soon(n).date().isoformat() for n in (2, 3, 4, 5, 6, 9, 16)}
    assert set(days) == expected
    assert html.count(">Repair Café</a>") == 3 and html.count(">Festival</a>") == 3
    assert "badge-cancelled" in html
    filtered = client.get("/fr/agenda/", {"category": "food"}).content.decode()
    assert ">Repair Café</a>" in filtered and ">Festival</a>" not in filtered
    assert '<option value="food" selected>' in filtered
    assert "/agenda/feed.ics?category=food" in filtered
    free = client.get("/fr/agenda/", {"free": "on", "language": "nl"}).content.decode()
    assert ">Repair Café</a>" in free and "Conférence" not in free


def test_month_view(client, events):
    month = soon(2).strftime("%Y-%m")
    html = client.get("/fr/agenda/", {"view": "month", "month": month}).content.decode()
    assert 'class="month-calendar"' in html and "Repair Café" in html


def test_untranslated_events_show_in_the_other_language_marked(client, events, agenda):
    translation(events["festival"], "nl", title="Festival NL")
    html = client.get("/nl/agenda/").content.decode()
    assert ">Festival NL</a>" in html and ">Festival</a>" not in html
    assert 'lang="fr">Repair Café</a>' in html and "badge-language" in html


def test_event_page_json_ld_and_ics(client, events, organiser):
    event = events["repair"]
    html = client.get(event.url).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Event" and data["name"] == "Repair Café"
    assert data["startDate"] == soon(2).isoformat()
    assert data["location"]["name"] == "Salle du Parc"
    assert data["organizer"][0]["name"] == organiser.title
    assert data["isAccessibleForFree"] is True and data["inLanguage"] == ["fr", "nl"]
    assert html.count("<li><time datetime=") == 3  # next dates
    response = client.get(f"/agenda/events/{event.pk}.ics")
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["summary"]) == "Repair Café" and vevent["rrule"]["COUNT"] == [3]


def test_feeds(client, events, organiser, category):
    calendar = icalendar.Calendar.from_ical(client.get("/agenda/feed.ics").content)
    assert {str(e["summary"]) for e in calendar.walk("VEVENT")} == {"Repair Café", "Festival", "Conférence"}
    for url in (
        "/agenda/feed.ics?category=food",
        f"/agenda/feed/organiser/{organiser.pk}.ics",
        "/agenda/feed/category/food.ics",
    ):
        calendar = icalendar.Calendar.from_ical(client.get(url).content)
        assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Repair Café"], url
    bad = client.get("/agenda/feed.ics?category=nope")
    assert bad.status_code == 400 and "category" in bad.content.decode()


def test_geojson(client, events):
    data = client.get("/agenda/events.geojson").json()
    titles = {f["properties"]["title"]: f for f in data["features"]}
    assert set(titles) == {"Repair Café", "Festival"}  # the cancelled conference has no position
    assert titles["Festival"]["geometry"]["coordinates"][0] == pytest.approx(4.35, abs=0.05)


def test_home_and_profile_section(client, events, organiser, homes):
    from agenda.selectors import upcoming_occurrences

    upcoming = upcoming_occurrences("fr", 3)
    assert [o.title for o in upcoming] == ["Repair Café", "Festival", "Repair Café"]
    assert upcoming[0].url == events["repair"].url and upcoming[0].start == soon(2)
    html = client.get(organiser.url).content.decode()
    assert 'id="profile-events"' in html and "Repair Café" in html
