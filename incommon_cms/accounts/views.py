import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from incommon_cms.core.ratelimit import allow_request

from . import gdpr
from .forms import AccountSettingsForm, DeleteAccountForm

DELETE_ATTEMPTS = (5, 15 * 60)


@login_required
def account_settings(request):
    user = request.user
    form = AccountSettingsForm(request.POST or None, initial={"first_name": user.first_name, "language": user.language})
    if request.method == "POST" and form.is_valid():
        user.first_name = form.cleaned_data["first_name"]
        user.language = form.cleaned_data["language"]
        user.save(update_fields=["first_name", "language"])
        messages.success(request, _("Your settings have been saved."))
        return redirect("account_settings")
    return render(request, "account/settings.html", {"form": form})


@login_required
@require_safe
def my_data(request):
    """What the platform stores about the member, the download of it, and the deletion of the account."""
    return render(request, "account/my_data.html", {"export": gdpr.export_user_data(request.user)})


@login_required
@require_safe
def export_data(request):
    data = json.dumps(gdpr.export_user_data(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    filename = f"incommon-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def delete_account(request):
    user = request.user
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST":
        if not allow_request(request, "account-delete", *DELETE_ATTEMPTS):
            form.add_error(None, _("Too many attempts. Please try again in a few minutes."))
        elif gdpr.is_last_site_admin(user):
            form.add_error(
                None, _("You are the only site administrator: name another one before deleting your account.")
            )
        elif form.is_valid():
            gdpr.delete_account(user)
            logout(request)
            messages.success(request, _("Your account has been deleted. Your comments remain, without your name."))
            return redirect("/")
    return render(request, "account/delete.html", {"form": form}, status=400 if form.errors else 200)


def login_redirect(request, home=None, may_enter=None):
    """Wagtail's and Django's own login pages, GET or POST: off to allauth's login page, `next` kept.

    No password is ever checked here, so allauth's form and its lockout are the only way in (see `accounts.lockout`).
    `home` (a URL name) is where to go after login when no `next` is given. A signed-in member arrives here only
    when Wagtail or Django refused them: `may_enter(user)` tells whether they may enter after all (they are sent
    on), else they get a 403 rather than a loop between the admin and allauth's page, which sends signed-in people
    on to `next`.
    """
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    next_url = next_url or (reverse(home) if home else "")
    if request.user.is_authenticated:
        if may_enter is not None and may_enter(request.user):
            return HttpResponseRedirect(next_url or "/")
        raise PermissionDenied
    login_url = reverse("account_login")
    return HttpResponseRedirect(f"{login_url}?{urlencode({'next': next_url})}" if next_url else login_url)
