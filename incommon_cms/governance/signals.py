from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from incommon_cms.directory.sections import register_profile_section

from . import labels
from .memberships import sync_collective_group
from .models import Membership
from .sections import governance_section
from .workflows import ensure_default_workflow, moderated_index_models


def _attach_default_workflow(sender, instance, **kwargs):
    ensure_default_workflow([instance])


def _sync_group(sender, instance, origin=None, **kwargs):
    """Keep the collective's Wagtail group in step with its members.

    A membership deleted because its profile page is being deleted needs no sync: the page and its permissions go.
    """
    if origin is not None and getattr(origin, "model", type(origin)) is not Membership:
        return

    try:
        profile = instance.profile
    except ObjectDoesNotExist:
        return
    sync_collective_group(profile)


def connect():
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
