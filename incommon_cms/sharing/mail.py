"""The sharing app's e-mails: in the recipient's language, with absolute links to the platform, never an address."""

from django.conf import settings

from incommon_cms.core.mail import send_templated_mail


def notify(users, template, **context):
    """Send `sharing/email/<template>` to each active user (links are reversed in each recipient's language)."""
    context["base_url"] = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for user in users:
        if user.is_active and user.email:
            send_templated_mail(user, f"sharing/email/{template}", context)
