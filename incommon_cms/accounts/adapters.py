from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model
from django.utils import translation

from .lockout import allauth_flow


class AccountAdapter(DefaultAccountAdapter):
    """Account e-mails go out in the recipient's preferred language."""

    def send_mail(self, template_prefix, email, context):
        user = context.get("user") or get_user_model().objects.filter(email__iexact=email).first()
        language = getattr(user, "language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def authenticate(self, request, **credentials):
        """allauth checks and counts its own attempts: the site-wide lockout (`accounts.lockout`) leaves them alone."""
        with allauth_flow():
            return super().authenticate(request, **credentials)
