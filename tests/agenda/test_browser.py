import datetime
from pathlib import Path

import icalendar
import pytest

from agenda.factories import EventPageFactory
from agenda.recurrence import TIMEZONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_filter_by_category_and_download_an_event(browser_page, agenda, category, locales):
    from incommon_cms.directory.factories import CategoryFactory

    other = CategoryFactory(name="Culture", slug="culture", locale=locales["fr"])
    day = datetime.date.today() + datetime.timedelta(days=3)
    soup = EventPageFactory(
        parent=agenda["fr"], title="Soupe populaire", start=datetime.datetime.combine(day, datetime.time(18), TIMEZONE)
    )
    soup.categories = [category]
    soup.save_revision().publish()
    concert = EventPageFactory(
        parent=agenda["fr"],
        title="Concert de quartier",
        start=datetime.datetime.combine(day, datetime.time(20), TIMEZONE),
    )
    concert.categories = [other]
    concert.save_revision().publish()

    page = browser_page
    page.goto("/fr/agenda/")
    assert page.get_by_role("link", name="Concert de quartier").count() == 1
    page.get_by_label("Catégorie").select_option("food")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**category=food**")
    assert page.get_by_role("link", name="Soupe populaire").count() == 1
    assert page.get_by_role("link", name="Concert de quartier").count() == 0
    assert page.get_by_label("Catégorie").input_value() == "food"

    page.get_by_role("link", name="Soupe populaire").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ajouter à mon calendrier (.ics)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Soupe populaire"
    assert event["dtstart"].dt.hour == 18
