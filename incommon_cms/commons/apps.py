from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from incommon_cms.core.pagecache import ignore_writes_to
from incommon_cms.directory.sections import register_profile_section


class CommonsConfig(AppConfig):
    name = "incommon_cms.commons"
    label = "commons"
    verbose_name = _("Data commons")

    def ready(self):
        # Modules that import models: the app registry is not ready when this file is imported.
        from incommon_cms.accounts.gdpr import register_personal_data

        from . import desk, duplicates, gdpr, signals  # noqa: F401
        from .calendars import CalendarEngine
        from .engine import RUNNERS
        from .models import ApiToken, ImportSource
        from .provenance import profile_section_context

        RUNNERS[ImportSource.ICAL] = CalendarEngine
        register_profile_section(
            "provenance",
            order=90,
            template="commons/provenance_section.html",
            get_context=profile_section_context,
        )
        desk.register()
        duplicates.register_log_verbs()
        ignore_writes_to(ApiToken)
        register_personal_data("commons", export=gdpr.export)
