"""Forms of the members' *Subscribed calendars* screen: a calendar source of kind ical for a collective, given by
its address or as an uploaded .ics file (`commons/calendars.py` creates and changes the source)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from incommon_cms.core.limits import check_upload


class CalendarFeedForm(forms.Form):
    """Subscribe a remote calendar or upload a .ics file for a collective."""

    name = forms.CharField(label=_("Name"), max_length=200)
    organiser = forms.ModelChoiceField(label=_("Events organised by"), queryset=None)
    url = forms.URLField(label=_("Calendar address (URL)"), required=False, max_length=500)
    file = forms.FileField(label=_("Or a .ics file"), required=False)

    def __init__(self, *args, organisers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers

    def clean_file(self):
        """Only real iCalendar files within the calendars' size limit (`core.limits`, the same as for a calendar's
        address): uploads are served from the site's own domain."""
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        if not upload.name.lower().endswith(".ics"):
            raise ValidationError(_("Upload a calendar file ending in .ics."))
        check_upload(upload, "calendar")
        head = upload.read(64).lstrip(b"\xef\xbb\xbf").lstrip()
        upload.seek(0)
        if not head.upper().startswith(b"BEGIN:VCALENDAR"):
            raise ValidationError(_("This file is not an iCalendar (.ics) file."))
        return upload

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("url")) == bool(cleaned.get("file")):
            raise ValidationError(_("Give either the address of a calendar or a .ics file, not both."))
        return cleaned


class CalendarSourceEditForm(CalendarFeedForm):
    """Change a subscribed calendar: its name, collective, address, or a new .ics file. A calendar that was uploaded
    keeps its file when neither an address nor a new file is given."""

    def __init__(self, *args, has_file=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_file = has_file
        self.fields["file"].label = _("Or a new .ics file")

    def clean(self):
        cleaned = forms.Form.clean(self)
        if cleaned.get("url") and cleaned.get("file"):
            raise ValidationError(_("Give either the address of a calendar or a .ics file, not both."))
        if not cleaned.get("url") and not cleaned.get("file") and not self.has_file:
            raise ValidationError(_("Give either the address of a calendar or a .ics file, not both."))
        return cleaned
