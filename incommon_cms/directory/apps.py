from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from incommon_cms.core.home import register_home_section


class DirectoryConfig(AppConfig):
    name = "incommon_cms.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self):
        # Modules that import models: the app registry is not ready when this file is imported.
        from . import home, signals

        signals.connect()
        register_home_section(
            "profiles", order=20, template="directory/home_section.html", get_context=home.home_section
        )
