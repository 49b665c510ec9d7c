"""Filters shared by the apps' django-filter FilterSets: a closed vocabulary whose refusal names the accepted codes,
and a yes/no flag that refuses anything else. A refused value is an error with a translated reason, never an empty
result, so that a typo in a shared link or a reuser's query is noticed."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _


class ClosedChoiceField(forms.ChoiceField):
    """A choice whose refusal names the accepted codes."""

    def validate(self, value: str) -> None:
        if value and not self.valid_value(value):
            codes = ", ".join(sorted(str(code) for code, _label in self.choices if code))
            raise forms.ValidationError(_("Choose one of: %(codes)s."), code="invalid_choice", params={"codes": codes})


class ClosedChoiceFilter(django_filters.ChoiceFilter):
    field_class = ClosedChoiceField


class FlagField(forms.Field):
    """true/1/yes or false/0/no (any case); empty is no."""

    default_error_messages = {"invalid": _("Give true or false.")}

    def to_python(self, value: str | None) -> bool:
        value = (value or "").strip().lower() if isinstance(value, str) else value
        if value in ("", None, False, "false", "0", "no"):
            return False
        if value in (True, "true", "1", "yes"):
            return True
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class FlagFilter(django_filters.Filter):
    """A yes/no parameter; its `method` receives False too (django-filter skips only empty values)."""

    field_class = FlagField
