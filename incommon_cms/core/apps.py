from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "incommon_cms.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import pagecache, signals

        signals.connect(self)
        pagecache.connect()
