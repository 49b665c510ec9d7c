from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from incommon_cms.core.home import register_home_section
from incommon_cms.core.page_context import register_page_context


class DirectoryConfig(AppConfig):
    name = "incommon_cms.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self):
        # Modules that import models: the app registry is not ready when this file is imported.
        from . import home, signals
        from .listing import directory_listing
        from .models import DirectoryIndexPage, ProfilePage
        from .profile import profile_page_context

        signals.connect()
        register_page_context(DirectoryIndexPage, directory_listing)
        register_page_context(ProfilePage, profile_page_context)
        register_home_section(
            "profiles", order=20, template="directory/home_section.html", get_context=home.home_section
        )
