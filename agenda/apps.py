from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from incommon_cms.core.home import register_home_section
from incommon_cms.core.page_context import register_page_context
from incommon_cms.directory.layers import register_map_layer
from incommon_cms.directory.sections import register_profile_section


class AgendaConfig(AppConfig):
    name = "agenda"
    label = "agenda"
    verbose_name = _("Agenda")

    def ready(self):
        # Modules that import models: the app registry is not ready when this file is imported.
        from incommon_cms.accounts.gdpr import register_personal_data
        from incommon_cms.governance.diffs import register_field_display
        from incommon_cms.governance.log import register_verb

        from . import gdpr, home
        from .geo import directory_map_layer
        from .models import AgendaIndexPage, EventPage
        from .recurrence import describe
        from .views import agenda_context, event_context, event_for_profile

        register_page_context(AgendaIndexPage, agenda_context)
        register_page_context(EventPage, event_context)
        register_profile_section(
            "events", order=20, template="agenda/profile_section.html", get_context=event_for_profile
        )
        register_home_section("events", order=10, template="agenda/home_section.html", get_context=home.home_section)
        register_field_display("rrule", describe)
        # The agenda's verbs in the decision log (entries of its event moderation); "import" is the governance's.
        register_verb("event_approve", _("Event approved"), approval=True)
        register_verb("event_reject", _("Event rejected"))
        register_personal_data("agenda", export=gdpr.export, erase=gdpr.erase)
        register_map_layer(
            "events", order=10, template="agenda/includes/map_layer.html", get_context=directory_map_layer
        )
