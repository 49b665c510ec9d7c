"""The main navigation: each entry points at the section's index page in the reader's language."""

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

MAIN_NAV = [
    ("map", _("Map"), "directory.DirectoryIndexPage"),
    ("agenda", _("Agenda"), "agenda.AgendaIndexPage"),
    ("toolbox", _("Toolbox"), "toolbox.ToolboxIndexPage"),
    ("knowledge", _("Knowledge"), "toolbox.KnowledgeIndexPage"),
    ("discussions", _("Discussions"), "discussions.TopicIndexPage"),
    ("sharing", _("Sharing"), "url:sharing:board"),
    ("search", _("Search"), "url:search"),
]


def _section_url(target, locale):
    if target.startswith("url:"):
        try:
            return reverse(target[4:])
        except NoReverseMatch:
            return None
    try:
        model = apps.get_model(target)
    except LookupError:
        return None
    pages = model.objects.live()
    page = pages.filter(locale=locale).first() or pages.first()
    return page.get_url() if page else None


def main_nav(request):
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = None
    items = []
    for key, label, target in MAIN_NAV:
        url = _section_url(target, locale)
        if url:
            active = request is not None and url != "/" and request.path.startswith(url)
            items.append({"key": key, "label": label, "url": url, "active": active})
    return items
