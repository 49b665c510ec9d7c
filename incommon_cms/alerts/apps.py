from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "incommon_cms.alerts"
    label = "alerts"
    verbose_name = _("Alerts")

    def ready(self):
        from . import registrations  # registries are filled once the app registry is ready

        registrations.register()
