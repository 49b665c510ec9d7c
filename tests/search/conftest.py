import pytest
from wagtail.search.backends import get_search_backend

from incommon_cms.directory.factories import DirectoryIndexPageFactory
from incommon_cms.directory.models import Commune

WHOOSH = "incommon_cms.search.backends.whoosh"
DATABASE = "incommon_cms.search.backends.database"


def use_backend(settings, tmp_path, backend):
    if backend == "whoosh":
        settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": WHOOSH, "PATH": tmp_path / "index"}}
    else:
        settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": DATABASE}}
    return get_search_backend()


@pytest.fixture
def search_index(settings, tmp_path):
    """A fresh, empty Whoosh index for this test; returns the backend."""
    return use_backend(settings, tmp_path, "whoosh")


@pytest.fixture(params=["whoosh", "database"])
def any_backend(request, settings, tmp_path):
    """The same test with the Whoosh backend and with Wagtail's database backend (SQLite or PostgreSQL)."""
    return use_backend(settings, tmp_path, request.param)


@pytest.fixture
def directories(homes):
    return {
        "fr": DirectoryIndexPageFactory(parent=homes["fr"], title="Carte", slug="carte"),
        "nl": DirectoryIndexPageFactory(parent=homes["nl"], title="Kaart", slug="kaart"),
    }


@pytest.fixture
def communes(db):
    return {c.name_fr: c for c in Commune.objects.all()}
