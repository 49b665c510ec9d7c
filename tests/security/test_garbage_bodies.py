"""Garbage sent to every URL of the site and the API never gets a server error.

The URL resolver is walked (`urls.site_routes`, outside the two admins); each route is reached with the real
objects of the permission matrix's world, or with sample values for the routes the matrix leaves to their own
projects. Every URL gets POSTs of bodies no browser sends (broken form encoding, a multipart body without its
boundary, JSON nested thousands deep or holding lone surrogates, bytes that are no UTF-8, a body over the size
limit), and the API's URLs get them as PATCH and PUT too, as an anonymous visitor and as a signed-in member (and
as a partner with a token, whose writes reach the API's parser).
Then the answers a person sees: a body over the limit gets the site's translated 413 page, JSON under /api/.
"""

import datetime
import io
import re
from wsgiref.util import setup_testing_defaults

import pytest
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from django.urls import Resolver404, resolve

from agenda.recurrence import TIMEZONE
from incommon_cms.commons.api import views as api_views
from incommon_cms.commons.models import ApiToken
from incommon_cms.wsgi import application

from .test_permission_matrix import ROUTES
from .urls import site_routes

pytestmark = pytest.mark.django_db

OVER_THE_LIMIT = b"text=" + b"x" * (3 * 1024 * 1024)
FORM = ("application/x-www-form-urlencoded", b"%%%\x00\xff=&&=%zz&a=%ED%A0%80&" + b"b[]=" * 50)
MULTIPART = ("multipart/form-data", b"--no boundary declared\r\n\x00\xff")
JSON = ("application/json", b'{"title": ' + b"[" * 5000 + b"}")
BROKEN_PART = ("multipart/form-data; boundary=xyz", b"--xyz\r\nContent-Disposition: form-data; name\r\n\r\n\xff--")
# (content type, body): every kind of garbage for visitors; for members, the two that reach a form's code; for
# partners, those that reach the API's parser.
GARBAGE = {
    "visitor": [FORM, MULTIPART, BROKEN_PART, JSON, ("application/x-www-form-urlencoded", OVER_THE_LIMIT)],
    "member": [FORM, BROKEN_PART],
    "partner": [
        FORM,
        MULTIPART,
        JSON,
        ("application/json", b'{"title": ' + b"[" * 40 + b"]" * 40 + b"}"),
        ("application/json", b'{"\\ud800": "lone surrogates", "kind": "\\udfff"}'),
        ("application/json", b'{"title": "\xed\xa0\x80 not UTF-8"}'),
    ],
}
SAMPLES = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def filled(route):
    """A path for `route` with sample values in its parameters, or None when that does not resolve."""
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda match: SAMPLES[match.group(1) or "str"], route)
    path = re.sub(r"\((?:\?P<\w+>)?[^()]*\)", "1", path)
    path = "/" + path.replace("^", "").replace("$", "")
    try:
        resolve(path)
    except Resolver404:
        return None
    return path


def every_url(world):
    """{url: route name} covering every route: the matrix's URLs (real objects; one per path, whatever its query
    string), else sample values."""
    urls = {}
    for route, name in site_routes():
        cases = ROUTES.get(name, [])
        for _description, url_for, _expected in cases:
            url = url_for(world)
            if not any(known.split("?")[0] == url.split("?")[0] for known in urls):
                urls[url] = name
        if not cases and (path := filled(route)):
            urls[path] = name
    return urls


def clients(world):
    """(role, client) for an anonymous visitor, a signed-in member of collective A and, for the API, a partner
    holding the token of collective A (whose writes reach the body's parser)."""
    member = Client(raise_request_exception=False)
    member.force_login(world.users["editor"])
    token = ApiToken(name="Partenaire", user=world.users["editor"], profile=world.a)
    key = token.generate_key()
    token.save()
    partner = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {key}")
    return [("visitor", Client(raise_request_exception=False)), ("member", member), ("partner", partner)]


def realistic(world):
    """The world's event proposal as the proposal form stores it (a start, a place), so that confirming it works."""
    start = datetime.datetime.combine(world.today + datetime.timedelta(days=7), datetime.time(18), TIMEZONE)
    world.proposal.data = {"title": "Proposition", "start": start.isoformat(), "street_address": "Rue Haute 10"}
    world.proposal.save()


