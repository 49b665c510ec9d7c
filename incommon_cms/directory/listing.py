"""The map page's context: filters, the paginated list of results and what the map script needs."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext as _
from taggit.models import Tag

from .filtersets import ProfileFilterSet
from .geojson import category_legend, type_labels, with_stale_flag
from .layers import layers_for
from .map import EMBED_HEIGHT, embed_url, map_config
from .models import KIND_CHOICES, Commune, ProfileTag
from .selectors import profiles_for_language

PAGE_SIZE = 24
TAG_SUGGESTIONS = 40


def filter_options(language):
    tag_ids = ProfileTag.objects.values("tag_id")
    tags = (
        Tag.objects.filter(pk__in=tag_ids)
        .annotate(uses=Count("directory_profiletag_items"))
        .order_by("-uses", "name")
        .values_list("slug", "name")[:TAG_SUGGESTIONS]
    )
    return {
        "types": list(type_labels().items()),
        "kinds": [(code, str(label)) for code, label in KIND_CHOICES],
        "categories": category_legend(language),
        "communes": sorted(Commune.objects.all(), key=lambda commune: (not commune.in_brussels_region, commune.name)),
        "tags": list(tags),
    }


def embed_snippet(request, language, params):
    src = request.build_absolute_uri(embed_url(language, params))
    return format_html(
        '<iframe src="{}" title="{}" width="100%" height="{}" style="border:0" loading="lazy"></iframe>',
        src,
        _("Map of the alternatives in Brussels"),
        EMBED_HEIGHT,
    )


def directory_listing(page, request):
    language = page.locale.language_code
    filterset = ProfileFilterSet(request.GET, queryset=profiles_for_language(language))
    filters, errors = filterset.cleaned(), filterset.reasons()
    results = filterset.qs if not errors else filterset.queryset
    results = with_stale_flag(
        results.select_related("commune", "locale", "alias_of__locale").prefetch_related("categories")
    )
    results = results.order_by("title", "pk")
    paginator = Paginator(results, PAGE_SIZE)
    profiles = paginator.get_page(request.GET.get("page"))
    params = [] if errors else filters.as_params()
    embed_params = [] if errors else filters.as_params(include_bbox=False)
    legend = category_legend(language)
    layers = layers_for(request, language, filters)
    page_params = list(params)
    for layer in layers:
        errors = {**layer["context"].get("errors", {}), **errors}
        page_params.extend(layer["context"].get("params", []))
    config = map_config(language, params)
    config["layers"] = [layer["context"]["config"] for layer in layers if layer["context"].get("config")]
    return {
        "filters": filters,
        "filter_errors": errors,
        "profiles": profiles,
        "result_count": paginator.count,
        "page_range": paginator.get_elided_page_range(profiles.number, on_each_side=2, on_ends=1),
        "query_string": urlencode(page_params),
        "map_config": config,
        "map_layers": layers,
        "options": filter_options(language),
        "legend": legend,
        "type_labels": type_labels(),
        "embed_snippet": embed_snippet(request, language, embed_params),
        "embed_url": embed_url(language, embed_params),
    }
