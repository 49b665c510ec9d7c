"""Which pages a reader sees: one per translation group, in the reader's language when it exists."""

from wagtail.models import Locale


def one_per_translation(pages, locale=None):
    """From pages of several locales, keep one per translation group: the one in `locale`, else the one in the
    default language, else any."""
    try:
        default_id = Locale.get_default().pk
    except Locale.DoesNotExist:
        default_id = None
    wanted_id = getattr(locale, "pk", None)

    def preference(page):
        return 0 if page.locale_id == wanted_id else 1 if page.locale_id == default_id else 2

    chosen = {}
    for page in pages:
        current = chosen.get(page.translation_key)
        if current is None or preference(page) < preference(current):
            chosen[page.translation_key] = page
    return list(chosen.values())


def listing(index_page, model):
    """Live children of `index_page` and of its translations, one per translation group, as a queryset.

    A sheet not yet translated into the reader's language is listed in its original language rather than hidden.
    """
    parents = index_page.get_translations(inclusive=True)
    candidates = model.objects.none()
    for parent in parents:
        candidates |= model.objects.child_of(parent)
    candidates = candidates.live().public().only("pk", "locale_id", "translation_key")
    chosen = one_per_translation(candidates, index_page.locale)
    return model.objects.filter(pk__in=[page.pk for page in chosen])
