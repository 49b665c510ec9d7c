"""The public GeoJSON feed of the directory and the embeddable map."""

from urllib.parse import urlencode

from csp.decorators import csp_replace
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from .filtersets import ProfileFilterSet
from .geojson import cached_feature_collection, last_modified
from .map import map_config
from .models import DirectoryIndexPage, ProfilePage

FEED_MAX_AGE = 300


def _language(request):
    """The `lang` parameter (default: the site's default language) and an error if it is not a site language."""
    requested = request.GET.get("lang", "").strip()
    codes = [code for code, _name in settings.LANGUAGES]
    if not requested:
        return settings.LANGUAGE_CODE, None
    if requested in codes:
        return requested, None
    return settings.LANGUAGE_CODE, _("Unknown language “%(value)s”: use one of %(codes)s.") % {
        "value": requested,
        "codes": ", ".join(codes),
    }


@require_safe
def profiles_geojson(request):
    """Public profiles as GeoJSON, with the map's filters and `bbox`; cached until published data changes."""
    language, language_error = _language(request)
    with translation.override(language):
        filterset = ProfileFilterSet(request.GET, queryset=ProfilePage.objects.none())
        errors = filterset.reasons()
        if language_error:
            errors["lang"] = language_error
        if errors:
            response = JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})
            response["Content-Language"] = language
            return response
    modified = last_modified()
    body, etag, compressed = cached_feature_collection(language, filterset)
    gzipped = "gzip" in request.headers.get("Accept-Encoding", "") and len(compressed) < len(body)
    etag = quote_etag(f"{etag}-gzip" if gzipped else etag)
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        response = HttpResponse(compressed if gzipped else body, content_type="application/geo+json")
        if gzipped:
            response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ["Accept-Encoding"])
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response


def directory_page_for(language):
    pages = DirectoryIndexPage.objects.live().public()
    return pages.filter(locale__language_code=language).first() or pages.first()


def _full_map_url(request, directory_page, params):
    if directory_page is None:
        return ""
    url = request.build_absolute_uri(directory_page.get_url(request))
    return f"{url}?{urlencode(params)}" if params else url


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
@require_safe
def embed_map(request):
    """A chrome-less map for partner sites' iframes: `/embed/map/?category=…&tag=…&lang=…`."""
    language, language_error = _language(request)
    with translation.override(language):
        filterset = ProfileFilterSet(request.GET, queryset=ProfilePage.objects.none())
        filters, errors = filterset.cleaned(), filterset.reasons()
        if language_error:
            errors["lang"] = language_error
        directory_page = directory_page_for(language)
        params = filters.as_params(include_bbox=False)
        context = {
            "filters": filters,
            "errors": errors,
            "language": language,
            "directory_page": directory_page,
            "map_config": map_config(language, params),
            "full_map_url": _full_map_url(request, directory_page, params),
        }
        response = render(request, "directory/embed_map.html", context, status=400 if errors else 200)
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response
