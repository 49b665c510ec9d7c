"""Production settings choose PostgreSQL full-text search on PostgreSQL, Whoosh otherwise (ADR 8)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRINT_BACKEND = (
    "import json; from django.conf import settings; "
    "print(json.dumps([settings.SEARCH_BACKEND, settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND']]))"
)


def production_settings(**env):
    environment = {
        **{key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "SEARCH_BACKEND"}},
        "DJANGO_SETTINGS_MODULE": "incommon_cms.settings.production",
        "SECRET_KEY": "production-settings-test",
        "ALLOWED_HOSTS": "incommon.example",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", PRINT_BACKEND], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


def chosen(**env):
    result = production_settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_postgresql_database_means_postgresql_full_text_search():
    assert chosen(DATABASE_URL="postgres://incommon@db.example:5432/incommon") == [
        "database",
        "incommon_cms.search.backends.database",
    ]


def test_sqlite_database_keeps_the_embedded_whoosh_index():
    assert chosen(DATABASE_URL="sqlite:////tmp/incommon-production-test.sqlite3") == [
        "whoosh",
        "incommon_cms.search.backends.whoosh",
    ]


@pytest.mark.parametrize(("choice", "backend"), [("whoosh", "whoosh"), ("database", "database")])
def test_search_backend_variable_overrides_the_default(choice, backend):
    assert chosen(DATABASE_URL="postgres://incommon@db.example:5432/incommon", SEARCH_BACKEND=choice) == [
        choice,
        f"incommon_cms.search.backends.{backend}",
    ]


def test_an_unknown_search_backend_stops_the_server_with_a_reason():
    result = production_settings(SEARCH_BACKEND="elastic")
    assert result.returncode != 0
    assert "SEARCH_BACKEND must be 'whoosh' or 'database', not 'elastic'" in result.stderr
