"""Schemathesis over the open API schema (/api/v1/schema/), in process against the WSGI application: for anonymous
visitors and for a source's partner token, no request gets a 5xx, and a refused write (4xx) writes nothing. Then
hypothesis with hostile bodies and targets (deep nesting, huge bodies, unicode edge cases, far-away points, an
untranslated copy), and schemathesis again with the untranslated copy as a target."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from wagtail.models import Page, Revision, WorkflowState

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.commons.models import ApiToken, ImportedRecord, ImportSource
from incommon_cms.directory.factories import AlternativePageFactory, PlacePageFactory
from incommon_cms.directory.service_area import contains
from incommon_cms.governance.models import Decision

pytestmark = pytest.mark.django_db

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@pytest.fixture
def wsgi_keeps_test_connection():
    """As Django's test client does: the test's database connection must survive the end of each WSGI request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(directory, categories, locales, wsgi_keeps_test_connection):
    AlternativePageFactory(parent=directory, title="Potager", postcode="1050").save_revision().publish()
    PlacePageFactory(parent=directory, title="Salle", postcode="1000").save_revision().publish()
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    return [result.ok() for result in schema.get_all_operations()]


def source_token_key(locales):
    source = ImportSource.objects.create(
        name="Partenaire",
        kind="api",
        url="https://partner.example.org/api",
        locale=locales["fr"],
        licence="CC-BY-4.0",
        attribution="© Partenaire",
        mapping=[{"source": "n", "field": "title"}],
    )
    token = ApiToken(name="Partenaire", user=UserFactory(), source=source)
    key = token.generate_key()
    token.save()
    return key


def state():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        ImportedRecord.objects.count(),
        WorkflowState.objects.count(),
        Decision.objects.count(),
    )


def fuzz(operations, headers, max_examples):
    seen = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=max_examples,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case):
            case.headers = {**(case.headers or {}), **headers}
            with transaction.atomic():  # every example starts from the same data
                before = state()
                response = case.call()
                case.validate_response(response, checks=[not_a_server_error])
                if case.method.upper() in WRITE_METHODS and 400 <= response.status_code < 500:
                    assert state() == before, (case.method, case.path, response.status_code, response.text[:300])
                seen.append((case.method.upper(), response.status_code))
                transaction.set_rollback(True)

        check()
    return seen


def test_anonymous_requests_never_fail_and_never_write(api_schema):
    seen = fuzz(api_schema, {}, max_examples=8)
    writes = [code for method, code in seen if method in WRITE_METHODS]
    assert writes and all(code in (401, 403, 405) for code in writes)
    assert any(code == 200 for method, code in seen if method == "GET")


def test_partner_writes_never_fail_and_refused_ones_write_nothing(api_schema, locales):
    key = source_token_key(locales)
    writes = [operation for operation in api_schema if operation.method.upper() in WRITE_METHODS]
    assert writes
    seen = fuzz(writes, {"Authorization": f"Token {key}"}, max_examples=15)
    codes = {code for _method, code in seen}
    assert codes & {400, 403, 404}  # refusals were exercised...
    assert all(code < 500 for code in codes)


# --- Hostile bodies and targets --------------------------------------------------------------------------------------

WRITABLE = ["title", "short_description", "kind", "tags", "categories", "latitude", "longitude", "founding_year"]
# Characters that break naive code: NUL, bidirectional marks, a zero-width joiner, 4-byte emoji, lone surrogates,
# a byte-order mark, markup and quotes.
EDGE_CHARACTERS = ["a", "é", "\x00", "\u202e", "\u200f", "\u200d", "🌱", "\U0001f9d1", "\ud800", "\udfff", "\ufeff",
                   "<", "&", '"', "\n", "\\"]  # fmt: skip
edge_text = st.text(alphabet=st.sampled_from(EDGE_CHARACTERS), max_size=10)
far = st.floats(min_value=-90, max_value=90) | st.sampled_from([-33.9, 151.2, 4.35, 50.85, 0.0, 90.0, -180.0])
values = edge_text | st.integers(-(10**20), 10**20) | st.floats() | st.lists(edge_text, max_size=3) | st.none()


def nested(depth):
    return "[" * depth + "]" * depth


