"""A Wagtail search backend on Whoosh: embedded, file-based, one index per content language.

Configure it like any Wagtail backend::

    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "incommon_cms.search.backends.whoosh", "PATH": VAR_DIR / "search"},
    }

Translatable objects (pages, categories...) are written to the index of their locale's language, analysed with
that language's stemmer; other objects (images, documents, users) are written to every language index and searched
in the reader's language. Writes from several processes (web workers, task workers, `update_index`) are
serialised by an exclusive file lock; readers never wait. `manage.py update_index` builds a fresh generation of
the indexes next to the live one and switches to it atomically when done.
"""

import datetime
import fcntl
import html
import logging
import os
import shutil
import struct
import threading
import time
import uuid
from collections import OrderedDict
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.db.models.lookups import Lookup
from django.db.models.query import FlatValuesListIterable
from django.db.models.sql import Query
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language
from modelsearch.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchQueryCompiler,
    BaseSearchResults,
    FilterFieldError,
    get_model_root,
)
from modelsearch.index import AutocompleteField, FilterField, RelatedFields, SearchField, class_is_indexed
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.index import LockError

from ..analysis import (
    INDEX_LANGUAGES,
    edge_ngram_analyzer,
    folding_analyzer,
    language_analyzer,
)

logger = logging.getLogger("incommon.search")

NULL = "%00"
ALL_TEXT = "t__all"
ALL_AUTOCOMPLETE = "ac__all"
SPELLING = "spell"
LOCK_TIMEOUT = 60.0


def build_schema(language):
    analyzer = language_analyzer(language)
    schema = Schema(
        key=ID(stored=True, unique=True),
        pk=ID(stored=True),
        content_types=KEYWORD(lowercase=False, scorable=False),
    )
    schema.add(ALL_TEXT, TEXT(analyzer=analyzer, phrase=True))
    schema.add(ALL_AUTOCOMPLETE, TEXT(analyzer=edge_ngram_analyzer(), phrase=False))
    schema.add(SPELLING, TEXT(analyzer=folding_analyzer(), phrase=False, spelling=True))
    schema.add("t_*", TEXT(analyzer=analyzer, phrase=True), glob=True)
    schema.add("ac_*", TEXT(analyzer=edge_ngram_analyzer(), phrase=False), glob=True)
    schema.add("f_*", KEYWORD(commas=True, lowercase=False, scorable=False), glob=True)
    return schema


# --- Values ------------------------------------------------------------------------------------------------------


def _sortable_int(value):
    return f"{int(value) + 2**63:020d}"


def _sortable_float(value):
    (bits,) = struct.unpack(">q", struct.pack(">d", float(value)))
    if bits < 0:
        bits ^= 0x7FFFFFFFFFFFFFFF
    return _sortable_int(bits)


def encode_filter_value(value, field_type=None):
    """Encode a filter value as an index term whose byte order follows the value's order."""
    if isinstance(value, models.Model):
        value = value.pk
    if value is None:
        return NULL
    if isinstance(value, bool) or field_type == "BooleanField":
        return "true" if value else "false"
    if field_type == "DateTimeField" or isinstance(value, datetime.datetime):
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(value, datetime.time.min)
        if timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool | int) and field_type not in ("CharField", "TextField", "SlugField"):
        return _sortable_int(value)
    if isinstance(value, float | Decimal) or field_type in ("FloatField", "DecimalField"):
        try:
            return _sortable_float(value)
        except (TypeError, ValueError):
            pass
    if (field_type and field_type.endswith("IntegerField")) or field_type in ("AutoField", "BigAutoField"):
        try:
            return _sortable_int(value)
        except (TypeError, ValueError):
            pass
    return quote(str(value), safe="")


def text_of(value):
    """Plain text of an indexed value: rich text loses its markup, lists and related objects are joined."""
    if value is None:
        return ""
    if isinstance(value, str):
        return html.unescape(strip_tags(value)) if "<" in value else value
    if isinstance(value, list | tuple | set):
        return " ".join(text_of(item) for item in value)
    if hasattr(value, "all") and callable(value.all):
        return " ".join(text_of(item) for item in value.all())
    return str(value)


def _related_objects(value):
    if value is None:
        return []
    if hasattr(value, "all") and callable(value.all):
        return list(value.all())
    if isinstance(value, list | tuple | set):
        return list(value)
    return [value]


