"""Content-Security-Policy: a strict policy for the public site, a relaxed one for the admin and API docs.

The public templates load only self-hosted scripts and styles; Wagtail's admin and the API documentation
pages still carry inline scripts, so paths listed in `CONTENT_SECURITY_POLICY_RELAXED_PREFIXES` get
`CONTENT_SECURITY_POLICY_RELAXED` instead of the site policy.
"""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def tile_origin(tile_url):
    """The origin a map tile URL template loads from, e.g. `https://*.tile.example.org`, or None."""
    parts = urlsplit(tile_url.replace("{s}.", "*.").replace("{s}", "*"))
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        prefixes = tuple(getattr(settings, "CONTENT_SECURITY_POLICY_RELAXED_PREFIXES", ()))
        if not report_only and parts.config is None and prefixes and request.path_info.startswith(prefixes):
            return PolicyParts(
                settings.CONTENT_SECURITY_POLICY_RELAXED["DIRECTIVES"], parts.update, parts.replace, parts.nonce
            )
        return parts
