"""Forms of the agenda: the friendly recurrence fields (admin and front end), submissions, proposals, filters."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from incommon_cms.core.honeypot import HoneypotMixin
from incommon_cms.directory.geocoding import locate
from incommon_cms.directory.models import Category, Commune, ProfilePage
from incommon_cms.directory.service_area import check_point

from .recurrence import (
    CUSTOM,
    FREQUENCY_CHOICES,
    NONE,
    POSITION_CHOICES,
    TIMEZONE,
    WEEKDAY_CHOICES,
    RecurrenceError,
    build_rule,
    parse_date_lines,
    rule_to_form,
)


class RecurrenceFieldsMixin(forms.Form):
    """Friendly fields that write an RRULE: `recurrence_rule(start, all_day)` gives it back after validation."""

    repeat = forms.ChoiceField(label=_("Repeat"), choices=FREQUENCY_CHOICES, required=False)
    repeat_interval = forms.IntegerField(
        label=_("Every how many days, weeks or months"), min_value=1, max_value=52, initial=1, required=False
    )
    repeat_weekdays = forms.MultipleChoiceField(
        label=_("On these days (weekly)"), choices=WEEKDAY_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    repeat_position = forms.TypedChoiceField(
        label=_("Which weekday of the month (monthly)"),
        choices=[("", "—"), *POSITION_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    repeat_until = forms.DateField(
        label=_("Until (last day)"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    repeat_count = forms.IntegerField(label=_("Or a number of times"), min_value=1, max_value=500, required=False)

    def initial_recurrence(self, rule):
        for name, value in rule_to_form(rule).items():
            self.initial["repeat" if name == "frequency" else f"repeat_{name}"] = value

    def clean_recurrence(self, start, all_day, current_rule=""):
        """The RRULE the friendly fields describe (the current one when `custom` is chosen); adds form errors."""
        data = self.cleaned_data
        frequency = data.get("repeat") or NONE
        if frequency == CUSTOM:
            return current_rule
        if frequency == NONE or start is None:
            return ""
        if data.get("repeat_until") and data.get("repeat_count"):
            self.add_error("repeat_count", _("Give either a last day or a number of times, not both."))
            return current_rule
        local_start = start.astimezone(TIMEZONE) if isinstance(start, datetime.datetime) else start
        if data.get("repeat_until") and data["repeat_until"] < _date(local_start):
            self.add_error("repeat_until", _("The last day must come after the first one."))
            return current_rule
        try:
            return build_rule(
                frequency,
                start=local_start,
                all_day=all_day,
                interval=data.get("repeat_interval") or 1,
                weekdays=data.get("repeat_weekdays") or (),
                position=data.get("repeat_position"),
                until=data.get("repeat_until"),
                count=data.get("repeat_count"),
            )
        except RecurrenceError as error:
            self.add_error("repeat", str(error))
            return current_rule


def _date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


class EventPageForm(RecurrenceFieldsMixin, WagtailAdminPageForm):
    """The event editor: the rule is generated from the friendly fields and shown back read-only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial_recurrence(self.instance.rrule)

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("start")
        all_day = cleaned.get("all_day", False)
        self.instance.rrule = self.clean_recurrence(start, all_day, self.instance.rrule)
        for name in ("exdates", "rdates"):
            try:
                parse_date_lines(cleaned.get(name), all_day)
            except RecurrenceError as error:
                self.add_error(name, str(error))
        if start and cleaned.get("end") and cleaned["end"] < start:
            self.add_error("end", _("The end must come after the start."))
        return cleaned


