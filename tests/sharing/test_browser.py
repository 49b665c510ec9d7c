"""End to end in Chromium, in French and in Dutch: a collective posts a need, moderators of two other collectives
approve it (one approval is not enough), another
collective sees it suggested against its own offer and answers; a member finds a free room for 20 people with
step-free access in Ixelles next Tuesday evening, requests it, a manager accepts, and the booking shows in both
accounts and in the room's iCalendar feed. Screenshots are taken at desktop and phone sizes, into a temporary folder,
or into docs/img/ for the guide with `SHARING_SCREENSHOTS=docs/img`.

The pages are reached through `reverse()` in the language of the run and elements through their form field names,
so that the journeys hold whatever the catalogues say."""

import os
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import override
from icalendar import Calendar

from incommon_cms.sharing.models import Booking, Listing, Moderated

from .conftest import at, next_tuesday

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct-horse-battery"
ROOT = Path(__file__).resolve().parents[2]
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def url(name, language, *args):
    with override(language):
        return reverse(name, args=args)


def log_in(page, user, language):
    page.context.clear_cookies()
    page.goto(f"/{language}/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


@pytest.fixture
def shots(tmp_path):
    folder = ROOT / os.environ["SHARING_SCREENSHOTS"] if os.environ.get("SHARING_SCREENSHOTS") else tmp_path

    def take(page, name, language):
        for size, viewport in SIZES.items():
            page.set_viewport_size(viewport)
            page.screenshot(path=str(folder / f"sharing-{name}-{language}-{size}.png"), full_page=True)
        page.set_viewport_size(SIZES["desktop"])

    return take


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_a_need_is_posted_approved_suggested_and_answered(
    browser_page, shots, language, people, more_moderators, profiles, communes, categories, make_listing
):
    page = browser_page
    offer = make_listing(
        profiles["atelier"],
        "offer",
        title_fr="Graphisme pour collectifs",
        title_nl="Grafisch ontwerp voor collectieven",
    )

    log_in(page, people["potager"], language)
    page.goto(url("sharing:listing_new", language))
    page.check("input[name=kind][value=need]")
    page.select_option("select[name=category]", str(categories["design"].pk))
    page.select_option("select[name=commune]", str(communes["ixelles"].pk))
    page.fill("input[name=title_fr]", "Besoin d'un·e graphiste pour notre affiche")
    page.fill("input[name=title_nl]", "Grafisch ontwerper gezocht voor onze affiche")
    page.fill("textarea[name=description_fr]", "Une affiche A3 pour la fête du potager.")
    page.fill("input[name=quantity]", "2 jours")
    page.fill("input[name=expires_on]", "2000-01-01")
    page.locator("main form button[type=submit]").click()
    # Refused with a reason next to the field; what was typed is kept.
    assert page.locator(".field-error input[name=expires_on]").count() == 1
    assert page.input_value("input[name=title_fr]") == "Besoin d'un·e graphiste pour notre affiche"
    shots(page, "form-error", language)
    page.fill("input[name=expires_on]", next_tuesday().isoformat())
    page.locator("main form button[type=submit]").click()
    need = Listing.objects.get(kind="need")
    assert need.status == Moderated.PENDING

    log_in(page, people["moderator"], language)
    page.goto(url("governance:queue", language))
    page.locator(f"#sharing-listing-{need.pk} button[value=approve]").click()
    page.wait_for_load_state()
    need.refresh_from_db()
    assert need.status == Moderated.PENDING
    assert page.locator(f"#sharing-listing-{need.pk} button[value=approve]").count() == 0

    log_in(page, more_moderators["elsewhere"], language)
    page.goto(url("governance:queue", language))
    page.locator(f"#sharing-listing-{need.pk} button[value=approve]").click()
    page.wait_for_load_state()
    need.refresh_from_db()
    assert need.status == Moderated.PUBLISHED

    log_in(page, people["atelier"], language)
    page.goto(url("sharing:mine", language))
    expected_title = need.title_nl if language == "nl" else need.title_fr
    suggestion = page.get_by_role("link", name=expected_title)
    assert suggestion.count() == 1
    shots(page, "mine", language)
    suggestion.click()
    page.wait_for_load_state()
    page.select_option("select[name=profile]", str(profiles["atelier"].pk))
    page.fill("textarea[name=body]", "Notre graphiste peut s'en charger la semaine prochaine.")
    shots(page, "listing", language)
    mail.outbox.clear()
    page.locator("section form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert need.answers.get().body == "Notre graphiste peut s'en charger la semaine prochaine."
    assert {m.to[0] for m in mail.outbox} == {people["potager"].email, people["moderator_own"].email}
    assert all(people["atelier"].email not in m.body for m in mail.outbox)

    page.context.clear_cookies()
    page.goto(url("sharing:board", language) + f"?commune={communes['ixelles'].nis_code}")
    assert page.get_by_role("link", name=expected_title).count() == 1
    assert page.get_by_role("link", name=offer.title_nl if language == "nl" else offer.title_fr).count() == 1
    shots(page, "board", language)


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_a_member_finds_a_room_requests_it_and_the_managers_accept(
    browser_page, shots, language, people, profiles, communes, rooms
):
    page = browser_page
    tuesday = next_tuesday()
    log_in(page, people["potager"], language)
    page.goto(url("sharing:rooms", language))
    page.fill("input[name=date]", tuesday.isoformat())
    page.fill("input[name=start]", "19:00")
    page.fill("input[name=end]", "21:00")
    page.fill("input[name=capacity]", "20")
    page.select_option("select[name=commune]", communes["ixelles"].nis_code)
    page.check("input[name=step_free]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    results = page.locator(".room-card h3 a")
    assert results.all_inner_texts() == ["Grande salle"]
    shots(page, "room-search", language)
    results.first.click()
    page.wait_for_load_state()
    page.locator(f"a.button[href^='{url('sharing:room_book', language, rooms['grande'].pk)}']").click()
    page.wait_for_load_state()
    assert page.input_value("input[name=date]") == tuesday.isoformat()
    assert page.input_value("input[name=start_time]") == "19:00"
    assert page.input_value("input[name=attendees]") == "20"
    page.fill("textarea[name=purpose]", "Assemblée générale du potager")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    booking = Booking.objects.get()
    assert booking.status == Booking.REQUESTED and booking.start == at(tuesday, 19)

    log_in(page, people["manager_two"], language)
    page.goto(url("sharing:mine", language))
    page.fill(f"#message-{booking.pk}", "Bienvenue, les clés sont au bar.")
    shots(page, "requests", language)
    page.locator(f"#booking-{booking.pk} button[type=submit]").first.click()
    page.wait_for_load_state()
    booking.refresh_from_db()
    assert booking.status == Booking.ACCEPTED

    page.goto(url("sharing:room", language, rooms["grande"].pk))
    feed_url = page.locator(".feed-url a").get_attribute("href")
    assert rooms["grande"].feed_token in feed_url
    feed = page.request.get(feed_url)
    [event] = Calendar.from_ical(feed.body()).walk("VEVENT")
    assert event["SUMMARY"] == "Potager Collectif (20)"
    assert event.decoded("DTSTART") == at(tuesday, 19)
    shots(page, "room", language)

    log_in(page, people["potager"], language)
    page.goto(url("sharing:mine", language))
    mine = page.locator("main").inner_text()
    assert "Grande salle" in mine and "Bienvenue, les clés sont au bar." in mine
