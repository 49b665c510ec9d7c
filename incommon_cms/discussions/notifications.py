"""Following threads and e-mailing followers when a comment is published, with one-click unsubscribe links."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from incommon_cms.core.mail import send_templated_mail

from . import markup
from .models import Comment, ThreadFollower
from .threads import localized, object_url, thread_key, thread_target

UNSUBSCRIBE_SALT = "incommon.discussions.unsubscribe"


def follow(user, obj):
    content_type, object_pk = thread_key(obj)
    return ThreadFollower.objects.get_or_create(user=user, content_type=content_type, object_pk=object_pk)[0]


def unfollow(user, obj):
    content_type, object_pk = thread_key(obj)
    ThreadFollower.objects.filter(user=user, content_type=content_type, object_pk=object_pk).delete()


def is_following(user, obj):
    if not (user and user.is_authenticated):
        return False
    content_type, object_pk = thread_key(obj)
    return ThreadFollower.objects.filter(user=user, content_type=content_type, object_pk=object_pk).exists()


def unsubscribe_token(follower):
    return signing.dumps([follower.user_id, follower.content_type_id, follower.object_pk], salt=UNSUBSCRIBE_SALT)


def follower_from_token(token):
    """(user id, content type, object pk) of a valid token; raises `signing.BadSignature` otherwise."""
    user_id, content_type_id, object_pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return user_id, ContentType.objects.get_for_id(content_type_id), object_pk


def followers_to_notify(comment):
    """Followers of the comment's thread, except its author and members whose account is inactive."""
    return (
        ThreadFollower.objects.filter(content_type_id=comment.content_type_id, object_pk=comment.object_pk)
        .exclude(user_id=comment.user_id)
        .filter(user__is_active=True)
        .select_related("user", "content_type")
    )


def _absolute(path, target):
    site_root = ""
    if hasattr(target, "get_site"):
        site = target.get_site()
        site_root = site.root_url if site else ""
    return (site_root or settings.WAGTAILADMIN_BASE_URL).rstrip("/") + path


@task()
def notify_followers(comment_id):
    """E-mail every follower of the thread about a newly published comment, each in their own language."""
    comment = Comment.objects.filter(pk=comment_id, is_public=True, is_removed=False).first()
    if comment is None:
        return 0
    target = thread_target(comment.content_object)
    sent = 0
    for follower in followers_to_notify(comment):
        language = follower.user.language or None
        with translation.override(language):
            context = {
                "recipient": follower.user,
                "comment": comment,
                "author_name": comment.user.display_name if comment.user else comment.user_name,
                "text": markup.plain_text(comment.comment),
                "target_title": getattr(localized(target, language), "title", str(target)),
                "comment_url": f"{object_url(target, language, full=True)}#c{comment.pk}",
                "unsubscribe_url": _absolute(
                    reverse("discussions-unsubscribe", args=[unsubscribe_token(follower)]), target
                ),
            }
        send_templated_mail(follower.user, "discussions/email/new_comment", context, language=language)
        sent += 1
    return sent
