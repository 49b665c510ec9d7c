"""The OpenAPI schema documents the open API only, not Wagtail's internal admin endpoints."""

PUBLIC_API_PREFIX = "/api/v1/"


def only_public_api(endpoints):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PUBLIC_API_PREFIX)]
