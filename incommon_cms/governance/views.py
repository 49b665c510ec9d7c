from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from incommon_cms.core.models import CommunitySettings
from incommon_cms.core.ratelimit import allow_request
from incommon_cms.core.roles import MODERATORS_GROUP
from incommon_cms.core.visibility import visible_page
from incommon_cms.directory.models import DirectoryIndexPage, ProfilePage

from . import desk, desk_sections, memberships, moderation, reports, roles
from .collective_links import links_for
from .forms import (
    PROFILE_TYPES,
    ClaimForm,
    DecisionForm,
    InvitationForm,
    ProfileTypeForm,
    ReportDecisionForm,
    ReportForm,
    RoleForm,
    profile_form_class,
)
from .log import is_verb, verb_choices
from .models import Claim, Decision, Invitation, Membership, Report
from .moderation import collective_names
from .submissions import pending_task_states, propose_profile, submissions_for, submit_revision
from .workflows import live_rules

LOG_PAGE_SIZE = 25
REPORTS_PER_HOUR = 5
PROPOSALS_PER_HOUR = 10
CLAIMS_PER_HOUR = 5


def _profile_or_404(page_id):
    return get_object_or_404(ProfilePage, pk=page_id).specific


def overview(request):
    """The governance page, generated from the live configuration: charter, moderators, workflow rules."""
    community = CommunitySettings.for_request(request)
    charter = community.charter_page.localized.specific if community.charter_page else None
    User = get_user_model()
    moderators = (
        User.objects.filter(Q(groups__name=MODERATORS_GROUP), is_active=True).distinct().order_by("first_name", "email")
    )
    return render(
        request,
        "governance/overview.html",
        {
            "charter": charter,
            "moderators": [{"user": user, "collectives": collective_names(user)} for user in moderators],
            "rules": live_rules(),
            "latest_decisions": Decision.objects.all()[:5],
        },
    )


def decision_log(request):
    """The public decision log, filterable by decision, collective and words, paginated.

    `?profile=` names a collective by id: a profile that is not published (a proposal, a withdrawn page) is a 404 for
    everyone, since its title would head the page (see `core.visibility`).
    """
    decisions = Decision.objects.select_related("profile")
    action = request.GET.get("action", "")
    if is_verb(action):
        decisions = decisions.filter(action=action)
    profile = None
    if "profile" in request.GET:
        profile = visible_page(request, request.GET["profile"], ProfilePage.objects.all())
        if profile is None:
            raise Http404
        decisions = decisions.filter(profile__translation_key=profile.translation_key)
        profile = profile.localized
    query = request.GET.get("q", "").strip()
    if query:
        decisions = decisions.filter(
            Q(target_title__icontains=query)
            | Q(actor_name__icontains=query)
            | Q(actor_collectives__icontains=query)
            | Q(reason__icontains=query)
        )
    page = Paginator(decisions, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "governance/decision_log.html",
        {
            "decisions": page,
            "action": action,
            "action_choices": verb_choices(),
            "profile": profile,
            "query": query,
            "querystring": params.urlencode(),
        },
    )