def test_garbage_bodies_never_get_a_server_error(world, monkeypatch):
    monkeypatch.setattr(api_views, "WRITE_LIMIT_PER_HOUR", 10**6)  # every garbage write reaches the parser
    realistic(world)
    urls = every_url(world)
    assert set(urls.values()) == {name for _route, name in site_routes()}
    failures = []
    for role, client in clients(world):
        for url, name in sorted(urls.items()):
            if role == "partner" and not url.startswith("/api/"):
                continue
            methods = ["post", "patch", "put"] if url.startswith("/api/") else ["post"]
            for method in methods:
                for content_type, body in GARBAGE[role]:
                    # The bytes as they are: the test client would otherwise encode them in the declared charset.
                    send = getattr(client, method)
                    response = send(url, body, content_type="application/octet-stream", CONTENT_TYPE=content_type)
                    if response.status_code >= 500:
                        failures.append(f"{method.upper()} {url} ({name}) as {role}, {content_type}: 500")
            if role == "member" and name == "account_logout":
                client.force_login(world.users["editor"])
    assert not failures, "\n".join(failures)


@pytest.fixture
def wsgi_keeps_test_connection():
    """As Django's test client does: the test's database connection must survive the end of each WSGI request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


CSRF = "a" * 32


def wsgi_post(url, body, content_type, cookie=""):
    """The status of a POST through the site's WSGI application (`incommon_cms.wsgi`), as the server sends it, with
    a CSRF cookie and header as a page's script would send them."""
    path, _, query = url.partition("?")
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_COOKIE": f"csrftoken={CSRF}; {cookie}",
        "HTTP_X_CSRFTOKEN": CSRF,
        "wsgi.input": io.BytesIO(body),
    }
    setup_testing_defaults(environ)
    statuses = []
    result = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
    try:
        b"".join(result)
    finally:
        getattr(result, "close", lambda: None)()
    return int(statuses[0].split()[0])


def test_a_charset_that_is_no_text_encoding_never_gets_a_server_error(world, wsgi_keeps_test_connection):
    """Django cannot even build the request for `charset=bz2_codec` (a codec, not a text encoding): the site's WSGI
    application drops such a charset first."""
    realistic(world)
    member = Client()
    member.force_login(world.users["editor"])
    cookie = f"sessionid={member.cookies['sessionid'].value}"
    failures = []
    for url, name in sorted(every_url(world).items()):
        for content_type in ("application/x-www-form-urlencoded; charset=bz2_codec", "application/json; charset=rot13"):
            for who, session in (("visitor", ""), ("member", cookie)):
                status = wsgi_post(url, b"a=1", content_type, session)
                if status >= 500:
                    failures.append(f"POST {url} ({name}) as {who}, {content_type}: {status}")
    assert not failures, "\n".join(failures)


def browser():
    """A client that checks CSRF tokens and holds a CSRF cookie, as a browser does: the check reads the body."""
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = CSRF
    return client


def test_a_body_over_the_limit_gets_the_sites_413_page_in_the_readers_language(homes):
    client = browser()

    english = client.post("/en/accounts/login/", OVER_THE_LIMIT, content_type="application/x-www-form-urlencoded")
    french = client.post("/fr/accounts/login/", OVER_THE_LIMIT, content_type="application/x-www-form-urlencoded")

    assert english.status_code == 413 and french.status_code == 413
    html = english.content.decode()
    assert '<html lang="en">' in html and 'class="site-header"' in html
    assert "<h1>Too much data sent</h1>" in html
    assert (
        "The request sent more than 2.5\xa0MB of data, the most the site accepts in one go (files sent through an "
        "upload field are counted apart). Shorten the text and send it again." in html
    )
    assert '<html lang="fr">' in french.content.decode()


def test_an_unreadable_form_gets_the_sites_400_page_and_json_under_the_api(homes):
    client = browser()

    page = client.post("/en/accounts/login/", b"--x\r\n", content_type="multipart/form-data")
    api = client.post("/api/v1/alternatives/", b"--x\r\n", content_type="multipart/form-data")

    assert page.status_code == 400
    assert "The site could not read what was sent. Please go back and try again." in page.content.decode()
    assert api.status_code in (400, 401, 403) and api["Content-Type"].startswith("application/json")