class DocumentBuilder:
    """Turns a model instance into the fields of a Whoosh document."""

    def __init__(self, model):
        self.model = model
        self.content_types = self._content_types(model)

    @staticmethod
    def _content_types(model):
        names = []
        while model is not None:
            names.append(model._meta.label_lower)
            model = model.indexed_get_parent() if hasattr(model, "indexed_get_parent") else None
        return " ".join(names)

    def build(self, obj):
        doc = {"key": document_key(obj), "pk": str(obj.pk), "content_types": self.content_types}
        all_text, all_autocomplete, spelling = [], [], []
        self._collect(obj, self.model.get_search_fields(), "", doc, all_text, all_autocomplete, spelling)
        doc[ALL_TEXT] = "\n".join(all_text)
        doc[ALL_AUTOCOMPLETE] = "\n".join(all_autocomplete)
        doc[SPELLING] = "\n".join(spelling)
        return doc

    def _collect(self, obj, fields, prefix, doc, all_text, all_autocomplete, spelling):
        model = type(obj)
        for field in fields:
            if isinstance(field, RelatedFields):
                sub_prefix = f"{prefix}{field.field_name}__"
                for related in _related_objects(field.get_value(obj)):
                    self._collect(related, field.fields, sub_prefix, doc, all_text, all_autocomplete, spelling)
                continue
            if isinstance(field, FilterField):
                name = f"f_{prefix}{field.get_attname(model)}"
                values = field.get_value(obj)
                if isinstance(values, list | tuple | set):
                    encoded = [encode_filter_value(v, field.get_type(model)) for v in values] or [NULL]
                else:
                    encoded = [encode_filter_value(values, field.get_type(model))]
                doc[name] = ",".join(filter(None, [doc.get(name, ""), *encoded]))
                continue
            text = text_of(field.get_value(obj)).strip()
            if not text:
                continue
            if isinstance(field, SearchField):
                name = f"t_{prefix}{field.field_name}"
                doc[name] = f"{doc[name]}\n{text}" if name in doc else text
                all_text.append(text)
                spelling.append(text)
            elif isinstance(field, AutocompleteField):
                name = f"ac_{prefix}{field.field_name}"
                doc[name] = f"{doc[name]}\n{text}" if name in doc else text
                all_autocomplete.append(text)


def document_key(obj):
    return f"{get_model_root(type(obj))._meta.label_lower}:{obj.pk}"


def object_language(obj):
    """The index language of a translatable object, or None when the object belongs in every index."""
    locale = getattr(obj, "locale", None) if hasattr(type(obj), "locale") else None
    if locale is None:
        return None
    code = (locale.language_code or "").split("-")[0].lower()
    return code if code in INDEX_LANGUAGES else INDEX_LANGUAGES[0]


def is_translatable(model):
    try:
        model._meta.get_field("locale")
    except Exception:  # FieldDoesNotExist and friends
        return False
    return True


# --- Storage -----------------------------------------------------------------------------------------------------


