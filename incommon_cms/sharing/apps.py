from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharingConfig(AppConfig):
    name = "incommon_cms.sharing"
    label = "sharing"
    verbose_name = _("Sharing")

    def ready(self):
        from . import registrations  # registries are filled once the app registry is ready

        registrations.register()
