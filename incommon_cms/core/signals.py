"""Untranslated copies follow their source: created on publish, deleted with it; the translators' group exists."""

from django.db.models.signals import post_migrate, pre_delete
from wagtail.models import Page
from wagtail.signals import page_published

from .translations import ensure_aliases, ensure_translators_group


def _page_published(sender, instance, **kwargs):
    ensure_aliases(instance)


def _page_deleted(sender, instance, **kwargs):
    """An untranslated copy has nothing of its own: it goes with its source (Wagtail would keep it, unlinked)."""
    if not isinstance(instance, Page) or instance.alias_of_id:
        return
    for alias in Page.objects.filter(alias_of=instance).exclude(locale_id=instance.locale_id):
        alias.delete()


def _post_migrate(sender, **kwargs):
    ensure_translators_group()


def connect(app_config):
    page_published.connect(_page_published, dispatch_uid="core-translation-aliases")
    pre_delete.connect(_page_deleted, dispatch_uid="core-translation-aliases-delete")
    post_migrate.connect(_post_migrate, sender=app_config, dispatch_uid="core-translators-group")
