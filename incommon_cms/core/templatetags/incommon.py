from django import template

from incommon_cms.core.i18n import page_alternates, path_alternates
from incommon_cms.core.i18n import translation_notice as page_translation_notice
from incommon_cms.core.navigation import main_nav
from incommon_cms.core.translations import content_language as language_of

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


@register.simple_tag(takes_context=True)
def translation_notice(context):
    """The untranslated/outdated notice of the current Wagtail page, or None."""
    page = context.get("page")
    if page is None or not hasattr(page, "translation_key"):
        return None
    return page_translation_notice(page)


@register.filter
def content_language(page):
    """The language a page's text is written in (its source's for an untranslated copy)."""
    return language_of(page)
