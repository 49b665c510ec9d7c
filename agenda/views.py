"""Views of the agenda: page contexts, feeds (.ics, GeoJSON) and submissions.

The members' *Subscribed calendars* screen is the commons' (`commons/views.py`): a calendar is a commons source."""

import calendar
import datetime
import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.formats import date_format
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from wagtail.models import Locale

from incommon_cms.core.i18n import active_locale
from incommon_cms.core.ratelimit import allow_request
from incommon_cms.directory.models import Category, ProfilePage
from incommon_cms.directory.profile import json_ld
from incommon_cms.governance.memberships import acting_collectives

from . import geo, selectors
from .forms import EventProposalForm, EventSubmissionForm, FilterForm
from .ics_export import calendar_bytes
from .models import EventProposal
from .occurrences import group_by_day, next_occurrences
from .recurrence import TIMEZONE
from .schema_org import event_json_ld
from .submissions import agenda_index, create_draft, propose
from .submissions import confirm as confirm_proposal

FILTER_KEYS = ("start", "end", "category", "organiser", "commune", "language", "free")
FEED_KEYS = ("category", "organiser", "commune", "language", "free")


def _local_midnight(day):
    return datetime.datetime.combine(day, datetime.time(), TIMEZONE)


def _query(params, **changes):
    merged = {key: value for key, value in params.items() if value not in ("", None)}
    merged.update({key: value for key, value in changes.items() if value not in ("", None)})
    for key in [key for key, value in changes.items() if value in ("", None)]:
        merged.pop(key, None)
    return urlencode(merged)


def agenda_context(index, request):
    """The agenda page: filters, then either the list by day or the month calendar, plus map and feed links."""
    locale = index.locale
    form = FilterForm(request.GET or None, locale=locale)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    params = {key: request.GET.get(key, "") for key in FILTER_KEYS}
    today = timezone.localdate()
    mode = "month" if request.GET.get("view") == "month" else "list"
    context = {"filter_form": form, "mode": mode, "filters_active": any(filters.get(k) for k in FILTER_KEYS)}

    if mode == "month":
        try:
            year, month = (int(part) for part in request.GET.get("month", "").split("-"))
            first = datetime.date(year, month, 1)
        except ValueError:
            first = today.replace(day=1)
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
        found = selectors.occurrences(
            locale, _local_midnight(weeks[0][0]), _local_midnight(weeks[-1][-1] + datetime.timedelta(days=1)), filters
        )
        by_day = {}
        for occurrence in found:
            for day in occurrence.days:
                by_day.setdefault(day, []).append(occurrence)
        previous = (first - datetime.timedelta(days=1)).replace(day=1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        context.update(
            month=first,
            weeks=[[(day, by_day.get(day, []), day.month == first.month) for day in week] for week in weeks],
            weekday_names=[_day_name(day) for day in weeks[0]],
            previous_query=_query(params, view="month", month=previous.strftime("%Y-%m")),
            next_query=_query(params, view="month", month=following.strftime("%Y-%m")),
        )
    else:
        first_day = filters.get("start") or today
        last_day = filters.get("end") or first_day + datetime.timedelta(days=index.horizon_days)
        window_start = _local_midnight(first_day)
        if first_day == today:
            window_start = max(window_start, timezone.now() - datetime.timedelta(hours=3))
        found = selectors.occurrences(
            locale, window_start, _local_midnight(last_day + datetime.timedelta(days=1)), filters
        )

        context.update(days=group_by_day(found, first_day, last_day), first_day=first_day, last_day=last_day)
    # The map shows the events of the period on screen (from now on when the period includes today).
    if mode == "month":
        period_start, period_end = first, following - datetime.timedelta(days=1)
    else:
        period_start, period_end = first_day, last_day
    map_window = {"end": period_end.isoformat()}
    if not period_start <= today <= period_end:
        map_window["start"] = period_start.isoformat()

    feed_params = {key: params[key] for key in FEED_KEYS if params.get(key)}
    context.update(
        list_query=_query(params, view=None, month=None),
        month_query=_query(params, view="month"),
        feed_url=reverse("agenda_feed") + "?" + urlencode({**feed_params, "lang": locale.language_code}),
        geojson_url=reverse("agenda_geojson")
        + "?"
        + urlencode({**feed_params, **map_window, "lang": locale.language_code}),
        submit_url=reverse("agenda_submit"),
        propose_url=reverse("agenda_propose"),
        calendars_url=reverse("agenda_calendars"),
        map_tile_url=settings.MAP_TILE_URL,
        map_tile_attribution=settings.MAP_TILE_ATTRIBUTION,
    )
    return context


def _day_name(day):
    return date_format(day, "D")


def event_context(event, request):
    """The event page's extras. Only published organisers and place are named: a draft never shows its title."""
    upcoming = next_occurrences(event, limit=10)
    occurrence = upcoming[0] if upcoming else None
    return {
        "next_occurrences": upcoming,
        "ics_url": reverse("agenda_event_ics", kwargs={"pk": event.pk}),
        "json_ld": json_ld(event_json_ld(event, request, occurrence)),
        "organisers": selectors.published_organisers(event),
        "place_profile": event.place_profile if event.place_id and event.place.live else None,
    }


# Feeds


def _feed_locale(request):
    code = request.GET.get("lang") or translation.get_language() or "fr"
    return Locale.objects.filter(language_code=code).first() or Locale.get_default()


def _feed_events(locale, filters):
    recent = timezone.now() - datetime.timedelta(days=90)
    events = (
        selectors.filter_events(selectors.events_for_locale(locale), filters)
        if filters
        else (selectors.events_for_locale(locale))
    )
    return [event for event in events if event.series_end is None or event.series_end >= recent]


def _ics_response(request, events, name, filename, attachment=False):
    """The calendar of these events, with an ETag (of its bytes) and a Last-Modified (its latest publication), so
    calendar programs polling the feed get `304 Not Modified` while nothing changed."""
    events = list(events)
    body = calendar_bytes(events, name=name)
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    stamps = [event.last_published_at for event in events if event.last_published_at]
    last_modified = int(max(stamps).timestamp()) if stamps else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        disposition = "attachment" if attachment else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    return response


def _clean_feed_filters(request, locale):
    form = FilterForm(request.GET, locale=locale)
    if not form.is_valid():
        return None, form.errors
    return {key: form.cleaned_data.get(key) for key in FEED_KEYS}, None


def feed(request):
    """`/agenda/feed.ics?category=…&organiser=…&commune=…&language=…&free=1&lang=nl`"""
    locale = _feed_locale(request)
    with translation.override(locale.language_code):
        filters, errors = _clean_feed_filters(request, locale)
        if errors:
            return HttpResponse(errors.as_text(), status=400, content_type="text/plain; charset=utf-8")
        return _ics_response(request, _feed_events(locale, filters), _("In Common agenda"), "agenda.ics")


def organiser_feed(request, pk):
    profile = get_object_or_404(ProfilePage.objects.live(), pk=pk)
    locale = _feed_locale(request) if request.GET.get("lang") else profile.locale
    events = _feed_events(locale, {"organiser": profile.pk})
    return _ics_response(request, events, f"{profile.title} · In Common", f"{profile.slug}.ics")


def category_feed(request, slug):
    locale = _feed_locale(request)
    category = Category.objects.filter(slug=slug, locale=locale).first() or Category.objects.filter(slug=slug).first()
    if category is None:
        raise Http404
    events = _feed_events(locale, {"category": slug})
    return _ics_response(request, events, f"{category.name} · In Common", f"{slug}.ics")


def event_ics(request, pk):
    event = get_object_or_404(selectors.public_events(), pk=pk)
    return _ics_response(request, [event], event.title, f"{event.slug}.ics", attachment=True)


def geojson(request):
    """Events with a known position, each at its next occurrence in the window, for the maps.

    The agenda's filters, `lang`, and the window: `start`/`end` (dates) or `days` (from now, default 90).
    """
    locale = _feed_locale(request)
    with translation.override(locale.language_code):
        form = FilterForm(request.GET, locale=locale)
        errors = {} if form.is_valid() else form.errors.get_json_data()
        days, days_error = geo.parse_days(request.GET.get("days"))
        if days_error:
            errors["days"] = [{"message": days_error, "code": "invalid"}]
        if errors:
            return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})
        filters = {key: form.cleaned_data.get(key) for key in FEED_KEYS}
        start, end = geo.window(form.cleaned_data.get("start"), form.cleaned_data.get("end"), days)
        data = geo.feature_collection(locale, start, end, filters)
    response = JsonResponse(data, content_type="application/geo+json", json_dumps_params={"ensure_ascii": False})
    response["Content-Language"] = locale.language_code
    response["Access-Control-Allow-Origin"] = "*"
    return response


