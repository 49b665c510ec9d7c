from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    label = "agenda"
    verbose_name = _("Agenda")

    def ready(self):
        from incommon_cms.directory.sections import register_profile_section

        from .views import event_for_profile

        register_profile_section(
            "events", order=20, template="agenda/profile_section.html", get_context=event_for_profile
        )
