"""Every URL pattern of the site and the API, as (route, name) pairs, to make sure none escapes the matrix."""

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name


def site_routes():
    """(route, name) of every pattern outside the Wagtail and Django admins, routes in their French form."""
    with translation.override("fr"):
        return [
            (route, name or route)
            for route, name in _walk(get_resolver().url_patterns)
            if not route.startswith(("admin/", "django-admin/"))
        ]