def report(request):
    """Report an error or abuse on a page: open to everyone, with a honeypot and a rate limit."""
    page = visible_page(request, request.GET.get("page") or request.POST.get("page"))
    url = request.GET.get("url") or request.POST.get("url") or ""
    if not url.startswith("/"):
        url = ""
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        if not allow_request(request, "governance-report", REPORTS_PER_HOUR, 3600):
            form.add_error(None, _("You sent many reports in a short time. Please try again later."))
        elif form.is_valid():
            reports.file_report(form, page.specific if page else None, url, request.user)
            messages.success(request, _("Thank you: the moderators will look at your report."))
            return redirect(page.url if page and page.url else reverse("governance:overview"))
    return render(
        request,
        "governance/report.html",
        {"form": form, "reported_page": page, "url": url},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def my_collectives(request):
    """A member's collectives: edit links, the status of each submission, moderators' comments, members."""
    entries = []
    for membership in Membership.objects.filter(user=request.user).select_related("profile"):
        profile = membership.profile.specific.localized.specific
        entries.append(
            {
                "membership": membership,
                "profile": profile,
                "submissions": submissions_for(membership.profile.specific),
                "can_manage": roles.can_manage_members(request.user, profile),
                "links": links_for(profile, request.user),
            }
        )
    claims = Claim.objects.filter(user=request.user).select_related("profile")[:10]
    return render(request, "governance/my_collectives.html", {"entries": entries, "claims": claims})


def _render_edit(request, page, form, preview=None, new_type=None, status=200):
    return render(
        request,
        "governance/profile_form.html",
        {
            "profile": page,
            "form": form,
            "preview": preview,
            "new_type": new_type,
            "submissions": submissions_for(page) if page and page.pk else [],
            "live": page.live if page and page.pk else False,
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
        status=status,
    )


@login_required
def edit_profile(request, page_id):
    """The simple front-end form: saving creates a draft revision submitted to the co-governance workflow."""
    page = _profile_or_404(page_id)
    if not roles.can_edit_profile(request.user, page):
        raise PermissionDenied
    if page.alias_of_id:
        # An untranslated copy has no text of its own: the collective edits its own language's version, and
        # the copy follows it until translators translate it.
        return redirect("governance:edit_profile", page_id=page.alias_of_id)
    draft = page.get_latest_revision_as_object()
    form_class = profile_form_class(type(page))
    if request.method != "POST":
        return _render_edit(request, page, form_class(instance=draft))
    form = form_class(request.POST, instance=draft)
    if not form.is_valid():
        return _render_edit(request, page, form, status=400)
    proposed = form.save(commit=False)
    if "preview" in request.POST:
        return _render_edit(request, page, form, preview=proposed)
    state = submit_revision(proposed, request.user)
    if state is not None and state.status == state.STATUS_APPROVED:
        messages.success(request, _("Your change was minor and is already published."))
    else:
        messages.success(
            request,
            _("Thank you! Your changes were sent to the moderators; the public page changes once they approve."),
        )
    return redirect("governance:edit_profile", page_id=page.pk)


@login_required
def new_profile(request):
    """Propose a new alternative, place or good address: an unpublished page submitted for approval."""
    models = {key: model for key, _label, model in PROFILE_TYPES}
    profile_type = request.GET.get("type") or request.POST.get("profile_type")
    if profile_type not in models:
        return render(request, "governance/new_profile_type.html", {"form": ProfileTypeForm(request.GET or None)})
    parent = DirectoryIndexPage.objects.live().filter(locale__language_code=request.LANGUAGE_CODE).first()
    parent = parent or DirectoryIndexPage.objects.live().first()
    if parent is None:
        raise PermissionDenied
    model = models[profile_type]
    form_class = profile_form_class(model)
    blank = model(locale=parent.locale)
    if request.method != "POST":
        return _render_edit(request, blank, form_class(instance=blank), new_type=profile_type)
    form = form_class(request.POST, instance=blank)
    if not form.is_valid():
        return _render_edit(request, blank, form, new_type=profile_type, status=400)
    if "preview" in request.POST:
        return _render_edit(request, blank, form, preview=form.save(commit=False), new_type=profile_type)
    if not allow_request(request, "governance-propose", PROPOSALS_PER_HOUR, 3600):
        form.add_error(None, _("You proposed many profiles in a short time. Please try again later."))
        return _render_edit(request, blank, form, new_type=profile_type, status=429)
    page = propose_profile(parent, model, request.user, form)
    messages.success(
        request, _("Thank you! Your proposal was sent to the moderators; it is published once they approve.")
    )
    return redirect("governance:edit_profile", page_id=page.pk)


@login_required
def members(request, page_id):
    """A collective's members: invite by e-mail, change roles, remove (collective admins)."""
    profile = _profile_or_404(page_id)
    if not roles.can_manage_members(request.user, profile):
        raise PermissionDenied
    invite_form = InvitationForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "invite":
                invite_form = InvitationForm(request.POST)
                if invite_form.is_valid():
                    memberships.invite(
                        profile, invite_form.cleaned_data["email"], invite_form.cleaned_data["role"], request.user
                    )
                    messages.success(request, _("The invitation was sent to %(email)s.") % invite_form.cleaned_data)
                    return redirect("governance:members", page_id=profile.pk)
            elif action in ("remove", "role"):
                membership = get_object_or_404(
                    Membership, pk=request.POST.get("membership"), profile__translation_key=profile.translation_key
                )
                if action == "remove":
                    memberships.remove_member(membership, request.user)
                    messages.success(
                        request, _("%(name)s is no longer a member.") % {"name": membership.user.display_name}
                    )
                else:
                    role_form = RoleForm(request.POST)
                    if not role_form.is_valid():
                        return HttpResponseBadRequest(_("Unknown role."))
                    memberships.change_role(membership, role_form.cleaned_data["role"], request.user)
                    messages.success(request, _("The role was changed."))
                return redirect("governance:members", page_id=profile.pk)
        except ValidationError as error:
            target = invite_form if action == "invite" else None
            if target is not None:
                target.add_error(None, error)
            else:
                messages.error(request, " ".join(error.messages))
    return render(
        request,
        "governance/members.html",
        {
            "profile": profile,
            "memberships": Membership.objects.filter(profile__translation_key=profile.translation_key).select_related(
                "user"
            ),
            "invitations": [i for i in profile.invitations.filter(accepted_at__isnull=True) if i.is_open],
            "invite_form": invite_form,
            "role_choices": Membership.ROLE_CHOICES,
        },
        status=400 if invite_form.errors else 200,
    )


@login_required
def accept_invitation(request, token):
    invitation = get_object_or_404(Invitation, token=token)
    if request.method == "POST":
        try:
            memberships.accept_invitation(invitation, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Welcome to %(name)s!") % {"name": invitation.profile.title})
            return redirect("governance:my_collectives")
    return render(request, "governance/invitation.html", {"invitation": invitation})


@login_required
def claim(request, page_id):
    """ "This is my organisation": ask to manage a profile that has no members yet (a published one: 404 else)."""
    profile = visible_page(request, page_id, ProfilePage.objects.all())
    if profile is None:
        raise Http404
    profile = profile.specific
    if not roles.can_claim(request.user, profile):
        messages.error(request, _("This profile already has members: ask them to invite you."))
        return redirect(profile.url)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and not allow_request(request, "governance-claim", CLAIMS_PER_HOUR, 3600):
        form.add_error(None, _("You sent many requests in a short time. Please try again later."))
    elif request.method == "POST" and form.is_valid():
        try:
            memberships.submit_claim(profile, request.user, form.cleaned_data["message"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request was sent to the moderators."))
            return redirect("governance:my_collectives")
    return render(
        request, "governance/claim.html", {"profile": profile, "form": form}, status=400 if form.errors else 200
    )


def _require_moderator(request):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    if not roles.can_handle_queue(request.user):
        raise PermissionDenied
    return None


def moderation_queue(request, bound=None, status=None):
    """The moderation desk: every section the apps registered in `governance.desk`, each item actionable here.

    `bound` carries what a refused decision sent back (forms with their errors, typed text), shown again with
    `status` (400 or 403) so that nothing typed is lost.
    """
    if (response := _require_moderator(request)) is not None:
        return response
    return render(
        request,
        "governance/desk.html",
        {"sections": desk.sections_for(request, bound or {})},
        status=status or (400 if bound else 200),
    )


@require_POST
def decide(request, kind, pk):
    if (response := _require_moderator(request)) is not None:
        return response
    form_class = DecisionForm if kind == "claim" else ReportDecisionForm
    form = form_class(request.POST, prefix=f"{kind}-{pk}")
    if not form.is_valid():
        return moderation_queue(request, bound={(kind, pk): form})
    accept = form.cleaned_data["decision"] == "accept"
    reason = form.cleaned_data["reason"]
    try:
        if kind == "claim":
            memberships.decide_claim(get_object_or_404(Claim, pk=pk), request.user, accept, reason)
        else:
            reports.handle_report(get_object_or_404(Report, pk=pk), request.user, accept, reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your decision was recorded in the public log."))
    return redirect(desk.section_url("claims" if kind == "claim" else "reports"))


@require_POST
def vote(request, pk):
    """A moderator's vote on a change, from the desk: approve (optional comment) or request changes (reason).

    `moderation.approve`/`reject` decide who may vote and write the public log; a refused vote shows the desk
    again with the reason and the typed comment, and counts nothing.
    """
    if (response := _require_moderator(request)) is not None:
        return response
    task_state = pending_task_states().filter(pk=pk).first()
    if task_state is None:
        messages.info(request, _("This change no longer waits for votes."))
        return redirect(desk.section_url("changes"))
    task_state = task_state.specific
    action = request.POST.get("action", "")
    comment = (request.POST.get("comment") or "").strip()
    typed = {"action": action, "comment": comment}
    try:
        if action == "approve":
            status = moderation.approve(task_state, request.user, comment=comment)
        elif action == "reject":
            moderation.reject(task_state, request.user, comment=comment)
        else:
            raise ValidationError(_("Choose to approve or to request changes."))
    except PermissionDenied:
        page = Page.objects.get(pk=task_state.workflow_state.object_id).specific
        reason = desk_sections.vote_refusal(task_state.task.specific, page, request.user, task_state)
        typed["error"] = reason or _("You may not vote on this change.")
        return moderation_queue(request, bound={("change", task_state.pk): typed}, status=403)
    except ValidationError as error:
        typed["error"] = " ".join(error.messages)
        return moderation_queue(request, bound={("change", task_state.pk): typed}, status=400)
    if action == "reject":
        messages.success(request, _("Your request for changes was sent to the author and recorded in the public log."))
    elif status["approved"]:
        messages.success(
            request, _("The change has the approvals it needs: it is published and recorded in the public log.")
        )
    else:
        messages.success(
            request,
            _("Your approval is counted: %(count)s of %(needed)s.")
            % {"count": status["count"], "needed": status["needed"]},
        )
    return redirect(desk.section_url("changes"))
