"""Language alternates for the switcher and `hreflang` links."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from .translations import OUTDATED, content_language, is_untranslated_copy, original_of, translation_status


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
    """One entry per language: the page's own translation when it is live, else its untranslated copy in that
    language (shown with a notice), else that language's home. `exists` is true only for real translations, the
    ones `hreflang` may point at."""
    current = translation.get_language()
    versions = list(page.get_translations(inclusive=True).live().select_related("locale").specific(defer=True))
    translations = {p.locale.language_code: p for p in versions if not p.alias_of_id}
    copies = {p.locale.language_code: p for p in versions if p.alias_of_id}
    result = []
    for code, name in settings.LANGUAGES:
        translated = translations.get(code)
        shown = translated or copies.get(code)
        url = shown.get_url() if shown else _home_url(code)
        result.append(Alternate(code, name, url, code == current, translated is not None))
    return result


@dataclass(frozen=True)
class TranslationNotice:
    """What a reader is told about the language of the page: its original, and whether it is untranslated/outdated."""

    language: str
    original_url: str
    untranslated: bool
    outdated: bool


def translation_notice(page):
    """The notice for an untranslated copy (an alias in another language) or an outdated translation, else None."""
    if not hasattr(page, "alias_of_id") or page.depth <= 2:
        return None
    if is_untranslated_copy(page):
        return TranslationNotice(content_language(page), original_of(page).get_full_url(), True, False)
    if page.alias_of_id or translation_status(page) != OUTDATED:
        return None
    original = original_of(page)
    return TranslationNotice(original.locale.language_code, original.get_full_url(), False, True)


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
