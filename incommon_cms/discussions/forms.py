from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_comments.forms import CommentSecurityForm
from wagtail.models import Locale

from incommon_cms.core.honeypot import HoneypotMixin
from incommon_cms.directory.models import Category

from .models import FlagReason, TopicPage

COMMENT_MAX_LENGTH = getattr(settings, "COMMENT_MAX_LENGTH", 3000)
FORMATTING_HELP = _("Simple formatting: **bold**, *italic*, [link](https://…), lists with “- ”, `code`, > quote.")


class CommentForm(HoneypotMixin, CommentSecurityForm):
    """A comment or a reply. The signed target fields make sure it lands on the thread the form was shown for."""

    comment = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=FORMATTING_HELP,
    )
    reply_to = forms.IntegerField(required=False, initial=0, widget=forms.HiddenInput)
    followup = forms.BooleanField(label=_("E-mail me when someone replies in this discussion"), required=False)

    def __init__(self, target_object, *args, auto_id="id_comment_%s", **kwargs):
        super().__init__(target_object, *args, auto_id=auto_id, **kwargs)
        self.fields["followup"].initial = True
        self.fields["comment"].widget.attrs["aria-describedby"] = (auto_id % "comment") + "_helptext"

    def clean_timestamp(self):
        try:
            return super().clean_timestamp()
        except forms.ValidationError:
            raise forms.ValidationError(
                _("This form was open for a long time: check your text and send it again."), code="expired"
            )

    def clean_security_hash(self):
        try:
            return super().clean_security_hash()
        except forms.ValidationError:
            raise forms.ValidationError(_("This form could not be sent: send it again."), code="tampered")

    def refreshed(self):
        """The same form with the text kept and fresh security fields, to show it again after an error."""
        data = self.data.copy()
        for name, value in self.generate_security_data().items():
            data[name] = value
        form = type(self)(self.target_object, data=data, auto_id=self.auto_id)
        form.is_valid()
        for field in ("timestamp", "security_hash", "content_type", "object_pk"):
            for error in self.errors.get(field, []):
                form.add_error(None, error)
        return form


class EditCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=FORMATTING_HELP,
    )


class ModerationForm(forms.Form):
    ACTION_CHOICES = [
        ("approve", _("Approve (publish)")),
        ("hide", _("Hide")),
        ("remove", _("Remove")),
    ]

    action = forms.ChoiceField(label=_("Decision"), choices=ACTION_CHOICES, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to hide or remove. Published in the decision log."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") in ("hide", "remove") and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give a reason: it is published in the decision log."))
        return cleaned


class TopicModerationForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Publish")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "reject" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give a reason: it is published in the decision log."))
        return cleaned


def theme_choices(locale=None):
    """Themes of the directory in the reader's language (slug, name)."""
    locale = locale or Locale.get_active()
    themes = Category.objects.filter(locale=locale).order_by("name")
    if not themes.exists():
        themes = Category.objects.filter(locale=Locale.get_default()).order_by("name")
    return [(theme.slug, theme.name) for theme in themes]


class TopicForm(HoneypotMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    topic_type = forms.ChoiceField(label=_("Type"), choices=TopicPage.TYPE_CHOICES, widget=forms.RadioSelect)
    theme = forms.ChoiceField(label=_("Theme"))
    body = forms.CharField(
        label=_("Message"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=FORMATTING_HELP,
    )

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale = locale
        self.fields["theme"].choices = [("", _("Choose a theme")), *theme_choices(locale)]

    def clean_theme(self):
        slug = self.cleaned_data["theme"]
        theme = Category.objects.filter(slug=slug, locale=self.locale).first()
        theme = theme or Category.objects.filter(slug=slug).order_by("pk").first()
        if theme is None:
            raise forms.ValidationError(_("Choose a theme from the list."))
        return theme


class TopicFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=100)
    type = forms.ChoiceField(label=_("Type"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All types")), *TopicPage.TYPE_CHOICES]
        self.fields["theme"].choices = [("", _("All themes")), *theme_choices()]
        self.fields["language"].choices = [("", _("All languages")), *list(settings.LANGUAGES)]


class FlagForm(forms.Form):
    """Why a member reports a comment: a reason from the list, and their own words (required with "other")."""

    reason = forms.ChoiceField(
        label=_("Why are you reporting this comment?"), choices=FlagReason.REASON_CHOICES, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required if you chose “Other”. Only the moderators read it."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == FlagReason.OTHER and not (cleaned.get("details") or "").strip():
            self.add_error("details", _("Describe the problem in a few words."))
        return cleaned
