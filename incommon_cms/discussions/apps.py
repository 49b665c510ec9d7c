from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def profile_discussion(profile, request):
    return {"target": profile}


def delete_thread_of_deleted_object(sender, instance, **kwargs):
    """A deleted page (or object) takes its thread and its followers with it."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    from .models import Comment, ThreadFollower

    if not isinstance(instance, Page) or type(instance) is Page:
        return
    content_type = ContentType.objects.get_for_model(instance)
    Comment.objects.filter(content_type=content_type, object_pk=str(instance.pk)).delete()
    ThreadFollower.objects.filter(content_type=content_type, object_pk=str(instance.pk)).delete()


class DiscussionsConfig(AppConfig):
    name = "incommon_cms.discussions"
    label = "discussions"
    verbose_name = _("Discussions")

    def ready(self):
        from django.db.models.signals import post_delete

        from incommon_cms.directory.sections import register_profile_section

        from . import desk

        post_delete.connect(delete_thread_of_deleted_object, dispatch_uid="discussions-delete-thread")

        register_profile_section(
            "discussion", order=90, template="discussions/profile_section.html", get_context=profile_discussion
        )
        desk.register()
