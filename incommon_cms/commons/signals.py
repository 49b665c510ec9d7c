"""Tombstones: when moderators delete an imported profile, its records stay so that no sync creates it again."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext

from incommon_cms.directory.models import ProfilePage

from .models import ImportedRecord


@receiver(pre_delete, sender=ProfilePage, dispatch_uid="commons_tombstone_deleted_profiles")
def keep_tombstones(sender, instance, **kwargs):
    ImportedRecord.objects.filter(profile_id=instance.pk).exclude(state=ImportedRecord.DELETED).update(
        state=ImportedRecord.DELETED,
        state_reason=gettext("The profile was deleted on the platform; the source does not create it again."),
        state_changed_at=timezone.now(),
        title=instance.title[:255],
    )
