from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "incommon_cms.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self):
        from incommon_cms.core.governed import register_permission_tester

        from . import desk_sections, signals
        from .publishing import GovernedPagePermissionTester

        signals.connect()
        register_permission_tester(GovernedPagePermissionTester)
        desk_sections.register()
