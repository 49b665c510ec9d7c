"""The members' *Subscribed calendars* screen: calendar sources of the commons (kind ical) owned by a collective.

A member of a collective (any moderator) lists its calendars with their last runs, adds one by address or .ics file,
changes it and synchronises it now; `commons/calendars.py` creates and changes the sources and the engine runs them.
The screen keeps the agenda's addresses (`/fr/agenda/calendriers/`...): it is reached from the agenda.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incommon_cms.core.i18n import active_locale
from incommon_cms.core.ratelimit import allow_request
from incommon_cms.core.roles import is_moderator
from incommon_cms.governance.memberships import acting_collectives
from incommon_cms.governance.models import Membership

from .calendars import change_subscription, subscribe
from .engine import run_source
from .forms import CalendarFeedForm, CalendarSourceEditForm
from .models import ImportRun, ImportSource


def manageable_calendars(user):
    sources = ImportSource.objects.filter(kind=ImportSource.ICAL, organiser__isnull=False)
    if is_moderator(user):
        return sources
    keys = Membership.objects.filter(user=user).values_list("profile__translation_key", flat=True)
    return sources.filter(organiser__translation_key__in=list(keys))


@login_required
def calendars(request):
    organisers = acting_collectives(request.user, active_locale())
    form = CalendarFeedForm(request.POST or None, request.FILES or None, organisers=organisers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        source = subscribe(
            name=data["name"],
            organiser=data["organiser"],
            url=data.get("url") or "",
            file=data.get("file") or None,
            user=request.user,
        )
        _report_message(request, run_source(source, user=request.user))
        return redirect("agenda_calendars")
    runs = Prefetch("runs", queryset=ImportRun.objects.filter(dry_run=False), to_attr="real_runs")
    sources = manageable_calendars(request.user).select_related("organiser").prefetch_related(runs)
    return render(request, "commons/calendars.html", {"form": form, "sources": sources})


@login_required
def edit_calendar(request, pk):
    source = get_object_or_404(ImportSource, pk=pk, kind=ImportSource.ICAL)
    if not manageable_calendars(request.user).filter(pk=source.pk).exists():
        raise PermissionDenied
    organisers = acting_collectives(request.user, active_locale())
    initial = {"name": source.name, "organiser": source.organiser_id, "url": source.url}
    form = CalendarSourceEditForm(
        request.POST or None, request.FILES or None, organisers=organisers, has_file=bool(source.file), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        change_subscription(
            source, name=data["name"], organiser=data["organiser"], url=data.get("url") or "", file=data.get("file")
        )
        messages.success(request, _("Calendar saved: it is read anew at its next synchronisation."))
        return redirect("agenda_calendars")
    return render(request, "commons/calendar_edit.html", {"form": form, "source": source})


@login_required
@require_POST
def sync_now(request, pk):
    source = get_object_or_404(ImportSource, pk=pk, kind=ImportSource.ICAL)
    if not manageable_calendars(request.user).filter(pk=source.pk).exists():
        raise PermissionDenied
    if not allow_request(request, "agenda-sync", limit=20, period=3600):
        messages.error(request, _("Too many synchronisations: please try again later."))
        return redirect("agenda_calendars")
    _report_message(request, run_source(source, user=request.user))
    return redirect("agenda_calendars")


def _report_message(request, run):
    if run.status == ImportRun.SUCCESS:
        messages.success(
            request,
            _("Calendar synchronised: %(created)s created, %(updated)s updated, %(removed)s removed.")
            % {"created": run.created, "updated": run.updated, "removed": run.withdrawn},
        )
    else:
        messages.error(request, _("The calendar could not be synchronised: %(reason)s") % {"reason": run.message})