class IndexStore:
    """The on-disk indexes under PATH: generations of one Whoosh index per language, and the write lock.

    PATH/CURRENT names the live generation; PATH/<generation>/<language>/ holds a Whoosh index.
    """

    _instances = {}
    _instances_lock = threading.Lock()

    @classmethod
    def for_path(cls, path):
        path = Path(path).resolve()
        with cls._instances_lock:
            if path not in cls._instances:
                cls._instances[path] = cls(path)
            return cls._instances[path]

    def __init__(self, path):
        self.path = path
        self._opened = {}
        self._searchers = {}
        self._local = threading.local()
        self._thread_lock = threading.RLock()

    # Generations
    def current_generation(self):
        try:
            return (self.path / "CURRENT").read_text().strip() or None
        except FileNotFoundError:
            return None

    def _set_current(self, generation):
        tmp = self.path / f"CURRENT.{os.getpid()}.tmp"
        tmp.write_text(generation)
        os.replace(tmp, self.path / "CURRENT")

    def ensure(self):
        """Create the live generation if there is none yet."""
        if self.current_generation():
            return self.current_generation()
        with self.lock():
            generation = self.current_generation()
            if not generation:
                generation = self._create_generation()
                self._set_current(generation)
        return generation

    def _create_generation(self):
        generation = f"g{int(time.time() * 1000)}-{uuid.uuid4().hex[:6]}"
        for language in INDEX_LANGUAGES:
            directory = self.path / generation / language
            directory.mkdir(parents=True, exist_ok=True)
            whoosh_index.create_in(str(directory), build_schema(language))
        return generation

    def start_rebuild(self):
        self.path.mkdir(parents=True, exist_ok=True)
        return self._create_generation()

    def finish_rebuild(self, generation):
        with self.lock():
            previous = self.current_generation()
            self._set_current(generation)
        if previous and previous != generation:
            shutil.rmtree(self.path / previous, ignore_errors=True)

    def reset(self):
        generation = self.start_rebuild()
        self.finish_rebuild(generation)

    # Opening
    def open(self, language, generation=None):
        generation = generation or self.ensure()
        key = (generation, language)
        ix = self._opened.get(key)
        if ix is None:
            ix = whoosh_index.open_dir(str(self.path / generation / language))
            self._opened[key] = ix
        return ix

    @contextmanager
    def searcher(self, language):
        """A searcher on the latest committed state of one language index (per thread, refreshed)."""
        generation = self.ensure()
        cache = getattr(self._local, "searchers", None)
        if cache is None:
            cache = self._local.searchers = {}
        key = (generation, language)
        searcher = cache.get(key)
        if searcher is None:
            for old_key in [k for k in cache if k[0] != generation]:
                cache.pop(old_key).close()
            searcher = cache[key] = self.open(language, generation).searcher()
        elif not searcher.up_to_date():
            searcher.close()
            searcher = cache[key] = self.open(language, generation).searcher()
        yield searcher

    # Writing
    @contextmanager
    def lock(self, timeout=LOCK_TIMEOUT):
        """Exclusive, cross-process write lock (flock on PATH/write.lock); re-entrant within a thread."""
        if getattr(self._local, "lock_depth", 0):
            self._local.lock_depth += 1
            try:
                yield
            finally:
                self._local.lock_depth -= 1
            return
        self.path.mkdir(parents=True, exist_ok=True)
        with self._thread_lock, open(self.path / "write.lock", "a+") as handle:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise LockError(f"Search index {self.path} stayed locked for {timeout} s") from None
                    time.sleep(0.02)
            self._local.lock_depth = 1
            try:
                yield
            finally:
                self._local.lock_depth = 0
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def write(self, operations_by_language, generation=None):
        """Apply {language: [("update", doc) | ("delete", key)]} under the write lock, one commit per index."""
        operations_by_language = {lang: ops for lang, ops in operations_by_language.items() if ops}
        if not operations_by_language:
            return
        with self.lock():
            generation = generation or self.ensure()
            for language, operations in operations_by_language.items():
                writer = self._writer(self.open(language, generation))
                try:
                    for action, payload in operations:
                        if action == "update":
                            writer.update_document(**payload)
                        else:
                            writer.delete_by_term("key", payload)
                except BaseException:
                    writer.cancel()
                    raise
                writer.commit()

    @staticmethod
    def _writer(ix, attempts=50):
        """Whoosh's own lock is free under ours, unless a foreign tool holds it: retry a little."""
        for attempt in range(attempts):
            try:
                return ix.writer()
            except LockError:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.1)


# --- Wagtail index API -------------------------------------------------------------------------------------------


class WhooshIndex(BaseIndex):
    """All language indexes of one backend, seen by Wagtail as a single index."""

    def __init__(self, backend, generation=None):
        super().__init__(backend)
        self.store = backend.store
        self.generation = generation

    def get_key(self):
        return f"whoosh:{self.store.path}"

    def __str__(self):
        return str(self.store.path)

    def refresh(self):
        pass

    def reset(self):
        self.store.reset()

    def add_items(self, model, items):
        if not class_is_indexed(model):
            return
        operations = {language: [] for language in INDEX_LANGUAGES}
        builders = {}
        for item in items:
            item = item.get_indexed_instance() if hasattr(item, "get_indexed_instance") else item
            if item is None:
                continue
            builder = builders.get(type(item)) or builders.setdefault(type(item), DocumentBuilder(type(item)))
            document = builder.build(item)
            language = object_language(item)
            for target in INDEX_LANGUAGES:
                if language is None or target == language:
                    operations[target].append(("update", document))
                elif self.generation is None:
                    # The object may have moved from another locale: drop any copy left there.
                    operations[target].append(("delete", document["key"]))
        self.store.write(operations, self.generation)

    def delete_item(self, item):
        key = document_key(item)
        self.store.write({language: [("delete", key)] for language in INDEX_LANGUAGES}, self.generation)


