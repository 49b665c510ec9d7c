"""A small cache-based rate limiter for anonymous and member forms (reports, comments, submissions, API writes)."""

import time

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The client's address: from X-Forwarded-For as set by the trusted proxies in front, else REMOTE_ADDR.

    With `ALLAUTH_TRUSTED_PROXY_COUNT` = n, the n-th address from the right is the one the outermost trusted proxy
    saw; anything left of it may be forged by the client. allauth's own limits (login, sign-up) read the same setting.
    """
    count = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    forwarded = [ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if ip.strip()]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "unknown")


def hit(scope, key, limit, period):
    """Count one attempt for (scope, key); True while at most `limit` attempts happened in the last `period` s."""
    window = int(time.time() // period)
    cache_key = f"ratelimit:{scope}:{key}:{window}"
    cache.add(cache_key, 0, timeout=period)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, timeout=period)
        count = 1
    return count <= limit


def allow_request(request, scope, limit, period, per_user=True):
    """Rate-limit by user when signed in (if `per_user`), else by IP address."""
    user = getattr(request, "user", None)
    key = f"user:{user.pk}" if per_user and user is not None and user.is_authenticated else f"ip:{client_ip(request)}"
    return hit(scope, key, limit, period)
