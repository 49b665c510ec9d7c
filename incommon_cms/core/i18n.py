"""Language alternates for the switcher and `hreflang` links."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str
    url: str
    current: bool
    exists: bool


def _home_url(language_code):
    home = Page.objects.filter(depth=2, locale__language_code=language_code).live().first()
    return home.url if home else f"/{language_code}/"


def page_alternates(page):
    """One entry per language: the page's own translation when it is live, else that language's home."""
    current = translation.get_language()
    translations = {
        p.locale.language_code: p
        for p in page.get_translations(inclusive=True).live().select_related("locale").specific(defer=True)
    }
    result = []
    for code, name in settings.LANGUAGES:
        translated = translations.get(code)
        url = translated.get_url() if translated else _home_url(code)
        result.append(Alternate(code, name, url, code == current, translated is not None))
    return result


def path_alternates(path):
    """Alternates for a view that is not a Wagtail page: the same URL under each language prefix."""
    current = translation.get_language()
    return [
        Alternate(code, name, translate_url(path, code), code == current, True) for code, name in settings.LANGUAGES
    ]


def active_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()
