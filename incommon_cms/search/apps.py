from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.search import apps as wagtail_search_apps


class SearchConfig(AppConfig):
    default = True
    name = "incommon_cms.search"
    label = "search"
    verbose_name = _("Search")


class WagtailSearchConfig(wagtail_search_apps.WagtailSearchAppConfig):
    """Wagtail's search app, with index updates batched after the commit (see incommon_cms.search.indexing)."""

    default = False

    def ready(self):
        super().ready()
        from .indexing import install_signal_handlers

        install_signal_handlers()
