from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Account e-mails go out in the recipient's preferred language."""

    def send_mail(self, template_prefix, email, context):
        user = context.get("user") or get_user_model().objects.filter(email__iexact=email).first()
        language = getattr(user, "language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
