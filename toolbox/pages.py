"""Contexts of the toolbox's index pages: the faceted listing of tools (grouped by theme when nothing is filtered)
and of knowledge items. Registered for their page models from the app's ready() (`core.page_context`), so the
models do not import the facets and selectors that read them."""

from .facets import KNOWLEDGE_FACETS, TOOL_FACETS, faceted_search, group_by_theme, title_key
from .models import KnowledgeItemPage, ToolPage
from .selectors import listing


def toolbox_context(page, request):
    tools = listing(page, ToolPage).order_by("title").prefetch_related("themes")
    result = faceted_search(tools, TOOL_FACETS, request.GET, sort_key=title_key)
    context = {"result": result}
    if not result.is_filtered:
        context["theme_groups"] = group_by_theme(result.items, page.locale)
    return context


def knowledge_context(page, request):
    items = (
        listing(page, KnowledgeItemPage).order_by("-date", "title").prefetch_related("themes", "authors__alternative")
    )
    return {"result": faceted_search(items, KNOWLEDGE_FACETS, request.GET)}