class WhooshRebuilder:
    def __init__(self, index):
        self.index = index

    def start(self):
        self.generation = self.index.store.start_rebuild()
        return WhooshIndex(self.index.backend, generation=self.generation)

    def finish(self):
        self.index.store.finish_rebuild(self.generation)


# --- Queries -----------------------------------------------------------------------------------------------------


class WhooshSearchQueryCompiler(BaseSearchQueryCompiler):
    autocomplete = False

    # Filters
    def _process_lookup(self, field_path, lookup, value):
        model = self.queryset.model
        prefix = ""
        for related in field_path[:-1]:
            prefix += f"{related.field_name}__"
            model = related.get_field(model).related_model
        filter_field = field_path[-1]
        name = f"f_{prefix}{filter_field.get_attname(model)}"
        field_type = filter_field.get_type(model)

        def encode(v):
            return encode_filter_value(v, field_type)

        if lookup == "exact":
            return wq.Term(name, encode(value))
        if lookup == "isnull":
            is_null = wq.Term(name, NULL)
            return is_null if value else wq.And([wq.Every(), wq.Not(is_null)])
        if lookup == "in":
            if isinstance(value, Query):
                # A subquery (`pk__in=other.values("pk")`, as the admin's page search sends): run it for its values.
                subquery = models.QuerySet(model=value.model, query=value.clone())
                subquery._iterable_class = FlatValuesListIterable
                value = subquery
            values = list(value)
            return wq.Or([wq.Term(name, encode(v)) for v in values]) if values else wq.NullQuery
        if lookup in ("lt", "lte", "gt", "gte"):
            term = encode(value)
            if lookup in ("lt", "lte"):
                return wq.And([wq.TermRange(name, None, term, endexcl=lookup == "lt"), wq.Not(wq.Term(name, NULL))])
            return wq.TermRange(name, term, None, startexcl=lookup == "gt")
        if lookup == "startswith":
            return wq.Prefix(name, quote(str(value), safe=""))
        return None

    def _get_filters_from_where_node(self, where_node, check_only=False):
        # The base class ignores lookups on `<parent>_ptr_id` (the pk of a specific page type); treat them as
        # lookups on the root model's `id` so that `.exclude(pk=...)` works on specific querysets too.
        target = getattr(getattr(where_node, "lhs", None), "target", None)
        if isinstance(where_node, Lookup) and target is not None and target.attname.endswith("_ptr_id"):
            id_field = self._get_filterable_field("id")
            if id_field is None or check_only:
                return None
            return self._process_lookup([id_field], where_node.lookup_name, where_node.rhs)
        return super()._get_filters_from_where_node(where_node, check_only=check_only)

    def _process_match_none(self):
        return wq.NullQuery

    def _connect_filters(self, filters, connector, negated):
        if not filters:
            return None
        combined = filters[0] if len(filters) == 1 else wq.And(filters) if connector == "AND" else wq.Or(filters)
        if negated:
            return wq.And([wq.Every(), wq.Not(combined)])
        return combined

    def get_filter(self):
        model = self.queryset.model
        content_type = wq.Term("content_types", model._meta.label_lower)
        filters = self._get_filters_from_queryset()
        return wq.And([content_type, filters]) if filters is not None else content_type

    # Text
    def _search_fields(self):
        """[(index field name, boost)] for the query."""
        model = self.queryset.model
        if self.autocomplete:
            if self.fields:
                return [(f"ac_{name}", 1.0) for name in self.fields]
            return [(ALL_AUTOCOMPLETE, 1.0)]
        if self.fields:
            boosts = {f.field_name: f.boost or 1.0 for f in model.get_searchable_search_fields()}
            return [(f"t_{name}", boosts.get(name, 1.0)) for name in self.fields]
        fields = [(ALL_TEXT, 1.0)]
        fields += [(f"t_{f.field_name}", float(f.boost)) for f in model.get_searchable_search_fields() if f.boost]
        return fields

    def _terms(self, text, language):
        analyzer = folding_analyzer() if self.autocomplete else language_analyzer(language)
        return [token.text for token in analyzer(text)]

    def _word_query(self, word, fields, fuzzy=False):
        if fuzzy:
            return wq.Or([wq.FuzzyTerm(name, word, boost=boost, maxdist=2, prefixlength=1) for name, boost in fields])
        return wq.Or([wq.Term(name, word, boost=boost) for name, boost in fields])

    def build_text_query(self, language, query=None):
        query = self.query if query is None else query
        fields = self._search_fields()
        if isinstance(query, MatchAll):
            return wq.Every()
        if isinstance(query, PlainText | Fuzzy):
            words = self._terms(query.query_string, language)
            if self.autocomplete:
                words = [w[:15] for w in words]
            if not words:
                return wq.NullQuery
            parts = [self._word_query(w, fields, fuzzy=isinstance(query, Fuzzy)) for w in words]
            combined = wq.And(parts) if query.operator == "and" else wq.Or(parts)
            if getattr(query, "boost", 1) != 1:
                combined = combined.with_boost(query.boost)
            return combined
        if isinstance(query, Phrase):
            words = self._terms(query.query_string, language)
            if not words:
                return wq.NullQuery
            if len(words) == 1:
                return self._word_query(words[0], fields)
            return wq.Or([wq.Phrase(name, words, boost=boost) for name, boost in fields if not name.startswith("ac")])
        if isinstance(query, Boost):
            return self.build_text_query(language, query.subquery).with_boost(query.boost)
        if isinstance(query, And):
            return wq.And([self.build_text_query(language, q) for q in query.subqueries])
        if isinstance(query, Or):
            return wq.Or([self.build_text_query(language, q) for q in query.subqueries])
        if isinstance(query, Not):
            return wq.And([wq.Every(), wq.Not(self.build_text_query(language, query.subquery))])
        raise NotImplementedError(f"{type(query).__name__} queries are not supported by the Whoosh backend")

    def languages(self):
        """Translatable models are spread over the language indexes; others are complete in each one."""
        if is_translatable(self.queryset.model):
            return list(INDEX_LANGUAGES)
        current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        return [current if current in INDEX_LANGUAGES else INDEX_LANGUAGES[0]]

    def check(self):
        if self.autocomplete and self.fields:
            # `fields` name AutocompleteFields here, which the base check would look for among SearchFields.
            fields, self.fields = self.fields, None
            try:
                super().check()
            finally:
                self.fields = fields
        else:
            super().check()


