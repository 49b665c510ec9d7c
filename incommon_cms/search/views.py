from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language

from incommon_cms.core.ratelimit import allow_request

from . import service

FILTERS = ("type", "category", "commune", "date")
PAGE_SIZE = 20


def search(request):
    language = (get_language() or "fr").split("-")[0]
    query = request.GET.get("q", "").strip()[:200]
    filters = {name: request.GET.get(name, "").strip() for name in FILTERS if request.GET.get(name, "").strip()}
    outcome = service.search(query, language, filters)
    page = Paginator(outcome.results, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "outcome": outcome,
            "results": page,
            "filters": filters,
            "querystring": params.urlencode(),
            "facet_titles": service.FACET_TITLES,
        },
    )


def autocomplete(request):
    language = (get_language() or "fr").split("-")[0]
    if not allow_request(request, "search-autocomplete", limit=120, period=60):
        return JsonResponse({"results": [], "error": "rate-limited"}, status=429)
    query = request.GET.get("q", "").strip()[:100]
    return JsonResponse({"query": query, "results": service.autocomplete(query, language)})
