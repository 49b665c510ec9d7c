"""Every user-writable text field, filled with XSS payloads, comes out inert in HTML, JSON and iCalendar."""

import csv
import io
import itertools

import pytest
from django.core.files.base import ContentFile
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from wagtail.fields import RichTextField
from wagtail.models import Page

from agenda.factories import EventPageFactory
from agenda.submissions import create_draft
from incommon_cms.commons.api.views import ApiToken
from incommon_cms.commons.engine import run_source
from incommon_cms.commons.models import ImportSource
from incommon_cms.directory.factories import AlternativePageFactory
from incommon_cms.directory.models import AlternativePage
from incommon_cms.discussions import moderation
from tests.discussions.helpers import post
from toolbox.factories import ToolPageFactory

from .conftest import publish
from .inert import PAYLOADS, assert_inert_html, assert_inert_ics, assert_inert_json

pytestmark = pytest.mark.django_db

NOT_FREE_TEXT = {"slug", "url_path", "draft_title", "location", "postcode", "rrule", "exdates", "rdates"}


def fill_text_fields(page_class, **extra):
    """Every free-text field the page type adds to Wagtail's Page, each with the next payload.

    Rich text is HTML by design: people write it only through Draftail (the admin) or the front-end forms, the
    API and imports, which escape or clean it; those paths are tested below with the same payloads.
    """
    payloads = itertools.cycle(PAYLOADS)
    values = {"title": next(payloads)}
    page_fields = {field.name for field in Page._meta.get_fields()}
    for field in page_class._meta.get_fields():
        if (
            isinstance(field, models.CharField | models.TextField)
            and not isinstance(field, models.URLField | models.EmailField)
            and not isinstance(field, RichTextField)
            and not field.choices
            and not [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
            and field.name not in page_fields | NOT_FREE_TEXT
        ):
            values[field.name] = next(payloads)[: field.max_length or None]
    values.update(extra)
    return values


def test_profile_text_fields_are_inert_everywhere(world, client_as):
    values = fill_text_fields(AlternativePage, slug="xss-profile", email="xss@example.org")
    profile = publish(AlternativePageFactory(parent=world.directory, **values))
    assert len(values) > 8
    for role in ("visitor", "admin"):
        client = client_as(world, role)
        assert_inert_html(client.get(profile.url), f"profile page as {role}")
        assert_inert_html(client.get(world.directory.url), "map page")
        assert_inert_html(client.get(reverse("search") + "?q=xss1"), "search")
    admin = client_as(world, "admin")
    assert_inert_html(admin.get(reverse("governance:edit_profile", args=[profile.pk])), "edit form")
    assert_inert_html(admin.get(reverse("directory:embed_map")), "embed")
    assert_inert_json(admin.get(f"/api/v1/profiles/{profile.pk}/"), "API detail")
    assert_inert_json(admin.get("/api/v1/alternatives/"), "API list")
    assert_inert_json(admin.get(reverse("directory:geojson")), "GeoJSON")
    api = admin.get(f"/api/v1/alternatives/{profile.pk}/").json()
    assert api["title"] == PAYLOADS[0]  # kept as data, escaped only where it is rendered


def test_event_text_fields_are_inert_in_pages_and_calendars(world, client):
    values = fill_text_fields(type(world.event), slug="xss-event")
    event = EventPageFactory(parent=world.agenda, **values)
    event.organisers.set([world.a])
    publish(event)
    assert_inert_html(client.get(event.url), "event page")
    assert_inert_html(client.get(world.agenda.url), "agenda")
    assert_inert_html(client.get(world.a.url), "organiser's profile")
    assert_inert_ics(client.get(f"/agenda/events/{event.pk}.ics"), "event .ics")
    assert_inert_ics(client.get("/agenda/feed.ics"), "feed")
    assert_inert_ics(client.get(f"/agenda/feed/organiser/{world.a.pk}.ics"), "organiser feed")
    assert_inert_json(client.get("/agenda/events.geojson"), "events GeoJSON")


def test_submitted_event_description_is_escaped(world, client):
    data = {
        "title": PAYLOADS[0],
        "summary": PAYLOADS[1],
        "description": "\n\n".join(PAYLOADS),
        "start": world.event.start,
        "end": world.event.end,
        "venue_name": PAYLOADS[3],
    }
    event, revision = create_draft(world.agenda, data, user=world.users["editor"], organiser=world.a)
    revision.publish()
    event.refresh_from_db()
    assert "<script" not in event.description and "<svg" not in event.description
    assert_inert_html(client.get(event.url), "submitted event")
    assert_inert_ics(client.get(f"/agenda/events/{event.pk}.ics"), "submitted event .ics")


def test_tool_text_fields_are_inert(world, client):
    values = fill_text_fields(type(world.tool), slug="xss-tool")
    tool = publish(ToolPageFactory(parent=world.toolbox, **values))
    assert_inert_html(client.get(tool.url), "tool page")
    assert_inert_html(client.get(world.toolbox.url), "toolbox")


def test_comments_topics_and_names_are_inert(world, client_as):
    author = world.users["editor"]
    author.first_name = PAYLOADS[1][:150]
    author.save()
    client = client_as(world, "editor")
    for payload in PAYLOADS:
        response = post(client, world.b, payload)
        assert response.status_code == 302, response.content.decode()[:500]
    topic = moderation.open_topic(
        user=author,
        index_page=world.topic_index,
        title=PAYLOADS[3],
        topic_type="question",
        theme=None,
        body="\n".join(PAYLOADS),
    )
    assert topic.live
    for role in ("visitor", "moderator"):
        viewer = client_as(world, role)
        assert_inert_html(viewer.get(world.b.url), f"thread as {role}")
        assert_inert_html(viewer.get(topic.url), f"topic as {role}")
        assert_inert_html(viewer.get(world.topic_index.url), "topic space")
    assert_inert_html(client_as(world, "moderator").get(reverse("governance:queue")), "moderation desk")
    assert PAYLOADS[7].split("]")[0][1:] in client_as(world, "visitor").get(topic.url).content.decode()


def test_api_writes_and_imports_are_inert(world, client_as):
    token = ApiToken(name="Partenaire", user=world.users["editor"], profile=world.a)
    key = token.generate_key()
    token.save()
    response = client_as(world, "visitor").patch(
        f"/api/v1/alternatives/{world.a.pk}/",
        {"short_description": PAYLOADS[1], "description": PAYLOADS[5] + PAYLOADS[0], "opening_hours": PAYLOADS[2]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 202, response.content
    world.a.get_latest_revision().publish()

    rows = io.StringIO()
    csv.writer(rows).writerows(
        [
            ["Id", "Nom", "Description", "Code postal"],
            ["X1", PAYLOADS[5] + " " + PAYLOADS[4], PAYLOADS[6] + PAYLOADS[5], "1000"],
            ["X2", PAYLOADS[3], "Rien que du code.", "1000"],
        ]
    )
    source = ImportSource(
        name="Source xss",
        kind=ImportSource.CSV,
        locale=world.homes["fr"].locale,
        licence="CC-BY-4.0",
        id_field="Id",
        mapping=[
            {"source": "Nom", "field": "title"},
            {"source": "Description", "field": "description"},
            {"source": "Code postal", "field": "postcode"},
        ],
    )
    source.file.save("xss.csv", ContentFile(rows.getvalue().encode()), save=False)
    source.save()
    run = run_source(source)
    # Markup in a plain-text field is reduced to its text; a name that is nothing but markup is refused, not written.
    assert run.created == 1, run.report
    refused = next(row for row in run.report if row["external_id"] == "X2")
    assert refused["status"] == "error" and not AlternativePage.objects.filter(title__contains="xss4").exists()
    imported = AlternativePage.objects.get(title='lien xss6 javascript:alert("xss5")')
    assert "javascript:" not in imported.description and "<script" not in imported.description

    visitor = client_as(world, "visitor")
    for page in (world.a, imported):
        assert_inert_html(visitor.get(page.url), page.title)
        assert_inert_json(visitor.get(f"/api/v1/profiles/{page.pk}/"), page.title)
    assert_inert_html(visitor.get(world.directory.url), "map page")
