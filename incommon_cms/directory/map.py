"""What the map script needs to draw a map: feed URL, tiles and starting view (rendered with `json_script`)."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

EMBED_HEIGHT = 450


def feed_url(language, params=()):
    return f"{reverse('directory:geojson')}?{urlencode([('lang', language), *params])}"


def embed_url(language, params=()):
    return f"{reverse('directory:embed_map')}?{urlencode([*params, ('lang', language)])}"


def map_config(language, params=(), zoom=12):
    latitude, longitude = settings.MAP_DEFAULT_CENTER
    return {
        "geojsonUrl": feed_url(language, params),
        "tileUrl": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "center": [latitude, longitude],
        "zoom": zoom,
        "language": language,
    }
