"""Untranslated pages and the translators' queue.

A page written in one language is shown in the others before anyone translates it: an *alias* (Wagtail's
`copy_for_translation(alias=True)`) is created in each language of `INCOMMON_TRANSLATION_ALIAS_LANGUAGES` that lacks
a version. Wagtail keeps aliases in step with their source on every publish; wagtail-localize turns an alias into a
real translation when translators translate it. `INCOMMON_TRANSLATION_ALIASES = False` switches aliases off (readers
then get the source language's page, as listings already do).

    ensure_aliases(page)            # on publish (signal) and by `manage.py sync_translations`
    translation_status(page)        # "source", "translated", "outdated" or "untranslated"
    content_language(page)          # the language the page's text is written in
    translation_queue()             # what translators have to do
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail_localize.models import TranslationSource

from .roles import TRANSLATORS_GROUP

SOURCE = "source"
TRANSLATED = "translated"
OUTDATED = "outdated"
UNTRANSLATED = "untranslated"


_deferred = ContextVar("incommon_aliases_deferred", default=False)


def aliases_enabled():
    return getattr(settings, "INCOMMON_TRANSLATION_ALIASES", True)


@contextmanager
def aliases_deferred():
    """No copies on publish inside the block (bulk loads translate as they go); run `sync_all()` afterwards."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def alias_locales():
    codes = getattr(settings, "INCOMMON_TRANSLATION_ALIAS_LANGUAGES", ("fr", "nl"))
    return list(Locale.objects.filter(language_code__in=codes))


def content_language(page):
    """The language a page's text is written in: its source's for an alias."""
    if page.alias_of_id:
        return page.alias_of.locale.language_code
    return page.locale.language_code


def is_untranslated_copy(page):
    return bool(page.alias_of_id) and page.alias_of.locale_id != page.locale_id


def _versions(page):
    return Page.objects.filter(translation_key=page.translation_key)


def original_of(page):
    """The version `page` is (or will be) translated from: an alias's source, else wagtail-localize's source or the
    oldest version; the page itself when it is the original."""
    if page.alias_of_id:
        return page.alias_of.specific
    return _original(list(_versions(page).filter(alias_of__isnull=True)), _source_info(page.translation_key))


@transaction.atomic
def ensure_aliases(page):
    """Create an alias of `page` in each alias language that has no version of it yet; returns the new aliases.

    Language roots (home pages) are never aliased, and a page whose parent has no version in a language waits
    until the parent has one (parents are handled first by `sync_all`).
    """
    if not aliases_enabled() or _deferred.get() or page.alias_of_id or page.depth <= 2:
        return []
    existing = set(_versions(page).values_list("locale_id", flat=True))
    parent = page.get_parent()
    parent_locales = set(_versions(parent).values_list("locale_id", flat=True))
    created = []
    for locale in alias_locales():
        if locale.pk in existing or locale.pk not in parent_locales:
            continue
        created.append(page.specific.copy_for_translation(locale, alias=True))
    return created


def sync_all():
    """Aliases for every page missing in an alias language, parents first; returns how many were created."""
    if not aliases_enabled():
        return 0
    created = 0
    for page in Page.objects.filter(depth__gt=2, alias_of__isnull=True).order_by("path"):
        created += len(ensure_aliases(page))
    return created


def _source_info(translation_key):
    """(pk, locale id, last synced) of wagtail-localize's source for these versions, or None."""
    return (
        TranslationSource.objects.filter(object_id=translation_key)
        .values_list("pk", "locale_id", "last_updated_at")
        .first()
    )


def _original(real_versions, source):
    """The version the others are translated from: wagtail-localize's source, else the oldest."""
    if source is not None:
        for page in real_versions:
            if page.locale_id == source[1]:
                return page
    return min(real_versions, key=lambda page: page.pk)


