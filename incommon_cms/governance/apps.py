from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from incommon_cms.directory.privacy import set_private_fields_rule


class GovernanceConfig(AppConfig):
    name = "incommon_cms.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self):
        # Modules that import models: the app registry is not ready when this file is imported.
        from incommon_cms.accounts.gdpr import register_personal_data
        from incommon_cms.core.governed import register_permission_tester

        from . import desk_sections, gdpr, log, roles, signals
        from .publishing import GovernedPagePermissionTester

        log.register_governance_verbs()
        signals.connect()
        register_permission_tester(GovernedPagePermissionTester)
        desk_sections.register()
        set_private_fields_rule(roles.can_see_private_fields)
        register_personal_data("governance", export=gdpr.export, erase=gdpr.erase)
