from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _

from incommon_cms.core.pagecache import ignore_writes_to
from incommon_cms.directory.sections import register_profile_section


def profile_discussion(profile, request):
    return {"target": profile}


class DiscussionsConfig(AppConfig):
    name = "incommon_cms.discussions"
    label = "discussions"
    verbose_name = _("Discussions")

    def ready(self):
        # Modules that import models: the app registry is not ready when this file is imported.
        from incommon_cms.accounts.gdpr import register_personal_data

        from . import desk, gdpr, moderation, threads
        from .models import ThreadFollower

        post_delete.connect(threads.delete_thread_of_deleted_object, dispatch_uid="discussions-delete-thread")

        register_profile_section(
            "discussion", order=90, template="discussions/profile_section.html", get_context=profile_discussion
        )
        desk.register()
        moderation.register_log_verbs()
        ignore_writes_to(ThreadFollower)
        register_personal_data("discussions", export=gdpr.export, erase=gdpr.erase)
