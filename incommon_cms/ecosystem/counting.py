"""Privacy-friendly audience counting: one counter per page and per day, nothing about the visitor is stored.

No cookie is set, no IP address or user agent is kept; requests from declared robots and from browsers asking
not to be tracked (Do Not Track, Global Privacy Control) are not counted.
"""

from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from wagtail.models import Page

from .models import InboundLinkCount, PageViewCount

COUNTED_PAGE_MODELS = ("directory.ProfilePage", "agenda.EventPage", "toolbox.ToolPage")
INBOUND_PATHS = {"/api/": InboundLinkCount.API, "/geo/": InboundLinkCount.API, "/embed/": InboundLinkCount.EMBED}
ROBOT_MARKERS = ("bot", "spider", "crawl", "slurp", "preview", "monitor", "curl", "wget", "python-requests")


def counted_models():
    models = []
    for label in getattr(settings, "ECOSYSTEM_COUNTED_PAGE_MODELS", COUNTED_PAGE_MODELS):
        try:
            models.append(apps.get_model(label))
        except (LookupError, ValueError):
            continue
    return tuple(models)


def is_countable_request(request):
    if request.method != "GET" or getattr(request, "is_preview", False):
        return False
    if request.headers.get("DNT") == "1" or request.headers.get("Sec-GPC") == "1":
        return False
    agent = request.headers.get("User-Agent", "").lower()
    return bool(agent) and not any(marker in agent for marker in ROBOT_MARKERS)


def count_page_view(page, request):
    """Add one view of `page` today if it is a profile, an event or a tool and the request may be counted."""
    return count_view(page.pk, page.specific_class or type(page), request)


def count_view(page_id, page_model, request):
    """The same from the page's id and specific model (a page served from the page cache)."""
    models = counted_models()
    if not models or not issubclass(page_model, models) or not is_countable_request(request):
        return False
    PageViewCount.increment(timezone.localdate(), page_id=page_id)
    return True


def referring_host(request):
    """The host name of the referring site when it is another site than this one, else None."""
    referer = request.headers.get("Referer") or request.headers.get("Origin") or ""
    host = (urlsplit(referer).hostname or "").lower()
    if not host:
        return None
    own = request.get_host().split(":")[0].lower()
    return None if host == own else host[:255]


def inbound_channel(path):
    paths = getattr(settings, "ECOSYSTEM_INBOUND_PATHS", INBOUND_PATHS)
    for prefix, channel in paths.items():
        if path.startswith(prefix):
            return channel
    return None


def resolved_page_id(request):
    """The page a request to the API or an embed is about, when its URL names one by id."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    for name in ("pk", "page_id", "id"):
        value = match.kwargs.get(name)
        if value is not None and str(value).isdigit():
            return Page.objects.filter(pk=int(value)).values_list("pk", flat=True).first()
    return None


class InboundLinkMiddleware:
    """Counts requests to the open API and the embeds coming from other websites, per day and referring host."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        channel = inbound_channel(request.path)
        if channel and response.status_code < 400 and request.method in ("GET", "HEAD"):
            host = referring_host(request)
            if host:
                InboundLinkCount.increment(
                    timezone.localdate(), host=host, channel=channel, page_id=resolved_page_id(request)
                )
        return response
