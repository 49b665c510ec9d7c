import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incommon_cms.core.roles import is_moderator
from incommon_cms.directory.models import ProfilePage
from incommon_cms.governance.roles import is_member

from . import charts
from .collective import collective_report
from .figures import add_months, month_keys, month_row
from .reminders import ConfirmationError, confirm_with_token, mark_verified, profile_for_token, unclaimed_stale_profiles

PAGE_SIZE = 50


def _localized(page):
    return page.specific.localized


def _get_collective(request, pk):
    profile = get_object_or_404(ProfilePage.objects.live(), pk=pk)
    if not (is_moderator(request.user) or is_member(request.user, profile)):
        raise PermissionDenied(_("Only the members of this collective and the moderators can see this page."))
    return _localized(profile)


@login_required
def collective_dashboard(request, pk):
    profile = _get_collective(request, pk)
    today = timezone.localdate()
    report = collective_report(profile, today)
    first = add_months(today.replace(day=1), -11)
    months = [month_row(key, [report["audience"]["monthly"].get(key, 0)]) for key in month_keys(first, 12)]
    language = (request.LANGUAGE_CODE or "fr")[:2]
    chart = charts.column_chart(
        "chart-collective-views",
        _("Views per month"),
        _("Views of the profile, events and tools of the collective over the last 12 months."),
        [row["short"].get(language, row["key"]) for row in months],
        [(_("Views"), [row["values"][0] for row in months])],
        highlight=len(months) - 1,
    )
    return render(
        request,
        "ecosystem/collective_dashboard.html",
        {
            "profile": profile,
            "report": report,
            "months": [(row["label"].get(language, row["key"]), row["values"][0]) for row in months],
            "views_chart": chart,
        },
    )


@require_POST
@login_required
def confirm_as_member(request, pk):
    """A member (or a moderator) confirms from the site that the profile is still right."""
    profile = _get_collective(request, pk)
    method = "member" if is_member(request.user, profile) else "moderator"
    mark_verified(profile, method=method, user=request.user)
    messages.success(request, _("Thank you: “%(title)s” is marked as verified today.") % {"title": profile.title})
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect("ecosystem:collective_dashboard", pk=profile.pk)


def confirm_profile(request, token):
    """The one-click link of the reminder: shows the profile and confirms it with one button, without login.

    The confirmation is a POST so that link checkers of mail systems, which open links, cannot confirm by mistake.
    """
    context = {"token": token}
    try:
        profile = profile_for_token(token)
    except ConfirmationError as error:
        context.update({"error": error.message, "profile": error.profile and _localized(error.profile)})
        return render(request, "ecosystem/confirm_profile.html", context, status=410 if error.profile else 400)
    if request.method == "POST":
        try:
            profile = confirm_with_token(token)
        except ConfirmationError as error:
            context.update({"error": error.message, "profile": error.profile and _localized(error.profile)})
            return render(request, "ecosystem/confirm_profile.html", context, status=410)
        context.update({"profile": _localized(profile), "confirmed": True})
        return render(request, "ecosystem/confirm_profile.html", context)
    context["profile"] = _localized(profile)
    return render(request, "ecosystem/confirm_profile.html", context)


@login_required
def stale_profiles_list(request):
    """Moderators' list of stale profiles that no collective member can confirm."""
    if not is_moderator(request.user):
        raise PermissionDenied(_("Only moderators can see this page."))
    profiles = unclaimed_stale_profiles()
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "ecosystem/stale_profiles.html",
        {
            "page_obj": page,
            "rows": [
                {
                    "profile": _localized(profile),
                    "admin_url": reverse("wagtailadmin_pages:edit", args=[profile.pk]),
                    "age_days": (today - profile.last_verified).days if profile.last_verified else None,
                }
                for profile in page.object_list
            ],
            "count": len(profiles),
            "today": today,
            "one_year_ago": today - datetime.timedelta(days=365),
        },
    )