bodies = st.one_of(
    st.dictionaries(st.sampled_from(WRITABLE) | edge_text, values, min_size=1, max_size=4).map(json.dumps),
    st.fixed_dictionaries({"latitude": far, "longitude": far}).map(json.dumps),
    st.sampled_from([(50.85, 4.35), (-33.9, 151.2), (4.35, 50.85), (50.85, 151.2)]).map(
        lambda point: json.dumps({"latitude": point[0], "longitude": point[1]})
    ),
    st.fixed_dictionaries({"short_description": st.text(max_size=20)}).map(json.dumps),
    st.integers(1, 4000).map(nested),
    st.integers(1, 60).map(lambda depth: json.dumps({"tags": json.loads(nested(depth))})),
    st.binary(max_size=40),
    st.just('{"title": "' + "x" * (3 * 1024 * 1024) + '"}'),
)


@pytest.fixture
def hostile_world(untranslated_copy):
    original, alias = untranslated_copy
    token = ApiToken(name="Collectif", user=UserFactory(), profile=original)
    key = token.generate_key()
    token.save()
    other = AlternativePageFactory(parent=original.get_parent(), title="Autre")
    return {"original": original.pk, "alias": alias.pk, "other": other.pk, "missing": 10**9}, key


def test_hostile_bodies_and_targets_never_fail_and_refused_ones_write_nothing(client, hostile_world):
    """Hypothesis over PATCH bodies (deep nesting, a body over the limit, bytes that are no UTF-8, unicode edge
    cases, far-away points) and targets (the token's profile, its untranslated copy, another profile, none)."""
    targets, key = hostile_world
    seen = []

    @given(body=bodies, target=st.sampled_from(sorted(targets)))
    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
    def check(body, target):
        cache.clear()  # the write rate limit counts every attempt
        with transaction.atomic():
            before = state()
            response = client.patch(
                f"/api/v1/alternatives/{targets[target]}/",
                body,
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Token {key}",
            )
            assert response.status_code < 500, (target, body[:200], response.content[:300])
            assert response["Content-Type"].startswith("application/json")
            reason = response.json()
            assert reason, (target, body[:200])
            if response.status_code >= 400:
                assert state() == before, (target, body[:200], response.status_code)
            expected = {"alias": {409}, "other": {403}, "missing": {404}}.get(target)
            if expected:
                assert response.status_code in expected, (target, response.status_code, reason)
            if response.status_code == 202:
                sent = json.loads(body)
                if "latitude" in sent and "longitude" in sent:
                    assert contains(sent["latitude"], sent["longitude"]), sent
            seen.append((target, response.status_code))
            transaction.set_rollback(True)

    check()
    codes = {code for _target, code in seen}
    assert {202, 400, 409, 413} <= codes, codes


def test_schema_writes_aimed_at_an_untranslated_copy_never_fail(untranslated_copy, wsgi_keeps_test_connection):
    """Schemathesis's PATCH bodies sent to the token's profile and to its untranslated copy: the copy always answers
    409 with the original to edit, and nothing is written for it."""
    original, alias = untranslated_copy
    token = ApiToken(name="Collectif", user=UserFactory(), profile=original)
    key = token.generate_key()
    token.save()
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    patches = [result.ok() for result in schema.get_all_operations() if result.ok().method.upper() == "PATCH"]
    assert patches
    seen = []
    for operation in patches:

        @given(case=operation.as_strategy(), target=st.sampled_from([original.pk, alias.pk]))
        @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def check(case, target):
            cache.clear()
            case.path_parameters = dict.fromkeys(case.path_parameters or {"id": None}, target)
            case.headers = {**(case.headers or {}), "Authorization": f"Token {key}"}
            with transaction.atomic():
                before = state()
                response = case.call()
                case.validate_response(response, checks=[not_a_server_error])
                if response.status_code >= 400:
                    assert state() == before, (case.path, response.status_code, response.text[:300])
                if target == alias.pk and "/alternatives/" in case.formatted_path:
                    assert response.status_code == 409 and response.json()["original"]["id"] == original.pk
                seen.append(response.status_code)
                transaction.set_rollback(True)

        check()
    assert 409 in seen and all(code < 500 for code in seen)
