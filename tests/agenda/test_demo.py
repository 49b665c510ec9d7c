import io

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Revision

from agenda import demo
from agenda.models import EventPage
from incommon_cms.core.demo_utils import DemoContext
from incommon_cms.core.management.commands.load_demo import demo_modules

pytestmark = pytest.mark.django_db


def test_demo_events_are_varied_and_idempotent(locales):
    ctx = DemoContext(stdout=io.StringIO())
    for module in demo_modules():
        if module.ORDER <= demo.ORDER:
            module.load(ctx)
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
    demo.load(ctx)
    assert (EventPage.objects.count(), event_revisions.count()) == counts
