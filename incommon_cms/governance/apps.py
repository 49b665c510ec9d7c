from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "incommon_cms.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self):
        from . import desk_sections, signals

        signals.connect()
        desk_sections.register()
