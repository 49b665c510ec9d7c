"""Posting, editing, flagging and moderating comments and topics: every rule of the discussions lives here.

- Only signed-in members post. A member's comments and topics are held for moderation until they are trusted:
  moderators, members of a collective, and members with `TRUSTED_AFTER` published comments or topics.
- Moderators approve, hide or remove with a reason; every decision goes to the public decision log.
- Flags by members, each with a reason, bring a comment to the moderation desk; `AUTO_HOLD_FLAGS` flags hold it
  until reviewed.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_comments.models import CommentFlag
from django_comments.signals import comment_was_flagged
from django_comments_xtd.models import MaxThreadLevelExceededException, max_thread_level_for_content_type
from django_comments_xtd.utils import get_app_model_options

from incommon_cms.core.roles import is_moderator
from incommon_cms.core.slugs import unique_slug
from incommon_cms.directory.models import ProfilePage
from incommon_cms.governance.decisions import record_decision
from incommon_cms.governance.log import register_verb
from incommon_cms.governance.models import Decision, Membership

from . import notifications
from .models import Comment, CommentState, FlagReason, TopicPage
from .threads import public_comments, thread_key

DEFAULTS = {
    # Published comments and topics after which a member's posts no longer wait for a moderator.
    "TRUSTED_AFTER": 2,
    # Flags by different members after which a published comment is held until a moderator reviews it.
    "AUTO_HOLD_FLAGS": 3,
    # (number of posts, period in seconds) per member.
    "RATE_LIMITS": {"comment": (10, 600), "topic": (3, 3600), "flag": (20, 3600)},
}

APPROVE, HIDE, REMOVE = "approve", "hide", "remove"

# The discussions' verbs in the decision log, registered from the app's ready().
COMMENT_APPROVE, COMMENT_HIDE, COMMENT_REMOVE = "comment_approve", "comment_hide", "comment_remove"


def register_log_verbs():
    register_verb(COMMENT_HIDE, gettext_lazy("Comment hidden"))
    register_verb(COMMENT_REMOVE, gettext_lazy("Comment removed"))
    register_verb(COMMENT_APPROVE, gettext_lazy("Comment approved"))


def conf(key):
    return getattr(settings, "DISCUSSIONS", {}).get(key, DEFAULTS[key])


def rate_limit(kind):
    return conf("RATE_LIMITS").get(kind, DEFAULTS["RATE_LIMITS"][kind])


def is_trusted(user):
    """Whether this member's posts are published without waiting for a moderator."""
    if not (user and user.is_authenticated):
        return False
    if is_moderator(user) or Membership.objects.filter(user=user).exists():
        return True
    published = public_comments(Comment.objects.filter(user=user)).count()
    published += TopicPage.objects.live().filter(author=user).count()
    return published >= conf("TRUSTED_AFTER")


def can_post(user, content_type):
    options = get_app_model_options(content_type=content_type)
    if options.get("who_can_post") == "users":
        return bool(user and user.is_authenticated)
    return True


def can_flag(user, comment):
    return (
        bool(user and user.is_authenticated)
        and comment.user_id != user.pk
        and get_app_model_options(content_type=comment.content_type).get("allow_flagging", False)
    )


def can_edit(user, comment):
    return (
        bool(user and user.is_authenticated)
        and comment.user_id == user.pk
        and comment.status in (CommentState.PUBLISHED, CommentState.PENDING)
    )


def can_reply(comment):
    return comment.status == CommentState.PUBLISHED and comment.level < max_thread_level_for_content_type(
        comment.content_type
    )


def _set_state(instance, status, **changes):
    """Change the status and the public flags together, without triggering comments-xtd's cascade on save
    (which would republish held replies when a parent is approved)."""
    Comment.objects.filter(pk=instance.pk).update(
        is_public=status == CommentState.PUBLISHED,
        is_removed=status in (CommentState.REMOVED, CommentState.DELETED),
        **changes,
    )
    instance.is_public = status == CommentState.PUBLISHED
    instance.is_removed = status in (CommentState.REMOVED, CommentState.DELETED)
    for name, value in changes.items():
        setattr(instance, name, value)
    state, _created = CommentState.objects.get_or_create(comment_id=instance.pk)
    state.status = status
    return state


def _on_published(comment, state):
    """What follows a comment's first publication: the topic's activity date and the followers' e-mails."""
    target = comment.content_object
    if isinstance(target, TopicPage):
        TopicPage.objects.filter(pk=target.pk).update(last_activity_at=comment.submit_date)
    if not state.notified:
        state.notified = True
        state.save(update_fields=["notified"])
        notifications.notify_followers.enqueue(comment.pk)