class WhooshAutocompleteQueryCompiler(WhooshSearchQueryCompiler):
    autocomplete = True
    DEFAULT_OPERATOR = "and"


class WhooshSearchResults(BaseSearchResults):
    supports_facet = True

    def _hits(self, limit=None, scored=True):
        """[(score, pk)] across the language indexes, best first."""
        compiler = self.query_compiler
        store = self.backend.store
        filter_query = compiler.get_filter()
        hits = []
        for language in compiler.languages():
            text_query = compiler.build_text_query(language)
            if text_query is wq.NullQuery:
                continue
            with store.searcher(language) as searcher:
                results = searcher.search(text_query, filter=filter_query, limit=limit, scored=scored)
                hits.extend((hit.score or 0.0, hit["pk"]) for hit in results)
        hits.sort(key=lambda hit: -hit[0])
        return hits

    def _count_hits(self):
        compiler = self.query_compiler
        filter_query = compiler.get_filter()
        total = 0
        for language in compiler.languages():
            text_query = compiler.build_text_query(language)
            if text_query is wq.NullQuery:
                continue
            with self.backend.store.searcher(language) as searcher:
                total += len(searcher.search(text_query, filter=filter_query, limit=1, scored=False))
        return total

    def _matching_queryset(self):
        pks = [pk for _, pk in self._hits(scored=False)]
        pk_field = self.query_compiler.queryset.model._meta.pk
        return self.query_compiler.queryset.filter(pk__in=[pk_field.to_python(pk) for pk in pks])

    def _do_search(self):
        queryset = self.query_compiler.queryset
        if not self.query_compiler.order_by_relevance:
            qs = self._matching_queryset()
            if self.prefetch_related:
                qs = qs.prefetch_related(*self.prefetch_related)
            return list(qs[self.start : self.stop]) if self.stop is not None else list(qs[self.start :])

        hits = self._hits(limit=self.stop if self.stop is not None else None)
        hits = hits[self.start : self.stop]
        pk_field = queryset.model._meta.pk
        ordered = [pk_field.to_python(pk) for _, pk in hits]
        scores = {pk_field.to_python(pk): score for score, pk in hits}
        qs = queryset.filter(pk__in=ordered)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        objects = {obj.pk: obj for obj in qs}
        results = []
        for pk in ordered:
            obj = objects.get(pk)
            if obj is None:
                continue
            if self._score_field:
                setattr(obj, self._score_field, scores[pk])
            results.append(obj)
        return results

    def _do_count(self):
        count = self._count_hits()
        count -= self.start
        if self.stop is not None:
            count = min(count, self.stop - self.start)
        return max(count, 0)

    def facet(self, field_name):
        model = self.query_compiler.queryset.model
        field = self.query_compiler._get_filterable_field(field_name)
        if field is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add '
                f'index.FilterField("{field_name}") to {model.__name__}.search_fields.',
                field_name=field_name,
            )
        attname = field.get_attname(model)
        rows = (
            self._matching_queryset()
            .order_by()
            .values(attname)
            .annotate(count=Count("pk", distinct=True))
            .order_by("-count", attname)
        )
        return OrderedDict((row[attname], row["count"]) for row in rows)

    def suggest(self, limit=3):
        """Spelling corrections of the query's words from the indexed vocabulary."""
        return self.backend.suggest(getattr(self.query_compiler.query, "query_string", ""), limit=limit)