# Submissions


@login_required
def submit_event(request):
    locale = active_locale()
    organisers = acting_collectives(request.user, locale)
    if not organisers.exists():
        messages.info(request, _("Only members of a collective can add events directly. You can propose one instead."))
        return redirect("agenda_propose")
    form = EventSubmissionForm(request.POST or None, locale=locale, organisers=organisers)
    if request.method == "POST" and form.is_valid():
        if not allow_request(request, "agenda-submit", limit=30, period=3600):
            form.add_error(None, _("Too many submissions: please try again later."))
        else:
            index = agenda_index(locale)
            create_draft(index, form.cleaned_data, user=request.user, organiser=form.cleaned_data["organiser"])
            messages.success(request, _("Thank you! Your event has been sent for moderation."))
            return redirect(index.url)
    return render(request, "agenda/submit_event.html", {"form": form})


def propose_event(request):
    locale = active_locale()
    form = EventProposalForm(request.POST or None, locale=locale)
    if request.method == "POST" and form.is_valid():
        if not allow_request(request, "agenda-propose", limit=5, period=3600):
            form.add_error(None, _("Too many proposals from your connection: please try again later."))
        else:
            propose(form.cleaned_data, language=locale.language_code, request=request)
            return render(request, "agenda/proposal_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "agenda/propose_event.html", {"form": form})


def confirm_proposal_view(request, token):
    proposal = get_object_or_404(EventProposal, token=token)
    if request.method == "POST":
        confirm_proposal(proposal)
        return render(request, "agenda/proposal_confirmed.html", {"proposal": proposal})
    return render(request, "agenda/confirm_proposal.html", {"proposal": proposal})


def event_for_profile(profile, request):
    """Profile section: the next events organised by or held at this profile."""
    upcoming = selectors.profile_occurrences(profile, limit=5)
    if not upcoming:
        return None
    return {
        "occurrences": upcoming,
        "feed_url": reverse("agenda_organiser_feed", kwargs={"pk": profile.pk}),
    }