def post_comment(*, user, target, text, parent=None, follow=True, ip_address=None):
    """Add a comment (or a reply to `parent`) to the thread of `target`; held when the author is not trusted."""
    content_type, object_pk = thread_key(target)
    if not can_post(user, content_type):
        raise PermissionDenied(_("Sign in to take part in the discussion."))
    if parent is not None:
        if (parent.content_type_id, parent.object_pk) != (content_type.pk, object_pk):
            raise ValidationError(_("This reply does not belong to this discussion."))
        if parent.status != CommentState.PUBLISHED:
            raise ValidationError(_("This comment can no longer receive replies."))
        if not can_reply(parent):
            raise ValidationError(_("Replies cannot be nested deeper here: reply to an earlier comment instead."))
    held = not is_trusted(user)
    with transaction.atomic():
        comment = Comment(
            content_type=content_type,
            object_pk=object_pk,
            site_id=settings.SITE_ID,
            user=user,
            user_name=user.display_name[:50],
            user_email=user.email,
            comment=text,
            ip_address=ip_address,
            is_public=not held,
            parent_id=parent.pk if parent is not None else 0,
            followup=follow,
            submit_date=timezone.now(),
        )
        try:
            comment.save()
        except MaxThreadLevelExceededException:
            raise ValidationError(_("Replies cannot be nested deeper here: reply to an earlier comment instead."))
        state = CommentState.objects.create(
            comment=comment, status=CommentState.PENDING if held else CommentState.PUBLISHED
        )
        if follow:
            notifications.follow(user, target)
    if not held:
        _on_published(comment, state)
    return comment


def edit_comment(*, user, comment, text):
    """The author changes their text. A member who is not trusted yet sends the new text back to moderation."""
    if not can_edit(user, comment):
        raise PermissionDenied(_("You can only edit your own comments."))
    status = comment.status
    if status == CommentState.PUBLISHED and not is_trusted(user):
        status = CommentState.PENDING
    state = _set_state(comment, status, comment=text)
    state.edited_at = timezone.now()
    state.save()
    return comment


def delete_comment(*, user, comment):
    """The author deletes their comment. With replies below it, a placeholder keeps the conversation readable."""
    if not (user and user.is_authenticated and comment.user_id == user.pk) or comment.status == CommentState.DELETED:
        raise PermissionDenied(_("You can only delete your own comments."))
    has_replies = Comment.objects.filter(parent_id=comment.pk).exclude(pk=comment.pk).exists()
    if not has_replies:
        comment.delete()
        return None
    state = _set_state(comment, CommentState.DELETED, comment="")
    state.save()
    return comment


def flags_since_review(comment):
    """Removal suggestions made after the last moderation decision on the comment."""
    flags = CommentFlag.objects.filter(comment=comment, flag=CommentFlag.SUGGEST_REMOVAL)
    state = getattr(comment, "state", None)
    if state is not None and state.decided_at:
        flags = flags.filter(flag_date__gt=state.decided_at)
    return flags


def flag_comment(*, user, comment, reason, details="", request=None):
    """A member suggests removing a comment, saying why. Returns True when this member had not flagged it yet.

    `reason` is one of `FlagReason.REASON_CHOICES`; `details` is required with "other" (moderators must be able
    to understand the report without guessing). Flagging again replaces the member's reason: one flag, one reason.
    """
    if not can_flag(user, comment):
        raise PermissionDenied(_("You cannot report this comment."))
    details = (details or "").strip()
    if reason not in dict(FlagReason.REASON_CHOICES):
        raise ValidationError(_("Choose why you report this comment."))
    if reason == FlagReason.OTHER and not details:
        raise ValidationError(_("Describe the problem in a few words."))
    with transaction.atomic():
        flag, created = CommentFlag.objects.get_or_create(comment=comment, user=user, flag=CommentFlag.SUGGEST_REMOVAL)
        if not created:
            flag.flag_date = timezone.now()
            flag.save(update_fields=["flag_date"])
        FlagReason.objects.update_or_create(flag=flag, defaults={"reason": reason, "details": details})
    comment_was_flagged.send(sender=Comment, comment=comment, flag=flag, created=created, request=request)
    if comment.status == CommentState.PUBLISHED and flags_since_review(comment).count() >= conf("AUTO_HOLD_FLAGS"):
        _set_state(comment, CommentState.PENDING).save()
    return created


def reasons_since_review(comment):
    """The members' reports made since the last decision on the comment, oldest first, each with its reason.

    A list of dicts (`reason`: the translated reason, `details`: the member's words, `date`); reports made before
    reasons were asked for have an empty reason.
    """
    flags = flags_since_review(comment).select_related("reason").order_by("flag_date", "pk")
    reports = []
    for flag in flags:
        reason = getattr(flag, "reason", None)
        reports.append(
            {
                "reason": reason.get_reason_display() if reason is not None else "",
                "details": reason.details if reason is not None else "",
                "date": flag.flag_date,
            }
        )
    return reports


