"""Schemathesis over the open API schema (/api/v1/schema/), in process against the WSGI application: for anonymous
visitors and for a source's partner token, no request gets a 5xx, and a refused write (4xx) writes nothing."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from wagtail.models import Page, Revision, WorkflowState

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.commons.models import ApiToken, ImportedRecord, ImportSource
from incommon_cms.directory.factories import AlternativePageFactory, PlacePageFactory
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
