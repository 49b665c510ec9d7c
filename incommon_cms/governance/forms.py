from django import forms
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import ClusterForm

from incommon_cms.core.honeypot import HoneypotMixin
from incommon_cms.core.text import html_to_text, text_to_html
from incommon_cms.directory.models import (
    AlternativePage,
    Category,
    GoodAddressPage,
    PlacePage,
    is_web_link,
    split_links,
)
from incommon_cms.directory.service_area import check_point

from .models import Claim, Membership, Report


class ApproveForm(forms.Form):
    comment = forms.CharField(label=_("Comment (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RejectForm(forms.Form):
    comment = forms.CharField(
        label=_("What needs to change?"),
        help_text=_("Your reason is sent to the author and published in the decision log."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


FIELDSETS = [
    (_("Presentation"), ["title", "short_description", "description", "kind", "categories", "tags"]),
    (_("The place"), PlacePage.type_fields),
    (_("The offer"), GoodAddressPage.type_fields),
    (_("Address and map"), ["street_address", "postcode", "city", "address_private", "latitude", "longitude"]),
    (
        _("Contact"),
        ["website", "social_links", "email", "email_private", "phone", "phone_private", "opening_hours", "languages"],
    ),
    (_("Organisation"), ["founding_year", "legal_form", "company_number"]),
]


class BaseProfileForm(ClusterForm):
    """The simple profile form of the front end: plain text description, a map pin, no Wagtail admin."""

    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Leave an empty line between paragraphs."),
    )
    latitude = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["description"] = html_to_text(self.instance.description)
        if "categories" in self.fields:
            self.fields["categories"].queryset = Category.objects.filter(locale=self.instance.locale)
            self.fields["categories"].widget = forms.CheckboxSelectMultiple(choices=self.fields["categories"].choices)
        for name in ("short_description", "opening_hours", "social_links"):
            if name in self.fields and name != "short_description":
                self.fields[name].widget.attrs["rows"] = 3
        if "tags" in self.fields:
            self.fields["tags"].required = False

    def clean_social_links(self):
        text = self.cleaned_data.get("social_links", "")
        invalid = [line for line in split_links(text) if not is_web_link(line)]
        if invalid:
            raise forms.ValidationError(
                _("Each line must be a web address starting with https:// or http://: %(lines)s"),
                params={"lines": ", ".join(invalid)},
            )
        return text

    def clean(self):
        """Line ends as typed: browsers send CRLF, which would make text sent back unchanged look changed. A map
        pin outside the area the platform serves is refused (directory.service_area)."""
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = value.replace("\r\n", "\n")
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if latitude is not None and longitude is not None:
            try:
                check_point(latitude, longitude, self.fields["latitude"].label)
            except forms.ValidationError as error:
                self.add_error("latitude", error)
        return cleaned

    def clean_description(self):
        """The typed text as HTML; unchanged text keeps the stored HTML (and any formatting made in the admin)."""
        html = text_to_html(self.cleaned_data.get("description", ""))
        if html_to_text(html) == html_to_text(self.instance.description):
            return self.instance.description
        return html

    def fieldsets(self):
        for legend, names in FIELDSETS:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                yield {"legend": legend, "fields": fields}

    def save(self, commit=False):
        page = super().save(commit=False)
        lat, lng = self.cleaned_data.get("latitude"), self.cleaned_data.get("longitude")
        if lat is not None and lng is not None:
            page.set_point(lat, lng)
        elif lat is None and lng is None and ("latitude" in self.changed_data or "longitude" in self.changed_data):
            page.location, page.latitude, page.longitude = "", None, None
        return page


def profile_form_class(model):
    fields = model.data_fields()
    return type(
        f"{model.__name__}Form",
        (BaseProfileForm,),
        {"Meta": type("Meta", (), {"model": model, "fields": fields, "formsets": {}})},
    )


PROFILE_TYPES = [
    ("alternative", _("An alternative (association, cooperative, collective...)"), AlternativePage),
    ("place", _("A place to share (a room, a space)"), PlacePage),
    ("good_address", _("A good address (a supplier or service)"), GoodAddressPage),
]


class ProfileTypeForm(forms.Form):
    profile_type = forms.ChoiceField(
        label=_("What do you want to add?"),
        choices=[(key, label) for key, label, _model in PROFILE_TYPES],
        widget=forms.RadioSelect,
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to invite"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.ROLE_CHOICES, initial=Membership.EDITOR)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.ROLE_CHOICES)


class ClaimForm(forms.ModelForm):
    class Meta:
        model = Claim
        fields = ["message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"message": _("For example your role in the organisation. Moderators read this before accepting.")}


class DecisionForm(forms.Form):
    """A moderator's decision on a claim or a report: the reason is published in the log."""

    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("accept", _("Accept")), ("refuse", _("Refuse"))], widget=forms.RadioSelect
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Please give a reason: it is sent to the person and published in the log."))
        return data


class ReportDecisionForm(DecisionForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Resolved: the page was corrected")), ("refuse", _("Dismissed: nothing to change"))],
        widget=forms.RadioSelect,
    )


class ReportForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = Report
        fields = ["kind", "message", "email"]
        widgets = {"kind": forms.RadioSelect, "message": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"email": _("Only if you want an answer. It is never published.")}
