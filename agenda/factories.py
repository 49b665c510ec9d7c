import datetime

import factory
import wagtail_factories

from .models import AgendaIndexPage, EventPage
from .recurrence import TIMEZONE


class AgendaIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AgendaIndexPage

    title = "Agenda"
    slug = "agenda"


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Event {n}")
    summary = "Un événement."
    start = factory.LazyFunction(
        lambda: datetime.datetime.combine(
            datetime.date.today() + datetime.timedelta(days=3), datetime.time(19), TIMEZONE
        )
    )
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
