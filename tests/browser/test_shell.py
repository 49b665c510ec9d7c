import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_home_in_a_real_browser_then_switch_to_dutch(browser_page, homes):
    page = browser_page
    page.goto("/fr/")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.get_by_role("link", name="NL – Nederlands").click()
    page.wait_for_url("**/nl/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("link", name="Naar de inhoud").count() == 1


def test_layout_fits_a_phone(browser_page, homes):
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/fr/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
