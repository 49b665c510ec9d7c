import datetime
from pathlib import Path

import pytest
from django.utils.translation import override

from agenda.factories import AgendaIndexPageFactory, EventPageFactory
from agenda.recurrence import TIMEZONE
from incommon_cms.core.demo_utils import translation
from incommon_cms.directory.factories import (
    AlternativePageFactory,
    CategoryFactory,
    DirectoryIndexPageFactory,
    PlacePageFactory,
)

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).parent / "interop" / "ics"


def fixture_bytes(name):
    return (FIXTURES / name).read_bytes()


def corpus_bytes(name):
    """A file of the iCalendar corpus (interop/ics/, see its SOURCES.md)."""
    return (CORPUS / name).read_bytes()


def local(*args):
    return datetime.datetime(*args, tzinfo=TIMEZONE)


@pytest.fixture
def agenda(homes):
    index = AgendaIndexPageFactory(parent=homes["fr"], title="Agenda partagé", slug="agenda")
    return {
        "fr": index,
        "nl": translation(index, "nl", title="Gedeelde agenda", slug="agenda"),
        "en": translation(index, "en", title="Shared agenda", slug="agenda"),
    }


@pytest.fixture
def directory(homes):
    return DirectoryIndexPageFactory(parent=homes["fr"])


@pytest.fixture
def organiser(directory):
    return AlternativePageFactory(parent=directory, title="Repair Café Ixelles", slug="repair-cafe", postcode="1050")


@pytest.fixture
def place(directory):
    return PlacePageFactory(parent=directory, title="Salle du Parc", slug="salle-du-parc", postcode="1190")


@pytest.fixture
def category(locales):
    return CategoryFactory(name="Alimentation", slug="food", locale=locales["fr"])


@pytest.fixture
def make_event(agenda):
    def make(parent=None, **fields):
        return EventPageFactory(parent=parent or agenda["fr"], **fields)

    return make


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages asserted on in English; views still follow the URL's language."""
    with override("en"):
        yield
