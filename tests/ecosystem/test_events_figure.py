"""The "events per month" figure against the agenda: built with the agenda's factories (one-off, weekly with an
exception, monthly without end, translated, all-day over several days, cancelled, draft), the figure, the page's
table and its CSV give the numbers of the agenda's own occurrence expansion."""

import datetime
from collections import Counter

import pytest

from agenda.factories import AgendaIndexPageFactory, EventPageFactory
from agenda.occurrences import occurrences_between
from agenda.recurrence import TIMEZONE
from agenda.selectors import events_for_locale
from incommon_cms.core.demo_utils import translation
from incommon_cms.ecosystem import figures
from incommon_cms.ecosystem.figures import store_all

from .html_tables import figure_tables
from .test_dashboard import read_csv

pytestmark = pytest.mark.django_db


def local(*args):
    return datetime.datetime(*args, tzinfo=TIMEZONE)


@pytest.fixture
def agenda_events(homes):
    """Known events around TODAY (2026-11-15); the figure covers 2025-11 to 2027-10."""
    index = AgendaIndexPageFactory(parent=homes["fr"], title="Agenda", slug="agenda")
    translation(index, "nl", title="Agenda", slug="agenda")

    def event(title, start, **fields):
        page = EventPageFactory(parent=index, title=title, start=start, **fields)
        page.save_revision().publish()
        return page

    event("Assemblée", local(2026, 3, 10, 19))
    # Weekly on Tuesdays, 8 times from 6 October (across the change to winter time on 25 October), one left out.
    event(
        "Repair Café",
        local(2026, 10, 6, 19),
        end=local(2026, 10, 6, 21),
        rrule="FREQ=WEEKLY;COUNT=8",
        exdates="2026-11-10T19:00",
    )
    # Every first Saturday of the month from June 2027, without end: only the months inside the figure count.
    event("Marché", local(2027, 6, 5, 10), rrule="FREQ=MONTHLY;BYDAY=1SA")
    fair = event("Foire aux savoirs", local(2026, 12, 5, 14))
    translation(fair, "nl", title="Kennisbeurs")
    event(
        "Festival",
        local(2027, 1, 30, 0),
        end=local(2027, 2, 1, 0),
        all_day=True,
    )
    event("Conférence annulée", local(2026, 12, 12, 19), status="cancelled")
    event("Trop ancien", local(2025, 10, 20, 19))
    draft = EventPageFactory(parent=index, title="Brouillon", start=local(2026, 12, 1, 19), live=False)
    draft.save_revision()
    return index


EXPECTED = {"2026-03": 1, "2026-10": 4, "2026-11": 3, "2026-12": 1, "2027-01": 1}
EXPECTED.update({f"2027-{month:02d}": 1 for month in range(6, 11)})


def agenda_counts(today):
    """Occurrences per month as the agenda expands them (one version per event, cancelled ones left out)."""
    first = figures.add_months(figures.month_start(today), -12)
    start = datetime.datetime.combine(first, datetime.time(), TIMEZONE)
    end = datetime.datetime.combine(figures.add_months(first, 24), datetime.time(), TIMEZONE)
    events = [event for event in events_for_locale("fr") if event.status != "cancelled"]
    found = occurrences_between(events, start, end)
    return Counter(occurrence.local_start.strftime("%Y-%m") for occurrence in found if occurrence.local_start >= start)


def test_the_figure_counts_the_agenda_occurrences(agenda_events, today):
    figure = figures.events_per_month(today)
    assert figure["available"] is True and figure["current"] == "2026-11"
    counts = {row["key"]: row["values"][0] for row in figure["rows"]}
    assert len(counts) == 24 and min(counts) == "2025-11" and max(counts) == "2027-10"
    assert {key: value for key, value in counts.items() if value} == EXPECTED
    assert {key: value for key, value in counts.items() if value} == dict(agenda_counts(today))
    # The weekly event keeps its local hour across the change of time.
    repair = next(event for event in events_for_locale("fr") if event.title == "Repair Café")
    window = (local(2026, 10, 1), local(2026, 12, 1))
    assert {o.local_start.hour for o in occurrences_between([repair], *window)} == {19}


def test_the_page_table_and_the_csv_give_the_same_numbers(client, agenda_events, ecosystem_pages, today):
    store_all(today)
    html = client.get("/fr/ecosysteme/").content.decode()
    table = figure_tables(html)["events_per_month"]
    assert table[0] == ["Mois", "Événements"]
    assert len(table) == 25
    rows = dict(table[1:])
    assert rows["octobre 2026"] == "4" and rows["novembre 2026"] == "3" and rows["décembre 2026"] == "1"
    assert rows["janvier 2027"] == "1" and rows["février 2027"] == "0" and rows["novembre 2025"] == "0"
    assert sum(int(value) for value in rows.values()) == sum(EXPECTED.values()) == 15
    assert read_csv(client.get("/fr/ecosysteme/csv/events_per_month/")) == table
    dutch = figure_tables(client.get("/nl/ecosysteem/").content.decode())["events_per_month"]
    assert dict(dutch[1:])["december 2026"] == "1"
    assert 'aria-labelledby="chart-events-per-month-title chart-events-per-month-desc"' in html


def test_a_new_occurrence_shows_after_the_next_computation(client, agenda_events, ecosystem_pages, today):
    store_all(today)
    EventPageFactory(parent=agenda_events, title="Atelier", start=local(2027, 2, 3, 18)).save_revision().publish()
    before = dict(figure_tables(client.get("/fr/ecosysteme/").content.decode())["events_per_month"][1:])
    assert before["février 2027"] == "0"  # the page reads the stored figures only
    store_all(today)
    after = dict(figure_tables(client.get("/fr/ecosysteme/").content.decode())["events_per_month"][1:])
    assert after["février 2027"] == "1"
