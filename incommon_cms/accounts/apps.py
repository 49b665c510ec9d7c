from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "incommon_cms.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from .lockout import count_failed_login

        user_login_failed.connect(count_failed_login, dispatch_uid="accounts-login-lockout")
