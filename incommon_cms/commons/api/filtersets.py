"""What the open API adds to the apps' filter sets (directory, agenda, toolbox): `updated_since`, for reusers who fetch only
what changed.

The API views filter through `DjangoFilterBackend` with these classes: a refused value answers 400 with
{parameter: [reason]}, and drf-spectacular documents the parameters from the same declarations.
"""

import datetime

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _

from agenda.filtersets import EventFilterSet
from incommon_cms.directory.filtersets import ProfileFilterSet
from toolbox.filtersets import KnowledgeFilterSet, ToolFilterSet


def parse_moment(value: str) -> datetime.datetime:
    """An aware moment in UTC from a date or a date-time; ValueError or OverflowError when unreadable."""
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise ValueError
        moment = datetime.datetime(day.year, day.month, day.day)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    # In UTC: databases refuse offsets beyond ±15:59 ("-17:48" parses); a moment out of range raises OverflowError.
    return moment.astimezone(datetime.UTC)


class MomentField(forms.CharField):
    default_error_messages = {"invalid": _("Give a date such as 2025-01-31.")}

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_moment(value)
        except (ValueError, OverflowError) as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error


class UpdatedSinceFilter(django_filters.Filter):
    """Records published since a moment (a date or a date-time)."""

    field_class = MomentField

    def __init__(self, **kwargs):
        kwargs.setdefault("field_name", "last_published_at")
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault("help_text", "Only records changed since then (a date or a date-time).")
        super().__init__(**kwargs)


class ProfileApiFilterSet(ProfileFilterSet):
    updated_since = UpdatedSinceFilter()

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return super().filter_queryset(queryset).order_by("pk")


class ToolApiFilterSet(ToolFilterSet):
    updated_since = UpdatedSinceFilter()


class KnowledgeApiFilterSet(KnowledgeFilterSet):
    updated_since = UpdatedSinceFilter()


class EventApiFilterSet(EventFilterSet):
    updated_since = UpdatedSinceFilter()
