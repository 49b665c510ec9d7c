"""Forms of the board, the rooms and the skills directory. They keep what the member typed when refused."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from incommon_cms.directory.models import Category, Commune, ProfilePage

from . import access
from .models import Booking, ClosedDay, Listing, Room, SkillCard, WeeklySlot

MAX_LISTING_DAYS = 366


def _categories():
    """The directory's themes, each once: in the reader's language when translated, else in the language it has."""
    try:
        active = Locale.get_active().pk
    except Locale.DoesNotExist:
        active = None
    chosen = {}
    for category in Category.objects.order_by("pk"):
        if category.translation_key not in chosen or category.locale_id == active:
            chosen[category.translation_key] = category.pk
    return Category.objects.filter(pk__in=chosen.values()).order_by("name")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class CollectiveChoiceMixin:
    """A `profile` field limited to the collectives of the member filling the form."""

    def limit_profiles(self, user, field="profile"):
        self.fields[field].queryset = access.collectives_of(user)
        self.fields[field].empty_label = None


class ListingForm(CollectiveChoiceMixin, forms.ModelForm):
    class Meta:
        model = Listing
        fields = [
            "profile",
            "kind",
            "category",
            "commune",
            "title_fr",
            "title_nl",
            "description_fr",
            "description_nl",
            "quantity",
            "expires_on",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "expires_on": DateInput(),
            "description_fr": forms.Textarea(attrs={"rows": 4}),
            "description_nl": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_profiles(user)
        self.fields["kind"].choices = Listing.KIND_CHOICES
        self.fields["category"].queryset = _categories()
        self.fields["commune"].empty_label = _("Anywhere in Brussels")
        if self.instance.pk:
            del self.fields["profile"]

    def clean_expires_on(self):
        value = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if value < today:
            raise forms.ValidationError(_("Choose a date from today on."))
        if value > today + datetime.timedelta(days=MAX_LISTING_DAYS):
            raise forms.ValidationError(_("Choose a date within a year: you can renew it later."))
        return value

    def clean(self):
        data = super().clean()
        if not (data.get("title_fr", "").strip() or data.get("title_nl", "").strip()):
            raise forms.ValidationError(_("Give a title in French or in Dutch (or both)."))
        return data


class CloseForm(forms.Form):
    met = forms.BooleanField(label=_("It was met thanks to the platform"), required=False)


class RenewForm(forms.Form):
    expires_on = forms.DateField(label=_("New expiry date"), widget=DateInput())

    def clean_expires_on(self):
        return ListingForm.clean_expires_on(self)


class AnswerForm(CollectiveChoiceMixin, forms.Form):
    profile = forms.ModelChoiceField(label=_("On behalf of"), queryset=ProfilePage.objects.none())
    body = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_profiles(user)


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class ModerationForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ListingFilter(django_filters.FilterSet):
    """The board's filters: offer or need, category (slug, same in every language), commune (NIS code)."""

    kind = django_filters.ChoiceFilter(label=_("Offers or needs"), choices=Listing.KIND_CHOICES, empty_label=_("Both"))
    category = django_filters.ChoiceFilter(
        label=_("Category"), field_name="category__slug", choices=[], empty_label=_("All categories")
    )
    commune = django_filters.ModelChoiceFilter(
        label=_("Commune"),
        queryset=Commune.objects.all(),
        to_field_name="nis_code",
        method="in_commune",
        empty_label=_("All communes"),
    )

    class Meta:
        model = Listing
        fields = ["kind", "category", "commune"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["category"].extra["choices"] = [(c.slug, c.name) for c in _categories()]

    def in_commune(self, queryset, name, value):
        """A listing for the whole of Brussels is in every commune."""
        return queryset.filter(commune__in=[value]) | queryset.filter(commune__isnull=True)


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = [
            "name",
            "capacity",
            "surface",
            "step_free_access",
            "step_free_toilets",
            "equipment",
            "price",
            "solidarity_price",
            "house_rules",
        ]
        widgets = {"equipment": forms.Textarea(attrs={"rows": 3}), "house_rules": forms.Textarea(attrs={"rows": 3})}


class WeeklySlotForm(forms.ModelForm):
    class Meta:
        model = WeeklySlot
        fields = ["weekday", "start_time", "end_time"]
        widgets = {"start_time": TimeInput(), "end_time": TimeInput()}

    def clean(self):
        data = super().clean()
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            raise forms.ValidationError(_("The end must come after the start."))
        return data


SlotFormSet = forms.inlineformset_factory(Room, WeeklySlot, form=WeeklySlotForm, extra=2, can_delete=True)
ClosedDayFormSet = forms.inlineformset_factory(
    Room, ClosedDay, fields=["date", "note"], widgets={"date": DateInput()}, extra=1, can_delete=True
)


class RoomSearchForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("From"), widget=TimeInput())
    end = forms.TimeField(label=_("To"), widget=TimeInput())
    capacity = forms.IntegerField(label=_("People"), min_value=1, max_value=10000, required=False)
    commune = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=Commune.objects.all(),
        to_field_name="nis_code",
        required=False,
        empty_label=_("All communes"),
    )
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            raise forms.ValidationError(_("The end must come after the start."))
        return data

    def interval(self):
        zone = timezone.get_current_timezone()
        data = self.cleaned_data
        start = datetime.datetime.combine(data["date"], data["start"], tzinfo=zone)
        return start, datetime.datetime.combine(data["date"], data["end"], tzinfo=zone)


class BookingForm(CollectiveChoiceMixin, forms.ModelForm):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("From"), widget=TimeInput())
    end_time = forms.TimeField(label=_("To"), widget=TimeInput())

    class Meta:
        model = Booking
        fields = ["requester_profile", "date", "start_time", "end_time", "attendees", "purpose"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_profiles(user, field="requester_profile")
        self.fields["attendees"].min_value = 1

    def clean(self):
        data = super().clean()
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            raise forms.ValidationError(_("The end must come after the start."))
        return data

    def interval(self):
        zone = timezone.get_current_timezone()
        data = self.cleaned_data
        return (
            datetime.datetime.combine(data["date"], data["start_time"], tzinfo=zone),
            datetime.datetime.combine(data["date"], data["end_time"], tzinfo=zone),
        )


class BookingAnswerForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the requester"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SkillCardForm(forms.ModelForm):
    class Meta:
        model = SkillCard
        fields = ["skills", "tags", "would_help", "note", "hidden"]
        widgets = {
            "skills": forms.CheckboxSelectMultiple,
            "would_help": forms.SelectMultiple(attrs={"size": 6}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"tags": _("Separated by commas."), "hidden": _("Hidden cards are seen by nobody but you.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            locale = Locale.get_default()
        self.fields["would_help"].queryset = ProfilePage.objects.live().public().filter(locale=locale).order_by("title")
