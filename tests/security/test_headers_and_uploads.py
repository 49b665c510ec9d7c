"""Content-Security-Policy, production security settings, and uploads: restricted by type and size, served safely."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from incommon_cms.commons.forms import CalendarFeedForm
from incommon_cms.directory.models import ProfilePage

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_the_site_sends_a_strict_content_security_policy(world, client):
    for url in (world.homes["fr"].url, world.a.url, world.directory.url, world.event.url):
        response = client.get(url)
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert "https://tile.openstreetmap.org" in policy["img-src"]


def test_admin_and_api_docs_get_the_relaxed_policy_and_the_map_embeds_anywhere(world, client):
    client.force_login(world.users["admin"])
    for url in ("/admin/", "/api/v1/docs/"):
        policy = directives(client.get(url)["Content-Security-Policy"])
        assert "'unsafe-inline'" in policy["script-src"], url
        assert policy["object-src"] == ["'none'"]
    embed = client.get(reverse("directory:embed_map"))
    assert directives(embed["Content-Security-Policy"])["frame-ancestors"] == ["*"]
    assert "X-Frame-Options" not in embed


def _production(code):
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    environment.update(
        DJANGO_SETTINGS_MODULE="incommon_cms.settings.production",
        SECRET_KEY="k3y-" + "q8Zr!pW2xY7vN4mB9cT6sL1dF5gH0jK3" * 2,
        ALLOWED_HOSTS="incommon.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_uses_https_only_cookies_hsts_csp_and_rate_limits():
    values = _production(
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'hsts': s.SECURE_HSTS_SECONDS, 'ssl': s.SECURE_SSL_REDIRECT, 'session': s.SESSION_COOKIE_SECURE,"
        "'csrf': s.CSRF_COOKIE_SECURE, 'httponly': s.SESSION_COOKIE_HTTPONLY, 'nosniff': s.SECURE_CONTENT_TYPE_NOSNIFF,"
        "'csp': 'incommon_cms.core.csp.ContentSecurityPolicyMiddleware' in s.MIDDLEWARE,"
        "'limits': s.ACCOUNT_RATE_LIMITS, 'debug': s.DEBUG}))"
    )
    assert values["hsts"] >= 31536000 and values["ssl"] and values["session"] and values["csrf"]
    assert values["httponly"] and values["nosniff"] and values["csp"] and not values["debug"]
    assert values["limits"]["login_failed"] and values["limits"]["signup"]


def test_documents_are_served_as_downloads_or_plain_text_never_sniffed(world, client):
    Document = get_document_model()
    document = Document(title="Notes")
    document.file.save("notes.txt", ContentFile(b"<script>alert('xss')</script>"), save=True)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response["X-Content-Type-Options"] == "nosniff"
    spreadsheet = Document(title="Tableau")
    spreadsheet.file.save("tableau.csv", ContentFile(b"a,b\n1,2\n"), save=True)
    response = client.get(spreadsheet.url)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_document_and_image_uploads_are_restricted_by_type_and_size(world, client_as, settings):
    admin = client_as(world, "admin")
    Document, Image = get_document_model(), get_image_model()
    response = admin.post(
        reverse("wagtaildocs:add"),
        {"title": "Page", "file": SimpleUploadedFile("page.html", b"<script>alert(1)</script>", "text/html")},
    )
    assert response.status_code == 200 and not Document.objects.filter(title="Page").exists()
    assert "html" in response.content.decode() and "error" in response.content.decode()
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10
    response = admin.post(
        reverse("wagtaildocs:add"), {"title": "Gros", "file": SimpleUploadedFile("gros.pdf", b"%PDF-1.4" + b"0" * 100)}
    )
    assert not Document.objects.filter(title="Gros").exists()
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
    response = admin.post(reverse("wagtailimages:add"), {"title": "Logo", "file": SimpleUploadedFile("logo.svg", svg)})
    assert not Image.objects.filter(title="Logo").exists()
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
    assert set(settings.WAGTAILDOCS_EXTENSIONS).isdisjoint({"html", "htm", "svg", "js", "xhtml", "xml"})


def test_calendar_uploads_must_be_small_real_ics_files(world, settings):
    organisers = ProfilePage.objects.filter(pk=world.a.pk)

    def form(name, content):
        return CalendarFeedForm(
            {"name": "Agenda", "organiser": world.a.pk},
            {"file": SimpleUploadedFile(name, content)},
            organisers=organisers,
        )

    good = form("agenda.ics", b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    assert good.is_valid(), good.errors
    html = form("agenda.html", b"<script>alert(1)</script>")
    assert not html.is_valid() and html.errors["file"] == ["Envoyez un fichier de calendrier se terminant par .ics."]
    disguised = form("agenda.ics", b"<html><script>alert(1)</script></html>")
    assert disguised.errors["file"] == ["Ce fichier n’est pas un fichier iCalendar (.ics)."]
    # The calendars' size limit (core.limits), the same for a calendar given by its address.
    settings.INCOMING_SIZE_LIMITS = {**settings.INCOMING_SIZE_LIMITS, "calendar": 1024}
    with translation.override("en"):
        big = form("agenda.ics", b"BEGIN:VCALENDAR\r\n" + b"X" * 2048)
        assert big.errors["file"] == ["This file weighs 2.0\xa0KB; calendars may weigh at most 1.0\xa0KB."]
