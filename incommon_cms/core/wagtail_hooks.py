from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import pagecache, roles
from .translations import OUTDATED, alias_locales, translation_queue

hooks.register("before_serve_page", pagecache.remember_page)


def translation_queue_view(request):
    """Pages translators have to translate or bring up to date, with wagtail-localize's translate links."""
    if not roles.can_see_translation_queue(request.user):
        raise PermissionDenied
    codes = [locale.language_code for locale in alias_locales()]
    language = request.GET.get("language", "")
    if language not in codes:
        language = ""
    items = translation_queue(language or None)
    return TemplateResponse(
        request,
        "core/admin/translation_queue.html",
        {
            "items": items,
            "languages": codes,
            "language": language,
            "outdated_count": sum(1 for item in items if item.status == OUTDATED),
        },
    )


@hooks.register("register_admin_urls")
def register_translation_queue_url():
    return [path("translation-queue/", translation_queue_view, name="incommon_translation_queue")]


class TranslationQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.can_see_translation_queue(request.user)


@hooks.register("register_admin_menu_item")
def register_translation_queue_menu_item():
    return TranslationQueueMenuItem(
        _("Translation queue"), reverse("incommon_translation_queue"), icon_name="globe", order=250
    )
