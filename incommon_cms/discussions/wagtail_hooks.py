from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from incommon_cms.governance.roles import is_moderator


class ModerationQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_discussion_moderation_menu_item():
    return ModerationQueueMenuItem(
        _("Discussion moderation"), reverse("discussions-moderation"), icon_name="comment", order=900
    )
