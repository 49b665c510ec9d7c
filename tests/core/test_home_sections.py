"""The home page shows what the apps registered (`core.home`), in order, without `core` importing them."""

import re

import pytest

from agenda.factories import AgendaIndexPageFactory, EventPageFactory
from incommon_cms.core import home
from incommon_cms.directory.factories import AlternativePageFactory, DirectoryIndexPageFactory

pytestmark = pytest.mark.django_db


def _section_ids(html):
    return re.findall(r'<section aria-labelledby="([\w-]+)">', html.split('class="container home-sections"')[1])


def test_home_shows_the_agenda_and_directory_sections_in_order(client, homes):
    agenda = AgendaIndexPageFactory(parent=homes["fr"], title="Agenda", slug="agenda")
    EventPageFactory(parent=agenda, title="Atelier vélo du jeudi")
    directory = DirectoryIndexPageFactory(parent=homes["fr"])
    AlternativePageFactory(parent=directory, title="Repair Café Ixelles", slug="repair-cafe", postcode="1050")

    html = client.get("/fr/").content.decode()

    assert _section_ids(html) == ["next-events", "latest-profiles"]
    events, profiles = html.split('id="latest-profiles"')
    assert "Atelier vélo du jeudi" in events
    assert "Repair Café Ixelles" in profiles


def test_empty_sections_say_so(client, homes):
    html = client.get("/fr/").content.decode()
    assert _section_ids(html) == ["next-events", "latest-profiles"]
    events, profiles = html.split('id="latest-profiles"')
    assert "encore d" in events and "événement à venir." in events
    assert "Pas encore de fiche." in profiles


def test_a_registered_section_is_rendered_and_one_returning_none_is_left_out(client, homes, monkeypatch):
    monkeypatch.setattr(home.home_sections, "_sections", dict(home.home_sections._sections))
    home.register_home_section(
        "news", order=15, template="directory/home_section.html", get_context=lambda page, request: {"profiles": []}
    )
    home.register_home_section(
        "hidden", order=5, template="agenda/home_section.html", get_context=lambda page, request: None
    )
    keys = [section["key"] for section in home.sections_for(homes["fr"], None)]
    assert keys == ["events", "news", "profiles"]
    html = client.get("/fr/").content.decode()
    assert _section_ids(html) == ["next-events", "latest-profiles", "latest-profiles"]
