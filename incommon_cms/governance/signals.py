from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from incommon_cms.directory.sections import register_profile_section

from .models import Membership


def _attach_default_workflow(sender, instance, **kwargs):
    from .workflows import ensure_default_workflow

    ensure_default_workflow([instance])


def _sync_group(sender, instance, origin=None, **kwargs):
    """Keep the collective's Wagtail group in step with its members.

    A membership deleted because its profile page is being deleted needs no sync: the page and its permissions go.
    """
    from .memberships import sync_collective_group

    if origin is not None and getattr(origin, "model", type(origin)) is not Membership:
        return

    try:
        profile = instance.profile
    except ObjectDoesNotExist:
        return
    sync_collective_group(profile)


def connect():
    from . import labels
    from .sections import governance_section
    from .workflows import moderated_index_models

    labels.connect()

    for model in moderated_index_models():
        page_published.connect(
            _attach_default_workflow, sender=model, dispatch_uid=f"governance-workflow-{model._meta.label}"
        )
    post_save.connect(_sync_group, sender=Membership, dispatch_uid="governance-membership-save")
    post_delete.connect(_sync_group, sender=Membership, dispatch_uid="governance-membership-delete")
    register_profile_section(
        "governance", order=90, template="governance/profile_section.html", get_context=governance_section
    )
