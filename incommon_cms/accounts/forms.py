from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from incommon_cms.core.honeypot import HoneypotMixin
from incommon_cms.core.models import CommunitySettings

from .models import LANGUAGE_CHOICES


def charter_page_url():
    """URL of the community charter in the reader's language, from the default site's settings."""

    site = Site.objects.filter(is_default_site=True).first()
    page = CommunitySettings.for_site(site).charter_page if site else None
    return page.localized.url if page else ""


class SignupForm(HoneypotMixin, AllauthSignupForm):
    """Sign-up by e-mail; the community charter must be accepted; a honeypot keeps bots out."""

    first_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    language = forms.ChoiceField(label=_("Preferred language"), choices=LANGUAGE_CHOICES)
    accept_charter = forms.BooleanField(
        label=_("I have read and accept the community charter"),
        required=True,
        error_messages={"required": _("You must accept the community charter to sign up.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = (get_language() or "fr")[:2]
        charter_url = charter_page_url()
        if charter_url:
            self.fields["accept_charter"].help_text = format_html(
                '<a href="{}" target="_blank" rel="noopener">{}</a>', charter_url, _("Read the community charter")
            )

    def save(self, request):
        user = super().save(request)
        user.first_name = self.cleaned_data.get("first_name", "")
        user.language = self.cleaned_data["language"]
        user.charter_accepted_at = timezone.now()
        user.save(update_fields=["first_name", "language", "charter_accepted_at"])
        return user


class AccountSettingsForm(forms.Form):
    first_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    language = forms.ChoiceField(label=_("Preferred language"), choices=LANGUAGE_CHOICES)


class DeleteAccountForm(forms.Form):
    """Deleting an account is confirmed with the account's password."""

    password = forms.CharField(
        label=_("Your password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not correct."))
        return password
