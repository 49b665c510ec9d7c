import hashlib
import importlib.util
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import django
import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import activate
from wagtail.models import Locale, Page

from incommon_cms.core.demo_utils import translation
from incommon_cms.core.site_setup import ensure_default_site

pytest_plugins = ["tests.browser_support"]


def _migrations_key():
    """A digest of everything `migrate` builds the test database from: every migration file, Django, SQLite.

    The files are read, not imported: some migrations query the database when imported.
    """
    digest = hashlib.sha256(f"{django.__version__} {sqlite3.sqlite_version} {django_settings.LANGUAGE_CODE}".encode())
    for app_config in apps.get_app_configs():
        module_name, _explicit = MigrationLoader.migrations_module(app_config.label)
        spec = importlib.util.find_spec(module_name) if module_name else None
        if spec is None or not spec.submodule_search_locations:
            continue
        for path in sorted(Path(spec.submodule_search_locations[0]).glob("*.py")):
            digest.update(f"{module_name}.{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def _sqlite_template(request):
    """On SQLite, the migrated test database is kept as a template (var/test-db/<digest>.sqlite3) for the next runs.

    The test database stays in memory; a run whose migrations match a template copies it in before `migrate`, which
    then has nothing left to apply (its post-migrate steps still run). `--create-db` migrates from scratch.
    """
    test_name = connection.creation._get_test_db_name()
    if connection.vendor != "sqlite" or not connection.creation.is_in_memory_db(test_name):
        yield None
        return
    template = django_settings.VAR_DIR / "test-db" / f"{_migrations_key()}.sqlite3"
    # This connection keeps the shared in-memory database alive while Django closes and reopens its own.
    keeper = sqlite3.connect(test_name, uri=True)
    if template.exists() and not request.config.getoption("create_db"):
        with closing(sqlite3.connect(template)) as source:
            source.backup(keeper)
        template = None
    yield template
    keeper.close()


@pytest.fixture(scope="session")
def django_db_setup(_sqlite_template, django_db_setup, django_db_blocker):
    """pytest-django's test databases, then the SQLite template saved if there was none (see `_sqlite_template`)."""
    if _sqlite_template is not None:
        _sqlite_template.parent.mkdir(parents=True, exist_ok=True)
        partial = _sqlite_template.with_suffix(f".{os.getpid()}.tmp")
        with django_db_blocker.unblock():
            connection.ensure_connection()
            with closing(sqlite3.connect(partial)) as target:
                connection.connection.backup(target)
        os.replace(partial, _sqlite_template)


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
