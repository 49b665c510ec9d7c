"""The one way the platform downloads from an address someone gave it: import sources, their API pages, calendars.

    response, body = fetch(url, "calendar")     # or FetchError, whose str() is a translated sentence

The contract, and why:

- Only http:// and https://. The host is resolved and **every** address it resolves to must be public: private,
  loopback, link-local, shared, multicast, reserved and unspecified addresses are refused before any connection.
  A platform that downloads what its members point it to must not become their way into its own network (a
  database on localhost, the cloud's metadata service at 169.254.169.254, the host provider's intranet).
  `INCOMMON_FETCH_ALLOW_PRIVATE` lifts the rule: True for every address (development), or a list of networks
  (e.g. ``["10.8.0.0/16"]`` for a partner's server reached through a VPN).
- Redirects are followed here, at most `MAX_REDIRECTS`, and each new address is checked the same way: a public
  server cannot bounce the platform to a private one.
- The body is held to the size limit of its kind (`core.limits`, setting `INCOMING_SIZE_LIMITS`): a declared
  `Content-Length` above it is refused before reading, and reading stops as soon as the decompressed bytes pass it.
- The whole download (connections, redirects, reading) has one time budget, `INCOMMON_FETCH_TIME_BUDGET` seconds:
  a server that answers one byte at a time cannot hold a worker.
- An HTTP error status is a FetchError too, as are unreachable and unknown hosts.

Known limit: the host is resolved here and once more by the HTTP client; a name server that answers differently
within that instant (DNS rebinding) is not caught.
"""

import ipaddress
import socket
import time
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from django.conf import settings
from django.utils.translation import gettext as _

from incommon_cms.core.limits import TooLarge, max_bytes

MAX_REDIRECTS = 5
CHUNK = 64 * 1024
DEFAULT_TIME_BUDGET = 60
USER_AGENT = "InCommon/1.0 (+https://github.com/incommon)"


class FetchError(Exception):
    """The address could not be downloaded; `str()` is a translated sentence saying why."""


def time_budget() -> float:
    """Seconds a whole download may take (setting `INCOMMON_FETCH_TIME_BUDGET`)."""
    return float(getattr(settings, "INCOMMON_FETCH_TIME_BUDGET", DEFAULT_TIME_BUDGET))


def is_public(address: str) -> bool:
    """Whether an IP address is one the platform may download from without `INCOMMON_FETCH_ALLOW_PRIVATE`."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved or ip.is_unspecified
    )


def is_allowed(address: str) -> bool:
    """A public address, or one the setting `INCOMMON_FETCH_ALLOW_PRIVATE` lets through."""
    if is_public(address):
        return True
    allowed = getattr(settings, "INCOMMON_FETCH_ALLOW_PRIVATE", False)
    if allowed is True:
        return True
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return any(ip in ipaddress.ip_network(network, strict=False) for network in allowed or ())


def check_address(url: str) -> None:
    """Refuse a URL that is not http(s), whose host is unknown, or that resolves to an address not allowed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(_("“%(url)s” is not a web address (http:// or https://).") % {"url": url})
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)}
    except (socket.gaierror, UnicodeError, ValueError) as error:
        raise FetchError(_("The host %(host)s cannot be found.") % {"host": parts.hostname}) from error
    for address in sorted(addresses):
        if not is_allowed(address):
            raise FetchError(
                _(
                    "%(host)s leads to a private or reserved network address (%(address)s): the platform does not "
                    "download from there."
                )
                % {"host": parts.hostname, "address": address}
            )


def too_slow() -> FetchError:
    return FetchError(
        _("The download took longer than %(seconds)s seconds and was stopped.") % {"seconds": f"{time_budget():g}"}
    )


def read_body(response: requests.Response, kind: str, limit: int, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(kind)
    body = bytearray()
    while True:
        if time.monotonic() > deadline:
            raise too_slow()
        data = response.raw.read1(CHUNK, decode_content=True)
        if not data:
            if response.raw.closed:
                return bytes(body)
            continue
        body += data
        if len(body) > limit:
            raise TooLarge(kind)


def fetch(url: str, kind: str, *, headers: dict | None = None, already: int = 0) -> tuple[requests.Response, bytes]:
    """(response, body) of a GET of `url` under the rules above; `already` bytes read before (the earlier pages of
    an API) count against the size limit of `kind`. Raises FetchError."""
    deadline = time.monotonic() + time_budget()
    limit = max_bytes(kind) - already
    current = url
    with requests.Session() as session:
        for _hop in range(MAX_REDIRECTS + 1):
            check_address(current)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise too_slow()
            try:
                response = session.get(
                    current,
                    stream=True,
                    allow_redirects=False,
                    timeout=remaining,
                    headers={"User-Agent": USER_AGENT, **(headers or {})},
                )
            except requests.Timeout as error:
                raise too_slow() from error
            except requests.RequestException as error:
                raise FetchError(_("The server could not be reached: %(error)s") % {"error": error}) from error
            with response:
                if response.is_redirect:
                    current = urljoin(current, response.headers["Location"])
                    continue
                if response.status_code >= 400:
                    raise FetchError(
                        _("The server answered with HTTP error %(status)s.") % {"status": response.status_code}
                    )
                try:
                    return response, read_body(response, kind, limit, deadline)
                except TooLarge as error:
                    raise FetchError(str(error)) from error
                except (urllib3.exceptions.HTTPError, requests.RequestException, OSError) as error:
                    if time.monotonic() > deadline or isinstance(error, urllib3.exceptions.ReadTimeoutError):
                        raise too_slow() from error
                    raise FetchError(_("The server could not be reached: %(error)s") % {"error": error}) from error
    raise FetchError(_("The server redirected more than %(count)s times.") % {"count": MAX_REDIRECTS})
