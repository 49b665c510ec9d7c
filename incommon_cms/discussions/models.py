"""Discussion threads (django-comments-xtd comments with a moderation state), thread followers and the topic space."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class Comment(XtdComment):
    """A comment of a discussion thread (the comments-xtd model, with In Common's helpers)."""

    class Meta:
        proxy = True
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    @property
    def title(self):
        """Public label used in the decision log: never the comment's text, which may be why it was hidden."""
        target = self.content_object
        return _("Comment #%(number)s on “%(title)s”") % {
            "number": self.pk,
            "title": getattr(target, "title", None) or str(target or ""),
        }

    @property
    def status(self):
        state = getattr(self, "state", None) if self.pk else None
        if state is not None:
            return state.status
        if self.is_removed:
            return CommentState.REMOVED
        return CommentState.PUBLISHED if self.is_public else CommentState.PENDING

    def get_absolute_url(self):
        from .threads import object_url

        return f"{object_url(self.content_object)}#c{self.pk}"


class CommentState(models.Model):
    """Where a comment stands in moderation, and the last decision about it.

    `XtdComment.is_public` / `is_removed` stay the source of what the public sees; the moderation service keeps
    them in step with `status`.
    """

    PUBLISHED = "published"
    PENDING = "pending"
    HIDDEN = "hidden"
    REMOVED = "removed"
    DELETED = "deleted"
    STATUS_CHOICES = [
        (PUBLISHED, _("Published")),
        (PENDING, _("Awaiting moderation")),
        (HIDDEN, _("Hidden by the moderators")),
        (REMOVED, _("Removed by the moderators")),
        (DELETED, _("Deleted by its author")),
    ]

    comment = models.OneToOneField(
        XtdComment, on_delete=models.CASCADE, primary_key=True, related_name="state", verbose_name=_("comment")
    )
    status = models.CharField(_("status"), max_length=12, choices=STATUS_CHOICES, default=PUBLISHED, db_index=True)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    notified = models.BooleanField(_("followers notified"), default=False)

    class Meta:
        verbose_name = _("comment status")
        verbose_name_plural = _("comment statuses")

    def __str__(self):
        return f"{self.comment_id}: {self.get_status_display()}"


class ThreadFollower(models.Model):
    """A member who receives an e-mail when a comment is published in a thread."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_threads")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_pk = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thread follower")
        verbose_name_plural = _("thread followers")
        constraints = [
            models.UniqueConstraint(fields=["user", "content_type", "object_pk"], name="unique_thread_follower")
        ]
        indexes = [models.Index(fields=["content_type", "object_pk"])]

    def __str__(self):
        return f"{self.user} → {self.content_type.model} {self.object_pk}"


class TopicIndexPage(RoutablePageMixin, Page):
    """The topic space ("Espace de partage" / "Uitwisselingsruimte"): topics by latest activity, with filters."""

    TOPICS_PER_PAGE = 20

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = ["intro"]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["discussions.TopicPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("topic space")

    @path("")
    def topic_list(self, request):
        from .forms import TopicFilterForm
        from .threads import topics_for_listing

        filters = TopicFilterForm(request.GET or None)
        topics = topics_for_listing(filters.cleaned_data if filters.is_valid() else {})
        page_obj = Paginator(topics, self.TOPICS_PER_PAGE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return self.render(
            request,
            context_overrides={"filters": filters, "topics": page_obj, "filter_query": query.urlencode()},
        )

    @path("new/", name="new_topic")
    def new_topic(self, request):
        from .views import new_topic

        return new_topic(request, self)


class TopicPage(Page):
    """A topic opened by a member: a question, an experience, an offer or a request, on a theme."""

    QUESTION = "question"
    EXPERIENCE = "experience"
    OFFER = "offer"
    REQUEST = "request"
    TYPE_CHOICES = [
        (QUESTION, _("Question")),
        (EXPERIENCE, _("Experience")),
        (OFFER, _("Offer")),
        (REQUEST, _("Request")),
    ]

    topic_type = models.CharField(_("type"), max_length=12, choices=TYPE_CHOICES, default=QUESTION, db_index=True)
    theme = models.ForeignKey(
        "directory.Category",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics",
        verbose_name=_("theme"),
    )
    body = models.TextField(
        _("message"), help_text=_("Simple formatting: **bold**, *italic*, [link](https://…), lists.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics",
        verbose_name=_("opened by"),
    )
    last_activity_at = models.DateTimeField(_("latest activity"), default=timezone.now, db_index=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("topic_type"),
        FieldPanel("theme"),
        FieldPanel("body"),
        FieldPanel("author", read_only=True),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.RelatedFields("theme", [index.SearchField("name")]),
        index.FilterField("topic_type"),
        index.FilterField("theme_id"),
        index.FilterField("locale_id"),
        index.FilterField("last_activity_at"),
    ]
    api_fields = ["topic_type", "body", "last_activity_at"]
    parent_page_types = ["discussions.TopicIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class FlagReason(models.Model):
    """Why a member reported a comment: one row per flag (a member's report of a comment), shown to moderators."""

    SPAM = "spam"
    ABUSE = "abuse"
    PERSONAL_DATA = "personal_data"
    OFF_TOPIC = "off_topic"
    OTHER = "other"
    REASON_CHOICES = [
        (SPAM, _("Spam or advertising")),
        (ABUSE, _("Abuse or insult")),
        (PERSONAL_DATA, _("Personal data")),
        (OFF_TOPIC, _("Off topic")),
        (OTHER, _("Other")),
    ]

    flag = models.OneToOneField(
        "django_comments.CommentFlag", on_delete=models.CASCADE, related_name="reason", verbose_name=_("report")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=REASON_CHOICES)
    details = models.TextField(_("details"), blank=True)

    class Meta:
        verbose_name = _("report reason")
        verbose_name_plural = _("report reasons")

    def __str__(self):
        return f"{self.flag_id}: {self.get_reason_display()}"
