"""Template tags any page can use: `{% load discussions %}{% discussion_thread page %}` and
`{% comment_count page %}` for listings."""

from django import template
from django.template.loader import render_to_string

from incommon_cms.core.roles import is_moderator
from incommon_cms.discussions import markup, moderation, notifications, threads
from incommon_cms.discussions.forms import CommentForm
from incommon_cms.discussions.views import thread_token

register = template.Library()


@register.simple_tag(takes_context=True)
def discussion_thread(context, obj):
    """The discussion thread of `obj` (a page or a model instance), with its form."""
    if obj is None:
        return ""
    request = context.get("request")
    user = getattr(request, "user", None)
    target = threads.thread_target(obj)
    content_type, _object_pk = threads.thread_key(target)
    signed_in = bool(user and user.is_authenticated)
    return render_to_string(
        "discussions/thread.html",
        {
            "target": target,
            "nodes": threads.thread_tree(target, user),
            "count": threads.comment_count(target),
            "form": CommentForm(target) if signed_in and moderation.can_post(user, content_type) else None,
            "thread_token": thread_token(target),
            "following": notifications.is_following(user, target),
            "is_moderator": is_moderator(user),
            "trusted": moderation.is_trusted(user),
            "login_next": request.get_full_path() if request else "",
        },
        request=request,
    )


@register.simple_tag
def comment_count(obj):
    """Number of public comments on `obj`."""
    if obj is None:
        return 0
    return threads.comment_count(obj)


@register.filter
def markdown_lite(text):
    return markup.render(text)


@register.simple_tag(takes_context=True)
def comment_permissions(context, comment):
    """What the current reader may do with a comment: edit, delete, reply, report, moderate."""
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    own = signed_in and comment.user_id == user.pk
    return {
        "edit": moderation.can_edit(user, comment),
        "delete": own,
        "reply": signed_in and moderation.can_reply(comment),
        "flag": comment.status == "published" and moderation.can_flag(user, comment),
        "moderate": context["is_moderator"] if "is_moderator" in context else is_moderator(user),
    }


@register.simple_tag
def reply_form(target, comment):
    return CommentForm(target, initial={"reply_to": comment.pk}, auto_id=f"id_reply{comment.pk}_%s")
