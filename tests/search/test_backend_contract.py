"""The modelsearch internals our two search backends build on (ADR 8).

`incommon_cms/search/backends/whoosh.py` and `database.py` subclass modelsearch (the search library behind
`wagtail.search`) and override some of its private methods. A Wagtail or modelsearch upgrade that renames one of
them would not fail loudly: the override would silently stop being called. This test names each internal we rely
on with its signature; when it fails after an upgrade, read the upstream change, adapt the backend, then this list.
"""

import inspect

import pytest
from modelsearch.backends.base import BaseIndex, BaseSearchBackend, BaseSearchQueryCompiler, BaseSearchResults
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from incommon_cms.search.backends.whoosh import WhooshSearchQueryCompiler, WhooshSearchResults

INTERNALS = [
    (BaseSearchQueryCompiler, "_process_lookup", "(self, field_path, lookup, value)"),
    (BaseSearchQueryCompiler, "_get_filters_from_where_node", "(self, where_node, check_only=False)"),
    (BaseSearchQueryCompiler, "_process_match_none", "(self)"),
    (BaseSearchQueryCompiler, "_connect_filters", "(self, filters, connector, negated)"),
    (BaseSearchQueryCompiler, "_get_filterable_field", "(self, field_attname)"),
    (BaseSearchQueryCompiler, "check", "(self)"),
    (BaseSearchResults, "_do_search", "(self)"),
    (BaseSearchResults, "_do_count", "(self)"),
    (BaseSearchResults, "facet", "(self, field_name)"),
    (BaseIndex, "add_items", "(self, model, items)"),
    (BaseIndex, "delete_item", "(self, item)"),
    (BaseIndex, "refresh", "(self)"),
    (BaseIndex, "reset", "(self)"),
    (PostgresSearchQueryCompiler, "build_tsquery", None),
    (PostgresSearchQueryCompiler, "build_tsquery_content", None),
    (PostgresSearchQueryCompiler, "get_config", "(self, backend)"),
    (PostgresIndex, "add_items", "(self, model, objs)"),
]


@pytest.mark.parametrize(("cls", "name", "signature"), INTERNALS, ids=lambda v: getattr(v, "__name__", str(v)))
def test_the_internal_we_override_still_exists_with_its_signature(cls, name, signature):
    method = getattr(cls, name, None)
    assert callable(method), f"{cls.__module__}.{cls.__name__}.{name} is gone"
    if signature:
        assert str(inspect.signature(method)) == signature


def test_the_backends_still_plug_into_modelsearch_base_classes():
    assert issubclass(WhooshSearchQueryCompiler, BaseSearchQueryCompiler)
    assert issubclass(WhooshSearchResults, BaseSearchResults)
    assert issubclass(PostgresSearchBackend, BaseSearchBackend)
    assert "config" in inspect.signature(PostgresSearchQueryCompiler.build_tsquery).parameters
