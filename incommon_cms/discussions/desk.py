"""The discussions' sections of the moderation desk (`governance.desk`): held comments, reported comments with the
members' reasons, topics waiting for publication. Registered from `DiscussionsConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from incommon_cms.governance.desk import register_desk_section

from . import moderation


def held_comment_items(request, bound):
    return moderation.held_comments()


def reported_comment_items(request, bound):
    return moderation.flagged_comments()


def topic_items(request, bound):
    return list(moderation.pending_topics().order_by("pk"))


def register():
    register_desk_section(
        "held_comments",
        order=40,
        title=_("Comments awaiting moderation"),
        template="discussions/desk/comments.html",
        get_items=held_comment_items,
        count=lambda user: moderation.count_held_comments(),
    )
    register_desk_section(
        "reported_comments",
        order=50,
        title=_("Reported comments"),
        template="discussions/desk/comments.html",
        get_items=reported_comment_items,
        count=lambda user: moderation.count_flagged_comments(),
    )
    register_desk_section(
        "pending_topics",
        order=60,
        title=_("Topics awaiting moderation"),
        template="discussions/desk/topics.html",
        get_items=topic_items,
        count=lambda user: moderation.pending_topics().count(),
    )
