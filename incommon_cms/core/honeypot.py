"""A captcha-free honeypot for anonymous forms: a field hidden from people that bots fill in."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class HoneypotMixin(forms.Form):
    website_url = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1", "class": "honeypot-input"}),
    )

    def clean_website_url(self):
        if self.cleaned_data.get("website_url"):
            raise ValidationError(_("This form could not be sent."))
        return ""
