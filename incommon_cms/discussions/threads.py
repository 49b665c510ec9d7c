"""Reading threads: which object a thread belongs to, what a reader may see of it, counts and topic listings.

A page and its translations share one thread, attached to the earliest translation (usually the original), so
French- and Dutch-speaking readers take part in the same conversation.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import translation
from wagtail.models import Locale, Page

from incommon_cms.core.roles import is_moderator

from .models import Comment, CommentState, ThreadFollower, TopicPage


def thread_target(obj):
    """The object a thread is attached to: for a translatable object, its earliest translation."""
    if isinstance(obj, Page):
        obj = obj.specific
    translation_key = getattr(obj, "translation_key", None)
    if translation_key is None:
        return obj
    model = type(obj)
    base = model._meta.get_field("translation_key").model
    pk = base._default_manager.filter(translation_key=translation_key).order_by("pk").values_list("pk", flat=True)
    first = pk.first()
    if first is None or first == obj.pk:
        return obj
    return model._default_manager.get(pk=first)


def thread_key(obj):
    """(content type, object pk) under which the comments of `obj`'s thread are stored."""
    target = thread_target(obj)
    return ContentType.objects.get_for_model(target), str(target.pk)


def comments_of(obj):
    content_type, object_pk = thread_key(obj)
    return Comment.objects.filter(content_type=content_type, object_pk=object_pk, site_id=settings.SITE_ID)


def public_comments(queryset=None):
    queryset = Comment.objects.all() if queryset is None else queryset
    return queryset.filter(is_public=True, is_removed=False)


def comment_count(obj):
    return public_comments(comments_of(obj)).count()


def localized(obj, language=None):
    """The translation of `obj` in `language` (the active one by default) when it exists, else `obj`."""
    if not hasattr(obj, "get_translation_or_none"):
        return obj
    language = language or translation.get_language()
    try:
        locale = Locale.objects.get_for_language(language)
    except (Locale.DoesNotExist, LookupError):
        return obj
    found = obj.get_translation_or_none(locale)
    if isinstance(found, Page) and not found.live:
        return obj
    return found or obj


def object_url(obj, language=None, full=False):
    """The URL of the page or object a thread is about, in `language` when a translation exists."""
    obj = localized(obj, language)
    if isinstance(obj, Page):
        return (obj.get_full_url() if full else obj.get_url()) or ""
    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    if full and url.startswith("/"):
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    return url


@dataclass
class Node:
    """A comment as one reader sees it: in full, or as a placeholder keeping the replies in place."""

    comment: Comment
    status: str
    placeholder: bool = False
    children: list = field(default_factory=list)

    @property
    def has_visible_content(self):
        return not self.placeholder or any(child.has_visible_content for child in self.children)


def visible_to(comment, status, user, moderator):
    """True when the reader sees the comment's text; False when at most a placeholder."""
    if status == CommentState.PUBLISHED:
        return True
    if status in (CommentState.PENDING, CommentState.HIDDEN) and moderator:
        return True
    return status == CommentState.PENDING and user is not None and user.is_authenticated and comment.user_id == user.pk


def thread_tree(obj, user=None):
    """The thread of `obj` as a list of root `Node`s for this reader.

    Held comments are seen only by their author and the moderators; hidden, removed and deleted comments leave a
    placeholder only when replies the reader can see hang below them.
    """
    moderator = is_moderator(user)
    queryset = comments_of(obj).select_related("user", "state").order_by("thread_id", "order")
    nodes, roots = {}, []
    for comment in queryset:
        status = comment.status
        node = Node(comment, status, placeholder=not visible_to(comment, status, user, moderator))
        nodes[comment.pk] = node
        parent = nodes.get(comment.parent_id) if comment.parent_id != comment.pk else None
        (parent.children if parent is not None else roots).append(node)

    def prune(items):
        kept = []
        for node in items:
            node.children = prune(node.children)
            if node.has_visible_content:
                kept.append(node)
        return kept

    return prune(roots)


def topics_for_listing(filters):
    """Published topics, latest activity first, filtered by type, theme (slug) and language."""
    topics = TopicPage.objects.live().select_related("theme", "author", "locale")
    if filters.get("type"):
        topics = topics.filter(topic_type=filters["type"])
    if filters.get("theme"):
        topics = topics.filter(theme__slug=filters["theme"])
    if filters.get("language"):
        topics = topics.filter(locale__language_code=filters["language"])
    if filters.get("q"):
        words = filters["q"]
        topics = topics.filter(Q(title__icontains=words) | Q(body__icontains=words))
    return topics.order_by("-last_activity_at", "-pk")


def delete_thread_of_deleted_object(sender, instance, **kwargs):
    """A deleted page (or object) takes its thread and its followers with it."""
    if not isinstance(instance, Page) or type(instance) is Page:
        return
    content_type = ContentType.objects.get_for_model(instance)
    Comment.objects.filter(content_type=content_type, object_pk=str(instance.pk)).delete()
    ThreadFollower.objects.filter(content_type=content_type, object_pk=str(instance.pk)).delete()