class WhooshSearchBackend(BaseSearchBackend):
    query_compiler_class = WhooshSearchQueryCompiler
    autocomplete_query_compiler_class = WhooshAutocompleteQueryCompiler
    results_class = WhooshSearchResults
    rebuilder_class = WhooshRebuilder
    index_class = WhooshIndex

    def __init__(self, params):
        super().__init__(params)
        path = params.get("PATH") or Path(settings.VAR_DIR) / "search"
        self.store = IndexStore.for_path(path)

    def get_index_for_model(self, model):
        return WhooshIndex(self)

    def suggest(self, text, languages=None, limit=3):
        """Corrected versions of `text` built from the indexed vocabulary, best first ([] when nothing to correct).

        Each unknown word is compared (edit distance <= 2) with the indexed words, then with the indexed stems,
        so that "moestuim" still reaches "moestuinen" through the stem "moestuin".
        """
        words = [token.text for token in folding_analyzer()(text or "")]
        if not words:
            return []
        languages = languages or list(INDEX_LANGUAGES)
        corrections, changed = [], False
        for word in words:
            candidates = self._word_candidates(word, languages, limit)
            if not candidates:
                corrections.append([word])
            else:
                changed = True
                corrections.append(candidates)
        if not changed:
            return []
        best = [choices[0] for choices in corrections]
        suggestions = [" ".join(best)]
        for i, choices in enumerate(corrections):
            for alternative in choices[1:]:
                variant = list(best)
                variant[i] = alternative
                suggestions.append(" ".join(variant))
        return suggestions[:limit]

    def _word_candidates(self, word, languages, limit):
        """None when `word` is known; else the closest indexed words (possibly empty)."""
        ranked = {}
        for language in languages:
            with self.store.searcher(language) as searcher:
                reader = searcher.reader()
                if (SPELLING, word) in reader:
                    return None
                stems = [token.text for token in language_analyzer(language)(word)]
                if stems and (ALL_TEXT, stems[0]) in reader:
                    return None
                for rank, suggestion in enumerate(
                    searcher.corrector(SPELLING).suggest(word, limit=limit, maxdist=2, prefix=1)
                ):
                    if isinstance(suggestion, bytes):
                        suggestion = suggestion.decode("utf-8")
                    ranked[suggestion] = min(ranked.get(suggestion, rank), rank)
                if stems and not ranked:
                    for rank, stem in enumerate(
                        searcher.corrector(ALL_TEXT).suggest(stems[0], limit=limit, maxdist=2, prefix=1)
                    ):
                        expansions = sorted(reader.expand_prefix(SPELLING, stem), key=len)[:1]
                        for expansion in expansions:
                            if isinstance(expansion, bytes):
                                expansion = expansion.decode("utf-8")
                            ranked[expansion] = min(ranked.get(expansion, rank), rank)
        return sorted(ranked, key=ranked.get)[:limit]


SearchBackend = WhooshSearchBackend
