import io

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Revision

from agenda.models import EventPage
from incommon_cms.core.demo_loader import DemoContext, demo_files, load_demo_files

pytestmark = pytest.mark.django_db


def test_demo_events_are_varied_and_idempotent(locales):
    ctx = DemoContext(stdout=io.StringIO())
    agenda_files = demo_files(app_labels={"agenda"})
    load_demo_files(ctx, [demo_file for demo_file in demo_files() if demo_file.order <= agenda_files[0].order])
    events = EventPage.objects.live()
    french = events.filter(locale__language_code="fr")
    assert french.count() >= 30
    assert events.filter(locale__language_code="nl").count() >= 28
    assert french.exclude(rrule="").count() >= 5
    assert french.filter(status="cancelled").count() == 1
    assert french.filter(all_day=True).exists()
    assert len(set(french.exclude(place=None).values_list("place__title", flat=True))) >= 5
    assert len(set(french.values_list("organisers__title", flat=True))) >= 20
    event_revisions = Revision.objects.filter(content_type=ContentType.objects.get_for_model(EventPage))
    counts = (EventPage.objects.count(), event_revisions.count())
    load_demo_files(ctx, agenda_files)
    assert (EventPage.objects.count(), event_revisions.count()) == counts