def _is_outdated(page, original, source):
    changed_at = original.last_published_at
    if changed_at is None:
        return False
    if source is not None and source[1] == original.locale_id:
        return changed_at > source[2]
    return bool(page.last_published_at) and changed_at > page.last_published_at


def translation_status(page):
    """`source` for the original, `untranslated` for an alias, `outdated` when the source was published after the
    translation was made (or last synced with wagtail-localize's "Sync translated pages"), else `translated`."""
    if page.alias_of_id:
        return UNTRANSLATED
    source = _source_info(page.translation_key)
    original = _original(list(_versions(page).filter(alias_of__isnull=True)), source)
    if original.pk == page.pk:
        return SOURCE
    return OUTDATED if _is_outdated(page, original, source) else TRANSLATED


@dataclass
class QueueItem:
    original: Page
    page: Page | None
    language: str
    status: str
    translate_url: str


def _translate_url(original, page, status, sources):

    if status == OUTDATED:
        source_pk = sources.get(original.translation_key, (None, None, None))[0]
        if source_pk is not None:
            return reverse("wagtail_localize:update_translations", args=[source_pk])
        return reverse("wagtailadmin_pages:edit", args=[page.pk])
    return reverse("wagtail_localize:submit_page_translation", args=[original.pk])


def translation_queue(language=None):
    """Pages waiting for translators, in tree order: untranslated (an alias or no version at all in a queue
    language) and outdated (the source was published after the translation was made or last synced)."""

    locales = {locale.pk: locale.language_code for locale in alias_locales()}
    if language:
        locales = {pk: code for pk, code in locales.items() if code == language}
    pages = list(Page.objects.filter(depth__gt=1).select_related("locale").order_by("path"))
    by_key, key_by_path = {}, {}
    for page in pages:
        by_key.setdefault(page.translation_key, []).append(page)
        key_by_path[page.path] = page.translation_key
    sources = {
        key: (pk, locale_id, updated)
        for pk, key, locale_id, updated in TranslationSource.objects.values_list(
            "pk", "object_id", "locale_id", "last_updated_at"
        )
    }
    items = []
    for key, versions in by_key.items():
        if versions[0].depth <= 2:
            continue
        real = [page for page in versions if not page.alias_of_id]
        if not real:
            continue
        original = _original(real, sources.get(key))
        parent_locales = {p.locale_id for p in by_key.get(key_by_path.get(original.path[: -Page.steplen]), [])}
        present = {page.locale_id: page for page in versions}
        for locale_id, code in locales.items():
            page = present.get(locale_id)
            if page is not None and page.pk == original.pk:
                continue
            if page is None or page.alias_of_id:
                if page is None and locale_id not in parent_locales:
                    continue
                status = UNTRANSLATED
            elif _is_outdated(page, original, sources.get(key)):
                status = OUTDATED
            else:
                continue
            items.append(QueueItem(original, page, code, status, _translate_url(original, page, status, sources)))
    return items


TRANSLATOR_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtail_localize", "translatableobject", "submit_translation"),
    ("directory", "category", "add_category"),
    ("directory", "category", "change_category"),
    ("toolbox", "tooltheme", "add_tooltheme"),
    ("toolbox", "tooltheme", "change_tooltheme"),
]
TRANSLATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def ensure_translators_group():
    """The translators' Wagtail group: admin access, wagtail-localize, taxonomies and page translation rights."""
    group, _created = Group.objects.get_or_create(name=TRANSLATORS_GROUP)
    for app_label, model, codename in TRANSLATOR_PERMISSIONS:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
        )
        group.permissions.add(permission)
    root = Page.get_first_root_node()
    if root is not None:
        page_type = ContentType.objects.get_for_model(Page)
        for codename in TRANSLATOR_PAGE_PERMISSIONS:
            permission, _created = Permission.objects.get_or_create(
                content_type=page_type, codename=codename, defaults={"name": codename.replace("_", " ")}
            )
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    return group
