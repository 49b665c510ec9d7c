"""The alerts' e-mails: the confirmation and the digests, in the subscriber's language, with signed links.

Every digest carries a one-click unsubscribe link in its body and in the `List-Unsubscribe` and
`List-Unsubscribe-Post` headers (RFC 8058): mail clients then POST `List-Unsubscribe=One-Click` to that link.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from incommon_cms.core.mail import send_templated_mail

from . import tokens


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def links(subscription):
    """The absolute manage and unsubscribe links of a subscription, in its language."""
    with translation.override(subscription.language):
        return {
            "manage_url": absolute(reverse("alerts:manage", args=[tokens.manage_token(subscription.email)])),
            "unsubscribe_url": absolute(reverse("alerts:unsubscribe", args=[tokens.unsubscribe_token(subscription)])),
        }


def send_confirmation(subscription, frequency, language):
    with translation.override(language):
        confirm_url = absolute(
            reverse("alerts:confirm", args=[tokens.confirm_token(subscription, frequency, language)])
        )
    send_templated_mail(
        subscription.email,
        "alerts/email/confirm",
        {"subscription": subscription, "confirm_url": confirm_url, "days": tokens.CONFIRM_DAYS},
        language=language,
    )


def send_digest(subscription, sections):
    context = {"subscription": subscription, "sections": sections, **links(subscription)}
    headers = {
        "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return send_templated_mail(
        subscription.email, "alerts/email/digest", context, language=subscription.language, headers=headers
    )
