"""Events submitted from the front end: members' submissions and the public's confirmed proposals.

Both become a draft EventPage whose revision is submitted to the page's Wagtail workflow (the co-governance
workflow of the agenda), so that moderators review them like any other page change.
"""

import datetime
import html

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from incommon_cms.core.mail import send_templated_mail
from incommon_cms.core.slugs import unique_slug
from incommon_cms.core.text import text_to_html
from incommon_cms.directory.models import Category, ProfilePage
from incommon_cms.governance.submissions import submit_revision

from .models import AgendaIndexPage, EventPage, EventProposal

PAGE_FIELDS = [
    "title",
    "summary",
    "start",
    "end",
    "all_day",
    "rrule",
    "exdates",
    "venue_name",
    "street_address",
    "postcode",
    "city",
    "latitude",
    "longitude",
    "online_url",
    "audience",
    "price_kind",
    "price",
    "registration_url",
    "event_languages",
    "accessibility",
]


def agenda_index(locale):
    return AgendaIndexPage.objects.filter(locale=locale).first() or AgendaIndexPage.objects.order_by("pk").first()


def create_draft(index, data, *, user=None, organiser=None, intro_html=""):
    """A draft (not live) EventPage under `index` from cleaned form data, submitted to moderation."""
    page = EventPage(
        live=False, owner=user, slug=unique_slug(index, f"{data['title']} {data['start']:%Y-%m-%d}", fallback="event")
    )
    for name in PAGE_FIELDS:
        if name in data and data[name] is not None:
            setattr(page, name, data[name])
    page.description = intro_html + text_to_html(data.get("description"))
    if data.get("place"):
        page.place = data["place"]
    index.add_child(instance=page)
    page.categories = list(data.get("categories") or [])
    page.organisers = [organiser] if organiser is not None else []
    page.save()
    submit_revision(page, user)
    return page, page.latest_revision


def serialise(data):
    """Cleaned proposal data as JSON-friendly values (models by primary key, dates in ISO format)."""
    values = {}
    for name, value in data.items():
        if name in {"website_url"}:
            continue
        if hasattr(value, "pk"):
            value = value.pk
        elif hasattr(value, "values_list"):
            value = list(value.values_list("pk", flat=True))
        elif isinstance(value, datetime.date | datetime.time):
            value = value.isoformat()
        values[name] = value
    return values


def deserialise(values):
    data = dict(values)
    for name in ("start", "end"):
        if data.get(name):
            data[name] = datetime.datetime.fromisoformat(data[name])
    data["place"] = ProfilePage.objects.filter(pk=data.get("place")).first() if data.get("place") else None
    data["categories"] = list(Category.objects.filter(pk__in=data.get("categories") or []))
    return data


def propose(data, *, language, request):
    """Keep a proposal from the public and send its confirmation link."""
    proposal = EventProposal.objects.create(email=data["email"], language=language, data=serialise(data))
    link = request.build_absolute_uri(reverse("agenda_confirm", kwargs={"token": proposal.token}))
    send_templated_mail(
        proposal.email, "agenda/email/confirm_proposal", {"proposal": proposal, "link": link}, language=language
    )
    return proposal


def confirm(proposal):
    """Turn a confirmed proposal into a draft event submitted to moderation (once)."""
    if proposal.page_id:
        return proposal.page
    data = deserialise(proposal.data)
    index = agenda_index(_locale(proposal.language))
    intro = f"<p><em>{html.escape(data.get('organiser_name', ''))}</em></p>"
    page, _revision = create_draft(index, data, intro_html=intro)
    proposal.page = page
    proposal.confirmed_at = timezone.now()
    proposal.save(update_fields=["page", "confirmed_at"])
    return page


def _locale(code):
    return Locale.objects.filter(language_code=code).first() or Locale.get_default()
