from django import template

from incommon_cms.core.i18n import page_alternates, path_alternates
from incommon_cms.core.navigation import main_nav

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """Language alternates of the current page (a Wagtail page or any other view)."""
    page = context.get("page")
    request = context.get("request")
    if page is not None and hasattr(page, "get_translations"):
        return page_alternates(page)
    return path_alternates(request.path if request else "/")


@register.simple_tag(takes_context=True)
def navigation(context):
    return main_nav(context.get("request"))


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url
