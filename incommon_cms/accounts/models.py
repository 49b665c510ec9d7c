from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]


class User(AbstractUser):
    """A person using the platform. E-mail is the login; language drives the e-mails they receive."""

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("preferred language"), max_length=5, choices=LANGUAGE_CHOICES, default="fr")
    charter_accepted_at = models.DateTimeField(_("charter accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email or self.username

    @property
    def display_name(self):
        return self.get_full_name() or self.username
