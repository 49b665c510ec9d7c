"""Wagtail's database search backend, with one PostgreSQL text search configuration per content language.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "incommon_cms.search.backends.database"}}

On PostgreSQL, translatable objects (pages, categories...) are indexed with the configuration of their locale's
language (`incommon_fr`, `incommon_nl`, `incommon_en`: the language's Snowball stemmer after `unaccent`, created by
migration `search.0001`), other objects with `SEARCH_CONFIG` (default `incommon_fr`). A query is analysed with
every language's configuration and matches a document through any of them, so "energie" finds "énergie" and
"moestuin" finds "moestuinen" whatever the reader's language. Autocompletion folds accents without stemming.
Both can be changed with the `LANGUAGE_CONFIGS` ({language: configuration}), `SEARCH_CONFIG` and
`AUTOCOMPLETE_CONFIG` parameters. On other databases this is Wagtail's database backend unchanged.
"""

import copy
import operator
from collections import defaultdict
from functools import reduce

from django.db import connection
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

from ..analysis import INDEX_LANGUAGES
from .whoosh import object_language

#: The configurations created by migration search.0001, per content language.
LANGUAGE_CONFIGS = {"fr": "incommon_fr", "nl": "incommon_nl", "en": "incommon_en"}


def _postgres_classes():
    # modelsearch's PostgreSQL module looks up its models when imported, so it is imported when the backend is built
    # (apps ready), not when this module is (settings load it before the app registry is ready).
    from modelsearch.backends.database.postgres.postgres import (
        PostgresAutocompleteQueryCompiler,
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )

    class LanguageIndex(PostgresIndex):
        def add_items(self, model, objs):
            groups = defaultdict(list)
            for obj in objs:
                groups[self.backend.config_for(obj)].append(obj)
            for config, group in groups.items():
                # The stock indexer reads the configuration from the backend: give it one per language group.
                backend = copy.copy(self.backend)
                backend.config = config
                index = copy.copy(self)
                index.backend = backend
                PostgresIndex.add_items(index, model, group)

    class MultilingualQueryMixin:
        def get_config(self, backend):
            return tuple(backend.query_configs())

        def build_tsquery(self, query, config=None):
            if not isinstance(config, tuple):
                return super().build_tsquery(query, config=config)
            queries = [self.build_tsquery_content(query, config=name) for name in config]
            queries = [q for q in queries if q is not None]
            return reduce(operator.or_, queries) if queries else None

    class LanguageSearchQueryCompiler(MultilingualQueryMixin, PostgresSearchQueryCompiler):
        pass

    class LanguageAutocompleteQueryCompiler(PostgresAutocompleteQueryCompiler):
        pass

    class LanguagePostgresSearchBackend(PostgresSearchBackend):
        query_compiler_class = LanguageSearchQueryCompiler
        autocomplete_query_compiler_class = LanguageAutocompleteQueryCompiler
        index_class = LanguageIndex

        def __init__(self, params):
            super().__init__(params)
            self.language_configs = {**LANGUAGE_CONFIGS, **params.get("LANGUAGE_CONFIGS", {})}
            self.config = params.get("SEARCH_CONFIG") or self.language_configs[INDEX_LANGUAGES[0]]
            self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", "incommon_simple")

        def config_for(self, obj):
            language = object_language(obj)
            return self.language_configs.get(language, self.config) if language else self.config

        def query_configs(self):
            return list(dict.fromkeys([*self.language_configs.values(), self.config]))

    return LanguagePostgresSearchBackend


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return _postgres_classes()(params)
    return DatabaseSearchBackend(params)
