"""Front-end views of the discussions: posting, editing, deleting, flagging, following, moderating, topics."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from incommon_cms.core.ratelimit import allow_request, client_ip
from incommon_cms.core.roles import is_moderator
from incommon_cms.governance.desk import section_url

from . import moderation, notifications
from .forms import CommentForm, EditCommentForm, FlagForm, ModerationForm, TopicForm, TopicModerationForm
from .models import Comment, CommentState, ThreadFollower
from .threads import object_url

THREAD_SALT = "incommon.discussions.thread"


def thread_token(target):
    content_type = ContentType.objects.get_for_model(target)
    return signing.dumps([content_type.pk, str(target.pk)], salt=THREAD_SALT)


def _target_from(content_type_label, object_pk):
    """The object a comment form was shown for; 404 for anything that is not a live, public target."""
    try:
        app_label, model = (content_type_label or "").split(".", 1)
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
        target = content_type.get_object_for_this_type(pk=object_pk)
    except (ValueError, ObjectDoesNotExist, TypeError):
        raise Http404
    if isinstance(target, Page) and not target.live:
        raise Http404
    return target


def _redirect_to_comment(target, comment=None):
    anchor = f"#c{comment.pk}" if comment is not None and comment.pk else "#discussion"
    return HttpResponseRedirect((object_url(target) or "/") + anchor)


def _too_many(request, kind):
    limit, period = moderation.rate_limit(kind)
    return not allow_request(request, f"discussions:{kind}", limit, period)


def _own_comment(request, pk):
    return get_object_or_404(Comment.objects.select_related("state"), pk=pk, site_id=settings.SITE_ID)


@require_POST
@login_required
def post_comment(request):
    target = _target_from(request.POST.get("content_type"), request.POST.get("object_pk"))
    form = CommentForm(target, data=request.POST)
    status = 400
    if _too_many(request, "comment"):
        form = form.refreshed()
        form.add_error(None, _("You have posted many comments in a short time. Please wait a few minutes."))
        status = 429
    elif form.is_valid():
        parent = None
        if form.cleaned_data.get("reply_to"):
            parent = Comment.objects.filter(pk=form.cleaned_data["reply_to"]).select_related("state").first()
            if parent is None:
                form.add_error(None, _("The comment you replied to no longer exists."))
        if not form.errors:
            try:
                comment = moderation.post_comment(
                    user=request.user,
                    target=target,
                    text=form.cleaned_data["comment"],
                    parent=parent,
                    follow=form.cleaned_data["followup"],
                    ip_address=client_ip(request) if client_ip(request) != "unknown" else None,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if comment.is_public:
                    messages.success(request, _("Your comment is published."))
                else:
                    messages.info(
                        request,
                        _(
                            "Thank you! Your comment will appear once a moderator has approved it. "
                            "New members' first comments are read by a moderator."
                        ),
                    )
                return _redirect_to_comment(target, comment)
        form = form.refreshed() if form.errors else form
    else:
        form = form.refreshed()
    return render(
        request,
        "discussions/comment_form_page.html",
        {"form": form, "target": target, "target_url": object_url(target)},
        status=status,
    )


@login_required
def edit_comment(request, pk):
    comment = _own_comment(request, pk)
    if not moderation.can_edit(request.user, comment):
        raise PermissionDenied
    form = EditCommentForm(request.POST or None, initial={"comment": comment.comment})
    if request.method == "POST" and form.is_valid():
        moderation.edit_comment(user=request.user, comment=comment, text=form.cleaned_data["comment"])
        if comment.is_public:
            messages.success(request, _("Your comment is updated."))
        else:
            messages.info(request, _("Your comment is updated and will appear again once a moderator has read it."))
        return _redirect_to_comment(comment.content_object, comment)
    return render(
        request,
        "discussions/comment_edit.html",
        {"form": form, "comment": comment, "target_url": object_url(comment.content_object)},
        status=400 if form.errors else 200,
    )


@login_required
def delete_comment(request, pk):
    comment = _own_comment(request, pk)
    if comment.user_id != request.user.pk or comment.status == CommentState.DELETED:
        raise PermissionDenied
    target = comment.content_object
    if request.method == "POST":
        moderation.delete_comment(user=request.user, comment=comment)
        messages.success(request, _("Your comment is deleted."))
        return _redirect_to_comment(target)
    return render(request, "discussions/comment_delete.html", {"comment": comment, "target_url": object_url(target)})


@login_required
def flag_comment(request, pk):
    """A member reports a comment to the moderators, with a reason from a list (and words of their own)."""
    comment = _own_comment(request, pk)
    if comment.status != CommentState.PUBLISHED or not moderation.can_flag(request.user, comment):
        raise PermissionDenied
    target = comment.content_object
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _too_many(request, "flag"):
            messages.error(request, _("You have sent many reports in a short time. Please wait a little."))
            return _redirect_to_comment(target, comment)
        try:
            moderation.flag_comment(
                user=request.user,
                comment=comment,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. The moderators will look at this comment."))
            return _redirect_to_comment(target, comment)
    return render(
        request,
        "discussions/comment_flag.html",
        {"comment": comment, "form": form, "target_url": object_url(target)},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def follow_thread(request):
    try:
        content_type_id, object_pk = signing.loads(request.POST.get("thread", ""), salt=THREAD_SALT)
        target = ContentType.objects.get_for_id(content_type_id).get_object_for_this_type(pk=object_pk)
    except (signing.BadSignature, ValueError, TypeError, ObjectDoesNotExist):
        raise Http404
    if isinstance(target, Page) and not target.live:
        raise Http404
    if request.POST.get("action") == "unfollow":
        notifications.unfollow(request.user, target)
        messages.success(request, _("You no longer follow this discussion."))
    else:
        notifications.follow(request.user, target)
        messages.success(request, _("You follow this discussion: you will get an e-mail for each new comment."))
    return _redirect_to_comment(target)


def unsubscribe(request, token):
    """One click from the e-mail, no sign-in needed: stop following the thread (and follow again if that was a
    mistake). A thread whose page is no longer published is left unnamed: a draft never shows its title."""
    try:
        user_id, content_type, object_pk = notifications.follower_from_token(token)
    except (signing.BadSignature, ValueError, TypeError, ObjectDoesNotExist):
        return render(request, "discussions/unsubscribe.html", {"invalid": True}, status=400)
    try:
        target = content_type.get_object_for_this_type(pk=object_pk)
    except (ObjectDoesNotExist, AttributeError):
        target = None
    user = get_user_model().objects.filter(pk=user_id).first()
    if target is None or user is None:
        return render(request, "discussions/unsubscribe.html", {"invalid": True}, status=400)
    resubscribed = False
    if request.method == "POST" and request.POST.get("action") == "follow":
        ThreadFollower.objects.get_or_create(user=user, content_type=content_type, object_pk=object_pk)
        resubscribed = True
    else:
        ThreadFollower.objects.filter(user=user, content_type=content_type, object_pk=object_pk).delete()
    if isinstance(target, Page) and not target.live:
        target = None
    return render(
        request,
        "discussions/unsubscribe.html",
        {
            "target": target,
            "target_url": object_url(target) if target is not None else "",
            "resubscribed": resubscribed,
            "token": token,
        },
    )


def _moderator_only(request):
    if not is_moderator(request.user):
        raise PermissionDenied


@login_required
def moderation_queue(request):
    """The former discussions queue: its sections now live on the moderation desk."""
    _moderator_only(request)
    return redirect(section_url("held_comments"))


@login_required
def moderate_comment(request, pk):
    _moderator_only(request)
    comment = get_object_or_404(Comment.objects.select_related("state", "user"), pk=pk)
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        moderation.moderate_comment(
            moderator=request.user,
            comment=comment,
            action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Decision recorded in the public decision log."))
        if request.POST.get("return") == "thread":
            return HttpResponseRedirect(comment.get_absolute_url())
        return redirect(section_url(request.POST.get("section") or "held_comments"))
    return render(
        request,
        "discussions/comment_moderate.html",
        {
            "form": form,
            "comment": comment,
            "flag_count": moderation.flags_since_review(comment).count(),
            "target_url": object_url(comment.content_object),
        },
        status=400 if form.errors else 200,
    )


@login_required
def moderate_topic(request, pk):
    _moderator_only(request)
    topic = get_object_or_404(moderation.pending_topics(), pk=pk)
    form = TopicModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["action"] == "approve":
            moderation.approve_topic(moderator=request.user, topic=topic)
        else:
            moderation.reject_topic(moderator=request.user, topic=topic, reason=form.cleaned_data["reason"])
        messages.success(request, _("Decision recorded in the public decision log."))
        return redirect(section_url("pending_topics"))
    return render(
        request,
        "discussions/topic_moderate.html",
        {"form": form, "topic": topic},
        status=400 if form.errors else 200,
    )


def new_topic(request, index_page):
    """The front-end form with which a signed-in member opens a topic (routed by `TopicIndexPage`)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = TopicForm(request.POST or None, locale=index_page.locale)
    status = 200
    if request.method == "POST":
        if _too_many(request, "topic"):
            form.is_valid()
            form.add_error(None, _("You have opened several topics in a short time. Please try again later."))
            status = 429
        elif form.is_valid():
            topic = moderation.open_topic(
                user=request.user,
                index_page=index_page,
                title=form.cleaned_data["title"],
                topic_type=form.cleaned_data["topic_type"],
                theme=form.cleaned_data["theme"],
                body=form.cleaned_data["body"],
            )
            if topic.live:
                messages.success(request, _("Your topic is published."))
                return redirect(topic.url)
            messages.info(
                request,
                _("Thank you! Your topic will be published once a moderator has read it."),
            )
            return redirect(index_page.url)
        else:
            status = 400
    response = index_page.render(request, template="discussions/topic_form.html", context_overrides={"form": form})
    response.status_code = status
    return response
