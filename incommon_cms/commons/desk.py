"""The commons' section of the moderation desk (`governance.desk`): likely duplicate profiles to merge.

Finding duplicates compares every profile, too much for the header count shown on every page a moderator opens:
the count is cached for `COUNT_TIMEOUT` seconds, refreshed whenever the desk lists the pairs, and forgotten when a
pair is dismissed or a profile deleted (a merge deletes one). Merging stays in the admin's side-by-side screen
(`commons_admin:merge`), which records the decision in the public log. Registered from `CommonsConfig.ready()`.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from incommon_cms.directory.models import ProfilePage
from incommon_cms.governance.desk import register_desk_section

from .duplicates import find_duplicates
from .models import DismissedDuplicate

COUNT_KEY = "commons:desk:duplicates"
COUNT_TIMEOUT = 600
# The desk shows the first pairs; the full list is the admin's `commons_admin:duplicates`.
DESK_LIMIT = 20


def duplicate_items(request, bound):
    pairs = find_duplicates()
    cache.set(COUNT_KEY, len(pairs), COUNT_TIMEOUT)
    return pairs[:DESK_LIMIT]


def count_duplicates(user):
    count = cache.get(COUNT_KEY)
    if count is None:
        count = len(find_duplicates())
        cache.set(COUNT_KEY, count, COUNT_TIMEOUT)
    return count


def forget_count(sender, instance, **kwargs):

    if isinstance(instance, ProfilePage | DismissedDuplicate):
        cache.delete(COUNT_KEY)


def register():
    post_save.connect(forget_count, dispatch_uid="commons-desk-dismissed")
    post_delete.connect(forget_count, dispatch_uid="commons-desk-deleted")
    register_desk_section(
        "duplicates",
        order=80,
        title=_("Possible duplicates"),
        template="commons/desk/duplicates.html",
        get_items=duplicate_items,
        count=count_duplicates,
    )
