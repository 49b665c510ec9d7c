from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonsConfig(AppConfig):
    name = "incommon_cms.commons"
    label = "commons"
    verbose_name = _("Data commons")

    def ready(self):
        from incommon_cms.directory.sections import register_profile_section

        from . import desk, signals  # noqa: F401
        from .calendars import CalendarEngine
        from .engine import RUNNERS
        from .models import ImportSource
        from .provenance import profile_section_context

        RUNNERS[ImportSource.ICAL] = CalendarEngine
        register_profile_section(
            "provenance",
            order=90,
            template="commons/provenance_section.html",
            get_context=profile_section_context,
        )
        desk.register()
