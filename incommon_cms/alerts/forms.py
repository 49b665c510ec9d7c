from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from incommon_cms.core.honeypot import HoneypotMixin
from incommon_cms.directory.selectors import public_profiles

from . import topics
from .models import Subscription


class SubscribeForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Subscription.FREQUENCY_CHOICES,
        initial=Subscription.DAILY,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)
    topic = forms.ChoiceField(choices=Subscription.TOPIC_CHOICES, widget=forms.HiddenInput)
    query = forms.CharField(required=False, max_length=1000, widget=forms.HiddenInput)
    collective = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        topic = cleaned.get("topic")
        if not topic:
            return cleaned
        try:
            cleaned["query"] = topics.clean_query(topic, cleaned.get("query", ""))
        except ValidationError as error:
            raise ValidationError(
                [_("These filters cannot be followed: %(reasons)s") % {"reasons": " ".join(error.messages)}]
            ) from error
        if topic == Subscription.COLLECTIVE:
            profile = public_profiles().filter(pk=cleaned.get("collective") or 0).first()
            if profile is None:
                raise ValidationError(_("This collective does not exist or is not public."))
            cleaned["collective"] = profile
        else:
            cleaned["collective"] = None
        return cleaned


class ManageLinkForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(label=_("How often"), choices=Subscription.FREQUENCY_CHOICES)