class EventFieldsForm(RecurrenceFieldsMixin, forms.Form):
    """What members and the public fill in to submit an event. Field names follow EventPage's."""

    title = forms.CharField(label=_("Title"), max_length=255)
    summary = forms.CharField(label=_("Summary"), max_length=280, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label=_("Start time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_date = forms.DateField(
        label=_("End date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end_time = forms.TimeField(
        label=_("End time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    all_day = forms.BooleanField(label=_("All day"), required=False)
    exdates = forms.CharField(
        label=_("Dates left out"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One date per line, e.g. 2026-12-24."),
    )
    place = forms.ModelChoiceField(label=_("Place from the directory"), queryset=None, required=False)
    venue_name = forms.CharField(label=_("Or another venue: its name"), max_length=255, required=False)
    street_address = forms.CharField(label=_("Street and number"), max_length=255, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("Town"), max_length=100, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False)
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    audience = forms.CharField(label=_("Audience"), max_length=255, required=False)
    price_kind = forms.ChoiceField(label=_("Price"), required=False)
    price = forms.CharField(label=_("Price details"), max_length=255, required=False)
    registration_url = forms.URLField(label=_("Registration link"), required=False)
    event_languages = forms.MultipleChoiceField(
        label=_("Languages of the event"), required=False, widget=forms.CheckboxSelectMultiple
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibility"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, locale=None, **kwargs):
        # agenda.models imports this module (EventPageForm): its names are read here, once the models are loaded.
        from .models import ACCESSIBILITY_CHOICES, EVENT_LANGUAGE_CHOICES, EventPage

        super().__init__(*args, **kwargs)
        places = ProfilePage.objects.live().public().filter(placepage__isnull=False)
        categories = Category.objects.all()
        if locale is not None:
            places, categories = places.filter(locale=locale), categories.filter(locale=locale)
        self.fields["place"].queryset = places.order_by("title")
        self.fields["categories"].queryset = categories.order_by("name")
        self.fields["price_kind"].choices = [("", _("Not specified")), *EventPage.PRICE_CHOICES]
        self.fields["event_languages"].choices = EVENT_LANGUAGE_CHOICES
        self.fields["accessibility"].choices = ACCESSIBILITY_CHOICES

    def clean(self):
        cleaned = super().clean()
        self.clean_address_point(cleaned)
        start_date = cleaned.get("start_date")
        if start_date is None:
            return cleaned
        all_day = cleaned.get("all_day")
        if not all_day and not cleaned.get("start_time"):
            self.add_error("start_time", _("Give a start time, or tick “All day”."))
            return cleaned
        start = datetime.datetime.combine(start_date, datetime.time() if all_day else cleaned["start_time"], TIMEZONE)
        end = None
        if cleaned.get("end_date") or cleaned.get("end_time"):
            end_date = cleaned.get("end_date") or start_date
            end_time = datetime.time() if all_day else (cleaned.get("end_time") or cleaned["start_time"])
            end = datetime.datetime.combine(end_date, end_time, TIMEZONE)
            if end < start:
                self.add_error("end_date", _("The end must come after the start."))
        if not cleaned.get("place") and not (cleaned.get("street_address") or cleaned.get("online_url")):
            self.add_error("place", _("Choose a place, give an address or an online link."))
        try:
            parse_date_lines(cleaned.get("exdates"), bool(all_day))
        except RecurrenceError as error:
            self.add_error("exdates", str(error))
        cleaned["start"], cleaned["end"] = start, end
        cleaned["rrule"] = self.clean_recurrence(start, bool(all_day))
        return cleaned

    def clean_address_point(self, cleaned):
        """Place an address without a place of the directory as the event will be placed, and refuse it outside
        the area the platform serves (directory.service_area); the point found is kept for the event."""
        if cleaned.get("place") or not (cleaned.get("street_address") or cleaned.get("postcode")):
            return
        point = locate(cleaned.get("street_address", ""), cleaned.get("postcode", ""), cleaned.get("city", ""))
        if point is None:
            return
        try:
            check_point(*point, self.fields["street_address"].label, geocoded=True)
        except ValidationError as error:
            self.add_error("street_address", error)
            return
        cleaned["latitude"], cleaned["longitude"] = point


class EventSubmissionForm(EventFieldsForm):
    """A member submits an event for one of their collectives."""

    organiser = forms.ModelChoiceField(label=_("Organised by"), queryset=None)

    field_order = ["organiser"]

    def __init__(self, *args, organisers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers
        self.order_fields(["organiser", "title"])


class EventProposalForm(HoneypotMixin, EventFieldsForm):
    """Anyone may propose an event: confirmed by e-mail, then moderated."""

    email = forms.EmailField(
        label=_("Your e-mail address"), help_text=_("We send you a link to confirm the proposal. It is not published.")
    )
    organiser_name = forms.CharField(label=_("Who organises it"), max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["email", "organiser_name", "title"])


class FilterForm(forms.Form):
    """The agenda's filters, kept in the URL."""

    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    organiser = forms.TypedChoiceField(label=_("Organiser"), required=False, coerce=int, empty_value=None)
    commune = forms.TypedChoiceField(label=_("Commune"), required=False, coerce=int, empty_value=None)
    language = forms.ChoiceField(label=_("Language of the event"), required=False)
    free = forms.BooleanField(label=_("Free only"), required=False)

    def __init__(self, *args, locale=None, **kwargs):
        # agenda.models imports this module (EventPageForm), and agenda.selectors imports agenda.models.
        from .models import EVENT_LANGUAGE_CHOICES
        from .selectors import organiser_choices

        super().__init__(*args, **kwargs)
        categories = Category.objects.all()
        if locale is not None:
            categories = categories.filter(locale=locale)
        self.fields["category"].choices = [("", _("All categories"))] + [(c.slug, c.name) for c in categories]
        self.fields["organiser"].choices = [("", _("All organisers")), *organiser_choices(locale)]
        self.fields["commune"].choices = [("", _("All communes"))] + [(c.pk, c.name) for c in Commune.objects.all()]
        self.fields["language"].choices = [("", _("All languages")), *EVENT_LANGUAGE_CHOICES]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            raise ValidationError(_("The end of the period must come after its start."))
        return cleaned
