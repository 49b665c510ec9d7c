import pytest
from django.core.cache import cache
from django.utils.translation import activate
from wagtail.models import Locale, Page

from incommon_cms.core.demo_utils import translation
from incommon_cms.core.site_setup import ensure_default_site

pytest_plugins = ["tests.browser_support"]


def pytest_collection_modifyitems(items):
    """Everything under tests/search is about search."""
    for item in items:
        if "/tests/search/" in str(item.path):
            item.add_marker(pytest.mark.search)


@pytest.fixture(autouse=True)
def _search_indexing(request, settings):
    """Tests marked `search` index every save at once (autouse: before the fixtures that create their pages)."""
    if request.node.get_closest_marker("search"):
        settings.SEARCH_INDEX_UPDATES = "immediate"


@pytest.fixture(autouse=True)
def _default_language(settings):
    """Every test starts in the site's default language, whatever the previous test activated."""
    activate(settings.LANGUAGE_CODE)
    yield
    activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def locales(db):
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("fr", "nl", "en")}


@pytest.fixture
def home_fr(locales):
    """The French home page (created by the initial migration; rebuilt after a transactional test's flush)."""
    return ensure_default_site()


@pytest.fixture
def homes(home_fr):
    """The home page in fr, nl and en."""
    return {
        "fr": home_fr,
        "nl": translation(home_fr, "nl", title="In Common NL", slug="home-nl"),
        "en": translation(home_fr, "en", title="In Common EN", slug="home-en"),
    }


@pytest.fixture
def root_page(db):
    return Page.objects.get(depth=1)
