import pytest
from django.core.cache import cache
from wagtail.models import Locale, Page

from incommon_cms.core.demo_utils import translation
from incommon_cms.core.site_setup import ensure_default_site

pytest_plugins = ["tests.browser_support"]


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
