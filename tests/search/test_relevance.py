"""Relevance on the demo data: each query must bring the expected item into the first five results."""

import pytest
from django.core.management import call_command

from incommon_cms.search import service

# (reader's language, query, title expected in the top 5)
RELEVANCE_SET = [
    ("fr", "formation", "Coopérative vélo Cyclo"),
    ("fr", "énergie", "Energie citoyenne Bruxelles"),
    ("fr", "energie", "Energie citoyenne Bruxelles"),
    ("fr", "panneaux solaires", "Energie citoyenne Bruxelles"),
    ("fr", "potager", "Potager collectif de Forest"),
    ("fr", "potagers Uccle", "Uccle en Transition"),
    ("nl", "moestuin", "Uccle en Transition"),
    ("nl", "moestuin", "Potager collectif de Forest"),
    ("nl", "energie", "Energie citoyenne Bruxelles"),
    ("nl", "zonnepanelen", "Energie citoyenne Bruxelles"),
    ("nl", "fietsmechanica", "Coopérative vélo Cyclo"),
]


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.conf import settings

    previous = settings.WAGTAILSEARCH_BACKENDS
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "incommon_cms.search.backends.whoosh", "PATH": tmp_path_factory.mktemp("demo-index")}
    }
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
    settings.WAGTAILSEARCH_BACKENDS = previous


@pytest.mark.parametrize(("language", "query", "expected"), RELEVANCE_SET)
def test_expected_item_in_top_five(demo_db, django_db_blocker, language, query, expected):
    with django_db_blocker.unblock():
        outcome = service.search(query, language)
    top = [result.page.title for result in outcome.results[:5]]
    assert expected in top, f"{query!r} ({language}): {top}"
    assert not outcome.results[0].other_language
