from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from incommon_cms.core.page_context import register_page_context
from incommon_cms.core.pagecache import ignore_writes_to


class EcosystemConfig(AppConfig):
    name = "incommon_cms.ecosystem"
    label = "ecosystem"
    verbose_name = _("Ecosystem")

    def ready(self):
        from incommon_cms.directory.sections import register_profile_section
        from incommon_cms.governance.collective_links import register_collective_link

        from . import desk
        from .dashboard import dashboard_context
        from .models import EcosystemPage, FreshnessReminder, InboundLinkCount, PageViewCount
        from .sections import members_section, statistics_link

        register_profile_section(
            "ecosystem", order=90, template="ecosystem/includes/profile_section.html", get_context=members_section
        )
        register_collective_link(statistics_link)
        desk.register()
        register_page_context(EcosystemPage, dashboard_context)
        ignore_writes_to(PageViewCount, InboundLinkCount, FreshnessReminder)
