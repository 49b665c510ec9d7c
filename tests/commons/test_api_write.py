"""Partner writes: tokens bound to a collective or a source, moderation, validation, limits; and schemathesis."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from wagtail.models import WorkflowState

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.commons.models import ApiToken, ImportedRecord, ImportSource
from incommon_cms.directory.factories import AlternativePageFactory
from incommon_cms.directory.models import AlternativePage

pytestmark = pytest.mark.django_db


def make_token(**scope):
    token = ApiToken(name="Partenaire", user=UserFactory(), **scope)
    key = token.generate_key()
    token.save()
    return token, key


@pytest.fixture
def collectives(directory, categories):
    mine = AlternativePageFactory(parent=directory, title="Notre collectif", short_description="Avant.")
    other = AlternativePageFactory(parent=directory, title="Un autre collectif", short_description="Intact.")
    return mine, other


def auth(key):
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def test_collective_token_proposes_a_change_to_its_own_profile(client, collectives):
    mine, _other = collectives
    token, key = make_token(profile=mine)

    response = client.patch(
        f"/api/v1/alternatives/{mine.pk}/",
        {"short_description": "Après.", "categories": ["food"]},
        content_type="application/json",
        **auth(key),
    )

    assert response.status_code == 202, response.content
    assert response.json()["status"] == "pending_moderation"
    mine.refresh_from_db()
    assert mine.short_description == "Avant."  # live version unchanged until moderators approve
    latest = mine.get_latest_revision_as_object()
    assert latest.short_description == "Après." and [c.slug for c in latest.categories.all()] == ["food"]
    assert mine.get_latest_revision().user == token.user
    assert WorkflowState.objects.get(object_id=str(mine.pk)).status == WorkflowState.STATUS_IN_PROGRESS
    api = client.get(f"/api/v1/alternatives/{mine.pk}/").json()
    assert api["short_description"] == "Avant."


def test_collective_token_cannot_write_outside_its_collective(client, collectives):
    mine, other = collectives
    _token, key = make_token(profile=mine)

    response = client.patch(
        f"/api/v1/alternatives/{other.pk}/",
        {"short_description": "Piraté"},
        content_type="application/json",
        **auth(key),
    )
    assert response.status_code == 403
    assert "cannot change this profile" in response.json()["detail"] or response.json()["detail"]
    created = client.post("/api/v1/alternatives/", {"title": "Nouveau"}, content_type="application/json", **auth(key))
    assert created.status_code == 403
    other.refresh_from_db()
    assert other.short_description == "Intact." and not other.has_unpublished_changes
    assert not AlternativePage.objects.filter(title="Nouveau").exists()


def test_writes_need_a_valid_token(client, collectives):
    mine, _other = collectives
    anonymous = client.patch(f"/api/v1/alternatives/{mine.pk}/", {"title": "x"}, content_type="application/json")
    assert anonymous.status_code in (401, 403)
    token, key = make_token(profile=mine)
    token.is_active = False
    token.save()
    revoked = client.patch(
        f"/api/v1/alternatives/{mine.pk}/", {"title": "x"}, content_type="application/json", **auth(key)
    )
    assert revoked.status_code == 401
    assert (
        client.patch(
            f"/api/v1/alternatives/{mine.pk}/", {"title": "x"}, content_type="application/json", **auth("wrong")
        ).status_code
        == 401
    )


def test_bad_input_gets_400_with_reasons(client, collectives):
    mine, _other = collectives
    _token, key = make_token(profile=mine)

    def patch(data):
        return client.patch(f"/api/v1/alternatives/{mine.pk}/", data, content_type="application/json", **auth(key))

    response = patch({"email": "pas-un-courriel", "founding_year": 1200, "colour": "red"})
    assert response.status_code == 400
    body = response.json()
    assert "email" in body and "founding_year" in body and "colour" in body
    assert patch({"company_number": "0123.456.000"}).status_code == 400
    assert "company_number" in patch({"company_number": "0123.456.000"}).json()
    assert "categories" in patch({"categories": ["inconnue"]}).json()
    assert patch({}).status_code == 400
    assert (
        client.patch(
            f"/api/v1/alternatives/{mine.pk}/", "{broken", content_type="application/json", **auth(key)
        ).status_code
        == 400
    )
    mine.refresh_from_db()
    assert not mine.has_unpublished_changes


def test_source_token_creates_a_profile_pending_moderation(client, directory, categories, locales):
    source = ImportSource.objects.create(
        name="Partenaire",
        kind="api",
        url="https://partner.example.org/api",
        locale=locales["fr"],
        licence="CC-BY-4.0",
        attribution="© Partenaire",
        mapping=[{"source": "n", "field": "title"}],
    )
    _token, key = make_token(source=source)

    response = client.post(
        "/api/v1/alternatives/",
        {"title": "Ressourcerie du Canal", "postcode": "1080", "categories": ["repair"]},
        content_type="application/json",
        **auth(key),
    )

    assert response.status_code == 201, response.content
    page = AlternativePage.objects.get(pk=response.json()["id"])
    assert not page.live and page.title == "Ressourcerie du Canal" and page.commune.name_fr == "Molenbeek-Saint-Jean"
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == WorkflowState.STATUS_IN_PROGRESS
    assert ImportedRecord.objects.get(source=source, profile=page)
    assert "Ressourcerie" not in client.get("/api/v1/profiles/").content.decode()
    # The source's token may then propose changes to what it brought, not to others.
    assert (
        client.patch(
            f"/api/v1/alternatives/{page.pk}/",
            {"short_description": "Objets de seconde main"},
            content_type="application/json",
            **auth(key),
        ).status_code
        == 202
    )
    other = AlternativePageFactory(parent=directory)
    assert (
        client.patch(
            f"/api/v1/alternatives/{other.pk}/", {"title": "x"}, content_type="application/json", **auth(key)
        ).status_code
        == 403
    )


def test_writes_are_rate_limited(client, collectives, settings):
    mine, _other = collectives
    _token, key = make_token(profile=mine)
    from incommon_cms.commons.api import views

    limit = views.WRITE_LIMIT_PER_HOUR
    views.WRITE_LIMIT_PER_HOUR = 2
    try:
        codes = [
            client.patch(
                f"/api/v1/alternatives/{mine.pk}/",
                {"short_description": f"v{n}"},
                content_type="application/json",
                **auth(key),
            ).status_code
            for n in range(3)
        ]
    finally:
        views.WRITE_LIMIT_PER_HOUR = limit
    assert codes == [202, 202, 429]


@pytest.fixture
def wsgi_keeps_test_connection():
    """As Django's test client does: the test's database connection must survive the end of each WSGI request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_openapi_schema_finds_no_server_error(collectives, locales, wsgi_keeps_test_connection):
    """Schemathesis generates requests from the OpenAPI schema, in process against the WSGI application."""
    mine, _other = collectives
    _token, key = make_token(profile=mine)
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14
    tried = []

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None
        )
        def check(case):
            case.headers = {**(case.headers or {}), "Authorization": f"Token {key}"}
            response = case.call()
            tried.append(response.status_code)
            case.validate_response(response, checks=[not_a_server_error])

        check()
    assert len(tried) > len(operations) and all(code < 500 for code in tried)


def test_a_second_change_replaces_the_one_still_waiting(client, collectives):
    """The API follows the one submission rule (governance.submissions.submit_revision), like the member editor."""
    mine, _other = collectives
    _token, key = make_token(profile=mine)
    for text in ("Première proposition.", "Seconde proposition."):
        response = client.patch(
            f"/api/v1/alternatives/{mine.pk}/",
            {"short_description": text},
            content_type="application/json",
            **auth(key),
        )
        assert response.status_code == 202, response.content
    states = WorkflowState.objects.filter(object_id=str(mine.pk)).order_by("pk")
    assert [state.status for state in states] == [WorkflowState.STATUS_CANCELLED, WorkflowState.STATUS_IN_PROGRESS]
    waiting = states[1].current_task_state.revision.as_object()
    assert waiting.short_description == "Seconde proposition."
