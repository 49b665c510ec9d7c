"""Read-side queries on the directory, shared by pages, the map, search and the API."""

from django.conf import settings
from django.db.models import Q
from wagtail.models import Locale

from .models import ProfilePage


def public_profiles(locale=None):
    qs = ProfilePage.objects.live().public().select_related("commune", "locale")
    if locale is not None:
        qs = qs.filter(locale=locale)
    return qs


def latest_profiles(locale=None, limit=6):
    return list(public_profiles(locale).order_by("-first_published_at").specific()[:limit])


def language_preference(language_code):
    """The order in which versions of a profile are chosen for a reader: theirs, the default language, the rest."""
    codes = [code for code, _name in settings.LANGUAGES]
    order = [language_code, settings.LANGUAGE_CODE, *codes]
    return list(dict.fromkeys(code for code in order if code in codes))


def profiles_for_language(language_code, queryset=None):
    """Public profiles for readers of `language_code`: one version per profile.

    A profile appears in the reader's language when it has a live version in it, otherwise in the first language
    of `language_preference` that has one, so untranslated profiles are shown rather than hidden. `queryset`
    narrows the result (filters); the choice of version always looks at every live public version.
    """
    everything = public_profiles()
    queryset = everything if queryset is None else queryset
    locale_ids = dict(Locale.objects.values_list("language_code", "pk"))
    chosen = Q(pk__in=[])
    earlier = []
    for code in language_preference(language_code):
        if code not in locale_ids:
            continue
        condition = Q(locale_id=locale_ids[code])
        for previous in earlier:
            condition &= ~Q(translation_key__in=everything.filter(locale_id=previous).values("translation_key"))
        chosen |= condition
        earlier.append(locale_ids[code])
    return queryset.filter(chosen)