def moderate_comment(*, moderator, comment, action, reason=""):
    """Approve, hide or remove a comment; the decision and its reason go to the public decision log."""
    if not is_moderator(moderator):
        raise PermissionDenied(_("Only moderators can do this."))
    reason = (reason or "").strip()
    if action in (HIDE, REMOVE) and not reason:
        raise ValidationError(_("Give a reason: it is published in the decision log."))
    status, decision = {
        APPROVE: (CommentState.PUBLISHED, COMMENT_APPROVE),
        HIDE: (CommentState.HIDDEN, COMMENT_HIDE),
        REMOVE: (CommentState.REMOVED, COMMENT_REMOVE),
    }[action]
    with transaction.atomic():
        state = _set_state(comment, status)
        state.reason = reason
        state.decided_by = moderator
        state.decided_at = timezone.now()
        state.save()
        target = comment.content_object
        profile = target if isinstance(target, ProfilePage) else None
        record_decision(
            action=decision,
            actor=moderator,
            target=comment,
            reason=reason,
            profile=profile,
            details={"comment": comment.pk, "thread": getattr(target, "title", "")},
        )
    if status == CommentState.PUBLISHED:
        _on_published(comment, state)
    return state


def held_comments():
    """Comments waiting for a moderator before anyone else sees them, oldest first, with the reports they got."""
    pending = (
        Comment.objects.filter(state__status=CommentState.PENDING)
        .select_related("user", "state", "content_type")
        .order_by("submit_date")
    )
    comments = list(pending)
    for comment in comments:
        comment.reports = reasons_since_review(comment)
        comment.flag_count = len(comment.reports)
    return comments


def count_held_comments():
    return Comment.objects.filter(state__status=CommentState.PENDING).count()


def _flagged_since_review():
    """Published comments with a removal suggestion made after their last moderation decision (one query)."""
    flags = CommentFlag.objects.filter(comment_id=OuterRef("pk"), flag=CommentFlag.SUGGEST_REMOVAL)
    return (
        Comment.objects.filter(state__status=CommentState.PUBLISHED)
        .annotate(
            any_flag=Exists(flags),
            late_flag=Exists(flags.filter(flag_date__gt=OuterRef("state__decided_at"))),
        )
        .filter(Q(state__decided_at__isnull=True, any_flag=True) | Q(late_flag=True))
    )


def flagged_comments():
    """Published comments reported since their last review, oldest report first, each with the members' reasons."""
    comments = list(_flagged_since_review().select_related("user", "state", "content_type").order_by("submit_date"))
    for comment in comments:
        comment.reports = reasons_since_review(comment)
        comment.flag_count = len(comment.reports)
    return comments


def count_flagged_comments():
    return _flagged_since_review().count()


# Topics


def pending_topics():
    return TopicPage.objects.filter(live=False, first_published_at__isnull=True).select_related("author", "theme")


def open_topic(*, user, index_page, title, topic_type, theme, body):
    """A member opens a topic in the topic space: published at once when trusted, otherwise held."""
    if not (user and user.is_authenticated):
        raise PermissionDenied(_("Sign in to open a topic."))
    held = not is_trusted(user)
    with transaction.atomic():
        topic = TopicPage(
            title=title,
            slug=unique_slug(index_page, title, fallback="topic"),
            locale=index_page.locale,
            topic_type=topic_type,
            theme=theme,
            body=body,
            author=user,
            live=not held,
            last_activity_at=timezone.now(),
        )
        index_page.add_child(instance=topic)
        revision = topic.save_revision(user=user, log_action=False)
        if not held:
            revision.publish(user=user, log_action=False, skip_permission_checks=True)
        notifications.follow(user, topic)
    return topic


def approve_topic(*, moderator, topic):
    if not is_moderator(moderator):
        raise PermissionDenied(_("Only moderators can do this."))
    with transaction.atomic():
        topic.last_activity_at = timezone.now()
        topic.save_revision(user=moderator, log_action=False).publish(
            user=moderator, log_action=False, skip_permission_checks=True
        )
        record_decision(action=Decision.APPROVE, actor=moderator, target=topic, details={"kind": "topic"})
    return topic


def reject_topic(*, moderator, topic, reason):
    if not is_moderator(moderator):
        raise PermissionDenied(_("Only moderators can do this."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason: it is published in the decision log."))
    with transaction.atomic():
        record_decision(action=Decision.REJECT, actor=moderator, target=topic, reason=reason, details={"kind": "topic"})
        topic.delete()
