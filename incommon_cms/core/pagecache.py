"""Whole-page cache of Wagtail pages for anonymous visitors.

Only the responses of Wagtail's page-serving view are cached, and only when they are the same for every
anonymous visitor: a GET/HEAD without a session or messages cookie, a 200 response that set no cookie, did not
ask for a CSRF token (so pages with forms are never cached) nor a CSP nonce, did not touch the session and is
not marked private.
The key holds the host, the scheme, the full path with its query string and the active language.

Invalidation is by generation: any write to content (pages, snippets, settings, categories, images, comments,
redirects, any new app's rows...) bumps a site-wide counter, which makes every cached page stale at once. Only the
libraries' bookkeeping and the models an app declares unshown (`ignore_writes_to`, from its `AppConfig.ready()`:
counters, private rows, tokens) keep the cache: forgetting to declare a model costs a cache refill, never a stale
page. Entries also expire after
`PAGE_CACHE_TIMEOUT` seconds (default 300), since some pages depend on the time ("upcoming events").
Set `PAGE_CACHE_TIMEOUT = 0` to turn the cache off.

A page served from the cache skips Wagtail's `before_serve_page` hooks; code that must see every view (the
ecosystem's audience counter) listens to `page_served_from_cache` instead.
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal
from django.utils import translation

GENERATION_KEY = "core:pagecache:generation"
KEY_PREFIX = "core:pagecache:page"
HIT_HEADER = "X-Page-Cache"

# Every write empties the cache (a new app's content shows at once), except writes of Django's, Wagtail's and the
# libraries' bookkeeping, which no page shows: sessions, admin logs and editing heartbeats, search index rows, queued
# tasks, allauth's e-mail rows, groups and permissions.
BOOKKEEPING_APPS = {
    "sessions",
    "admin",
    "contenttypes",
    "auth",
    "account",
    "django_tasks_database",
    "wagtailsearch",
    "wagtailadmin",
    "wagtailusers",
}
# Rows derived while a page is served (image renditions, embed previews) or bookkeeping of content changes that
# already empty the cache by themselves (the reference index).
DERIVED_MODELS = {"wagtailimages.rendition", "wagtailembeds.embed", "wagtailcore.referenceindex"}
_unshown_models = set(DERIVED_MODELS)


def ignore_writes_to(*models):
    """Declare models whose rows no page shows (counters, private data, tokens): their writes keep the cache.

    Called by the app that owns them, from its `AppConfig.ready()`."""
    _unshown_models.update(model._meta.label_lower for model in models)


def unshown_models():
    return frozenset(_unshown_models)


SKIPPED_COOKIES = ("messages",)

# Sent with `page_id`, `page_model` (the page's specific model class) and `request` when a cached page is served.
page_served_from_cache = Signal()


def timeout():
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 300)


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def invalidate(**_kwargs):
    """Make every cached page stale."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


# Saves of only these fields change no page: a login records `last_login` and must not empty the cache.
UNSHOWN_FIELDS = {"last_login"}


def content_changed(sender, update_fields=None, **kwargs):
    if sender._meta.app_label in BOOKKEEPING_APPS or sender._meta.label_lower in _unshown_models:
        return
    if update_fields and set(update_fields) <= UNSHOWN_FIELDS:
        return
    invalidate()


def connect():
    post_save.connect(content_changed, dispatch_uid="core-pagecache-save")
    post_delete.connect(content_changed, dispatch_uid="core-pagecache-delete")
    m2m_changed.connect(content_changed, dispatch_uid="core-pagecache-m2m")


def _key(request):
    fingerprint = "|".join(
        [request.scheme, request.get_host(), request.get_full_path(), translation.get_language() or ""]
    )
    return f"{KEY_PREFIX}:{generation()}:{hashlib.sha256(fingerprint.encode()).hexdigest()}"


def _anonymous_request(request):
    if request.method not in ("GET", "HEAD") or timeout() <= 0:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or any(name in request.COOKIES for name in SKIPPED_COOKIES):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _cacheable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    if getattr(getattr(request, "_messages", None), "added_new", False):
        return False
    if getattr(request, "_csp_nonce", None):  # a per-request CSP nonce in the page: never the same twice
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return "private" not in cache_control and "no-cache" not in cache_control and "no-store" not in cache_control


class PageCacheMiddleware:
    """Serve Wagtail pages to anonymous visitors from the cache; see the module's docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key and _cacheable_response(request, response):
            if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                response.render()
            cache.set(key, (getattr(request, "_page_cache_page", None), response), timeout())
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.url_name != "wagtail_serve" or not _anonymous_request(request):
            return None
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            page, response = cached
            if page:
                page_id, label = page
                page_served_from_cache.send(
                    sender=PageCacheMiddleware, page_id=page_id, page_model=apps.get_model(label), request=request
                )
            response[HIT_HEADER] = "hit"
            return response
        request._page_cache_key = key
        return None


def remember_page(page, request, serve_args, serve_kwargs):
    """`before_serve_page` hook: the page being served, kept with its cached response."""
    request._page_cache_page = (page.pk, (page.specific_class or type(page))._meta.label)
