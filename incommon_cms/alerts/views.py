"""The alerts' pages: subscribe, confirm, manage the subscriptions of an address, unsubscribe.

No page shows an address other than to the holder of a signed link sent to it; the subscribe form gives the same
answer whether the address was already subscribed or not.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from incommon_cms.core.mail import send_templated_mail
from incommon_cms.core.ratelimit import allow_request

from . import mail, tokens
from .forms import FrequencyForm, ManageLinkForm, SubscribeForm
from .models import Subscription

SUBSCRIBE_LIMIT = (10, 3600)


def subscribe(request):
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid() and not allow_request(request, "alerts-subscribe", *SUBSCRIBE_LIMIT, per_user=False):
            form.add_error(None, _("Too many requests from your connection. Please try again in an hour."))
            return render(request, "alerts/subscribe.html", {"form": form}, status=429)
        if form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                subscription, _created = Subscription.objects.get_or_create(
                    email=data["email"].lower(),
                    topic=data["topic"],
                    query=data["query"],
                    collective=data["collective"],
                    defaults={"frequency": data["frequency"], "language": data["language"]},
                )
            mail.send_confirmation(subscription, data["frequency"], data["language"])
            return render(request, "alerts/sent.html", {"email": data["email"]})
        return render(
            request, "alerts/subscribe.html", {"form": form, "view_label": _view_label(form.data)}, status=400
        )
    initial = {
        "topic": request.GET.get("topic", Subscription.MAP),
        "query": request.GET.get("query", ""),
        "collective": request.GET.get("collective"),
        "language": get_language(),
        "frequency": Subscription.DAILY,
    }
    if request.user.is_authenticated:
        initial["email"] = request.user.email
    form = SubscribeForm(initial=initial)
    return render(request, "alerts/subscribe.html", {"form": form, "view_label": _view_label(initial)})


def _view_label(initial):
    labels = dict(Subscription.TOPIC_CHOICES)
    return labels.get(initial.get("topic"), "")


def confirm(request, token):
    try:
        payload = tokens.read_confirm_token(token)
    except signing.SignatureExpired:
        return render(request, "alerts/link_problem.html", {"expired": True}, status=410)
    except signing.BadSignature:
        return render(request, "alerts/link_problem.html", {"expired": False}, status=400)
    subscription = Subscription.objects.filter(pk=payload["s"]).first()
    if subscription is None:
        return render(request, "alerts/link_problem.html", {"expired": False}, status=404)
    if request.method == "POST":
        subscription.frequency = payload["f"]
        subscription.language = payload["l"]
        if subscription.confirmed_at is None:
            subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["frequency", "language", "confirmed_at"])
        messages.success(request, _("Your alert is confirmed."))
        return redirect("alerts:manage", token=tokens.manage_token(subscription.email))
    return render(request, "alerts/confirm.html", {"subscription": subscription})


def manage(request, token):
    try:
        email = tokens.read_manage_token(token)
    except signing.BadSignature:
        return render(request, "alerts/manage_link.html", {"form": ManageLinkForm(), "expired": True}, status=410)
    subscriptions = Subscription.objects.filter(email=email).select_related("collective").order_by("created_at")
    if request.method == "POST":
        subscription = subscriptions.filter(pk=request.POST.get("subscription") or 0).first()
        if subscription is not None:
            if request.POST.get("action") == "delete":
                subscription.delete()
                messages.success(request, _("You will no longer receive this alert."))
            else:
                form = FrequencyForm(request.POST)
                if form.is_valid():
                    subscription.frequency = form.cleaned_data["frequency"]
                    subscription.save(update_fields=["frequency"])
                    messages.success(request, _("Your alert was updated."))
        return redirect("alerts:manage", token=token)
    rows = [
        (subscription, FrequencyForm(initial={"frequency": subscription.frequency})) for subscription in subscriptions
    ]
    return render(request, "alerts/manage.html", {"email": email, "rows": rows})


@login_required
def mine(request):
    """From the member's account page: the alerts of the account's address."""
    return redirect("alerts:manage", token=tokens.manage_token(request.user.email))


def manage_link(request):
    """E-mail the link to manage an address's alerts (the same answer whether it has any or not)."""
    form = ManageLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not allow_request(request, "alerts-manage-link", *SUBSCRIBE_LIMIT, per_user=False):
            form.add_error(None, _("Too many requests from your connection. Please try again in an hour."))
            return render(request, "alerts/manage_link.html", {"form": form}, status=429)
        email = form.cleaned_data["email"].lower()
        if Subscription.objects.filter(email=email).exists():
            with_language = Subscription.objects.filter(email=email).first().language
            send_templated_mail(
                email,
                "alerts/email/manage_link",
                {"manage_url": mail.absolute(reverse("alerts:manage", args=[tokens.manage_token(email)]))},
                language=with_language,
            )
        return render(request, "alerts/sent.html", {"email": form.cleaned_data["email"], "manage": True})
    return render(request, "alerts/manage_link.html", {"form": form}, status=400 if request.method == "POST" else 200)


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a session or a CSRF token
def unsubscribe(request, token):
    try:
        subscription_id = tokens.read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, "alerts/link_problem.html", {"expired": False}, status=400)
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if request.method == "POST":
        if subscription is not None:
            subscription.delete()
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(_("You are unsubscribed."), content_type="text/plain; charset=utf-8")
        return render(request, "alerts/unsubscribed.html")
    if subscription is None:
        return render(request, "alerts/unsubscribed.html")
    return render(request, "alerts/unsubscribe.html", {"subscription": subscription})
