"""Helpers for the demo builders (and tests): idempotent creation of pages and their translations."""

from wagtail.models import Locale, Page

DEMO_LANGUAGES = ("fr", "nl")


def locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]


def publish(page, user=None):
    page.save_revision(user=user, log_action=False).publish(user=user, log_action=False)
    return page


def child_page(parent, model, slug, **fields):
    """The child of `parent` with this slug, created and published if missing (fields are set only on creation)."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    return publish(page)


def translation(page, language_code, **fields):
    """The live translation of `page` into `language_code`, created, filled with `fields` and published if missing."""
    target = locale(language_code)
    existing = page.get_translation_or_none(target)
    if existing is not None and not existing.alias_of_id:
        return existing.specific
    if existing is not None:
        # An untranslated copy (alias) becomes the translation, as wagtail-localize does when translating it.
        copy = existing.specific
        copy.alias_of = None
    else:
        copy = page.copy_for_translation(target, copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return publish(copy)


def translated_page(parent, model, slugs, titles, fields_by_language=None, languages=DEMO_LANGUAGES):
    """A page in French under `parent` and its translations, each with its own slug, title and fields.

    `parent` is the French parent; the translations land under the parent's translations.
    """
    fields_by_language = fields_by_language or {}
    source = child_page(parent, model, slugs["fr"], title=titles["fr"], **fields_by_language.get("fr", {}))
    pages = {"fr": source}
    for code in languages:
        if code == "fr" or code not in titles:
            continue
        pages[code] = translation(
            source, code, title=titles[code], slug=slugs.get(code, slugs["fr"]), **fields_by_language.get(code, {})
        )
    return pages


def home_pages():
    return {page.locale.language_code: page.specific for page in Page.objects.filter(depth=2).select_related("locale")}


def translated_names(model, slug, name, **defaults):
    """A translatable named object (category, theme...) in French and its translations, by language.

    `name` is {language: name}; `defaults` are set on the French object when it is created, and its translations
    copy them.
    """
    source, _ = model.objects.get_or_create(slug=slug, locale=locale("fr"), defaults={"name": name["fr"], **defaults})
    objects = {"fr": source}
    for code, translated_name in name.items():
        if code == "fr":
            continue
        translated = source.get_translation_or_none(locale(code))
        if translated is None:
            translated = source.copy_for_translation(locale(code))
            translated.name = translated_name
            translated.save()
        objects[code] = translated
    return objects
