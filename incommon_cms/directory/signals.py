"""Keep the cached map data in step with what is published."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import geojson
from .models import Category, Commune, DirectoryIndexPage, ProfilePage


def _affects_map(instance):
    return isinstance(instance, ProfilePage | DirectoryIndexPage) or (
        isinstance(instance, Page) and issubclass(instance.specific_class or Page, ProfilePage | DirectoryIndexPage)
    )


def page_changed(sender, instance, **kwargs):
    if _affects_map(instance):
        geojson.invalidate()


def reference_changed(sender, instance, **kwargs):
    geojson.invalidate()


def connect():
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(page_changed, dispatch_uid=f"directory-geojson-{id(signal)}")
    post_delete.connect(page_changed, dispatch_uid="directory-geojson-delete")
    for model in (Category, Commune, PageViewRestriction):
        post_save.connect(reference_changed, sender=model, dispatch_uid=f"directory-geojson-save-{model.__name__}")
        post_delete.connect(reference_changed, sender=model, dispatch_uid=f"directory-geojson-del-{model.__name__}")
