"""Keyboard-only journeys in Chromium: no mouse, only Tab, typing and Enter (search, the directory's list view,
the agenda filter, a collective editing its profile)."""

import datetime

import pytest
from playwright.sync_api import expect

from agenda.factories import AgendaIndexPageFactory, EventPageFactory
from agenda.recurrence import TIMEZONE
from incommon_cms.accounts.factories import UserFactory
from incommon_cms.directory.factories import AlternativePageFactory, CategoryFactory, DirectoryIndexPageFactory
from incommon_cms.governance.models import Membership
from incommon_cms.governance.workflows import ensure_default_workflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct-horse-battery"


def tab_to(page, condition, limit=80):
    """Press Tab until `condition` (JS over `el`, the focused element) holds; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({condition}); }})()"):
            return
    pytest.fail(f"Tab never reached an element where {condition}")


def focused_is_visible(page):
    return page.evaluate(
        "(() => { const r = document.activeElement.getBoundingClientRect(); return r.width > 0 && r.height > 0; })()"
    )


@pytest.fixture
def directory(home_fr):
    index = DirectoryIndexPageFactory(parent=home_fr)
    for title, postcode in [("Repair Café Ixelles", "1050"), ("Potager du Midi", "1060")]:
        AlternativePageFactory(parent=index, title=title, postcode=postcode).save_revision().publish()
    return index


def test_search_from_the_header_with_the_keyboard(browser_page, directory):
    page = browser_page
    page.goto("/fr/")
    tab_to(page, "el.id === 'header-search-q'")
    page.keyboard.type("Repair")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=Repair**")
    tab_to(page, "el.tagName === 'A' && el.textContent.includes('Repair Café Ixelles')")
    assert focused_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/repair-cafe-ixelles/")
    expect(page.locator("h1")).to_have_text("Repair Café Ixelles")


def test_directory_list_view_with_the_keyboard(browser_page, directory):
    page = browser_page
    page.goto(directory.url)
    tab_to(page, "el.id === 'filter-q'")
    page.keyboard.type("Potager")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=Potager**")
    expect(page.locator("#profile-list > li")).to_have_count(1)
    tab_to(page, "el.closest('#profile-list') && el.tagName === 'A'")
    assert "Potager du Midi" in page.evaluate("document.activeElement.textContent")
    assert focused_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/potager-du-midi/")


def test_agenda_filter_with_the_keyboard(browser_page, home_fr, locales):
    food = CategoryFactory(name="Alimentation", slug="food", locale=locales["fr"])
    CategoryFactory(name="Culture", slug="culture", locale=locales["fr"])
    agenda = AgendaIndexPageFactory(parent=home_fr)
    day = datetime.date.today() + datetime.timedelta(days=3)
    soup = EventPageFactory(
        parent=agenda, title="Soupe populaire", start=datetime.datetime.combine(day, datetime.time(18), TIMEZONE)
    )
    soup.categories = [food]
    soup.save_revision().publish()
    EventPageFactory(
        parent=agenda, title="Concert de quartier", start=datetime.datetime.combine(day, datetime.time(20), TIMEZONE)
    ).save_revision().publish()

    page = browser_page
    page.goto(agenda.url)
    tab_to(page, "el.tagName === 'SELECT' && el.name === 'category'")
    page.keyboard.type("Alim")  # a focused <select> picks the option starting with the typed letters
    assert page.evaluate("document.activeElement.value") == "food"
    tab_to(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Filtrer'")
    page.keyboard.press("Enter")
    page.wait_for_url("**category=food**")
    assert page.get_by_role("link", name="Soupe populaire").count() == 1
    assert page.get_by_role("link", name="Concert de quartier").count() == 0


def test_a_collective_edits_its_profile_with_the_keyboard(browser_page, directory):
    ensure_default_workflow()
    profile = directory.get_children().live().first().specific
    editor = UserFactory(email="karim@example.org", password=PASSWORD)
    Membership.objects.create(user=editor, profile=profile, role=Membership.EDITOR)

    page = browser_page
    page.goto("/fr/accounts/login/")
    tab_to(page, "el.name === 'login'")
    page.keyboard.type(editor.email)
    tab_to(page, "el.name === 'password'")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(profile.url)
    tab_to(page, "el.tagName === 'A' && el.textContent.trim() === 'Modifier mon profil'")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: f"/gouvernance/profil/{profile.pk}/" in url)
    tab_to(page, "el.labels && el.labels[0] && el.labels[0].textContent.trim().startsWith('Description courte')")
    page.keyboard.press("Control+A")
    page.keyboard.type("Réparer ensemble, chaque samedi.")
    tab_to(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Envoyer pour approbation'")
    assert focused_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Vos modifications ont été envoyées aux modérateurs")).to_have_count(1)
