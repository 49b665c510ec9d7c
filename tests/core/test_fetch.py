"""The one downloader (core/fetch.py) against a real HTTP server started by the test.

The server listens on 127.0.0.1, a loopback address the downloader refuses unless `INCOMMON_FETCH_ALLOW_PRIVATE`
lets it through: each test says which it needs.
"""

import gzip
import http.server
import threading
import time

import pytest
from django.utils import translation

from incommon_cms.core.fetch import FetchError, fetch, is_public

BODY = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


@pytest.fixture(autouse=True)
def english():
    """The reasons are written in the active language; these tests read them in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def server():
    """`routes[path] = callable(handler)`; the default answers BODY with its length."""
    routes = {}
    stop = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self):
            route = routes.get(self.path)
            if route is None:
                self.send_response(404)
                self.end_headers()
                return
            route(self)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    httpd.routes = routes
    httpd.stop = stop
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    stop.set()
    httpd.shutdown()
    httpd.server_close()


def answer(body, *, length=True, headers=()):
    def route(handler):
        handler.send_response(200)
        if length:
            handler.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)

    return route


def redirect(location):
    def route(handler):
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.end_headers()

    return route


@pytest.fixture
def allow_local(settings):
    settings.INCOMMON_FETCH_ALLOW_PRIVATE = ["127.0.0.1/32"]


def test_a_public_answer_is_returned_with_its_response(server, allow_local):
    server.routes["/agenda.ics"] = answer(BODY, headers=[("Link", '<https://example.org/2>; rel="next"')])

    response, body = fetch(server.url + "/agenda.ics", "calendar")

    assert body == BODY and response.status_code == 200
    assert response.links["next"]["url"] == "https://example.org/2"


def test_a_loopback_address_is_refused_by_default_with_the_reason(server, settings):
    settings.INCOMMON_FETCH_ALLOW_PRIVATE = False
    hits = []
    server.routes["/agenda.ics"] = lambda handler: hits.append(handler.path) or answer(BODY)(handler)

    with pytest.raises(FetchError) as error:
        fetch(server.url + "/agenda.ics", "calendar")

    assert str(error.value) == (
        "127.0.0.1 leads to a private or reserved network address (127.0.0.1): the platform does not download "
        "from there."
    )
    assert hits == []  # refused before any connection


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/x.ics",
        "http://10.1.2.3/x.ics",
        "http://192.168.1.1/x.ics",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/x.ics",
        "http://0.0.0.0/x.ics",
        "http://100.64.0.1/x.ics",
        "http://240.0.0.1/x.ics",
        "http://[::ffff:127.0.0.1]/x.ics",
    ],
)
def test_private_loopback_link_local_and_reserved_addresses_are_refused(url, settings):
    settings.INCOMMON_FETCH_ALLOW_PRIVATE = False

    with pytest.raises(FetchError) as error:
        fetch(url, "import")

    assert "leads to a private or reserved network address" in str(error.value)


def test_public_addresses_are_public():
    assert is_public("93.184.216.34") and is_public("2606:2800:220:1:248:1893:25c8:1946")
    assert not is_public("127.0.0.1") and not is_public("fe80::1%eth0") and not is_public("172.16.0.1")


def test_a_redirect_to_a_private_address_is_refused(server, allow_local):
    server.routes["/agenda.ics"] = redirect("http://169.254.169.254/latest/meta-data/")

    with pytest.raises(FetchError) as error:
        fetch(server.url + "/agenda.ics", "calendar")

    assert str(error.value) == (
        "169.254.169.254 leads to a private or reserved network address (169.254.169.254): the platform does not "
        "download from there."
    )


def test_a_redirect_to_an_allowed_address_is_followed(server, allow_local):
    server.routes["/old.ics"] = redirect("/new.ics")
    server.routes["/new.ics"] = answer(BODY)

    response, body = fetch(server.url + "/old.ics", "calendar")

    assert body == BODY and response.url == server.url + "/new.ics"


def test_endless_redirects_stop(server, allow_local):
    server.routes["/loop"] = redirect("/loop")

    with pytest.raises(FetchError) as error:
        fetch(server.url + "/loop", "import")

    assert str(error.value) == "The server redirected more than 5 times."


def test_every_address_is_allowed_by_the_setting(server, settings):
    settings.INCOMMON_FETCH_ALLOW_PRIVATE = True
    server.routes["/agenda.ics"] = answer(BODY)

    assert fetch(server.url + "/agenda.ics", "calendar")[1] == BODY


def test_only_web_addresses(settings):
    for url in ["file:///etc/passwd", "ftp://example.org/a.ics", "http:///nohost"]:
        with pytest.raises(FetchError) as error:
            fetch(url, "import")
        assert str(error.value) == f"“{url}” is not a web address (http:// or https://)."


def test_an_unknown_host_is_named(settings):
    with pytest.raises(FetchError) as error:
        fetch("http://no-such-host.invalid/a.ics", "import")
    assert str(error.value) == "The host no-such-host.invalid cannot be found."


def test_an_http_error_is_a_fetch_error(server, allow_local):
    with pytest.raises(FetchError) as error:
        fetch(server.url + "/missing.ics", "calendar")
    assert str(error.value) == "The server answered with HTTP error 404."


@pytest.mark.parametrize("length", [True, False])
def test_the_size_cap_of_the_kind(server, allow_local, settings, length):
    settings.INCOMING_SIZE_LIMITS = {"import": 10**6, "calendar": len(BODY) - 1}
    server.routes["/agenda.ics"] = answer(BODY, length=length)

    with pytest.raises(FetchError) as error:
        fetch(server.url + "/agenda.ics", "calendar")

    assert str(error.value) == (f"The file is larger than {len(BODY) - 1}\xa0bytes, the most accepted for calendars.")
    settings.INCOMING_SIZE_LIMITS = {"import": 10**6, "calendar": len(BODY)}
    assert fetch(server.url + "/agenda.ics", "calendar")[1] == BODY


def test_the_size_cap_counts_decompressed_bytes_and_earlier_pages(server, allow_local, settings):
    settings.INCOMING_SIZE_LIMITS = {"import": 10_000, "calendar": 10_000}
    bomb = gzip.compress(b" " * 50_000)
    server.routes["/bomb"] = answer(bomb, headers=[("Content-Encoding", "gzip")])
    server.routes["/page"] = answer(b"x" * 600)

    with pytest.raises(FetchError) as error:
        fetch(server.url + "/bomb", "import")
    assert "larger than" in str(error.value) and len(bomb) < 10_000

    assert fetch(server.url + "/page", "import", already=9_400)[1] == b"x" * 600
    with pytest.raises(FetchError):
        fetch(server.url + "/page", "import", already=9_401)


def test_a_server_dripping_its_answer_is_stopped_by_the_time_budget(server, allow_local, settings):
    settings.INCOMMON_FETCH_TIME_BUDGET = 1

    def drip(handler):
        handler.send_response(200)
        handler.end_headers()
        # Never ends on its own: one byte every 50 ms, until the test is over.
        while not server.stop.is_set():
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(0.05)

    server.routes["/slow.ics"] = drip

    with pytest.raises(FetchError) as error:
        fetch(server.url + "/slow.ics", "calendar")

    assert str(error.value) == "The download took longer than 1 seconds and was stopped."


def test_a_server_that_never_answers_is_stopped_by_the_time_budget(server, allow_local, settings):
    settings.INCOMMON_FETCH_TIME_BUDGET = 1
    server.routes["/silent.ics"] = lambda handler: server.stop.wait(30)

    with pytest.raises(FetchError) as error:
        fetch(server.url + "/silent.ics", "calendar")

    assert str(error.value) == "The download took longer than 1 seconds and was stopped."
